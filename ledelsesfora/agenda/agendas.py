"""A meeting's agenda as a whole: the agenda as a person may see it, its standing items, its
order, and its publication (by the secretariat, or by the job once it is due).

`agenda_for(person, meeting)` is the one way to read an agenda; the pages, the API, the minutes
and the PDF and Word documents all call it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, Subquery, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ledelsesfora import notifications
from ledelsesfora.agenda.access import may_open_agenda
from ledelsesfora.agenda.models import AgendaItem, Deferral
from ledelsesfora.agenda.operations import (
    AgendaError,
    Status,
    approver_of,
    log_event,
    mark_changed_after_publication,
    refuse_without_agenda,
    require_secretariat,
    secretariat_people,
    secretariat_text,
)
from ledelsesfora.documents import DOCX, PDF, agenda_filename, letterhead
from ledelsesfora.forums.access import is_secretariat, member_ids
from ledelsesfora.forums.models import Charter, Forum
from ledelsesfora.meetings.answers import answer_link
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.notifications import Phrase
from ledelsesfora.organisation.models import Person


def reorder_agenda(meeting: Meeting, order: list[int], *, by: Person) -> None:
    """Set the order of the items on the meeting's agenda, as the board shows them (standing
    items stay first). Drafts and returned items, not on the agenda yet, follow in the order
    they had, so each finds its place when it comes."""
    require_secretariat(by, meeting.forum, _("order the agenda"))
    with transaction.atomic():
        movable = meeting.items.select_for_update().filter(standing=False).in_order()
        items = {i.pk: i for i in movable.on_agenda()}
        if len(order) != len(set(order)) or set(order) != set(items):
            raise AgendaError(
                _(
                    "The order must name every item on the agenda exactly once; someone may"
                    " have changed it meanwhile: reload the page and try again."
                )
            )
        waiting = [i for i in movable if i.pk not in items]
        for position, item in enumerate([items[pk] for pk in order] + waiting, start=1):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position", "updated_at"])
        if meeting.agenda_published_at is not None:
            first = next(iter(items.values()), None)
            if first is not None:
                mark_changed_after_publication(
                    first, by, Phrase(gettext_noop("the order of the items is changed"))
                )


def move_item(item: AgendaItem, direction: int, *, by: Person) -> None:
    """One step up (-1) or down (+1): the keyboard alternative to dragging."""
    meeting = item.meeting
    require_secretariat(by, item.forum, _("order the agenda"))
    if meeting is None:
        raise AgendaError(_("The item is in the backlog; place it on a meeting first."))
    if item.standing:
        raise AgendaError(_("Standing items stay first, in the charter's order."))
    order = list(
        meeting.items.filter(standing=False).on_agenda().in_order().values_list("pk", flat=True)
    )
    if item.pk not in order:
        raise AgendaError(_("The item is not on the agenda yet; it is ordered once submitted."))
    index = order.index(item.pk)
    target = max(0, min(len(order) - 1, index + direction))
    order.insert(target, order.pop(index))
    reorder_agenda(meeting, order, by=by)


def ensure_standing_items(meeting: Meeting) -> list[AgendaItem]:
    """The charter's standing items, first on every agenda of the forum (idempotent). Returns
    the items it made."""
    return ensure_standing_items_on(meeting.forum, [meeting])


def ensure_standing_items_on(forum: Forum, meetings: list[Meeting]) -> list[AgendaItem]:
    """`ensure_standing_items` for many meetings of one forum: one query to see what is there,
    one to add what is missing, however many meetings."""
    spec = forum.charter
    if not spec.agenda or not spec.standing_items or not meetings:
        return []
    existing = set(
        AgendaItem.objects.filter(meeting__in=meetings, standing=True).values_list(
            "meeting_id", "title"
        )
    )
    missing = [
        AgendaItem(
            forum=forum,
            meeting=meeting,
            title=title,
            kind=AgendaItem.Kind.STANDING,
            standing=True,
            position=position,
            status=Status.REVIEWED,
            duration_minutes=5,
        )
        for meeting in meetings
        for position, title in enumerate(spec.standing_items, start=1)
        if (meeting.pk, title) not in existing
    ]
    return AgendaItem.objects.bulk_create(missing)


@dataclass
class AgendaLine:
    number: int
    item: AgendaItem
    start: datetime.datetime
    end: datetime.datetime
    deferred_to: Meeting | None = None  # deferred at this meeting, to that one


@dataclass
class Agenda:
    meeting: Meeting
    lines: list[AgendaLine]
    overrun: datetime.timedelta

    @property
    def end(self) -> datetime.datetime:
        return self.lines[-1].end if self.lines else self.meeting.start

    @property
    def minutes_used(self) -> int:
        return sum(line.item.duration_minutes for line in self.lines)

    @property
    def minutes_available(self) -> int:
        return int((self.meeting.end - self.meeting.start).total_seconds() // 60)


def build_agenda(meeting: Meeting, items, deferred: dict | None = None) -> Agenda:
    """Number the items and give each its start time; say by how much they overrun.
    `deferred`: the items deferred at this meeting, by id, with the meeting they went to."""
    deferred = deferred or {}
    start = meeting.start
    lines = []
    ordered = sorted(items, key=lambda i: (not i.standing, i.position, i.pk))
    for number, item in enumerate(ordered, start=1):
        end = start + datetime.timedelta(minutes=item.duration_minutes)
        lines.append(AgendaLine(number, item, start, end, deferred.get(item.pk)))
        start = end
    overrun = max(datetime.timedelta(), start - meeting.end)
    return Agenda(meeting, lines, overrun)


def agenda_for(person: Person, meeting: Meeting) -> Agenda | None:
    """The agenda of `meeting` as `person` may see it, or None when they may not open it.

    Once published, its lines are the items of the published agenda
    (`AgendaItem.objects.ready`) that the person may see (`AgendaItem.objects.visible_to`): an
    item still in process, such as a late one not yet approved, is not on it. Before
    publication only the secretariat sees lines: its working draft, every item on its way to
    the agenda."""
    if not meeting.forum.charter.agenda or not may_open_agenda(person, meeting):
        return None
    visible = AgendaItem.objects.visible_to(person)
    items = visible.filter(meeting=meeting).on_agenda()
    if meeting.agenda_published_at is not None:
        # With the items deferred at this meeting, each knowing where it went.
        here = Deferral.objects.filter(from_meeting=meeting)
        items = (items.ready() | visible.filter(pk__in=here.values("item_id"))).annotate(
            deferred_to_id=Subquery(here.filter(item=OuterRef("pk")).values("to_meeting_id")[:1])
        )
    elif not is_secretariat(person, meeting.forum.organisation):
        items = items.none()
    items = list(items.select_related("responsible_director"))
    gone = {getattr(i, "deferred_to_id", None) for i in items} - {None}
    later = {m.pk: m for m in Meeting.objects.filter(pk__in=gone)} if gone else {}
    deferred = {i.pk: later[i.deferred_to_id] for i in items if getattr(i, "deferred_to_id", None)}
    return build_agenda(meeting, items, deferred)


@dataclass(frozen=True)
class Blocker:
    """An item that stops the agenda's publication, and why, in words the secretariat acts on."""

    item: AgendaItem
    reason: str

    @property
    def pk(self) -> int:
        return self.item.pk

    @property
    def title(self) -> str:
        return self.item.title


