"""The path of an agenda item, one function per step: create, edit, submit, quality-assure,
approve, send back, place on a meeting, members' input and attachments.

Each step checks the forum's charter rule, runs in a transaction with the item's row locked,
writes the item's history (who, when, what changed) and e-mails the people who act next after
the transaction commits. A step that is not allowed raises `AgendaError` with a message a person
can act on. Views, the API and the management commands all call these functions: each rule lives
here and nowhere else. A meeting's agenda as a whole (ordering, publication) is `agendas.py`;
topics for reflection meetings `topics.py`; storing a year `year.py`.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ledelsesfora import notifications
from ledelsesfora.agenda.access import readers
from ledelsesfora.agenda.models import (
    AgendaItem,
    Attachment,
    Comment,
    Deferral,
    ItemEvent,
    case_number_validator,
)
from ledelsesfora.errors import Refused
from ledelsesfora.forums import describe
from ledelsesfora.forums.access import (
    can_submit,
    is_member,
    is_secretariat,
    member_ids,
    members_with_role,
)
from ledelsesfora.forums.models import Forum
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.notifications import Phrase
from ledelsesfora.organisation.models import Organisation, Person, Position, Unit

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


class StaleEdit(AgendaError):
    """Someone else saved the item after the form being sent was opened. `current` is the item
    as it is now, so both versions can be shown."""

    def __init__(self, message: str, current: AgendaItem):
        super().__init__(message)
        self.current = current


def content_stamp(item: AgendaItem) -> str:
    """A short fingerprint of what an edit form shows of the item (its fields, presenters and
    guests): a form carries the one it was opened with, and a save over a different one is a
    stale edit. A step (submitted, approved …) does not change it."""
    values = [
        getattr(item, f"{name}_id" if name.startswith("responsible_") else name)
        for name in ITEM_FIELDS
    ]
    values.append(sorted(person.pk for person in item.presenters.all()))
    values.append(sorted(person.pk for person in item.guests.all()))
    return hashlib.sha256(repr(values).encode()).hexdigest()[:20]


def day_text(day: datetime.date) -> str:
    """E.g. "tirsdag 2. marts 2027", in the reader's language."""
    return date_format(day, "l j. F Y")


def log_event(
    item: AgendaItem, by: Person | None, action: str, note: str = "", changes=None
) -> None:
    """The item's history: who did what, when, and what changed."""
    ItemEvent.objects.create(item=item, by=by, action=action, note=note, changes=changes or {})


def secretariat_units(forum: Forum):
    """The units that service the forum: the one its charter names, or else the
    municipality's secretariat units."""
    units = Unit.objects.filter(organisation=forum.organisation)
    secretariat = forum.charter.secretariat
    if secretariat:
        return units.filter(key=secretariat.unit)
    return units.filter(kind=Unit.Kind.SECRETARIAT)


def secretariat_people(forum: Forum) -> list[Person]:
    """The people who service the forum: those holding a post in its secretariat units."""
    positions = Position.objects.active().filter(unit__in=secretariat_units(forum))
    return [p.person for p in positions.select_related("person")]


def secretariat_text(forum: Forum) -> str:
    """Who services the forum, for its papers: the unit and the people in it, e.g.
    "Direktionssekretariatet (Ole Poulsen, Mette Holm)"."""
    names = ", ".join(sorted({p.full_name for p in secretariat_people(forum)}))
    unit = secretariat_units(forum).first()
    if unit is None:
        return names
    return f"{unit.name} ({names})" if names else unit.name


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


def lock_item(item: AgendaItem) -> AgendaItem:
    """The item again, its row locked until the transaction ends (call inside one)."""
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


def mark_changed_after_publication(item: AgendaItem, by: Person | None, what: Phrase) -> None:
    """A change to a published agenda: marked on the item, and mailed to the forum's members
    who may see the item now (`readers`). A late item is announced when the secretariat lets it
    onto the agenda, not when it is submitted: until then the members cannot open it."""
    meeting = item.meeting
    if meeting is None or meeting.agenda_published_at is None:
        return
    item.changed_after_publication = timezone.now()
    item.save(update_fields=["changed_after_publication", "updated_at"])
    members = Person.objects.filter(pk__in=member_ids(item.forum))
    notifications.notify(
        readers(item, members),
        gettext_noop("Changed agenda: %(forum)s %(day)s"),
        gettext_noop(
            "The agenda of %(name)s on %(day)s is changed after it was published: %(what)s."
            "\n\n%(link)s"
        ),
        {
            "forum": item.forum.short_name,
            "name": item.forum.name,
            "day": timezone.localtime(meeting.start).date(),
            "what": what,
            "link": notifications.link("meeting-agenda", meeting.pk),
        },
        exclude=by,
    )


