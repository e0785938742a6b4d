"""Every step of an agenda item and of an agenda, one function each.

Each step checks the forum's charter rule, runs in a transaction with the rows locked, writes
the item's history (who, when, what changed) and e-mails the people who act next. A step that
is not allowed raises `AgendaError` with a message a person can act on. Views, the API and the
management commands all call these functions: each rule lives here and nowhere else.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ledelsesfora.agenda import notifications
from ledelsesfora.agenda.models import (
    AgendaItem,
    Attachment,
    Comment,
    ItemEvent,
    Topic,
    case_number_validator,
)
from ledelsesfora.errors import Refused
from ledelsesfora.forums import describe
from ledelsesfora.forums.access import can_submit, is_member, is_secretariat, member_ids
from ledelsesfora.forums.models import Forum
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person, Position, Unit

Status = AgendaItem.Status
EDITABLE = (Status.DRAFT, Status.RETURNED)
IN_PROCESS = (Status.SUBMITTED, Status.REVIEWED, Status.APPROVED)
ALLOWED_UPLOADS = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
# The first bytes of each kind of file: an upload must be what its name says.
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".ppt": (b"\xd0\xcf\x11\xe0",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}


class AgendaError(Refused):
    """A step of an item or an agenda that cannot be taken."""


def _day(day: datetime.date) -> str:
    return date_format(day, "l j. F Y")


def log_event(
    item: AgendaItem, by: Person | None, action: str, note: str = "", changes=None
) -> None:
    ItemEvent.objects.create(item=item, by=by, action=action, note=note, changes=changes or {})


def _secretariat_people(forum: Forum) -> list[Person]:
    secretariat = forum.charter.secretariat
    positions = Position.objects.active().filter(unit__organisation=forum.organisation)
    if secretariat:
        positions = positions.filter(unit__key=secretariat.unit)
    else:
        positions = positions.filter(unit__kind=Unit.Kind.SECRETARIAT)
    return [p.person for p in positions.select_related("person")]


def require_secretariat(by: Person, forum: Forum, what: str) -> None:
    if not is_secretariat(by, forum.organisation):
        raise AgendaError(_("Only the secretariat can %(what)s.") % {"what": what})


def charter_quote(forum: Forum) -> str:
    """The first sentence of how the charter says the forum is served: what a refusal quotes."""
    sentence = forum.charter.servicing.split(". ")[0].strip().rstrip(".")
    return sentence or str(describe.MINUTES["none"]).rstrip(".")


def refuse_without_agenda(forum: Forum, what: str) -> None:
    """Reflection forums hold no agenda: the refusal quotes their charter."""
    if not forum.charter.agenda:
        quote = charter_quote(forum)
        raise AgendaError(
            _(
                "%(forum)s has no agenda, so it takes no %(what)s. Its charter says: »%(quote)s.«"
                " Post the topic you want to raise for the meeting instead."
            )
            % {"forum": forum.name, "what": what, "quote": quote}
        )


def _lock(item: AgendaItem) -> AgendaItem:
    # "of self": the meeting is an outer join (an item may wait in the backlog without one).
    return (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("forum", "meeting")
        .get(pk=item.pk)
    )


def _directors(forum: Forum) -> set[int]:
    return set(
        Position.objects.active()
        .filter(unit__organisation=forum.organisation, position_type__director=True)
        .values_list("person_id", flat=True)
    )


def _check_recommendation(forum: Forum, by: Person) -> None:
    """Where the charter says who writes the formal recommendation, only they may."""
    key = forum.charter.recommendation_by
    if (
        key
        and not by.positions.active()
        .filter(position_type__key=key, unit__organisation=forum.organisation)
        .exists()
    ):
        title = forum.organisation.position_types.filter(key=key).values_list("title", flat=True)
        raise AgendaError(
            _(
                "In %(forum)s the formal recommendation is written by the %(title)s, as the charter"
                " says; ask them to write it."
            )
            % {"forum": forum.name, "title": (title.first() or key).lower()}
        )


def _mark_changed_after_publication(item: AgendaItem, by: Person | None, what: str) -> None:
    meeting = item.meeting
    if meeting is None or meeting.agenda_published_at is None:
        return
    item.changed_after_publication = timezone.now()
    item.save(update_fields=["changed_after_publication", "updated_at"])
    people = Person.objects.filter(pk__in=member_ids(item.forum))
    notifications.notify(
        people,
        f"Ændret dagsorden: {item.forum.short_name} {date_format(timezone.localtime(meeting.start), 'j. F')}",
        f"Dagsordenen til {item.forum.name} er ændret efter publicering ({what}).\n\n"
        f"{notifications.link('meeting-agenda', meeting.pk)}",
        exclude=by,
    )


# --- items ----------------------------------------------------------------------------------

ITEM_FIELDS = (
    "title",
    "kind",
    "case_number",
    "background",
    "recommendation",
    "duration_minutes",
    "closed",
    "anchors",
    "responsible_director",
    "responsible_unit",
)


@dataclass
class ItemData:
    title: str
    kind: str
    background: str = ""
    recommendation: str = ""
    case_number: str = ""
    duration_minutes: int = 15
    closed: bool = False
    anchors: tuple[str, ...] = ()
    responsible_director: Person | None = None
    responsible_unit: Unit | None = None


def _check_item_data(forum: Forum, data: ItemData, by: Person, old: AgendaItem | None) -> None:
    spec = forum.charter
    if data.kind not in spec.item_kinds:
        allowed = ", ".join(str(describe.ITEM_KINDS[k]).lower() for k in spec.item_kinds)
        raise AgendaError(
            _("%(forum)s takes these kinds of item: %(kinds)s. Choose one of them.")
            % {"forum": forum.name, "kinds": allowed}
        )
    if not data.title.strip():
        raise AgendaError(_("The item needs a title."))
    if len(data.title) > 200 or len(data.case_number) > 40:
        raise AgendaError(_("Keep the title within 200 characters and the case number within 40."))
    if data.case_number:
        from django.core.exceptions import ValidationError

        try:
            case_number_validator(data.case_number)
        except ValidationError:
            raise AgendaError(
                _(
                    "The case number %(number)s does not follow the KLE pattern; write it like"
                    " 00.00.00-P15-1-24."
                )
                % {"number": data.case_number[:60]}
            ) from None
    if not 1 <= data.duration_minutes <= 600:
        raise AgendaError(_("The expected duration is between 1 and 600 minutes."))
    unknown = set(data.anchors) - {a for a in spec.anchors}
    if unknown:
        raise AgendaError(
            _("%(forum)s is not anchored in %(unknown)s; choose among %(known)s.")
            % {
                "forum": forum.name,
                "unknown": ", ".join(sorted(unknown)),
                "known": ", ".join(spec.anchors) or "–",
            }
        )
    if data.responsible_director is not None and data.responsible_director.pk not in _directors(
        forum
    ):
        raise AgendaError(
            _(
                "%(person)s is not a director of %(municipality)s; choose the director"
                " of the item's area."
            )
            % {"person": data.responsible_director, "municipality": forum.organisation.name}
        )
    if (
        data.responsible_unit is not None
        and data.responsible_unit.organisation_id != forum.organisation_id
    ):
        raise AgendaError(_("The responsible area belongs to another municipality."))
    if data.recommendation.strip() and (old is None or old.recommendation != data.recommendation):
        _check_recommendation(forum, by)


def create_item(
    forum: Forum,
    data: ItemData,
    *,
    by: Person,
    meeting: Meeting | None = None,
    presenters=(),
    guests=(),
) -> AgendaItem:
    """A draft item for `meeting`, or for the forum's backlog when `meeting` is None."""
    refuse_without_agenda(forum, _("items"))
    if not can_submit(by, forum):
        raise AgendaError(
            _("You cannot propose items to %(forum)s; ask a member or the secretariat.")
            % {"forum": forum.name}
        )
    if meeting is not None and meeting.forum_id != forum.pk:
        raise AgendaError(_("That meeting is not a meeting of %(forum)s.") % {"forum": forum.name})
    _check_item_data(forum, data, by, None)
    with transaction.atomic():
        item = AgendaItem.objects.create(
            forum=forum,
            meeting=meeting,
            author=by,
            recommendation_by=by if data.recommendation.strip() else None,
            needs_approval=forum.charter.approval != "none",
            **{name: getattr(data, name) for name in ITEM_FIELDS if name != "anchors"},
            anchors=list(data.anchors),
        )
        _set_people(item, presenters, guests)
        log_event(item, by, "created")
    return item


