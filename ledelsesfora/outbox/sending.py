"""Queueing and sending mail.

`queue` writes the mails in the caller's transaction. After the commit they are sent straight
away when `MAIL_SEND_AFTER_COMMIT` is on (the default without an SMTP server, so development and
the console see them at once); with `EMAIL_HOST` set, the request never waits for the mail server
and `ledelsesfora send_mail` (a worker, or a timer every minute) sends them. A mail that fails is
tried again after a growing pause and given up only after `MAIL_GIVE_UP_AFTER` attempts; it stays
in the administrator's list either way, with the server's last answer.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.utils import timezone

from ledelsesfora.outbox.models import Mail

log = logging.getLogger(__name__)

# Minutes to wait after the first, second, … failed attempt; then once a day.
PAUSES = [1, 5, 15, 60, 4 * 60, 12 * 60]


@dataclass
class Letter:
    subject: str
    body: str
    to: str
    recipient: object = None  # the Person, when the address is one


@dataclass
class Sent:
    sent: int = 0
    retried: int = 0
    given_up: int = 0


def queue(letters: list[Letter]) -> list[int]:
    now = timezone.now()
    mails = Mail.objects.bulk_create(
        Mail(
            created_at=now,
            next_attempt_at=now,
            to=letter.to,
            recipient=letter.recipient,
            organisation_id=getattr(letter.recipient, "organisation_id", None),
            from_email=settings.DEFAULT_FROM_EMAIL,
            subject=letter.subject,
            body=letter.body,
        )
        for letter in letters
    )
    ids = [mail.pk for mail in mails]
    if settings.MAIL_SEND_AFTER_COMMIT:
        transaction.on_commit(lambda: send_due(only=ids))
    return ids


def pause_after(attempts: int) -> datetime.timedelta:
    minutes = PAUSES[attempts - 1] if attempts <= len(PAUSES) else 24 * 60
    return datetime.timedelta(minutes=minutes)


def send_due(*, only: list[int] | None = None, limit: int = 500) -> Sent:
    """Send the waiting mails whose time has come (or just `only` these), each once even with
    several workers: on PostgreSQL the rows being sent are locked and others skip them."""
    result = Sent()
    now = timezone.now()
    with transaction.atomic():
        due = Mail.objects.due(now).order_by("next_attempt_at", "pk")
        if only is not None:
            due = due.filter(pk__in=only)
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        mails = list(due[:limit])
        if not mails:
            return result
        try:
            link = get_connection(fail_silently=False)
            link.open()
        except (OSError, smtplib.SMTPException) as error:
            for mail in mails:
                _failed(mail, error, now, result)
            return result
        try:
            for mail in mails:
                message = EmailMessage(
                    mail.subject, mail.body, mail.from_email, [mail.to], connection=link
                )
                try:
                    message.send()
                except (OSError, smtplib.SMTPException) as error:
                    _failed(mail, error, now, result)
                else:
                    mail.state, mail.sent_at, mail.last_error = Mail.State.SENT, now, ""
                    mail.attempts += 1
                    mail.save(update_fields=["state", "sent_at", "last_error", "attempts"])
                    result.sent += 1
        finally:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                link.close()
    return result


def _failed(mail: Mail, error: Exception, now, result: Sent) -> None:
    mail.attempts += 1
    mail.last_error = f"{type(error).__name__}: {error}"[:2000]
    if mail.attempts >= settings.MAIL_GIVE_UP_AFTER:
        mail.state = Mail.State.FAILED
        result.given_up += 1
        log.error("gave up sending %r to %s: %s", mail.subject, mail.to, mail.last_error)
    else:
        mail.next_attempt_at = now + pause_after(mail.attempts)
        result.retried += 1
        log.warning("could not send %r to %s, will retry: %s", mail.subject, mail.to, error)
    mail.save(update_fields=["attempts", "last_error", "state", "next_attempt_at"])


def retry(mails) -> int:
    """The administrator's "try again": given-up or waiting mails are due now."""
    return mails.exclude(state=Mail.State.SENT).update(
        state=Mail.State.WAITING, next_attempt_at=timezone.now()
    )


def forget_sent(days: int) -> int:
    """Sent mails older than `days` are deleted (the daily housekeeping)."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _ = Mail.objects.filter(state=Mail.State.SENT, sent_at__lt=cutoff).delete()
    return deleted