def approver_of(item: AgendaItem) -> Person | None:
    """Who approves the item, as the charter's `approval` says: the responsible director, or
    the forum's chair; None where no approval is asked."""
    rule = item.forum.charter.approval
    if rule == "responsible_director":
        return item.responsible_director
    if rule == "chair":
        return next(iter(members_with_role(item.forum, "chair")), None)
    return None


def may_approve(item: AgendaItem, person: Person) -> bool:
    """`person` is the one to approve the item now: it waits for approval and they are its
    approver."""
    approver = approver_of(item) if item.needs_approval else None
    return approver is not None and approver.pk == person.pk and item.status == Status.REVIEWED


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
    # A title is one line: it heads pages and documents and is every mail's subject.
    data.title = " ".join((data.title or "").split())
    if data.kind not in spec.item_kinds:
        allowed = ", ".join(describe.item_kind(spec, k).lower() for k in spec.item_kinds)
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
    item: AgendaItem,
    data: ItemData,
    *,
    by: Person,
    presenters=None,
    guests=None,
    seen: str | None = None,
) -> AgendaItem:
    """Edit an item: its submitter while it is a draft or returned, the secretariat until it
    is treated. A change to a published agenda is marked on it and sent to the members. With
    `seen` (the `content_stamp` the edit began from), a save over someone else's later change
    is refused with `StaleEdit`, so neither text is lost."""
    with transaction.atomic():
        item = lock_item(item)
        if seen is not None and seen != content_stamp(item):
            last = item.events.filter(action="changed").select_related("by").last()
            raise StaleEdit(
                _(
                    "%(person)s saved a change to this item at %(time)s, after you opened it."
                    " Your text is kept in the form and theirs is shown above it: compare, and"
                    " save again to keep yours."
                )
                % {
                    "person": last.by.full_name if last and last.by else _("Someone"),
                    "time": date_format(timezone.localtime(last.at), "H:i") if last else "",
                },
                item,
            )
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
            mark_changed_after_publication(
                item,
                by,
                Phrase(
                    gettext_noop("changed: %(fields)s"),
                    {"fields": [AgendaItem._meta.get_field(n).verbose_name for n in changes]},
                ),
            )
            if item.needs_approval and item.status in (Status.APPROVED, Status.PUBLISHED):
                # The approval covered the text as it was: the director approves it again.
                item.status = Status.REVIEWED
                item.save(update_fields=["status", "updated_at"])
                log_event(item, by, "reviewed", note=_("Changed after approval; approve it again."))
                notifications.notify(
                    [approver_of(item)],
                    gettext_noop("To approve again: %(title)s"),
                    gettext_noop("The item is changed after you approved it.\n\n%(link)s"),
                    {"title": item.title, "link": notifications.link("item", item.pk)},
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
        item = lock_item(item)
        forum = item.forum
        if item.status not in EDITABLE:
            raise AgendaError(
                _("The item is already %(status)s.") % {"status": item.get_status_display()}
            )
        if item.author_id != by.pk and not is_secretariat(by, forum.organisation):
            raise AgendaError(_("Only the item's submitter or the secretariat can submit it."))
        if forum.charter.needs_recommendation(item.kind) and not item.recommendation.strip():
            raise AgendaError(
                _(
                    "The item needs a recommendation (indstilling) before it is submitted, as"
                    " every item of the kind %(kind)s does."
                )
                % {"kind": describe.item_kind(forum.charter, item.kind).lower()}
            )
        meeting = item.meeting
        if meeting is not None and not meeting.takes_place:
            raise AgendaError(_("The meeting is cancelled; choose another meeting."))
        late = is_late(item, now)
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
        mark_changed_after_publication(
            item, by, Phrase(gettext_noop("new item proposed: %(title)s"), {"title": item.title})
        )
        notifications.notify(
            secretariat_people(forum),
            gettext_noop("New item for %(forum)s: %(title)s"),
            gettext_noop("%(by)s has submitted the item »%(title)s«.\n\n%(link)s"),
            {
                "forum": forum.short_name,
                "title": item.title,
                "by": str(by),
                "link": notifications.link("item", item.pk),
            },
            exclude=by,
        )
    return item


def deadline_text(meeting: Meeting) -> str:
    """'30/12' or '30/12 kl. 12:00'."""
    text = day_text(meeting.submission_deadline)
    if meeting.deadline_time is not None:
        text += " " + _("at %(time)s") % {"time": f"{meeting.deadline_time:%H:%M}"}
    return text


def _late_message(item: AgendaItem, meeting: Meeting, now: datetime.datetime) -> str:
    start = timezone.localtime(meeting.start)
    if meeting.submission_deadline is None:
        reason = _("the agenda for %(forum)s on %(day)s is already published") % {
            "forum": item.forum.short_name,
            "day": day_text(start.date()),
        }
    else:
        reason = _("the deadline for %(forum)s on %(day)s was %(deadline)s") % {
            "forum": item.forum.short_name,
            "day": day_text(start.date()),
            "deadline": deadline_text(meeting),
        }
    following = next_reachable_meeting(item.forum, now, after=meeting)
    if following is None:
        where = _("No later meeting is planned yet; ask the secretariat.")
    else:
        day = day_text(timezone.localtime(following.start).date())
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
        item = lock_item(item)
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
        link = notifications.link("item", item.pk)
        if item.needs_approval:
            notifications.notify(
                [approver_of(item)],
                gettext_noop("To approve: %(title)s"),
                gettext_noop(
                    "The item »%(title)s« for %(forum)s awaits your approval.\n\n%(link)s"
                ),
                {"title": item.title, "forum": item.forum.short_name, "link": link},
            )
        else:
            _announce_if_published(item, by)
        notifications.notify(
            [item.author],
            gettext_noop("Quality-assured: %(title)s"),
            gettext_noop(
                "The secretariat has quality-assured your item.\n\n%(sparring)s\n\n%(link)s"
            ),
            {"title": item.title, "sparring": sparring.strip(), "link": link},
            exclude=by,
        )
    return item


def _announce_if_published(item: AgendaItem, by: Person) -> None:
    """An item that becomes ready on an agenda already published (a late item accepted) joins
    it now: marked as a change and mailed to the members who may now see it."""
    mark_changed_after_publication(
        item, by, Phrase(gettext_noop("new item on the agenda: %(title)s"), {"title": item.title})
    )


def approve_item(item: AgendaItem, *, by: Person) -> AgendaItem:
    """The approval the charter demands: e.g. in DIF the responsible director approves every item."""
    with transaction.atomic():
        item = lock_item(item)
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
        if not may_approve(item, by):
            raise AgendaError(
                _("Only %(person)s can approve this item, as the charter says.")
                % {"person": approver}
            )
        item.status = Status.APPROVED
        item.save()
        log_event(item, by, "approved")
        _announce_if_published(item, by)
        notifications.notify(
            [item.author, *secretariat_people(item.forum)],
            gettext_noop("Approved: %(title)s"),
            gettext_noop("%(by)s has approved the item.\n\n%(link)s"),
            {"title": item.title, "by": str(by), "link": notifications.link("item", item.pk)},
            exclude=by,
        )
    return item


def return_item(item: AgendaItem, *, by: Person, reason: str) -> AgendaItem:
    """Send the item back to its submitter with a reason (secretariat or the approver)."""
    if not reason.strip():
        raise AgendaError(_("Say why the item goes back, so the submitter can act on it."))
    with transaction.atomic():
        item = lock_item(item)
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
            gettext_noop("Sent back: %(title)s"),
            gettext_noop("%(by)s has sent the item back:\n\n%(reason)s\n\n%(link)s"),
            {
                "title": item.title,
                "by": str(by),
                "reason": item.return_reason,
                "link": notifications.link("item", item.pk),
            },
            exclude=by,
        )
    return item


