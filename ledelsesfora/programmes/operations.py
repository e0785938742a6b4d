"""The steps of a programme: build it from the charter, change its blocks, approve it as the
outcome of the approving forum's item, publish it to the participants. Each refuses with a
message that says why and what to do instead (`ProgrammeError`, a 409 in the API;
`ProgrammeInvalid` for what was sent, a 400)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

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
from ledelsesfora.meetings import answers
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.models import Outcome
from ledelsesfora.minutes.operations import may_write, record_outcome
from ledelsesfora.notifications import link, notify
from ledelsesfora.organisation.models import Person
from ledelsesfora.programmes import access
from ledelsesfora.programmes.models import Block, Cost, Programme, ProgrammeEvent
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
    if not access.meeting_has_programme(meeting):
        raise ProgrammeError(
            _("This meeting of %(forum)s has no programme under the charter.")
            % {"forum": forum.name}
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
        rhythm = meeting.rhythm_spec
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
            gettext_noop(
                "The programme of %(forum)s %(day)s is published.\n\n%(link)s\n\n"
                "Will you come? Answer here, without logging in:\n%(answer)s"
            ),
            {"forum": forum.name, "day": meeting.start, "link": link("programme", meeting.pk)},
            exclude=by,
            each=lambda person: {"answer": answers.answer_link(meeting, person)},
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


# --- the budget: costs on the accounts the charter names -------------------------------------

LARGEST_AMOUNT = Decimal("9999999999.99")


def accounts_for(meeting: Meeting) -> list[str]:
    """The accounts the forum's charter finances the meeting from (`[[forum.financing]]`): an
    account whose condition is `overnight` only for a meeting that includes a night."""
    return [
        f.account
        for f in meeting.forum.charter.financing
        if f.condition == "always" or meeting.has_overnight_stay
    ]


def _decimal(value) -> Decimal:
    """A number as given: from the API as it is; from a form as Danes write it ("12.500,50",
    "12500", "12500,5"), or with a decimal point ("12500.50")."""
    if not isinstance(value, str):
        return Decimal(str(value))
    text = value.replace(" ", "").replace("\xa0", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    return Decimal(text)


def _amount(value, label: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = _decimal(value)
    except InvalidOperation:
        raise ProgrammeInvalid(
            _("%(label)s is not an amount; write it in kroner, e.g. 12500 or 12.500,50.")
            % {"label": label}
        ) from None
    if not amount.is_finite() or not Decimal(0) <= amount <= LARGEST_AMOUNT:
        raise ProgrammeInvalid(
            _("%(label)s must be from 0 to 9.999.999.999 kroner.") % {"label": label}
        )
    return amount.quantize(Decimal("0.01"))


def save_cost(
    meeting: Meeting,
    *,
    by: Person,
    account: str,
    description: str,
    expected,
    actual=None,
    cost: Cost | None = None,
) -> Cost:
    """A cost of the meeting on one of its accounts: expected when planned, actual when the
    bill comes. The secretariat and the forum's host."""
    _require_builder(by, meeting)
    accounts = accounts_for(meeting)
    if not accounts:
        raise ProgrammeError(
            _("The charter of %(forum)s names no account to finance it from.")
            % {"forum": meeting.forum.name}
        )
    if account not in accounts:
        raise ProgrammeInvalid(
            _("Choose one of the accounts the charter names for this meeting: %(accounts)s.")
            % {"accounts": ", ".join(accounts)}
        )
    description = " ".join((description or "").split())
    if not description or len(description) > 200:
        raise ProgrammeInvalid(_("Say what the cost is for, in at most 200 characters."))
    expected_amount = _amount(expected, _("The expected amount"))
    if expected_amount is None:
        raise ProgrammeInvalid(_("Give the expected amount."))
    fields = {
        "account": account,
        "description": description,
        "expected": expected_amount,
        "actual": _amount(actual, _("The actual amount")),
        "by": by,
    }
    if cost is None:
        return Cost.objects.create(meeting=meeting, **fields)
    for key, value in fields.items():
        setattr(cost, key, value)
    cost.save()
    return cost


def delete_cost(cost: Cost, *, by: Person) -> None:
    _require_builder(by, cost.meeting)
    cost.delete()


@dataclass
class AccountTotal:
    account: str
    expected: Decimal
    actual: Decimal
    open: int  # costs with no actual amount yet


@dataclass
class Budget:
    accounts: list[AccountTotal]
    expected: Decimal
    actual: Decimal
    coming: int

    @property
    def per_participant(self) -> Decimal | None:
        """The actual costs where every bill has come, else the expected, per participant."""
        if not self.coming:
            return None
        total = self.actual if not any(a.open for a in self.accounts) else self.expected
        return (total / self.coming).quantize(Decimal("0.01"))


def totals(costs) -> list[AccountTotal]:
    found: dict[str, AccountTotal] = {}
    for cost in costs:
        entry = found.setdefault(
            cost.account, AccountTotal(cost.account, Decimal(0), Decimal(0), 0)
        )
        entry.expected += cost.expected
        if cost.actual is None:
            entry.open += 1
        else:
            entry.actual += cost.actual
    return list(found.values())


def budget(meeting: Meeting) -> Budget:
    accounts = totals(meeting.costs.all())
    coming = len(answers.participants(meeting).coming)
    return Budget(
        accounts,
        sum((a.expected for a in accounts), Decimal(0)),
        sum((a.actual for a in accounts), Decimal(0)),
        coming,
    )


@dataclass
class ForumYear:
    forum: object
    meetings: int
    accounts: list[AccountTotal]

    @property
    def expected(self) -> Decimal:
        return sum((a.expected for a in self.accounts), Decimal(0))

    @property
    def actual(self) -> Decimal:
        return sum((a.actual for a in self.accounts), Decimal(0))


def year_budget(organisation, year: int) -> list[ForumYear]:
    """Each forum's costs in `year`, per account (two queries)."""
    costs = list(
        Cost.objects.filter(meeting__forum__organisation=organisation)
        .filter(meeting__start__year=year)
        .exclude(meeting__status__in=[Meeting.Status.SKIPPED, Meeting.Status.CANCELLED])
        .select_related("meeting__forum")
        .order_by("meeting__forum__position", "account")
    )
    by_forum: dict[int, list[Cost]] = {}
    for cost in costs:
        by_forum.setdefault(cost.meeting.forum_id, []).append(cost)
    result = []
    for forum in organisation.forums.filter(pk__in=by_forum):
        mine = by_forum[forum.pk]
        result.append(ForumYear(forum, len({c.meeting_id for c in mine}), totals(mine)))
    return result
