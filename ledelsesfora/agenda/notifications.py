"""E-mails to the people who act next. Sent after the transaction commits, so a refused or
rolled-back step never mails anyone. The text names the item and links to it; what a person
may read is decided by the page the link opens, so a closed item's content is never mailed."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse

from ledelsesfora.organisation.models import Person

log = logging.getLogger(__name__)


def link(name: str, *args) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def notify(
    people: Iterable[Person], subject: str, body: str, *, exclude: Person | None = None
) -> None:
    recipients = sorted(
        {
            p.email
            for p in people
            if p is not None and p.email and p.is_active and (exclude is None or p.pk != exclude.pk)
        }
    )
    if not recipients:
        return
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]

    def send() -> None:
        try:
            send_mass_mail(messages, fail_silently=False)
        except OSError:
            # A mail server that is down must not undo the step; the log says who missed out.
            log.exception("could not send %r to %s", subject, ", ".join(recipients))

    transaction.on_commit(send)
