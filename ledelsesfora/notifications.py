"""E-mails to the people who act next, in the municipality's language.

`notify` is the one way a mail leaves: it goes into the outbox in the step's own transaction
(ledelsesfora/outbox), so a refused or rolled-back step never mails anyone, and a mail server that
is down or slow never undoes the step, holds it up or loses the mail. Its texts are marked with
`gettext_noop` and translated here into `settings.LANGUAGE_CODE` (Danish), whatever language the
person who acted had chosen; dates and times in `context` are written out in that language too. A
mail names an item only to people who may see it (the callers pass `agenda.access.readers`); what a
person may read is decided by the page the link opens, so a closed item's content is never mailed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, override

from ledelsesfora.organisation.models import Person
from ledelsesfora.outbox.sending import Letter, queue


def link(name: str, *args) -> str:
    """The absolute address of a page, for a mail (`SITE_URL`)."""
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def notify(
    people: Iterable[Person | None],
    subject: str,
    body: str,
    context: dict | None = None,
    *,
    exclude: Person | None = None,
    each: Callable[[Person], dict] | None = None,
) -> None:
    """Mail `people` (not `exclude`, the person who acted): `subject` and `body` are texts
    marked with `gettext_noop`, filled from `context` in the municipality's language, and from
    `each(person)` for what is the recipient's own (a link signed for them)."""
    recipients: dict[str, Person] = {}
    for p in people:
        if p is not None and p.email and p.is_active and (exclude is None or p.pk != exclude.pk):
            recipients.setdefault(p.email, p)
    if not recipients:
        return
    letters = []
    with override(settings.LANGUAGE_CODE):
        shared = {key: _written(value) for key, value in (context or {}).items()}
        for address in sorted(recipients):
            values = shared
            if each is not None:
                own = each(recipients[address]).items()
                values = shared | {key: _written(value) for key, value in own}
            subject_text = " ".join((gettext(subject) % values).split())  # one line, always
            letters.append(
                Letter(subject_text, gettext(body) % values, address, recipients[address])
            )
    queue(letters)


@dataclass(frozen=True)
class Phrase:
    """A part of a mail: a text marked with `gettext_noop` and its values, written out in the
    mail's language like the rest."""

    text: str
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Lines:
    """Parts of a mail, one a line."""

    parts: list


def _written(value):
    """A value as the mail writes it: dates and times in words ("tirsdag 5. januar 2027 kl.
    09:00"), a phrase or a lazy text translated, a list joined with commas."""
    if isinstance(value, Lines):
        return "\n".join(str(_written(v)) for v in value.parts)
    if isinstance(value, Phrase):
        return gettext(value.text) % {k: _written(v) for k, v in value.values.items()}
    if isinstance(value, list | tuple):
        return ", ".join(str(_written(v)) for v in value)
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "l j. F Y \\k\\l. H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "l j. F Y")
    return str(value)