def _set_people(item: AgendaItem, presenters, guests) -> None:
    organisation_id = item.forum.organisation_id
    for person in [*presenters, *guests]:
        if person.organisation_id != organisation_id:
            raise AgendaError(_("%(person)s belongs to another municipality.") % {"person": person})
    item.presenters.set(presenters)
    item.guests.set(guests)


def update_item(
    item: AgendaItem, data: ItemData, *, by: Person, presenters=None, guests=None
) -> AgendaItem:
    """Edit an item: its submitter while it is a draft or returned, the secretariat until it
    is treated. A change to a published agenda is marked on it and sent to the members."""
    with transaction.atomic():
        item = _lock(item)
        secretariat = is_secretariat(by, item.forum.organisation)
        if not secretariat and not (item.author_id == by.pk and item.status in EDITABLE):
            raise AgendaError(
                _("Only the submitter (before submitting) or the secretariat can change the item.")
            )
        if item.status == Status.TREATED:
            raise AgendaError(_("The item has been treated; its decision is in the minutes."))
        _check_item_data(item.forum, data, by, item)
        changes = {}
        for name in ITEM_FIELDS:
            value = list(getattr(data, name)) if name == "anchors" else getattr(data, name)
            old = getattr(item, name)
            if old != value:
                changes[name] = [_plain(old), _plain(value)]
                setattr(item, name, value)
        if "recommendation" in changes:
            item.recommendation_by = by if item.recommendation.strip() else None
        item.save()
        if presenters is not None or guests is not None:
            _set_people(
                item,
                presenters if presenters is not None else item.presenters.all(),
                guests if guests is not None else item.guests.all(),
            )
        if changes:
            log_event(item, by, "changed", changes=changes)
            _mark_changed_after_publication(item, by, ", ".join(changes))
            if item.needs_approval and item.status in (Status.APPROVED, Status.PUBLISHED):
                # The approval covered the text as it was: the director approves it again.
                item.status = Status.REVIEWED
                item.save(update_fields=["status", "updated_at"])
                log_event(item, by, "reviewed", note=_("Changed after approval; approve it again."))
                approver = approver_of(item)
                if approver is not None:
                    notifications.notify(
                        [approver],
                        f"Til godkendelse igen: {item.title}",
                        f"Punktet er ændret efter din godkendelse.\n\n"
                        f"{notifications.link('item', item.pk)}",
                        exclude=by,
                    )
    return item