def place_item(item: AgendaItem, *, by: Person, meeting: Meeting | None) -> AgendaItem:
    """Move an item to another meeting of its forum, or to the backlog (secretariat)."""
    with transaction.atomic():
        item = lock_item(item)
        require_secretariat(by, item.forum, _("move items between meetings"))
        if meeting is not None and (meeting.forum_id != item.forum_id or not meeting.takes_place):
            raise AgendaError(_("Choose a meeting of the same forum that takes place."))
        if item.status == Status.TREATED:
            raise AgendaError(_("The item has been treated and stays with its meeting."))
        mark_changed_after_publication(
            item, by, Phrase(gettext_noop("the item »%(title)s« is moved"), {"title": item.title})
        )
        _put_on(item, meeting, _next_position(meeting), by)
    return item


def _put_on(
    item: AgendaItem, meeting: Meeting | None, position: int, by: Person, note: str = ""
) -> None:
    """Move a locked item to `meeting` (None: the backlog) at `position`: it leaves a published
    agenda, its history says where it went, and a published agenda it joins announces it."""
    old = item.meeting
    item.meeting, item.position = meeting, position
    item.leave_published_agenda()
    item.save()
    log_event(
        item,
        by,
        "moved",
        note=note,
        changes={"meeting": [str(old) if old else None, str(meeting) if meeting else None]},
    )
    _announce_if_published(item, by)


