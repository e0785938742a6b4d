"""Answers to a meeting: members and invited guests say they come or send apologies (afbud)
from the meeting page or their e-mail; the secretariat sees every answer and records one given
by phone; the minutes' attendance starts from them."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client

from ledelsesfora.agenda import agendas
from ledelsesfora.agenda.tests.test_publication import ready_item
from ledelsesfora.meetings.models import Answer
from ledelsesfora.meetings.operations import cancel_meeting
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.django_db


def client_of(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def dif(meeting):
    return meeting("DIF", 2027, 3, 9)


def test_a_member_sends_apologies_and_only_the_secretariat_sees_the_reason(clock, who, dif):
    member = client_of(who("borgmester"))
    page = member.get(f"/moede/{dif.pk}/").content.decode()
    assert "Du har ikke svaret; du forventes." in page
    answered = member.post(
        f"/moede/{dif.pk}/svar/", {"answer": "apologies", "reason": "Byrådsmøde"}, follow=True
    )
    page = answered.content.decode()
    assert "Du har meldt afbud. (Byrådsmøde)" in page
    board = client_of(who("sekretaer")).get(f"/moede/{dif.pk}/sekretariat/").content.decode()
    name = who("borgmester").full_name
    row = re.search(rf"<tr>\s*<td[^>]*>{name}</td>.*?</tr>", board, re.S)
    assert row and "Afbud" in row.group(0) and "Byrådsmøde" in row.group(0)
    # Another member sees the agenda page, not the reason; the board is not theirs.
    colleague = client_of(who("omraadedirektoer"))
    assert "Byrådsmøde" not in colleague.get(f"/moede/{dif.pk}/").content.decode()
    assert colleague.get(f"/moede/{dif.pk}/sekretariat/").status_code == 404


def test_only_the_invited_answer_and_nobody_answers_for_another(clock, who, dif):
    url = f"/moede/{dif.pk}/svar/"
    assert Client().post(url, {"answer": "apologies"}).status_code == 302  # log in first
    other_municipality = Person.objects.filter(organisation__slug="vejen").first()
    assert client_of(other_municipality).post(url, {"answer": "apologies"}).status_code == 404
    not_invited = client_of(who("leder"))  # a manager, no member of DIF, no guest
    refused = not_invited.post(url, {"answer": "apologies"}, follow=True).content.decode()
    assert "er ikke inviteret til dette møde" in refused
    member = client_of(who("omraadedirektoer"))
    borgmester = who("borgmester")
    assert member.post(url, {"answer": "apologies", "person": borgmester.pk}).status_code == 404
    empty = member.post(url, {}, follow=True).content.decode()
    assert "Vælg, om du kommer eller melder afbud." in empty
    assert not Answer.objects.filter(meeting=dif).exists()


def test_the_secretariat_records_an_answer_given_by_phone(clock, who, dif):
    borgmester = who("borgmester")
    secretary = client_of(who("sekretaer"))
    response = secretary.post(
        f"/moede/{dif.pk}/svar/",
        {"answer": "apologies", "reason": "Syg", "person": borgmester.pk},
    )
    assert response.status_code == 302 and response.url.endswith("#svar")
    answer = Answer.objects.get(meeting=dif, person=borgmester)
    assert (answer.kind, answer.via, answer.by) == ("apologies", "secretariat", who("sekretaer"))


def test_a_guest_is_invited_to_their_item_at_its_time_and_answers_from_the_mail(
    who, forum, dif, django_capture_on_commit_callbacks
):
    guest = who("leder")
    with time_machine.travel(datetime.datetime(2027, 3, 1, 10, tzinfo=TIMEZONE), tick=False):
        ready_item(who, forum("DIF"), dif, "Sygefravær i dagtilbud", guests=[guest])
        ready_item(who, forum("DIF"), dif, "Personalesag", closed=True, guests=[guest])
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2027, 3, 5, 12, tzinfo=TIMEZONE), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            agendas.publish_agenda(dif, by=who("sekretaer"))
        invitation = next(m for m in mail.outbox if guest.email in m.to)
        assert "Sygefravær i dagtilbud, kl. " in invitation.body
        assert re.search(r"kl\. \d\d:\d\d–\d\d:\d\d", invitation.body)
        assert "Personalesag" not in invitation.body  # a closed item is never mailed
        link = re.search(r"http://\S+/svar/(\S+)/", invitation.body)
        page = Client().get(link.group(0))  # no login: the link is signed for the guest
        assert page.status_code == 200 and "Du svarer som" in page.content.decode()
        assert not Answer.objects.filter(meeting=dif).exists()  # a GET changes nothing
        answered = Client().post(link.group(0), {"answer": "attending"}, follow=True)
        assert "Tak, dit svar er gemt." in answered.content.decode()
        answer = Answer.objects.get(meeting=dif, person=guest)
        assert (answer.kind, answer.via) == ("attending", "email")
        # Each member's mail carries their own link; a changed link is nobody's.
        members_mail = next(m for m in mail.outbox if who("borgmester").email in m.to)
        own = re.search(r"http://\S+/svar/(\S+)/", members_mail.body).group(0)
        assert own != link.group(0)
        assert Client().get(own[:-3] + "xx/").status_code == 404


def test_a_cancelled_meeting_takes_no_answers(clock, who, dif):
    cancel_meeting(dif, reason="Sammenlagt med næste møde", by=who("sekretaer"))
    member = client_of(who("borgmester"))
    page = member.get(f"/moede/{dif.pk}/").content.decode()
    assert "Mødet er aflyst." in page and 'name="answer"' not in page
    refused = member.post(f"/moede/{dif.pk}/svar/", {"answer": "attending"}, follow=True)
    assert "Mødet er aflyst; der er intet at svare på." in refused.content.decode()


def test_the_minutes_attendance_starts_from_the_answers_and_marks_apologies(who, dif):
    borgmester, director = who("borgmester"), who("omraadedirektoer")
    with time_machine.travel(datetime.datetime(2027, 3, 1, 10, tzinfo=TIMEZONE), tick=False):
        client_of(borgmester).post(f"/moede/{dif.pk}/svar/", {"answer": "apologies"})
    with time_machine.travel(datetime.datetime(2027, 3, 9, 15, tzinfo=TIMEZONE), tick=False):
        secretary = client_of(who("sekretaer"))
        page = secretary.get(f"/moede/{dif.pk}/referat/").content.decode()
        assert re.search(rf'value="{borgmester.pk}" id="a-{borgmester.pk}" checked', page)
        assert not re.search(rf'id="a-{director.pk}" checked', page)
        refused = secretary.post(
            f"/moede/{dif.pk}/referat/attendance/",
            {"absent": [borgmester.pk, director.pk], "guests": "x" * 201},
        )
        assert refused.status_code == 400
        again = refused.content.decode()
        assert "højst 200 tegn" in again
        assert re.search(rf'id="a-{director.pk}" checked', again)  # as typed, not as answered
        assert "x" * 201 in again
        saved = secretary.post(
            f"/moede/{dif.pk}/referat/attendance/",
            {"absent": [director.pk], "guests": "Anne Andersen"},
        )
        assert saved.status_code == 302
        kinds = {(row.person_id, row.name): row.kind for row in dif.minutes.attendance.all()}
        assert kinds[(director.pk, "")] == "absent"
        assert kinds[(borgmester.pk, "")] == "present"
        assert kinds[(None, "Anne Andersen")] == "guest"


def test_the_api_answers_and_shows_who_comes_to_the_secretariat_alone(clock, client, who, dif):
    from ledelsesfora.api.tests.test_api import Caller

    member = Caller(client, "borgmester@albertslund")
    given = member.post(f"/meetings/{dif.pk}/answer", {"attending": False, "reason": "Ferie"})
    assert given.status_code == 200
    assert (given.json()["answer"], given.json()["via"]) == ("apologies", "api")
    own = member.get(f"/meetings/{dif.pk}/answers").json()["items"]
    assert [row["person"] for row in own] == ["borgmester@albertslund"]
    colleague = Caller(client, "omraadedirektoer@albertslund")
    assert "Ferie" not in colleague.get(f"/meetings/{dif.pk}/answers").content.decode()
    on_behalf = {"attending": True, "person": "borgmester@albertslund"}
    assert colleague.post(f"/meetings/{dif.pk}/answer", on_behalf).status_code == 404
    secretary = Caller(client, "sekretaer@albertslund")
    everyone = secretary.get(f"/meetings/{dif.pk}/answers").json()["items"]
    assert {row["answer"] for row in everyone} == {"apologies", None}
    assert any(row["reason"] == "Ferie" for row in everyone)
    assert secretary.post(f"/meetings/{dif.pk}/answer", on_behalf).json()["via"] == "secretariat"
    assert (
        Caller(client, "leder@albertslund")
        .post(f"/meetings/{dif.pk}/answer", {"attending": True})
        .status_code
        == 409
    )
    elsewhere = Person.objects.filter(organisation__slug="vejen", email__gt="").first()
    assert Caller(client, elsewhere.username).get(f"/meetings/{dif.pk}/answers").status_code == 404
    assert client.get(f"/api/v1/meetings/{dif.pk}/answers").status_code == 401


def test_attendance_is_recorded_only_by_who_writes_the_minutes(who, dif):
    url = f"/moede/{dif.pk}/referat/attendance/"
    with time_machine.travel(datetime.datetime(2027, 3, 9, 15, tzinfo=TIMEZONE), tick=False):
        assert Client().post(url, {"absent": []}).status_code == 302  # log in first
        elsewhere = Person.objects.filter(organisation__slug="vejen").first()
        assert client_of(elsewhere).post(url, {"absent": []}).status_code == 404
        assert client_of(who("leder")).post(url, {"absent": []}).status_code == 404
        member = client_of(who("borgmester")).post(url, {"absent": []})
        assert member.status_code == 400  # a member reads the minutes but does not write them
    assert not hasattr(dif, "minutes") or not dif.minutes.attendance.exists()