def publication_blockers(meeting: Meeting) -> list[Blocker]:
    """The items that stop the agenda's publication, in agenda order: those still waiting for
    the quality assurance or the approval the charter demands, and decision items without a
    recommendation — each with its reasons."""
    on_agenda = meeting.items.on_agenda()
    ready = set(on_agenda.ready().values_list("pk", flat=True))
    blockers = []
    for item in on_agenda.select_related("responsible_director", "forum").in_order():
        reasons = []
        if item.pk not in ready:
            reasons.append(_waiting_for(item))
        if item.forum.charter.needs_recommendation(item.kind) and not item.recommendation.strip():
            reasons.append(_("the recommendation is missing"))
        if reasons:
            blockers.append(Blocker(item, "; ".join(reasons)))
    return blockers


def _waiting_for(item: AgendaItem) -> str:
    if item.status == Status.SUBMITTED:
        return _("not quality-assured by the secretariat yet")
    if item.status == Status.REVIEWED:
        approver = approver_of(item)
        if approver is None:
            return _("waiting for an approval, but the charter names nobody to give it")
        return _("the approval by %(name)s is missing") % {"name": approver.full_name}
    return _("not ready: %(status)s") % {"status": item.get_status_display()}


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
                    "The agenda cannot be published yet: these items are not ready. Finish them,"
                    " or move them to a later meeting."
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
        context = {
            "name": forum.name,
            "when": meeting.start,
            "link": notifications.link("meeting-agenda", meeting.pk),
        }
        notifications.notify(
            Person.objects.filter(pk__in=member_ids(forum)),
            gettext_noop("Agenda: %(name)s %(when)s"),
            gettext_noop(
                "The agenda of %(name)s %(when)s is published.\n\n%(link)s\n\n"
                "Will you come? Answer, or send apologies (afbud), here:\n%(answer)s"
            ),
            context,
            each=lambda person: {"answer": answer_link(meeting, person)},
        )
        _invite_guests(meeting, items, context)
    return meeting


