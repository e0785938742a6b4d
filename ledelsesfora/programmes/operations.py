"""The steps of a programme: build it from the charter, change its blocks, approve it as the
outcome of the approving forum's item, publish it to the participants. Each refuses with a
message that says why and what to do instead (`ProgrammeError`, a 409 in the API;
`ProgrammeInvalid` for what was sent, a 400)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import AgendaError, checked_upload
from ledelsesfora.errors import Refused
from ledelsesfora.forums.access import member_ids
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.models import Outcome
from ledelsesfora.minutes.operations import may_write, record_outcome
from ledelsesfora.notifications import link, notify
from ledelsesfora.organisation.models import Person
from ledelsesfora.programmes import access
from ledelsesfora.programmes.models import Block, Programme, ProgrammeEvent
from ledelsesfora.themes.models import Theme

LONGEST_BLOCK = 24 * 60


class ProgrammeError(Refused):
    """A programme step that cannot be taken; the message says why."""


class ProgrammeInvalid(ProgrammeError):
    """A block that cannot be: an empty title, a time outside the meeting."""


@dataclass
class BlockData:
    start: datetime.datetime
    minutes: int
    title: str
    kind: str = Block.Kind.OTHER
    description: str = ""
    speakers: str = ""
    facilitator: str = ""
    across_areas: bool = False
    room: str = ""
    responsible: Person | None = None
    equipment: str = ""
    catering: str = ""


def _day(meeting: Meeting) -> str:
    return date_format(timezone.localtime(meeting.start), "j. F Y")


def _require_builder(person: Person, meeting: Meeting) -> None:
    forum = meeting.forum
    if not access.has_programme(forum):
        raise ProgrammeError(
            _("%(forum)s has no programmes under its charter.") % {"forum": forum.name}
        )
    if not access.may_build(person, forum):
        raise ProgrammeError(_("The secretariat and the forum's host build the programme."))


def build_programme(meeting: Meeting, *, by: Person) -> Programme:
    """The meeting's programme, made from its rhythm's parts (in order, from the meeting's
    start) the first time it is asked for. A meeting whose rhythm has no parts starts with no
    blocks."""
    _require_builder(by, meeting)
    if not meeting.takes_place:
        raise ProgrammeError(_("The meeting is cancelled; it has no programme."))
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).exists()
        programme, created = Programme.objects.get_or_create(meeting=meeting)
        if not created:
            return programme
        _log(programme, by, "built")
        rhythm = next(
            (r for r in meeting.forum.charter.rhythms if r.identity == meeting.rhythm), None
        )
        start = meeting.start
        for part in rhythm.parts if rhythm else []:
            length = part.length()
            Block.objects.create(
                programme=programme,
                start=start,
                minutes=int(length.total_seconds() // 60),
                title=part.title,
                kind=part.kind,
            )
            start += length
    return programme


def _check(meeting: Meeting, data: BlockData) -> BlockData:
    title = " ".join((data.title or "").split())
    if not title:
        raise ProgrammeInvalid(_("Give the block a title."))
    if len(title) > 200:
        raise ProgrammeInvalid(_("The title is too long; shorten it to 200 characters."))
    if not 5 <= data.minutes <= LONGEST_BLOCK:
        raise ProgrammeInvalid(_("A block lasts from 5 minutes to 24 hours."))
    if data.kind not in Block.Kind.values:
        raise ProgrammeInvalid(_("Choose one of the kinds of block."))
    outside = not meeting.start <= data.start <= meeting.end
    if outside or data.start + datetime.timedelta(minutes=data.minutes) > meeting.end:
        local = timezone.localtime
        raise ProgrammeInvalid(
            _("The block must lie within the meeting, %(start)s to %(end)s.")
            % {
                "start": date_format(local(meeting.start), "j. F H:i"),
                "end": date_format(local(meeting.end), "j. F H:i"),
            }
        )
    if data.responsible is not None and (
        data.responsible.organisation_id != meeting.forum.organisation_id
    ):
        raise ProgrammeInvalid(_("The responsible must be one of the municipality's people."))
    data.title = title
    return data


def save_block(
    programme: Programme, data: BlockData, *, by: Person, block: Block | None = None
) -> Block:
    """Add a block, or change `block`. A change to an approved programme is marked, so the
    participants and the approvers see it."""
    meeting = programme.meeting
    _require_builder(by, meeting)
    data = _check(meeting, data)
    fields = {k: v for k, v in vars(data).items()}
    with transaction.atomic():
        if block is None:
            block = Block.objects.create(programme=programme, **fields)
            _log(programme, by, "block-added", note=block.title)
        else:
            for key, value in fields.items():
                setattr(block, key, value)
            block.save()
            _log(programme, by, "block-changed", note=block.title)
        _changed(programme)
    return block


def _log(programme: Programme, by: Person | None, action: str, note: str = "") -> None:
    ProgrammeEvent.objects.create(programme=programme, by=by, action=action, note=note)


def delete_block(block: Block, *, by: Person) -> None:
    programme = block.programme
    _require_builder(by, programme.meeting)
    with transaction.atomic():
        _log(programme, by, "block-removed", note=block.title)
        block.delete()
        _changed(programme)


def _changed(programme: Programme) -> None:
    if programme.approved_at is not None:
        programme.changed_after_approval = timezone.now()
        programme.save(update_fields=["changed_after_approval"])


def save_note(programme: Programme, note: str, *, by: Person) -> Programme:
    _require_builder(by, programme.meeting)
    with transaction.atomic():
        programme.note = (note or "").strip()
        programme.save(update_fields=["note"])
        _log(programme, by, "note")
    return programme


def may_approve(person: Person, item: AgendaItem) -> bool:
    """Who records the item's outcome: the approving forum's minute-taker or the secretariat."""
    return (
        item.programme_for_id is not None
        and item.meeting_id is not None
        and may_write(person, item.meeting)
    )


def approve_programme(
    item: AgendaItem, *, by: Person, note: str = "", now: datetime.datetime | None = None
) -> Programme:
    """The approving forum's decision on `item`: the programme of the meeting it concerns is
    approved, recorded as the item's decision in the minutes (`record_outcome`: a published
    agenda, a meeting that has begun, minutes not locked). A programme of a forum with themes
    is approved only once its theme is selected."""
    now = now or timezone.now()
    target = item.programme_for
    if target is None:
        raise ProgrammeError(_("This item does not approve a programme."))
    if access.approver_of(target.forum) != item.forum_id:
        raise ProgrammeError(
            _("%(forum)s does not approve the programme of %(target)s under the charter.")
            % {"forum": item.forum.name, "target": target.forum.name}
        )
    if not may_approve(by, item):
        raise ProgrammeError(_("Only the minute-taker or the secretariat records the approval."))
    if not target.takes_place or target.start <= now:
        raise ProgrammeError(
            _("The meeting of %(day)s is cancelled or over; there is nothing to approve.")
            % {"day": _day(target)}
        )
    programme = Programme.objects.filter(meeting=target).first()
    if programme is None or not programme.blocks.exists():
        raise ProgrammeError(_("There is no programme to approve yet; the secretariat builds it."))
    wanted = target.forum.charter.themes_per_meeting
    if wanted and not Theme.objects.filter(meeting=target, status=Theme.Status.SELECTED).exists():
        raise ProgrammeError(
            _("The theme of %(day)s is not selected yet; select it before the programme.")
            % {"day": _day(target)}
        )
    with transaction.atomic():
        with override(settings.LANGUAGE_CODE):  # the minutes' language, whoever writes
            text = _("%(forum)s approved the programme of %(target)s on %(day)s.") % {
                "forum": item.forum.name,
                "target": target.forum.name,
                "day": _day(target),
            }
        if note.strip():
            text = f"{text}\n\n{note.strip()}"
        record_outcome(item, by=by, outcome=Outcome.Kind.DECIDED, text=text, now=now, by_flow=True)
        programme.status = (
            Programme.Status.PUBLISHED if programme.published_at else Programme.Status.APPROVED
        )
        programme.approved_by_item, programme.approved_at = item, now
        programme.changed_after_approval = None
        programme.save()
        _log(programme, by, "approved", note=text)
    return programme


def publish_programme(programme: Programme, *, by: Person) -> Programme:
    """To the participants: the forum's members read it and are mailed. Where another forum
    approves programmes, only an approved one is published."""
    meeting = programme.meeting
    _require_builder(by, meeting)
    if not meeting.takes_place:
        raise ProgrammeError(_("The meeting is cancelled; its programme is not published."))
    if not programme.blocks.exists():
        raise ProgrammeError(_("The programme has no blocks yet."))
    approver = access.approver_of(meeting.forum)
    if approver is not None and programme.approved_at is None:
        item = meeting.programme_items.select_related("meeting").first()
        where = (
            _(" (on the agenda of %(day)s)") % {"day": _day(item.meeting)}
            if item is not None and item.meeting is not None
            else ""
        )
        raise ProgrammeError(_("The programme must be approved first%(where)s.") % {"where": where})
    first = programme.published_at is None
    with transaction.atomic():
        programme.status, programme.published_at = Programme.Status.PUBLISHED, timezone.now()
        programme.save(update_fields=["status", "published_at"])
        _log(programme, by, "published")
    if first:
        forum = meeting.forum
        people = Person.objects.filter(pk__in=member_ids(forum))
        notify(
            people,
            gettext_noop("Programme: %(forum)s %(day)s"),
            gettext_noop("The programme of %(forum)s %(day)s is published.\n\n%(link)s"),
            {"forum": forum.name, "day": meeting.start, "link": link("programme", meeting.pk)},
            exclude=by,
        )
    return programme


def withdraw_approval_on_other_outcome(sender, item: AgendaItem, outcome: str, **kwargs) -> None:
    """An item that approved a programme, recorded as noted or deferred instead: the approval
    is withdrawn (connected to `minutes.operations.outcome_recorded`)."""
    if outcome == Outcome.Kind.DECIDED or item.programme_for_id is None:
        return
    for programme in Programme.objects.select_for_update().filter(approved_by_item=item):
        programme.approved_by_item, programme.approved_at = None, None
        programme.changed_after_approval = None
        if programme.published_at is None:
            programme.status = Programme.Status.DRAFT
        programme.save()
        _log(programme, None, "approval-withdrawn")


def share_product(
    programme: Programme,
    *,
    by: Person,
    title: str,
    text: str = "",
    upload=None,
    now: datetime.datetime | None = None,
) -> Programme:
    """After the day: what it produced, with a file where there is one, shared with the
    participants of the published programme (mailed the first time)."""
    now = now or timezone.now()
    meeting = programme.meeting
    _require_builder(by, meeting)
    if meeting.start > now:
        raise ProgrammeError(_("The product is shared after the day has begun."))
    if programme.published_at is None:
        raise ProgrammeError(_("Publish the programme first; the product goes to its readers."))
    title = " ".join((title or "").split())
    if not title or len(title) > 200:
        raise ProgrammeInvalid(_("Give the product a title of at most 200 characters."))
    name = content_type = ""
    if upload is not None:
        try:
            name, content_type = checked_upload(upload)
        except AgendaError as error:
            raise ProgrammeInvalid(error.message) from error
    first = programme.product_at is None
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        programme.product_title, programme.product_text = title, (text or "").strip()
        if upload is not None:
            programme.product_file = upload
            programme.product_name, programme.product_type = name, content_type
        programme.product_at = now
        programme.save()
        _log(programme, by, "product", note=title)
    if first:
        forum = meeting.forum
        notify(
            Person.objects.filter(pk__in=member_ids(forum)),
            gettext_noop("The product of %(forum)s %(day)s"),
            gettext_noop("%(title)s\n\nRead it with the programme:\n%(link)s"),
            {
                "forum": forum.name,
                "day": timezone.localtime(meeting.start).date(),
                "title": title,
                "link": link("programme", meeting.pk),
            },
            exclude=by,
        )
    return programme


def follow_moved_meeting(sender, meeting: Meeting, before: datetime.datetime, **kwargs) -> None:
    """A meeting moved by hand: its programme's blocks move with it, keeping their times of
    day relative to its start (connected to `meetings.operations.meeting_moved`)."""
    shift = meeting.start - before
    programme = Programme.objects.filter(meeting=meeting).first()
    if programme is None or not shift:
        return
    for block in programme.blocks.all():
        block.start += shift
        block.save(update_fields=["start"])
    _log(programme, None, "moved")