@dataclass(frozen=True)
class ItemsMoved:
    """What `move_meeting_items` did: the items moved, and those left with the reason why."""

    moved: list[AgendaItem]
    kept: list[AgendaItem]  # each with a `reason`


def move_meeting_items(meeting: Meeting, *, to: Meeting | None, by: Person) -> ItemsMoved:
    """Move every item waiting on a cancelled or skipped meeting to one meeting of its forum
    still ahead, or to the forum's backlog, in one step (secretariat). Standing items stay:
    each meeting has its own. An item of the annual cycle stays where the other meeting already
    has it. Each item's history says where it went; its submitter is told."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("forum").get(pk=meeting.pk)
        require_secretariat(by, meeting.forum, _("move items between meetings"))
        if meeting.takes_place:
            raise AgendaError(
                _("The meeting takes place; move its items one at a time from their pages.")
            )
        if to is not None and (
            to.forum_id != meeting.forum_id
            or not to.takes_place
            or to.working_group_id is not None
            or to.start <= timezone.now()
        ):
            raise AgendaError(_("Choose a meeting of the same forum that is still ahead."))
        waiting = (
            meeting.items.filter(standing=False)
            .exclude(status__in=[Status.TREATED, Status.WITHDRAWN])
            .order_by("position", "pk")
        )
        taken = (
            set(to.items.exclude(recurring_key="").values_list("recurring_key", flat=True))
            if to
            else set()
        )
        moved, kept = [], []
        position = _next_position(to)
        for item in waiting:
            item = lock_item(item)
            if item.recurring_key and item.recurring_key in taken:
                item.reason = _("the other meeting already has this item of the annual cycle")
                kept.append(item)
                continue
            _put_on(item, to, position, by, note=_("the meeting was cancelled"))
            position += 1
            moved.append(item)
        _tell_submitters_of_move(meeting, to, moved, by)
    return ItemsMoved(moved, kept)


def _tell_submitters_of_move(
    meeting: Meeting, to: Meeting | None, moved: list[AgendaItem], by: Person
) -> None:
    titles: dict[int, list[str]] = {}
    for item in moved:
        titles.setdefault(item.author_id, []).append(f"- {item.title}")
    authors = Person.objects.filter(pk__in=titles)
    where = (
        Phrase(
            gettext_noop("the meeting on %(day)s"),
            {"day": timezone.localtime(to.start).date()},
        )
        if to
        else Phrase(gettext_noop("the forum's backlog"), {})
    )
    notifications.notify(
        authors,
        gettext_noop("Your items are moved: %(forum)s %(day)s is cancelled"),
        gettext_noop(
            "%(name)s on %(day)s is cancelled. Your items are moved to %(where)s:\n\n"
            "%(titles)s\n\n%(link)s"
        ),
        {
            "forum": meeting.forum.short_name,
            "name": meeting.forum.name,
            "day": timezone.localtime(meeting.start).date(),
            "where": where,
            "link": notifications.link("my-items", meeting.forum.organisation.slug),
        },
        exclude=by,
        each=lambda person: {"titles": "\n".join(titles[person.pk])},
    )


def _next_position(meeting: Meeting | None) -> int:
    if meeting is None:
        return 0
    top = meeting.items.filter(standing=False).aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


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
    with transaction.atomic():
        item = lock_item(item)
        comment = Comment.objects.create(item=item, author=by, kind=kind, text=text.strip())
        log_event(item, by, f"comment:{kind}")
        notifications.notify(
            [item.author],
            gettext_noop("%(kind)s: %(title)s"),
            gettext_noop("%(by)s writes:\n\n%(text)s\n\n%(link)s"),
            {
                "kind": Comment.Kind(kind).label,
                "title": item.title,
                "by": str(by),
                "text": comment.text,
                "link": notifications.link("item", item.pk),
            },
            exclude=by,
        )
    return comment


# --- attachments ----------------------------------------------------------------------------


def checked_upload(upload) -> tuple[str, str]:
    """The uploaded file's name and content type, if it is a PDF, Office or image file of at
    most ATTACHMENT_MAX_BYTES whose first bytes agree with its extension; `AgendaError`
    saying what is wrong otherwise."""
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
    return name, ALLOWED_UPLOADS[extension]


def add_attachment(item: AgendaItem, upload, *, by: Person) -> Attachment:
    """Store an uploaded file (PDF, Office or image, at most ATTACHMENT_MAX_BYTES)."""
    if item.author_id != by.pk and not is_secretariat(by, item.forum.organisation):
        raise AgendaError(_("Only the submitter or the secretariat can attach files."))
    name, content_type = checked_upload(upload)
    with transaction.atomic():
        item = lock_item(item)
        attachment = Attachment.objects.create(
            item=item,
            file=upload,
            name=name,
            content_type=content_type,
            size=upload.size,
            uploaded_by=by,
        )
        log_event(item, by, "attached", note=name)
        mark_changed_after_publication(
            item, by, Phrase(gettext_noop("attachment: %(name)s"), {"name": name})
        )
    return attachment


# --- reminders --------------------------------------------------------------------------------


def awaiting_approvals(organisation: Organisation) -> dict[Person, list[AgendaItem]]:
    """The items of the municipality waiting for an approval, by the person the charter names
    to give it (items whose charter names nobody under None), soonest meeting first."""
    forums = {f.pk: f for f in organisation.forums.all()}
    waiting = (
        AgendaItem.objects.filter(forum_id__in=forums, status=Status.REVIEWED, needs_approval=True)
        .select_related("meeting", "responsible_director")
        .order_by("meeting__start", "pk")
    )
    by_approver: dict[Person | None, list[AgendaItem]] = {}
    for item in waiting:
        item.forum = forums[item.forum_id]  # one object a forum: its chair is found once
        by_approver.setdefault(approver_of(item), []).append(item)
    return by_approver


def remind_approver(organisation: Organisation, approver: Person, *, by: Person) -> int:
    """Mail `approver` the items waiting for their approval, and note the reminder on each
    item's history. Returns how many items it named; refused when none wait."""
    if not is_secretariat(by, organisation):
        raise AgendaError(_("Only the secretariat can %(what)s.") % {"what": _("send reminders")})
    items = awaiting_approvals(organisation).get(approver, [])
    if not items:
        raise AgendaError(
            _("Nothing waits for an approval by %(name)s.") % {"name": approver.full_name}
        )
    with transaction.atomic():
        for item in items:
            log_event(item, by, "reminded", note=approver.full_name)
        notifications.notify(
            [approver],
            gettext_noop("Waiting for your approval: %(count)s items"),
            gettext_noop("These items wait for your approval:\n\n%(items)s\n\n%(link)s"),
            {
                "count": len(items),
                "items": notifications.Lines(
                    [
                        notifications.Phrase(gettext_noop("- %(title)s"), {"title": i.title})
                        for i in items
                    ]
                ),
                "link": notifications.link("my-items", organisation.slug),
            },
        )
    return len(items)