def _plain(value):
    if hasattr(value, "pk"):
        return str(value)
    return value


def next_reachable_meeting(
    forum: Forum, now: datetime.datetime, *, after: Meeting | None = None
) -> Meeting | None:
    """The first meeting of `forum` an item can still be submitted to at `now`."""
    meetings = forum.meetings.open_for_submission(now)
    if after is not None:
        meetings = meetings.exclude(pk=after.pk)
    return meetings.order_by("start").first()


def submit_item(
    item: AgendaItem, *, by: Person, override_reason: str = "", now: datetime.datetime | None = None
) -> AgendaItem:
    """Send the item to the secretariat. After the meeting's submission deadline (its day and
    time of day, Europe/Copenhagen) this is refused, naming the deadline and the next meeting
    the item can still reach; the secretariat may accept it anyway with a reason, which is
    logged and shown on the item. A published agenda does not cut the deadline short: an item
    submitted before the deadline joins the agenda as a change after publication."""
    now = now or timezone.now()
    with transaction.atomic():
        item = _lock(item)
        forum = item.forum
        if item.status not in EDITABLE:
            raise AgendaError(
                _("The item is already %(status)s.") % {"status": item.get_status_display()}
            )
        if item.author_id != by.pk and not is_secretariat(by, forum.organisation):
            raise AgendaError(_("Only the item's submitter or the secretariat can submit it."))
        if item.kind == AgendaItem.Kind.DECISION and not item.recommendation.strip():
            raise AgendaError(
                _("A decision item needs a recommendation (indstilling) before it is submitted.")
            )
        meeting = item.meeting
        if meeting is not None and not meeting.takes_place:
            raise AgendaError(_("The meeting is cancelled; choose another meeting."))
        late = (
            meeting is not None
            and not Meeting.objects.open_for_submission(now).filter(pk=meeting.pk).exists()
        )
        if late:
            if not override_reason.strip() or not is_secretariat(by, forum.organisation):
                raise AgendaError(_late_message(item, meeting, now))
            item.late_override = override_reason.strip()
        item.status = Status.SUBMITTED
        item.return_reason = ""
        item.save()
        log_event(
            item,
            by,
            "submitted",
            note=(_("Accepted after the deadline: %(reason)s") % {"reason": item.late_override})
            if late
            else "",
        )
        if meeting is not None and meeting.agenda_published_at is not None:
            _mark_changed_after_publication(item, by, f"nyt punkt: {item.title}")
        notifications.notify(
            _secretariat_people(forum),
            f"Nyt punkt til {forum.short_name}: {item.title}",
            f"{by} har indsendt punktet »{item.title}«.\n\n{notifications.link('item', item.pk)}",
            exclude=by,
        )
    return item


