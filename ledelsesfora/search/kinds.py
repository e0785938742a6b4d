"""What each kind of thing puts in the search index, where a hit leads, and who may find it.

Every kind answers "who may read it" with its own model's `visible_to`, the rule the pages, the
API, documents, feeds and mails use: search adds no rule of its own. A kind's `entry` turns one
object into the index row's values; `rows` is every object of the kind, for a full rebuild.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from ledelsesfora.agenda.models import AgendaItem, Attachment
from ledelsesfora.minutes.models import FollowUp, Minutes, Outcome
from ledelsesfora.organisation.models import Person
from ledelsesfora.programmes.models import Programme
from ledelsesfora.search.extract import text_of
from ledelsesfora.search.models import Entry, Kind
from ledelsesfora.themes.models import Theme


@dataclass(frozen=True)
class Values:
    """One index row's values (ledelsesfora/search/models.py)."""

    organisation_id: int
    forum_id: int
    item_id: int | None
    meeting_id: int | None
    day: datetime.date
    case_number: str
    title: str
    body: str


@dataclass(frozen=True)
class Context:
    """What a hit's link depends on beyond its row: the municipality, and the meetings whose
    minutes the person reads (a follow-up action leads there, or to their own list)."""

    organisation: str
    minutes_read: frozenset[int]


@dataclass(frozen=True)
class KindSpec:
    kind: str
    model: type[Model]
    rows: Callable[[], QuerySet]
    entry: Callable[[Model], Values | None]
    readable: Callable[[Person], QuerySet]
    link: Callable[[Entry, Context], str]
    by_item: bool = False  # `readable` answers items: the row's `item`, not its object, is asked


def _day(meeting, fallback: datetime.datetime | None) -> datetime.date:
    if meeting is not None:
        return timezone.localtime(meeting.start).date()
    return timezone.localtime(fallback or timezone.now()).date()


def _join(*parts: str) -> str:
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def _of_item(item: AgendaItem, title: str, body: str, meeting=None) -> Values:
    """A row belonging to `item`: its forum, case number and day (its meeting's, or the
    `meeting` the row was written at)."""
    meeting = meeting or item.meeting
    return Values(
        item.forum.organisation_id,
        item.forum_id,
        item.pk,
        meeting.pk if meeting else None,
        _day(meeting, item.created_at),
        item.case_number,
        title,
        body,
    )


def _of_meeting(meeting, body: str) -> Values:
    """A row for a whole meeting (its minutes, its programme), named by forum and day."""
    day = _day(meeting, None)
    return Values(
        meeting.forum.organisation_id,
        meeting.forum_id,
        None,
        meeting.pk,
        day,
        "",
        f"{meeting.forum.name} {day:%d.%m.%Y}",
        body,
    )


def _item(item: AgendaItem) -> Values | None:
    if item.standing:
        return None  # the same few words on every agenda ("Godkendelse af dagsorden …")
    return _of_item(item, item.title, _join(item.background, item.recommendation))


def _outcome(outcome: Outcome) -> Values | None:
    if not outcome.text.strip():
        return None
    return _of_item(outcome.item, outcome.item.title, outcome.text, outcome.minutes.meeting)


def _minutes(minutes: Minutes) -> Values | None:
    return _of_meeting(minutes.meeting, minutes.summary) if minutes.summary.strip() else None


def _followup(followup: FollowUp) -> Values | None:
    return _of_item(followup.item, followup.title, followup.item.title)


def _theme(theme: Theme) -> Values | None:
    return Values(
        theme.forum.organisation_id,
        theme.forum_id,
        None,
        theme.meeting_id,
        _day(theme.meeting, theme.created_at),
        "",
        theme.title,
        theme.description,
    )


def _programme(programme: Programme) -> Values | None:
    blocks = [
        _join(block.title, block.description, block.speakers) for block in programme.blocks.all()
    ]
    return _of_meeting(programme.meeting, _join(programme.note, *blocks))


def _attachment(attachment: Attachment) -> Values | None:
    return _of_item(attachment.item, attachment.name, text_of(attachment))


def _minutes_link(entry: Entry, context: Context) -> str:
    return reverse("minutes", args=[entry.meeting_id])


def _followup_link(entry: Entry, context: Context) -> str:
    if entry.meeting_id in context.minutes_read:
        return reverse("minutes", args=[entry.meeting_id])
    return reverse("followups", args=[context.organisation])  # their own actions


KINDS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            Kind.ITEM,
            AgendaItem,
            lambda: AgendaItem.objects.select_related("forum", "meeting"),
            _item,
            AgendaItem.objects.visible_to,
            lambda entry, context: reverse("item", args=[entry.object_id]),
        ),
        KindSpec(
            Kind.DECISION,
            Outcome,
            lambda: Outcome.objects.select_related("item__forum", "minutes__meeting"),
            _outcome,
            Outcome.objects.visible_to,
            _minutes_link,
        ),
        KindSpec(
            Kind.MINUTES,
            Minutes,
            lambda: Minutes.objects.select_related("meeting__forum"),
            _minutes,
            Minutes.objects.visible_to,
            _minutes_link,
        ),
        KindSpec(
            Kind.FOLLOWUP,
            FollowUp,
            lambda: FollowUp.objects.select_related("item__forum", "item__meeting"),
            _followup,
            FollowUp.objects.visible_to,
            _followup_link,
        ),
        KindSpec(
            Kind.THEME,
            Theme,
            lambda: Theme.objects.select_related("forum", "meeting"),
            _theme,
            Theme.objects.visible_to,
            lambda entry, context: reverse("theme", args=[entry.object_id]),
        ),
        KindSpec(
            Kind.PROGRAMME,
            Programme,
            lambda: Programme.objects.select_related("meeting__forum").prefetch_related("blocks"),
            _programme,
            Programme.objects.visible_to,
            lambda entry, context: reverse("programme", args=[entry.meeting_id]),
        ),
        KindSpec(
            Kind.ATTACHMENT,
            Attachment,
            lambda: Attachment.objects.select_related("item__forum", "item__meeting"),
            _attachment,
            AgendaItem.objects.visible_to,
            lambda entry, context: reverse("attachment", args=[entry.object_id]),
            by_item=True,
        ),
    )
}


def readable(person: Person) -> Q:
    """The index rows `person` may find: for each kind, those its own rule lets them read."""
    rule = Q(pk__in=[])
    for spec in KINDS.values():
        ids = spec.readable(person).values("pk")
        field = "item_id__in" if spec.by_item else "object_id__in"
        rule |= Q(kind=spec.kind, **{field: ids})
    return rule