# --- deferral ---------------------------------------------------------------------------------


def defer_item(item: AgendaItem, to_meeting: Meeting, *, by: Person | None) -> AgendaItem:
    """The item goes on to a later meeting of its forum, keeping its approvals and history; the
    meeting it leaves keeps it on its published agenda, marked deferred and to which meeting.
    Called inside the step that decides it (minutes.record_outcome)."""
    from_meeting = item.meeting
    if from_meeting is None or to_meeting.forum_id != item.forum_id:
        raise AgendaError(_("Choose a later meeting of the forum to defer the item to."))
    if to_meeting.start <= from_meeting.start:
        raise AgendaError(_("Choose a later meeting of the forum to defer the item to."))
    with transaction.atomic():
        item = lock_item(item)
        Deferral.objects.update_or_create(
            item=item, from_meeting=from_meeting, defaults={"to_meeting": to_meeting}
        )
        item.meeting = to_meeting
        item.leave_published_agenda()
        item.save(update_fields=["meeting", "status", "updated_at"])
        log_event(
            item,
            by,
            "moved",
            note=_("Deferred from %(day)s")
            % {"day": date_format(timezone.localtime(from_meeting.start), "j. F Y")},
        )
    return item


# --- after the deadline -----------------------------------------------------------------------


def is_late(item: AgendaItem, now: datetime.datetime) -> bool:
    """The item waits to be submitted to a meeting that no longer takes items."""
    return (
        item.status in EDITABLE
        and item.meeting is not None
        and not Meeting.objects.open_for_submission(now).filter(pk=item.meeting_id).exists()
    )


