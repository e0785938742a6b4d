"""A session ends at its absolute lifetime however busy it is; a person sees where they are
logged in and ends the others; API tokens expire and their owner lists and revokes them."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from ledelsesfora.api.auth import create_token
from ledelsesfora.organisation.models import Person
from ledelsesfora.security.models import Event, SessionRecord

pytestmark = pytest.mark.django_db
PASSWORD = "demo-ledelsesfora"


def browser(username, agent="Firefox/140"):
    client = Client(HTTP_USER_AGENT=agent)
    answer = client.post("/login/", {"username": username, "password": PASSWORD})
    assert answer.status_code == 302
    return client


def logged_in(client) -> bool:
    return client.get("/logins/").status_code == 200


def test_a_busy_session_still_ends_twelve_hours_after_its_login():
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = browser("leder@vejen")
        for _hour in range(11):
            clock.shift(datetime.timedelta(hours=1))
            assert logged_in(client)
        clock.shift(datetime.timedelta(minutes=61))
        answer = client.get("/logins/")
        assert answer.status_code == 302 and answer["Location"].startswith("/login/")
    person = Person.objects.get(username="leder@vejen")
    ended = Event.objects.get(person=person, kind="session-ended")
    # Found by the person's administrator, who sees their own municipality's entries.
    assert (ended.username, ended.organisation_id) == ("leder@vejen", person.organisation_id)
    assert not SessionRecord.objects.filter(person=person).exists()


def test_a_person_sees_their_sessions_and_ends_another_one():
    laptop = browser("sekretaer@vejen", "Firefox/140")
    phone = browser("sekretaer@vejen", "Mobile Safari/19")
    page = laptop.get("/logins/").content.decode()
    assert "Firefox/140" in page and "Mobile Safari/19" in page
    assert "denne browser" in page
    phone_row = SessionRecord.objects.get(user_agent="Mobile Safari/19")
    answer = laptop.post("/logins/", {"action": "end", "session": phone_row.pk}, follow=True)
    assert "1 session afsluttet." in answer.content.decode()
    assert not logged_in(phone)
    assert logged_in(laptop)


def test_nobody_ends_another_persons_session():
    mine = browser("sekretaer@vejen")
    theirs = browser("leder@vejen")
    row = SessionRecord.objects.get(person__username="leder@vejen")
    mine.post("/logins/", {"action": "end", "session": row.pk})
    assert logged_in(theirs)
    other_municipality = browser("sekretaer@albertslund")
    other_municipality.post("/logins/", {"action": "end", "session": row.pk})
    assert logged_in(theirs)


def test_log_out_everywhere_else_keeps_only_this_browser():
    here = browser("leder@albertslund")
    there = [browser("leder@albertslund", f"Browser {n}") for n in range(3)]
    answer = here.post("/logins/", {"action": "end-others"}, follow=True)
    assert "3 sessioner afsluttet." in answer.content.decode()
    assert logged_in(here)
    assert not any(logged_in(client) for client in there)


def test_a_page_without_a_login_or_with_a_strange_action():
    assert Client().get("/logins/").status_code == 302
    client = browser("leder@vejen")
    assert client.post("/logins/", {"action": "delete-everything"}).status_code == 400


def test_api_tokens_expire_and_their_owner_revokes_them(client):
    owner = Person.objects.get(username="omraadedirektoer@albertslund")
    short = create_token(owner, name="Kort", days=1)
    kept = create_token(owner, name="Integration")
    bearer = {"authorization": f"Bearer {short}"}
    assert client.get("/api/v1/organisations/albertslund/forums", headers=bearer).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert (
            client.get("/api/v1/organisations/albertslund/forums", headers=bearer).status_code
            == 401
        )

    page = browser(owner.username)
    listing = page.get("/logins/").content.decode()
    assert "Integration" in listing and "Tilbagekald Integration" in listing
    token = owner.api_tokens.get(name="Integration")
    stranger = browser("sekretaer@albertslund")
    stranger.post("/logins/", {"action": "revoke", "token": token.pk})
    token.refresh_from_db()
    assert token.state == "active"  # only its owner revokes it
    page.post("/logins/", {"action": "revoke", "token": token.pk})
    token.refresh_from_db()
    assert token.state == "revoked"
    bearer = {"authorization": f"Bearer {kept}"}
    assert client.get("/api/v1/organisations/albertslund/forums", headers=bearer).status_code == 401


def test_the_token_command_lists_and_refuses_a_strange_lifetime():
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("token", "create", "leder@vejen", "--days", "0", stderr=err)
    assert exit_.value.code == 2 and "from 1 to 365" in err.getvalue()
    call_command(
        "token", "create", "leder@vejen", "--name", "Rapport", "--days", "7", stdout=StringIO()
    )
    out = StringIO()
    call_command("token", "list", "leder@vejen", stdout=out)
    assert "Rapport\tactive\texpires 2026-11-30" in out.getvalue()