def deadline_text(meeting: Meeting) -> str:
    """'30/12' or '30/12 kl. 12:00'."""
    text = _day(meeting.submission_deadline)
    if meeting.deadline_time is not None:
        text += " " + _("at %(time)s") % {"time": f"{meeting.deadline_time:%H:%M}"}
    return text


def _late_message(item: AgendaItem, meeting: Meeting, now: datetime.datetime) -> str:
    start = timezone.localtime(meeting.start)
    if meeting.submission_deadline is None:
        reason = _("the agenda for %(forum)s on %(day)s is already published") % {
            "forum": item.forum.short_name,
            "day": _day(start.date()),
        }
    else:
        reason = _("the deadline for %(forum)s on %(day)s was %(deadline)s") % {
            "forum": item.forum.short_name,
            "day": _day(start.date()),
            "deadline": deadline_text(meeting),
        }
    following = next_reachable_meeting(item.forum, now, after=meeting)
    if following is None:
        where = _("No later meeting is planned yet; ask the secretariat.")
    else:
        day = _day(timezone.localtime(following.start).date())
        if following.submission_deadline:
            where = _(
                "The next meeting it can reach is %(day)s (deadline %(deadline)s): move the"
                " item there, or ask the secretariat to accept it late."
            ) % {"day": day, "deadline": deadline_text(following)}
        else:
            where = _(
                "The next meeting it can reach is %(day)s: move the item there, or ask the"
                " secretariat to accept it late."
            ) % {"day": day}
    return _("Too late: %(reason)s. %(where)s") % {"reason": reason, "where": where}


def review_item(item: AgendaItem, *, by: Person, sparring: str = "") -> AgendaItem:
    """The secretariat's quality assurance, with sparring notes the submitter sees."""
    with transaction.atomic():
        item = _lock(item)
        require_secretariat(by, item.forum, _("quality-assure items"))
        if item.status != Status.SUBMITTED:
            raise AgendaError(
                _("Only a submitted item can be quality-assured; this one is %(status)s.")
                % {"status": item.get_status_display()}
            )
        item.status = Status.REVIEWED
        if sparring.strip():
            item.sparring = sparring.strip()
        item.save()
        log_event(item, by, "reviewed", note=sparring.strip())
        approver = approver_of(item)
        if item.needs_approval and approver is not None:
            notifications.notify(
                [approver],
                f"Til godkendelse: {item.title}",
                f"Punktet »{item.title}« til {item.forum.short_name} venter på din godkendelse.\n\n"
                f"{notifications.link('item', item.pk)}",
            )
        notifications.notify(
            [item.author],
            f"Kvalitetssikret: {item.title}",
            f"Sekretariatet har kvalitetssikret dit punkt.\n\n{sparring}\n\n"
            f"{notifications.link('item', item.pk)}",
            exclude=by,
        )
    return item


