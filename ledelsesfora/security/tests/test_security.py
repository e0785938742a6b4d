"""Failed logins lock, the administrator unlocks, and the security log records logins, refused
access and every read and export of closed items and personal data — for the administrator's own
municipality only, never with the closed content, and no longer than it is kept."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.forums.access import is_member
from ledelsesfora.organisation.models import Person
from ledelsesfora.security.models import Event

pytestmark = pytest.mark.django_db
PASSWORD = "demo-ledelsesfora"


@pytest.fixture(autouse=True)
def _real_passwords(django_db_setup):
    """The demo's people carry the published demo password (hashed quickly in the suite)."""


def log_in(client, username, password=PASSWORD, address="203.0.113.7"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def kinds(**where):
    return list(Event.objects.filter(**where).order_by("at", "pk").values_list("kind", flat=True))


def test_an_account_is_locked_after_five_failures_until_its_time_is_over(client):
    for _ in range(4):
        assert log_in(client, "leder@vejen", "forkert").status_code == 200
    assert log_in(client, "leder@vejen", "forkert").status_code == 429  # the fifth locks
    locked = log_in(client, "leder@vejen")  # even the right password now
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Login låst" in page and "15 minutter" in page
    assert "_auth_user_id" not in client.session
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert log_in(client, "leder@vejen").status_code == 302
    # The fifth failure and the refused right password each lock (again); then the login.
    locks = ["locked-out", "login-failed"]
    assert kinds(username="leder@vejen") == ["login-failed"] * 4 + locks * 2 + ["login"]
    failed = Event.objects.filter(username="leder@vejen", kind="login-failed").first()
    assert failed.person == Person.objects.get(username="leder@vejen")  # found per person
    assert failed.address == "203.0.113.7"


def test_an_address_trying_many_accounts_is_locked_but_not_a_shared_one(client, settings):
    for n in range(5):
        log_in(client, f"gaet{n}@vejen", "forkert", address="198.51.100.9")
    assert log_in(client, "leder@vejen", address="198.51.100.9").status_code == 429
    assert log_in(client, "leder@vejen", address="198.51.100.10").status_code == 302

    settings.LOGIN_SHARED_ADDRESSES = ["192.0.2.0/24"]  # the town hall's NAT
    for n in range(5):
        log_in(client, f"kollega{n}@vejen", "forkert", address="192.0.2.1")
    assert log_in(client, "afdelingschef@vejen", address="192.0.2.1").status_code == 302


def test_the_administrator_unlocks_own_people_only(client):
    for _ in range(5):
        log_in(client, "leder@vejen", "forkert", address="203.0.113.1")
        log_in(client, "leder@albertslund", "forkert", address="203.0.113.2")
    client.force_login(Person.objects.get(username="admin@vejen"))
    page = client.get("/admin/axes/accessattempt/").content.decode()
    assert "leder@vejen" in page and "leder@albertslund" not in page
    others = AccessAttempt.objects.get(username="leder@albertslund")
    own = AccessAttempt.objects.get(username="leder@vejen")
    client.post(
        "/admin/axes/accessattempt/",
        {"action": "unlock", "_selected_action": [own.pk, others.pk]},
    )
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["leder@albertslund"]
    assert kinds(kind="unlocked") == ["unlocked"]
    client.logout()
    assert log_in(client, "leder@vejen", address="203.0.113.3").status_code == 302
    client.logout()
    assert log_in(client, "leder@albertslund", address="203.0.113.3").status_code == 429


@pytest.fixture
def closed_item():
    item = (
        AgendaItem.objects.filter(closed=True, forum__organisation__slug="albertslund")
        .on_agenda()
        .select_related("forum", "meeting")
        .first()
    )
    assert item is not None, "the demo has a closed item on its way to an agenda"
    return item


def member_of(forum):
    """Who reads the closed item in these tests: the secretariat (the item is not published)."""
    reader = Person.objects.get(username=f"sekretaer@{forum.organisation.slug}")
    assert is_member(reader, forum) or reader.positions.exists()
    return reader


def test_every_read_and_export_of_a_closed_item_is_logged_without_its_content(client, closed_item):
    reader = member_of(closed_item.forum)
    client.force_login(reader)
    assert client.get(f"/punkt/{closed_item.pk}/").status_code == 200
    assert client.get(f"/punkt/{closed_item.pk}/").status_code == 200  # remembered, still logged
    assert client.get(f"/moede/{closed_item.meeting_id}/dagsorden.pdf").status_code == 200
    events = Event.objects.filter(person=reader, object_id=str(closed_item.pk))
    assert [e.kind for e in events.order_by("pk")] == ["read", "read", "export"]
    first = events.order_by("pk").first()
    assert (first.object_kind, first.path) == ("agenda.agendaitem", f"/punkt/{closed_item.pk}/")
    for event in events:
        assert closed_item.title not in " ".join(map(str, vars(event).values()))


def test_an_open_item_read_is_not_logged_but_a_refusal_is(login, closed_item):
    open_item = AgendaItem.objects.filter(closed=False, meeting=closed_item.meeting).first()
    client = login("leder", "vejen")  # another municipality
    assert client.get(f"/punkt/{closed_item.pk}/").status_code == 404
    outsider = Person.objects.get(username="leder@vejen")
    assert kinds(person=outsider) == ["login", "refused"]
    assert not Event.objects.filter(person=outsider, object_id=str(closed_item.pk)).exists()
    member = member_of(closed_item.forum)
    client.force_login(member)
    client.get(f"/punkt/{open_item.pk}/")
    assert not Event.objects.filter(person=member, kind="read").exists()


def test_the_api_logs_its_reads_of_closed_items_and_its_refusals(client, closed_item):
    from ledelsesfora.api.auth import create_token

    reader = member_of(closed_item.forum)
    token = create_token(reader)
    answer = client.get(
        f"/api/v1/items/{closed_item.pk}", headers={"authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200
    assert kinds(person=reader, object_id=str(closed_item.pk)) == ["read"]
    assert (
        client.get("/api/v1/items/1", headers={"authorization": "Bearer wrong"}).status_code == 401
    )
    assert kinds(kind="refused", person=None) == ["refused"]


def test_reading_the_participant_list_is_logged_as_use_of_personal_data(login):
    from ledelsesfora.meetings.models import Meeting

    lederdag = Meeting.objects.filter(
        forum__organisation__slug="albertslund", forum__short_name="LF"
    ).first()
    client = login("sekretaer")
    assert client.get(f"/moede/{lederdag.pk}/deltagere/").status_code == 200
    assert kinds(object_kind="meetings.meeting", object_id=str(lederdag.pk)) == ["read"]


def test_the_administrator_searches_the_log_per_person_of_the_own_municipality(client):
    log_in(client, "leder@vejen", "forkert")
    log_in(client, "leder@albertslund", "forkert")
    client.force_login(Person.objects.get(username="admin@vejen"))
    page = client.get("/admin/security/event/?q=leder").content.decode()
    assert "leder@vejen" in page and "leder@albertslund" not in page
    entry = Event.objects.filter(username="leder@vejen").first()
    assert client.post(f"/admin/security/event/{entry.pk}/delete/").status_code == 403
    client.force_login(Person.objects.get(username="sekretaer@vejen"))
    assert client.get("/admin/security/event/").status_code == 302  # no admin for the secretariat


def test_the_log_is_kept_six_months_then_deleted_by_housekeeping(client):
    log_in(client, "leder@vejen", "forkert")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=180)):
        call_command("housekeeping")
        assert Event.objects.filter(username="leder@vejen").exists()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=184)):
        call_command("housekeeping")
        assert not Event.objects.filter(username="leder@vejen").exists()
