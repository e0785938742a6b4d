"""Pages remembered for their reader until anything in the database changes (pagecache.py and
the revision app): a second view costs two small queries, and never shows another reader's
page, a state of the data that has moved on, or a passed minute."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ledelsesfora.agenda import agendas
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.tests.test_publication import ready_item
from ledelsesfora.meetings.models import CalendarFeed
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.organisation.models import Person
from ledelsesfora.revision import watch
from ledelsesfora.security.models import Event

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2027, 3, 8, 10, tzinfo=TIMEZONE)
# The session and the revision number: a remembered page does not even load the person. A page
# that holds closed items adds one insert into the security log, however many it holds.
REMEMBERED_QUERIES = 2


@pytest.fixture
def published(who, forum, meeting, commit):
    dif = meeting("DIF", 2027, 3, 9)
    with time_machine.travel(datetime.datetime(2027, 3, 1, 10, tzinfo=TIMEZONE), tick=False):
        ready_item(who, forum("DIF"), dif, "Åbent punkt", guests=[who("leder")])
        ready_item(who, forum("DIF"), dif, "Lukket punkt", closed=True, guests=[who("leder")])
    with time_machine.travel(datetime.datetime(2027, 3, 5, 12, tzinfo=TIMEZONE), tick=False):
        agendas.publish_agenda(dif, by=who("sekretaer"))
    commit()
    return dif


def queries(client, url: str) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content


def signed_in(login, commit, name, org="albertslund"):
    client = login(name, org)
    commit()  # the login's own writes (last login)
    client.get("/kalender/")  # a page with a form: the browser now holds its CSRF cookie
    return client


def test_a_second_view_is_the_same_page_for_two_queries(login, commit, published):
    url = f"/moede/{published.pk}/"
    with time_machine.travel(MONDAY, tick=False):
        member = signed_in(login, commit, "borgmester")
        cold, first = queries(member, url)
        warm, second = queries(member, url)
    assert cold > REMEMBERED_QUERIES + 1
    assert warm == REMEMBERED_QUERIES + 1
    assert second == first
    assert "Lukket punkt" in second.decode()
    assert (
        Event.objects.filter(
            path=url, kind="read", person__username="borgmester@albertslund"
        ).count()
        == 2
    )


def test_another_reader_never_gets_the_page_remembered_for_the_first(who, commit, published):
    url = f"/moede/{published.pk}/"
    with time_machine.travel(MONDAY, tick=False):
        readers = {}
        for name in ("borgmester", "leder", "afdelingschef", "leder@vejen"):
            readers[name] = Client()
            username = name if "@" in name else f"{name}@albertslund"
            readers[name].force_login(who(*username.split("@")))
        commit()  # every login is written before any page is remembered
        revision = watch.current(connection)
        for client in readers.values():
            client.get("/kalender/")  # each browser holds its CSRF cookie
        assert "Lukket punkt" in readers["borgmester"].get(url).content.decode()
        guest = readers["leder"].get(url).content.decode()
        assert "Åbent punkt" in guest
        assert "Lukket punkt" not in guest  # a guest: invited items, never closed ones
        assert readers["afdelingschef"].get(url).status_code == 404
        assert readers["leder@vejen"].get(url).status_code == 404
        assert Client().get(url).status_code == 302  # an outsider is sent to log in
        assert watch.current(connection) == revision  # all of it at one state of the data


def test_a_committed_write_anywhere_retires_the_remembered_page(login, commit, published):
    url = f"/moede/{published.pk}/"
    with time_machine.travel(MONDAY, tick=False):
        member = signed_in(login, commit, "borgmester")
        member.get(url)
        before = watch.current(connection)
        # A bulk update that passes no operation and sends no signal still counts.
        AgendaItem.objects.filter(meeting=published, title="Åbent punkt").update(title="Nyt navn")
        assert "Nyt navn" in member.get(url).content.decode()  # its own uncommitted write
        commit()
        assert watch.current(connection) == before + 1  # once per transaction
        count, page = queries(member, url)
    assert count > REMEMBERED_QUERIES
    assert "Nyt navn" in page.decode()


def test_the_remembered_page_lasts_no_longer_than_its_minute(login, commit, published):
    url = f"/moede/{published.pk}/"
    with time_machine.travel(MONDAY, tick=False) as clock:
        member = signed_in(login, commit, "borgmester")
        member.get(url)
        clock.shift(datetime.timedelta(seconds=61))
        count, _page = queries(member, url)
    assert count > REMEMBERED_QUERIES


def test_a_waiting_message_is_shown_not_a_remembered_page(login, commit, published):
    url = f"/moede/{published.pk}/"
    item = published.items.get(title="Åbent punkt")
    with time_machine.travel(MONDAY, tick=False):
        secretary = signed_in(login, commit, "sekretaer")
        remembered = secretary.get(url).content.decode()
        # Refused without writing anything: the revision stays, the message must still show.
        secretary.post(f"/punkt/{item.pk}/review/")
        assert not watch.pending(connection)
        page = secretary.get(url).content.decode()
    assert "Kun et indsendt punkt kan kvalitetssikres" not in remembered
    assert "Kun et indsendt punkt kan kvalitetssikres; dette er publiceret." in page


def test_writing_a_session_does_not_move_the_revision(login, commit):
    client = signed_in(login, commit, "borgmester")
    before = watch.current(connection)
    session = client.session
    session["anything"] = 1
    session.save()
    assert not watch.pending(connection)
    assert watch.current(connection) == before


def test_a_revoked_calendar_address_stops_at_once(commit, who):
    feed = CalendarFeed.objects.create(person=who("borgmester"))
    commit()
    client = Client()  # a calendar program: no session, the address is the key
    url = f"/kalender/{feed.token}/personlig.ics"
    assert client.get(url).status_code == 200
    count, _body = queries(client, url)
    assert count == 1  # the revision number only: the calendar is remembered
    feed.revoked_at = MONDAY
    feed.save(update_fields=["revoked_at"])
    commit()
    assert client.get(url).status_code == 404


def test_a_person_signed_out_or_made_inactive_gets_no_remembered_page(login, commit, published):
    url = f"/moede/{published.pk}/"
    with time_machine.travel(MONDAY, tick=False):
        member = signed_in(login, commit, "borgmester")
        assert member.get(url).status_code == 200
        member.post("/logout/")
        commit()
        assert member.get(url).status_code == 302
        member = signed_in(login, commit, "borgmester")
        assert member.get(url).status_code == 200
        Person.objects.filter(username="borgmester@albertslund").update(is_active=False)
        commit()
        assert member.get(url).status_code == 302


def test_an_expired_session_is_sent_to_log_in_not_an_error(login, commit, published):
    """A reader back after the session's lifetime, with the old cookie: the page asks them to
    log in (loading the expired session forgets its key, which the page's key was built from)."""
    url = f"/moede/{published.pk}/"
    with time_machine.travel(MONDAY, tick=False):
        member = signed_in(login, commit, "borgmester")
        assert member.get(url).status_code == 200
    with time_machine.travel(MONDAY + datetime.timedelta(days=2), tick=False):
        answer = member.get(url)
        assert answer.status_code == 302 and answer["Location"].startswith("/login/")
