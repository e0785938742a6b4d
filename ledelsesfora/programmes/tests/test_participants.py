"""Registration for a lederdag or the Lederdøgn: dietary needs where the secretariat arranges
catering, an overnight stay where the meeting has a night, the participant list for the venue,
and reminders to those who have not answered."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from ledelsesfora.api.tests.test_api import Caller
from ledelsesfora.meetings import answers
from ledelsesfora.meetings.models import Answer
from ledelsesfora.themes.tests.conftest import LEADER, OTHER, SECRETARY

pytestmark = pytest.mark.django_db


def test_what_each_meeting_asks(lederdag, lederdoegn, forum):
    assert answers.asks(lederdag) == answers.Asks(dietary=True, overnight=False)
    assert answers.asks(lederdoegn) == answers.Asks(dietary=True, overnight=True)
    dif = forum("DIF").meetings.held().filter(start__year=2027).first()
    assert answers.asks(dif) == answers.Asks(dietary=False, overnight=False)


def test_the_lederdoegn_needs_an_answer_about_the_night(lederdoegn, who):
    leader = who(LEADER)
    with translation.override("en"), pytest.raises(answers.AnswerError, match="overnight"):
        answers.answer_meeting(lederdoegn, leader, attending=True, by=leader, via="page")
    given = answers.answer_meeting(
        lederdoegn,
        leader,
        attending=True,
        overnight=True,
        dietary=" vegetar ",
        by=leader,
        via="page",
    )
    assert (given.overnight, given.dietary) == (True, "vegetar")
    sorry = answers.answer_meeting(
        lederdoegn,
        leader,
        attending=False,
        overnight=True,
        dietary="vegetar",
        by=leader,
        via="page",
    )
    assert (sorry.overnight, sorry.dietary) == (None, "")


def test_a_meeting_that_does_not_ask_keeps_nothing(forum, who):
    dif = forum("DIF").meetings.held().filter(start__year=2027).first()
    mayor = who("borgmester@albertslund")
    given = answers.answer_meeting(
        dif, mayor, attending=True, dietary="glutenfri", overnight=True, by=mayor, via="page"
    )
    assert (given.dietary, given.overnight) == ("", None)


def test_a_manager_registers_with_dietary_needs_on_the_lederdag_page(login, lederdag):
    client = login(LEADER)
    page = client.get(reverse("meeting-agenda", args=[lederdag.pk])).content.decode()
    assert "Særlige hensyn til kosten (valgfri)" in page and "Overnatter du" not in page
    client.post(
        reverse("meeting-answer", args=[lederdag.pk]), {"answer": "attending", "dietary": "Vegansk"}
    )
    answer = Answer.objects.get(meeting=lederdag, person__username=LEADER)
    assert answer.kind == "attending" and answer.dietary == "Vegansk"


def test_the_participant_list_is_the_secretariats(login, client, lederdag, who, consultant):
    leader = who(LEADER)
    answers.answer_meeting(
        lederdag, leader, attending=True, dietary="Vegansk", by=leader, via="page"
    )
    url = reverse("participants", args=[lederdag.pk])
    page = login(SECRETARY).get(url).content.decode()
    assert leader.full_name in page and "Vegansk" in page and "Påmind" in page
    pdf = login(SECRETARY).get(reverse("participants-file", args=[lederdag.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    word = login(SECRETARY).get(reverse("participants-file", args=[lederdag.pk, "docx"]))
    assert word.status_code == 200 and word.content[:2] == b"PK"
    assert login(LEADER).get(url).status_code == 404  # dietary needs are personal data
    assert login(OTHER).get(url).status_code == 404
    client.force_login(consultant)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    answers_api = (
        Caller(login(LEADER), LEADER).get(f"/meetings/{lederdag.pk}/answers").json()["items"]
    )
    assert [row["person"] for row in answers_api] == [LEADER]


def test_reminders_go_to_those_who_have_not_answered(login, lederdag, who, commit):
    leader = who(LEADER)
    answers.answer_meeting(lederdag, leader, attending=True, by=leader, via="page")
    mail.outbox.clear()
    answer = login(SECRETARY).post(reverse("remind-unanswered", args=[lederdag.pk]), follow=True)
    commit()
    text = answer.content.decode()
    assert "er påmindet" in text
    reminded = {m.to[0] for m in mail.outbox}
    assert leader.email not in reminded and len(reminded) > 50
    one = next(m for m in mail.outbox if m.to[0] == who("afdelingschef@albertslund").email)
    assert "/svar/" in one.body  # their own answer link
    assert login(LEADER).post(reverse("remind-unanswered", args=[lederdag.pk])).status_code == 404


def test_the_api_registers_and_reminds(client, lederdoegn):
    leader = Caller(client, LEADER)
    missing = leader.post(f"/meetings/{lederdoegn.pk}/answer", {"attending": True})
    assert missing.status_code == 409
    given = leader.post(
        f"/meetings/{lederdoegn.pk}/answer",
        {"attending": True, "overnight": False, "dietary": "Ingen nødder"},
    )
    assert given.status_code == 200 and given.json()["overnight"] is False
    secretary = Caller(client, SECRETARY)
    assert secretary.post(f"/meetings/{lederdoegn.pk}/answers/remind").json()["reminded"] > 50
    assert leader.post(f"/meetings/{lederdoegn.pk}/answers/remind").status_code == 404
