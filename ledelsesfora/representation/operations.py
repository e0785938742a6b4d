"""The register's steps: add or change a representation, end it, and report back. The
coordinating forum's members and the secretariat keep the register; a representative reports
on their own rows too."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ledelsesfora.errors import Refused
from ledelsesfora.forums.access import is_member, is_secretariat
from ledelsesfora.forums.models import Forum
from ledelsesfora.organisation.models import Organisation, Person
from ledelsesfora.representation.models import Report, Representation

# The dates a representation may have: a register of the living, not of history or the far future.
EARLIEST, LATEST = datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)


class RepresentationError(Refused):
    """A step refused to this person or in this state (409 in the API)."""


class RepresentationInvalid(RepresentationError):
    """What was sent cannot be a representation or a report (400 in the API)."""


@dataclass
class RepresentationData:
    body: str
    kind: str
    representative: Person | None
    since: datetime.date | None
    role: str = ""
    until: datetime.date | None = None
    note: str = ""


def register_forum(organisation: Organisation) -> Forum | None:
    """The forum whose charter keeps the register (`[forum.representation]`)."""
    return next(
        (f for f in organisation.forums.active() if f.charter.representation is not None), None
    )


def may_keep(person: Person, forum: Forum) -> bool:
    return is_secretariat(person, forum.organisation) or is_member(person, forum)


def save_representation(
    forum: Forum, data: RepresentationData, *, by: Person, representation=None
) -> Representation:
    if forum.charter.representation is None:
        raise RepresentationError(
            _("%(forum)s keeps no register of external representation under its charter.")
            % {"forum": forum.name}
        )
    if not may_keep(by, forum):
        raise RepresentationError(
            _("The members of %(forum)s and the secretariat keep the register.")
            % {"forum": forum.name}
        )
    body = " ".join((data.body or "").split())
    if not body or len(body) > 200:
        raise RepresentationInvalid(
            _("Say where the municipality is represented (at most 200 characters).")
        )
    if data.kind not in Representation.Kind.values:
        raise RepresentationInvalid(_("Choose what kind of body it is."))
    person = data.representative
    if person is None or person.organisation_id != forum.organisation_id or not person.is_active:
        raise RepresentationInvalid(_("Choose the representative among the municipality's people."))
    if data.since is None:
        raise RepresentationInvalid(_("Give the date the representation began."))
    for day in (data.since, data.until):
        if day is not None and not EARLIEST <= day <= LATEST:
            raise RepresentationInvalid(
                _("Give a date between %(first)d and %(last)d.")
                % {"first": EARLIEST.year, "last": LATEST.year}
            )
    if data.until is not None and data.until < data.since:
        raise RepresentationInvalid(_("The end date comes before the start; correct one of them."))
    role = " ".join((data.role or "").split())[:200]
    fields = {
        "body": body,
        "kind": data.kind,
        "representative": person,
        "role": role,
        "since": data.since,
        "until": data.until,
        "note": (data.note or "").strip(),
    }
    if representation is None:
        return Representation.objects.create(forum=forum, **fields)
    for key, value in fields.items():
        setattr(representation, key, value)
    representation.save()
    return representation


def end_representation(
    representation: Representation, *, by: Person, until: datetime.date | None = None
) -> Representation:
    if not may_keep(by, representation.forum):
        raise RepresentationError(
            _("The forum's members and the secretariat end a representation.")
        )
    until = until or timezone.localdate()
    if until > LATEST:
        raise RepresentationInvalid(_("Give a date before %(last)d.") % {"last": LATEST.year + 1})
    if until < representation.since:
        raise RepresentationInvalid(_("The end date comes before the start; correct one of them."))
    representation.until = until
    representation.save(update_fields=["until"])
    return representation


def report_back(
    representation: Representation, *, by: Person, text: str, on: datetime.date | None = None
) -> Report:
    """The representative (or the forum, or the secretariat, for them) reports back."""
    if by.pk != representation.representative_id and not may_keep(by, representation.forum):
        raise RepresentationError(
            _("The representative, the forum's members or the secretariat report back.")
        )
    text = (text or "").strip()
    if not text:
        raise RepresentationInvalid(_("Write the report."))
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise RepresentationInvalid(_("A report is dated today or earlier."))
    if on < representation.since:
        raise RepresentationInvalid(_("A report is dated on or after the representation began."))
    with transaction.atomic():
        report = Report.objects.create(representation=representation, on=on, text=text, by=by)
        if representation.last_report is None or on > representation.last_report:
            representation.last_report = on
            representation.save(update_fields=["last_report"])
    return report
