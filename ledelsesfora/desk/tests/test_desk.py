"""The overviews: the secretariat's desk (what the forums wait for, with a reminder to each
approver) and a person's own page (what they owe next). Each row links to where it is acted on;
nobody else sees the desk; the queries stay the same as more waits."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ledelsesfora.agenda import operations
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.forums.models import Forum
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.django_db
PUBLICATION_DAY = datetime.datetime(2026, 11, 27, 12, tzinfo=TIMEZONE)


def who(handle, org="albertslund"):
    return Person.objects.get(username=f"{handle}@{org}")


def client_of(person):
    client = Client()
    client.force_login(person)
    return client


def dif(day):
    return Meeting.objects.get(
        forum__organisation__slug="albertslund", forum__short_name="DIF", start__date=day
    )


def propose(title, meeting, *, review=False):
    director = who("omraadedirektoer")
    item = operations.create_item(
        Forum.objects.get(organisation__slug="albertslund", short_name="DIF"),
        ItemData(title=title, kind="information", responsible_director=director),
        by=director,
        meeting=meeting,
    )
    item = operations.submit_item(item, by=director)
    return operations.review_item(item, by=who("sekretaer")) if review else item


def test_the_desk_shows_what_waits_and_links_to_where_it_is_done(
    django_capture_on_commit_callbacks,
):
    coming = dif(datetime.date(2026, 12, 1))
    submitted = propose("Ny mødestruktur", coming)
    reviewed = propose("Fælles rekruttering", coming, review=True)
    with time_machine.travel(PUBLICATION_DAY, tick=False):
        secretary = client_of(who("sekretaer"))
        page = secretary.get("/albertslund/sekretariat/").content.decode()
        assert f'<a href="/punkt/{submitted.pk}/">Ny mødestruktur</a>' in page
        director = who("omraadedirektoer")
        assert director.full_name in page and f'<a href="/punkt/{reviewed.pk}/">' in page
        assert f'<a href="/moede/{coming.pk}/sekretariat/">DIF' in page  # publication day: today
        assert "Orientér afdelingerne" in page  # the demo's overdue action
        assert "/referat/" in page  # minutes still to send or approve
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = secretary.post(
                "/albertslund/sekretariat/paamind/", {"approver": director.pk}, follow=True
            )
        assert f"{director.full_name} er påmindet om" in response.content.decode()
        (reminder,) = [m for m in mail.outbox if director.email in m.to]
        assert "Fælles rekruttering" in reminder.body
        assert reviewed.events.filter(action="reminded").exists()


def test_the_desk_is_the_secretariats_alone():
    url = "/albertslund/sekretariat/"
    assert Client().get(url).status_code == 302
    for person in (
        who("omraadedirektoer"),
        who("leder"),
        Person.objects.filter(organisation__slug="vejen").first(),
    ):
        assert client_of(person).get(url).status_code == 404
        assert client_of(person).post(f"{url}paamind/", {"approver": 1}).status_code == 404
    assert client_of(who("sekretaer", "vejen")).get(url).status_code == 404
    assert (
        "Sekretariatets skrivebord"
        not in client_of(who("leder")).get("/albertslund/overblik/").content.decode()
    )


def test_my_page_says_what_i_owe_and_forgets_what_i_have_done():
    coming = dif(datetime.date(2026, 12, 1))
    reviewed = propose("Fælles rekruttering", coming, review=True)
    director = client_of(who("omraadedirektoer"))
    page = director.get("/albertslund/overblik/").content.decode()
    assert f'<a href="/punkt/{reviewed.pk}/">Fælles rekruttering</a>' in page
    assert f'<a href="/moede/{coming.pk}/#answer-heading">' in page
    director.post(f"/moede/{coming.pk}/svar/", {"answer": "attending"})
    page = director.get("/albertslund/overblik/").content.decode()
    assert f'<a href="/moede/{coming.pk}/#answer-heading">' not in page
    assert "Orientér afdelingerne" in page  # the demo's follow-up owed by the director


def count(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("approval", ["responsible_director", "chair"])
def test_the_overviews_cost_the_same_queries_however_much_waits(approval):
    forum = Forum.objects.get(organisation__slug="albertslund", short_name="DIF")
    forum.spec = {**forum.spec, "approval": approval}
    forum.save()
    coming = dif(datetime.date(2026, 12, 1))
    later = dif(datetime.date(2026, 12, 8))
    pages = {
        "sekretaer": "/albertslund/sekretariat/",
        "omraadedirektoer": "/albertslund/overblik/",
    }
    few = {name: count(client_of(who(name)), url + "?a") for name, url in pages.items()}
    for number in range(6):
        propose(f"Punkt {number}", later, review=number % 2 == 0)
    assert AgendaItem.objects.filter(meeting__in=[coming, later]).count() > 6
    many = {name: count(client_of(who(name)), url + "?b") for name, url in pages.items()}
    assert many == few


def test_my_page_is_my_own_municipalitys():
    url = "/albertslund/overblik/"
    assert Client().get(url).status_code == 302
    assert client_of(who("afdelingschef", "vejen")).get(url).status_code == 404
    guest = client_of(who("leder"))  # a manager, invited to items, member of no board
    assert guest.get(url).status_code == 200
