"""Mail goes through the outbox: a step is never lost, held up or undone by the mail server, and
no mail is lost either (ledelsesfora/outbox)."""

import datetime
import socket
import threading

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from ledelsesfora.notifications import notify
from ledelsesfora.organisation.models import Person
from ledelsesfora.outbox.models import Mail
from ledelsesfora.outbox.sending import forget_sent, send_due

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_outbox(db):
    """The demo's own mails (sent while it loaded) are not these tests' business."""
    Mail.objects.all().delete()


@pytest.fixture
def smtp_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_TIMEOUT = 1
    return settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on this machine; yields (port, received)."""
    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append((envelope.rcpt_tos, envelope.content.decode()))
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.server.sockets[0].getsockname()[1], received
    controller.stop()


@pytest.fixture
def silent_server():
    """Accepts connections and never says a word, like a hung mail server."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


def mail_someone(username="sekretaer@albertslund", subject="Hej %(name)s"):
    person = Person.objects.get(username=username)
    notify([person], subject, "Tekst til %(name)s", {"name": person.full_name})
    return person


def test_a_refused_connection_keeps_the_mail_and_it_is_sent_on_the_retry(
    smtp_settings, smtp_server, django_capture_on_commit_callbacks
):
    port, received = smtp_server
    smtp_settings.EMAIL_PORT = free_port()  # nobody listens there
    with django_capture_on_commit_callbacks(execute=True):
        person = mail_someone()
    waiting = Mail.objects.get(recipient=person)
    assert (waiting.state, waiting.attempts) == ("waiting", 1)
    assert "ConnectionRefusedError" in waiting.last_error
    assert waiting.next_attempt_at == timezone.now() + datetime.timedelta(minutes=1)

    smtp_settings.EMAIL_PORT = port
    assert send_due().sent == 0  # its pause is not over
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2), tick=False):
        assert send_due().sent == 1
    waiting.refresh_from_db()
    assert (waiting.state, waiting.attempts, waiting.last_error) == ("sent", 2, "")
    assert received[0][0] == ["sekretaer@albertslund.demo.invalid"]
    assert f"Hej {person.full_name}" in received[0][1]


def test_with_an_smtp_server_the_request_never_waits_for_it(
    smtp_settings, silent_server, login, who_submits_an_item
):
    smtp_settings.EMAIL_PORT = silent_server
    smtp_settings.MAIL_SEND_AFTER_COMMIT = False  # as with EMAIL_HOST set
    created = who_submits_an_item()
    waiting = Mail.objects.get(subject__contains=created.title)
    assert (waiting.state, waiting.attempts) == ("waiting", 0)  # the request did not try

    result = send_due()  # the worker does, and gives up on this round after EMAIL_TIMEOUT
    waiting.refresh_from_db()
    assert (result.retried, waiting.state, waiting.attempts) == (1, "waiting", 1)
    assert "timed out" in waiting.last_error


def test_a_mail_is_given_up_only_after_many_attempts_and_can_be_sent_again(
    smtp_settings, smtp_server, client, django_capture_on_commit_callbacks
):
    smtp_settings.EMAIL_PORT = free_port()
    smtp_settings.MAIL_GIVE_UP_AFTER = 3
    with django_capture_on_commit_callbacks(execute=True):
        person = mail_someone("leder@vejen")
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1), tick=False):
        assert send_due().retried == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=3), tick=False):
        assert send_due().given_up == 1
    given_up = Mail.objects.get(recipient=person)
    assert (given_up.state, given_up.attempts) == ("failed", 3)

    client.force_login(Person.objects.get(username="admin@vejen"))
    page = client.get("/admin/outbox/mail/?state=failed").content.decode()
    assert "leder@vejen.demo.invalid" in page
    client.post(
        "/admin/outbox/mail/",
        {"action": "send_again", "_selected_action": [given_up.pk]},
    )
    smtp_settings.EMAIL_PORT = smtp_server[0]
    assert send_due().sent == 1
    assert smtp_server[1][0][0] == ["leder@vejen.demo.invalid"]


def test_the_administrator_sees_only_the_own_municipalitys_mail(client):
    mail_someone("leder@vejen", subject="Til Vejen")
    mail_someone("leder@albertslund", subject="Til Albertslund")
    client.force_login(Person.objects.get(username="admin@vejen"))
    page = client.get("/admin/outbox/mail/").content.decode()
    assert "Til Vejen" in page
    assert "Til Albertslund" not in page
    client.force_login(Person.objects.get(username="sekretaer@vejen"))
    assert client.get("/admin/outbox/mail/").status_code == 302  # to the admin's login


def test_a_step_that_is_rolled_back_mails_no_one(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        sid = transaction.savepoint()
        mail_someone()
        transaction.savepoint_rollback(sid)
    assert not Mail.objects.exists()
    assert mail.outbox == []


def test_sent_mail_is_deleted_after_its_keeping_days(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_someone()
    assert Mail.objects.get().state == "sent"
    assert forget_sent(30) == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31), tick=False):
        assert forget_sent(30) == 1


def test_the_worker_refuses_a_pause_it_cannot_keep():
    with pytest.raises(CommandError, match="from 1 to 3600"):
        call_command("send_mail", "--every", "0")


@pytest.fixture
def who_submits_an_item(login):
    """A director submits an item through the page, which mails the secretariat."""
    from ledelsesfora.agenda import operations
    from ledelsesfora.agenda.operations import ItemData
    from ledelsesfora.forums.models import Forum

    def submit():
        director = Person.objects.get(username="omraadedirektoer@albertslund")
        forum = Forum.objects.get(organisation__slug="albertslund", short_name="DIF")
        item = operations.create_item(
            forum, ItemData(title="Via udbakken", kind="information"), by=director
        )
        response = login("omraadedirektoer").post(f"/punkt/{item.pk}/submit/")
        assert response.status_code == 302
        return item

    return submit