def approver_of(item: AgendaItem) -> Person | None:
    rule = item.forum.charter.approval
    if rule == "responsible_director":
        return item.responsible_director
    if rule == "chair":
        chair = next((m.person for m in item.forum.members() if "chair" in m.roles), None)
        return chair
    return None


def approve_item(item: AgendaItem, *, by: Person) -> AgendaItem:
    """The approval the charter demands: e.g. in DIF the responsible director approves every item."""
    with transaction.atomic():
        item = _lock(item)
        if not item.needs_approval:
            raise AgendaError(
                _("Items of %(forum)s need no approval under its charter.")
                % {"forum": item.forum.name}
            )
        if item.status != Status.REVIEWED:
            raise AgendaError(
                _(
                    "The item is approved after the secretariat's quality assurance;"
                    " it is %(status)s."
                )
                % {"status": item.get_status_display()}
            )
        approver = approver_of(item)
        if approver is None:
            raise AgendaError(
                _(
                    "The item has no responsible director; the secretariat must name"
                    " one before it can be approved."
                )
            )
        if approver.pk != by.pk:
            raise AgendaError(
                _("Only %(person)s can approve this item, as the charter says.")
                % {"person": approver}
            )
        item.status = Status.APPROVED
        item.save()
        log_event(item, by, "approved")
        notifications.notify(
            [item.author, *_secretariat_people(item.forum)],
            f"Godkendt: {item.title}",
            f"{by} har godkendt punktet.\n\n{notifications.link('item', item.pk)}",
            exclude=by,
        )
    return item


def return_item(item: AgendaItem, *, by: Person, reason: str) -> AgendaItem:
    """Send the item back to its submitter with a reason (secretariat or the approver)."""
    if not reason.strip():
        raise AgendaError(_("Say why the item goes back, so the submitter can act on it."))
    with transaction.atomic():
        item = _lock(item)
        if item.status not in IN_PROCESS:
            raise AgendaError(
                _("Only an item in process can be sent back; this one is %(status)s.")
                % {"status": item.get_status_display()}
            )
        approver = approver_of(item)
        if not is_secretariat(by, item.forum.organisation) and not (
            approver and approver.pk == by.pk
        ):
            raise AgendaError(
                _("Only the secretariat or the approving director can send an item back.")
            )
        item.status = Status.RETURNED
        item.return_reason = reason.strip()
        item.save()
        log_event(item, by, "returned", note=item.return_reason)
        notifications.notify(
            [item.author],
            f"Sendt tilbage: {item.title}",
            f"{by} har sendt punktet tilbage:\n\n{item.return_reason}\n\n"
            f"{notifications.link('item', item.pk)}",
            exclude=by,
        )
    return item


def place_item(item: AgendaItem, *, by: Person, meeting: Meeting | None) -> AgendaItem:
    """Move an item to another meeting of its forum, or to the backlog (secretariat)."""
    with transaction.atomic():
        item = _lock(item)
        require_secretariat(by, item.forum, _("move items between meetings"))
        if meeting is not None and (meeting.forum_id != item.forum_id or not meeting.takes_place):
            raise AgendaError(_("Choose a meeting of the same forum that takes place."))
        if item.status == Status.TREATED:
            raise AgendaError(_("The item has been treated and stays with its meeting."))
        old = item.meeting
        _mark_changed_after_publication(item, by, f"punktet »{item.title}« er flyttet")
        item.meeting = meeting
        item.position = _next_position(meeting)
        if item.status == Status.PUBLISHED:
            item.status = Status.APPROVED if item.needs_approval else Status.REVIEWED
        item.save()
        log_event(
            item,
            by,
            "moved",
            changes={"meeting": [str(old) if old else None, str(meeting) if meeting else None]},
        )
        if meeting is not None and meeting.agenda_published_at is not None:
            _mark_changed_after_publication(item, by, f"nyt punkt: {item.title}")
    return item