def _submitter_or_secretariat(item: AgendaItem, by: Person) -> None:
    if item.author_id != by.pk and not is_secretariat(by, item.forum.organisation):
        raise AgendaError(_("Only the item's submitter or the secretariat can do this."))


def submit_to_next_meeting(
    item: AgendaItem, *, by: Person, now: datetime.datetime | None = None
) -> AgendaItem:
    """A late item, in one step: moved to the next meeting it can still reach, and submitted."""
    now = now or timezone.now()
    _submitter_or_secretariat(item, by)
    with transaction.atomic():
        item = lock_item(item)
        if not is_late(item, now):
            raise AgendaError(_("The item is not late; submit it as it is."))
        following = next_reachable_meeting(item.forum, now, after=item.meeting)
        if following is None:
            raise AgendaError(_("No later meeting is planned yet; ask the secretariat."))
        old = item.meeting
        item.meeting = following
        item.position = _next_position(following)
        item.save(update_fields=["meeting", "position", "updated_at"])
        log_event(item, by, "moved", changes={"meeting": [str(old), str(following)]})
        return submit_item(item, by=by, now=now)


def withdraw_item(item: AgendaItem, *, by: Person) -> AgendaItem:
    """The submitter takes back an item not yet submitted (a draft, or one sent back)."""
    _submitter_or_secretariat(item, by)
    with transaction.atomic():
        item = lock_item(item)
        if item.status not in EDITABLE:
            raise AgendaError(
                _("The item is already %(status)s; ask the secretariat to take it off.")
                % {"status": item.get_status_display()}
            )
        item.status = Status.WITHDRAWN
        item.save(update_fields=["status", "updated_at"])
        log_event(item, by, "withdrawn")
    return item


def ask_to_accept_late(
    item: AgendaItem, *, by: Person, reason: str, now: datetime.datetime | None = None
) -> AgendaItem:
    """The submitter asks the secretariat to take a late item on its meeting after all; the
    secretariat decides on the item's page (accepting it with a reason, or moving it)."""
    now = now or timezone.now()
    _submitter_or_secretariat(item, by)
    reason = " ".join((reason or "").split())
    if not reason:
        raise AgendaError(_("Say why the item cannot wait for the next meeting."))
    with transaction.atomic():
        item = lock_item(item)
        if not is_late(item, now):
            raise AgendaError(_("The item is not late; submit it as it is."))
        log_event(item, by, "asked-late", note=reason)
        notifications.notify(
            secretariat_people(item.forum),
            gettext_noop("Asked to accept late: %(title)s"),
            gettext_noop(
                "%(by)s asks you to accept »%(title)s« for %(forum)s %(when)s after the"
                " deadline:\n\n%(reason)s\n\n%(link)s"
            ),
            {
                "by": str(by),
                "title": item.title,
                "forum": item.forum.short_name,
                "when": item.meeting.start,
                "reason": reason,
                "link": notifications.link("item", item.pk),
            },
            exclude=by,
        )
    return item