def _invite_guests(meeting: Meeting, items: list[AgendaItem], context: dict) -> None:
    """Each guest of an open item is told which of their items are on, and when."""
    lines = build_agenda(meeting, items).lines
    prefetch_related_objects([line.item for line in lines], "guests")
    members = member_ids(meeting.forum)
    slots: dict[Person, list] = {}
    for line in lines:
        if line.item.closed:
            continue
        for guest in line.item.guests.all():
            if guest.pk not in members:
                slots.setdefault(guest, []).append(
                    Phrase(
                        gettext_noop("- %(title)s, at %(start)s–%(end)s"),
                        {
                            "title": line.item.title,
                            "start": f"{timezone.localtime(line.start):%H:%M}",
                            "end": f"{timezone.localtime(line.end):%H:%M}",
                        },
                    )
                )
    notifications.notify(
        slots,
        gettext_noop("You are invited: %(name)s %(when)s"),
        gettext_noop(
            "You are invited to %(name)s %(when)s for:\n%(items)s\n\n%(link)s\n\n"
            "Will you come? Answer, or send apologies (afbud), here:\n%(answer)s"
        ),
        context,
        each=lambda guest: {
            "items": notifications.Lines(slots[guest]),
            "answer": answer_link(meeting, guest),
        },
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
            titles = "\n".join(f"- {i.title}: {i.reason}" for i in error.items)
            notifications.notify(
                secretariat_people(meeting.forum),
                gettext_noop("Agenda not published: %(forum)s"),
                gettext_noop("%(refusal)s\n\n%(titles)s\n\n%(link)s"),
                {
                    "forum": meeting.forum.short_name,
                    "refusal": error.message,
                    "titles": titles,
                    "link": notifications.link("meeting-agenda", meeting.pk),
                },
            )
            outcomes.append((meeting, f"refused: {error.message} {titles}"))
    return outcomes


def agenda_file(person: Person, meeting: Meeting, extension: str) -> tuple[bytes, str, str] | None:
    """The agenda as `person` may see it, as a PDF (`pdf`) or a Word file (`docx`): the
    content, its content type and a file name; None when they may not open it."""
    agenda = agenda_for(person, meeting)
    if agenda is None or extension not in ("pdf", "docx"):
        return None
    prefetch_related_objects([line.item for line in agenda.lines], "presenters", "attachments")
    organisation = meeting.forum.organisation
    head = letterhead(organisation, Charter.objects.current(organisation))
    head.secretariat = secretariat_text(meeting.forum)
    if extension == "pdf":
        from ledelsesfora.documents.pdf import agenda_pdf  # WeasyPrint loads slowly: on demand

        return agenda_pdf(meeting, agenda, head), PDF, agenda_filename(meeting, "pdf")
    from ledelsesfora.documents.docx import agenda_docx

    return agenda_docx(meeting, agenda, head), DOCX, agenda_filename(meeting, "docx")