def _next_position(meeting: Meeting | None) -> int:
    if meeting is None:
        return 0
    top = meeting.items.filter(standing=False).aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


def reorder_agenda(meeting: Meeting, order: list[int], *, by: Person) -> None:
    """Set the order of the meeting's items (standing items stay first)."""
    require_secretariat(by, meeting.forum, _("order the agenda"))
    with transaction.atomic():
        items = {i.pk: i for i in meeting.items.select_for_update().filter(standing=False)}
        if set(order) != set(items):
            raise AgendaError(
                _(
                    "The order must name every item of the meeting exactly once;"
                    " reload the page and try again."
                )
            )
        for position, pk in enumerate(order, start=1):
            if items[pk].position != position:
                items[pk].position = position
                items[pk].save(update_fields=["position", "updated_at"])
        if meeting.agenda_published_at is not None:
            first = next(iter(items.values()), None)
            if first is not None:
                _mark_changed_after_publication(first, by, "rækkefølgen er ændret")


def move_item(item: AgendaItem, direction: int, *, by: Person) -> None:
    """One step up (-1) or down (+1): the keyboard alternative to dragging."""
    meeting = item.meeting
    require_secretariat(by, item.forum, _("order the agenda"))
    if meeting is None:
        raise AgendaError(_("The item is in the backlog; place it on a meeting first."))
    if item.standing:
        raise AgendaError(_("Standing items stay first, in the charter's order."))
    order = list(meeting.items.filter(standing=False).in_order().values_list("pk", flat=True))
    index = order.index(item.pk)
    target = max(0, min(len(order) - 1, index + direction))
    order.insert(target, order.pop(index))
    reorder_agenda(meeting, order, by=by)


def ensure_standing_items(meeting: Meeting) -> list[AgendaItem]:
    """The charter's standing items, first on every agenda of the forum (idempotent). Returns
    the items it made."""
    spec = meeting.forum.charter
    if not spec.agenda or not spec.standing_items:
        return []
    existing = set(meeting.items.filter(standing=True).values_list("title", flat=True))
    made = []
    for position, title in enumerate(spec.standing_items, start=1):
        if title not in existing:
            made.append(
                AgendaItem.objects.create(
                    forum=meeting.forum,
                    meeting=meeting,
                    title=title,
                    kind=AgendaItem.Kind.STANDING,
                    standing=True,
                    position=position,
                    status=Status.REVIEWED,
                    duration_minutes=5,
                )
            )
    return made


@dataclass
class AgendaLine:
    number: int
    item: AgendaItem
    start: datetime.datetime
    end: datetime.datetime


@dataclass
class Agenda:
    meeting: Meeting
    lines: list[AgendaLine]
    overrun: datetime.timedelta

    @property
    def end(self) -> datetime.datetime:
        return self.lines[-1].end if self.lines else self.meeting.start


def build_agenda(meeting: Meeting, items) -> Agenda:
    """Number the items and give each its start time; say by how much they overrun."""
    start = meeting.start
    lines = []
    ordered = sorted(items, key=lambda i: (not i.standing, i.position, i.pk))
    for number, item in enumerate(ordered, start=1):
        end = start + datetime.timedelta(minutes=item.duration_minutes)
        lines.append(AgendaLine(number, item, start, end))
        start = end
    overrun = max(datetime.timedelta(), start - meeting.end)
    return Agenda(meeting, lines, overrun)


def publication_blockers(meeting: Meeting) -> list[AgendaItem]:
    items = list(meeting.items.on_agenda().select_related("forum"))
    return [
        item
        for item in items
        if not item.ready
        or (item.kind == AgendaItem.Kind.DECISION and not item.recommendation.strip())
    ]


def publish_agenda(
    meeting: Meeting, *, by: Person | None, now: datetime.datetime | None = None
) -> Meeting:
    """Publish the agenda (the secretariat, or the scheduled job on the publication day when
    `by` is None). Refused while an item lacks a required approval or recommendation; the
    refusal names those items."""
    now = now or timezone.now()
    forum = meeting.forum
    refuse_without_agenda(forum, _("agenda"))
    if by is not None:
        require_secretariat(by, forum, _("publish the agenda"))
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("forum").get(pk=meeting.pk)
        if not meeting.takes_place:
            raise AgendaError(
                _("The meeting is cancelled or skipped; there is nothing to publish.")
            )
        if meeting.agenda_published_at is not None:
            raise AgendaError(_("The agenda is already published; changes are marked on it."))
        ensure_standing_items(meeting)
        blockers = publication_blockers(meeting)
        if blockers:
            raise AgendaError(
                _(
                    "The agenda cannot be published yet: these items lack a required approval or"
                    " recommendation. Get them approved, or move them to a later meeting."
                ),
                items=blockers,
            )
        meeting.agenda_published_at = now
        meeting.sequence += 1
        meeting.save(update_fields=["agenda_published_at", "sequence", "updated_at"])
        items = list(meeting.items.on_agenda())
        for item in items:
            item.status = Status.PUBLISHED
            item.save(update_fields=["status", "updated_at"])
            log_event(item, by, "published")
        when = date_format(timezone.localtime(meeting.start), "l j. F Y \\k\\l. H:i")
        members = Person.objects.filter(pk__in=member_ids(forum))
        notifications.notify(
            members,
            f"Dagsorden: {forum.name} {when}",
            f"Dagsordenen til {forum.name} {when} er publiceret.\n\n"
            f"{notifications.link('meeting-agenda', meeting.pk)}",
        )
        guests = (
            Person.objects.filter(guest_items__in=[i for i in items if not i.closed])
            .exclude(pk__in=member_ids(forum))
            .distinct()
        )
        notifications.notify(
            guests,
            f"Du er inviteret: {forum.name} {when}",
            f"Du er inviteret til et punkt på {forum.name} {when}.\n\n"
            f"{notifications.link('meeting-agenda', meeting.pk)}",
        )
    return meeting


def publish_due_agendas(now: datetime.datetime | None = None) -> list[tuple[Meeting, str]]:
    """The scheduled job: publish every agenda that is due (`Meeting.objects.
    due_for_publication`: its publication day has come and its deadline has passed). A refusal
    is mailed to the forum's secretariat with the blocking items. Returns (meeting, outcome)."""
    now = now or timezone.now()
    outcomes = []
    due = Meeting.objects.due_for_publication(now).select_related("forum", "forum__organisation")
    for meeting in due:
        if not meeting.forum.charter.agenda:
            continue
        try:
            publish_agenda(meeting, by=None, now=now)
            outcomes.append((meeting, "published"))
        except AgendaError as error:
            titles = "\n".join(f"- {i.title}" for i in error.items)
            notifications.notify(
                _secretariat_people(meeting.forum),
                f"Dagsorden ikke publiceret: {meeting.forum.short_name}",
                f"{error.message}\n\n{titles}\n\n{notifications.link('meeting-agenda', meeting.pk)}",
            )
            outcomes.append((meeting, f"refused: {error.message} {titles}"))
    return outcomes


# --- reflection topics, members' input, working groups ---------------------------------------


def post_topic(meeting: Meeting, *, by: Person, title: str, text: str = "") -> Topic:
    """A member tells the others what they want to raise (DIF Refleksion)."""
    forum = meeting.forum
    if not forum.charter.topics_before_meeting:
        raise AgendaError(
            _("%(forum)s works with agenda items, not topics; propose an item.")
            % {"forum": forum.name}
        )
    if not is_member(by, forum):
        raise AgendaError(_("Only the members of %(forum)s post topics.") % {"forum": forum.name})
    if not title.strip():
        raise AgendaError(_("The topic needs a title."))
    if meeting.start <= timezone.now():
        raise AgendaError(_("The meeting has begun; topics are posted before it."))
    return Topic.objects.create(meeting=meeting, author=by, title=title.strip(), text=text.strip())


def add_comment(item: AgendaItem, *, by: Person, kind: str, text: str) -> Comment:
    """Input or counter-input (med- og modspil) from a member on a proposed item."""
    forum = item.forum
    if not forum.charter.member_input:
        raise AgendaError(
            _("The charter of %(forum)s does not ask for members' input on items.")
            % {"forum": forum.name}
        )
    if not is_member(by, forum):
        raise AgendaError(
            _("Only the members of %(forum)s give input on its items.") % {"forum": forum.name}
        )
    if item.status in (Status.DRAFT, Status.WITHDRAWN, Status.TREATED):
        raise AgendaError(_("Input is given on proposed items before they are treated."))
    if kind not in Comment.Kind.values or not text.strip():
        raise AgendaError(_("Give input (medspil) or counter-input (modspil), with a text."))
    comment = Comment.objects.create(item=item, author=by, kind=kind, text=text.strip())
    log_event(item, by, f"comment:{kind}")
    notifications.notify(
        [item.author],
        f"{comment.get_kind_display()}: {item.title}",
        f"{by} skriver:\n\n{comment.text}\n\n{notifications.link('item', item.pk)}",
        exclude=by,
    )
    return comment


# --- attachments --------------------------------------------------------


def add_attachment(item: AgendaItem, upload, *, by: Person) -> Attachment:
    """Store an uploaded file (PDF, Office or image, at most ATTACHMENT_MAX_BYTES)."""
    if item.author_id != by.pk and not is_secretariat(by, item.forum.organisation):
        raise AgendaError(_("Only the submitter or the secretariat can attach files."))
    name = upload.name.rsplit("/", 1)[-1][:200]
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_UPLOADS:
        raise AgendaError(
            _("%(name)s: attach PDF, Word, Excel, PowerPoint, PNG or JPEG files.") % {"name": name}
        )
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        limit = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
        raise AgendaError(
            _("%(name)s is larger than %(limit)d MB; make it smaller or link to it.")
            % {"name": name, "limit": limit}
        )
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(SIGNATURES[extension]):
        raise AgendaError(
            _("%(name)s is not a %(type)s file; check the file.")
            % {"name": name, "type": extension[1:].upper()}
        )
    with transaction.atomic():
        attachment = Attachment.objects.create(
            item=item,
            file=upload,
            name=name,
            content_type=ALLOWED_UPLOADS[extension],
            size=upload.size,
            uploaded_by=by,
        )
        log_event(item, by, "attached", note=name)
        _mark_changed_after_publication(item, by, f"bilag: {name}")
    return attachment


@dataclass
class AnchorTime:
    key: str
    title: str
    minutes: int
    items: int


def anchor_report(forum: Forum, start: datetime.date, end: datetime.date) -> list[AnchorTime]:
    """Meeting time per strategy anchor of the charter between two dates: the expected duration
    of the items tagged with each anchor on the agendas published in the period."""
    from ledelsesfora.forums.models import Charter

    charter = Charter.objects.current(forum.organisation)
    titles = {a.key: a.title for a in charter.parsed.anchors} if charter else {}
    items = forum.items.filter(
        meeting__agenda_published_at__isnull=False,
        meeting__start__date__gte=start,
        meeting__start__date__lte=end,
    ).exclude(status__in=[Status.DRAFT, Status.RETURNED, Status.WITHDRAWN])
    totals = {key: AnchorTime(key, titles.get(key, key), 0, 0) for key in forum.charter.anchors}
    for anchors, minutes in items.values_list("anchors", "duration_minutes"):
        for key in anchors or []:
            if key in totals:
                totals[key].minutes += minutes
                totals[key].items += 1
    return list(totals.values())
