"""Writing, sending, approving and correcting minutes, and the follow-up actions of decisions.

The forum's charter decides: whether there are minutes at all (`minutes = "none"` refuses
them), decision minutes or a written summary, who approves them (`minutes_approval`) and who
follows up decisions (`follow_up`). Each function checks its rule, writes in a transaction with
the minutes' (or the action's) row locked, records who did what (the minutes' history, or the
item's for outcomes and follow-up) and notifies after the commit; views, the API and commands
call these and nothing else.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, prefetch_related_objects
from django.dispatch import Signal
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ledelsesfora import notifications
from ledelsesfora.agenda.access import readers
from ledelsesfora.agenda.agendas import agenda_for
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import (
    approver_of,
    charter_quote,
    defer_item,
    lock_item,
    log_event,
    secretariat_text,
)
from ledelsesfora.documents import DOCX, PDF, MinutesRecord, letterhead, minutes_filename
from ledelsesfora.errors import Refused
from ledelsesfora.forums.access import (
    has_role,
    is_member,
    is_secretariat,
    member_ids,
    members_with_role,
)
from ledelsesfora.forums.models import Charter
from ledelsesfora.meetings import answers
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.models import (
    Attendance,
    FollowUp,
    Minutes,
    MinutesEvent,
    MinutesVersion,
    Outcome,
)
from ledelsesfora.organisation.models import Person, Position


class MinutesError(Refused):
    """A minutes step that cannot be taken; the message says why and what to do."""


class StaleText(MinutesError):
    """Someone saved another text after the page being sent was opened; nothing is saved."""


def text_stamp(text: str) -> str:
    """A fingerprint of a saved text (summary, decision): a form carries the one it showed."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:16]


def _check_seen(saved: str, seen: str | None) -> None:
    if seen is not None and seen != text_stamp(saved):
        raise StaleText(
            _(
                "Someone saved another text here after you opened the page, and nothing of yours"
                " is saved yet. Their text is shown above and yours is kept in the form: compare,"
                " and save again to keep yours."
            )
        )


def _refuse_without_minutes(meeting: Meeting) -> None:
    forum = meeting.forum
    if forum.charter.minutes == "none":
        raise MinutesError(
            _("%(forum)s keeps no minutes under its charter: »%(quote)s«.")
            % {
                "forum": forum.name,
                "quote": charter_quote(forum),
            }
        )


def may_read(person: Person, meeting: Meeting) -> bool:
    """Minutes are kept where the charter says so, and read by the forum's members and the
    secretariat of the forum's own municipality (pages, API and documents alike)."""
    forum = meeting.forum
    if forum.charter.minutes == "none" or not person.is_authenticated:
        return False
    if person.organisation_id != forum.organisation_id and not person.is_superuser:
        return False
    return is_member(person, forum) or is_secretariat(person, forum.organisation)


def draft_hidden(person: Person, meeting: Meeting, minutes: Minutes | None) -> bool:
    """Whether the minutes' content (outcomes, decisions, summary) is withheld from `person`
    for now: until the minutes are sent to the members, only those who write them read them
    (docs/decisions.md). Attendance and the agenda stay as they are."""
    unsent = minutes is None or minutes.status == Minutes.Status.DRAFT
    return unsent and not may_write(person, meeting)


def may_write(person: Person, meeting: Meeting) -> bool:
    """The forum's minute-taker, or the secretariat."""
    return is_secretariat(person, meeting.forum.organisation) or has_role(
        person, meeting.forum, "minute_taker"
    )


def _require_writer(person: Person, meeting: Meeting) -> None:
    if not may_write(person, meeting):
        raise MinutesError(_("Only the minute-taker or the secretariat writes the minutes."))


def minutes_for(meeting: Meeting) -> Minutes:
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    return minutes


def _locked(meeting: Meeting) -> Minutes:
    """The meeting's minutes (made when missing), their row locked (call inside a transaction)."""
    return Minutes.objects.select_for_update().get(pk=minutes_for(meeting).pk)


def _log(minutes: Minutes, by: Person | None, action: str, note: str = "") -> None:
    MinutesEvent.objects.create(minutes=minutes, by=by, action=action, note=note)


def _editable(meeting: Meeting, now: datetime.datetime) -> Minutes:
    _refuse_without_minutes(meeting)
    if meeting.start > now:
        raise MinutesError(_("The meeting has not begun; minutes are written during or after it."))
    minutes = _locked(meeting)
    if minutes.status == Minutes.Status.APPROVED:
        raise MinutesError(
            _("The minutes are approved and locked; record a correction with a reason instead.")
        )
    return minutes


# Sent inside `record_outcome`'s transaction, with `item` and `outcome`, so that an app above
# this one can undo what an earlier decision on the item did (a selected theme, an approved
# programme) when the item is noted or deferred instead.
outcome_recorded = Signal()


def record_outcome(
    item: AgendaItem,
    *,
    by: Person,
    outcome: str,
    text: str = "",
    defer_to: Meeting | None = None,
    now: datetime.datetime | None = None,
    by_flow: bool = False,
    seen: str | None = None,
) -> Outcome:
    """Decided (with the decision's text), noted, or deferred: the item moves to a later meeting
    of its forum, keeping its history. An item a charter flow put on the agenda (it selects a
    theme or approves a programme) is decided only by that step (`by_flow`), so the minutes
    and what they decide never disagree. With `seen` (the `text_stamp` of the outcome the form
    showed), a save over someone else's later text is refused (`StaleText`)."""
    now = now or timezone.now()
    if (
        outcome == Outcome.Kind.DECIDED
        and not by_flow
        and (item.theme_for_id is not None or item.programme_for_id is not None)
    ):
        raise MinutesError(
            _(
                "This item selects a theme or approves a programme: record the decision on the"
                " item's page, where the choice itself is made."
            )
        )
    meeting = item.meeting
    if (
        meeting is None
        or meeting.agenda_published_at is None
        or not meeting.items.on_agenda().ready().filter(pk=item.pk).exists()
    ):
        raise MinutesError(_("Only items of a published agenda get an outcome."))
    _require_writer(by, meeting)
    if meeting.forum.charter.minutes == "summary" and outcome == Outcome.Kind.DECIDED:
        raise MinutesError(
            _(
                "%(forum)s writes a summary, not decisions; record the item as"
                " noted and write the summary."
            )
            % {"forum": meeting.forum.name}
        )
    if outcome not in Outcome.Kind.values:
        raise MinutesError(_("The outcome is decided, noted or deferred."))
    if outcome == Outcome.Kind.DECIDED and not text.strip():
        raise MinutesError(_("Write the decision."))
    with transaction.atomic():
        minutes = _editable(meeting, now)
        earlier = Outcome.objects.filter(minutes=minutes, item=item).first()
        _check_seen(earlier.text if earlier else "", seen)
        if outcome == Outcome.Kind.DEFERRED:
            defer_to = (
                defer_to
                or meeting.forum.meetings.held()
                .filter(start__gt=meeting.start)
                .order_by("start")
                .first()
            )
            if (
                defer_to is None
                or defer_to.forum_id != meeting.forum_id
                or defer_to.start <= meeting.start
            ):
                raise MinutesError(_("Choose a later meeting of the forum to defer the item to."))
        result, _created = Outcome.objects.update_or_create(
            minutes=minutes, item=item, defaults={"outcome": outcome, "text": text.strip()}
        )
        # The decision's text is the minutes' (read as `draft_hidden` allows), not the item's
        # history, which its author reads before the minutes are sent.
        log_event(item, by, f"outcome:{outcome}")
        outcome_recorded.send(sender=Outcome, item=item, outcome=outcome)
        if outcome == Outcome.Kind.DEFERRED:
            # The item itself goes on to the later meeting; the outcome stays with this one.
            defer_item(item, defer_to, by=by)
    return result


def record_attendance(
    meeting: Meeting,
    *,
    by: Person,
    present: list[Person],
    absent: list[Person],
    guests: list[str],
    now: datetime.datetime | None = None,
) -> None:
    now = now or timezone.now()
    _require_writer(by, meeting)
    people = {p.pk for p in [*present, *absent]}
    if any(p.organisation_id != meeting.forum.organisation_id for p in [*present, *absent]):
        raise MinutesError(_("Attendance lists people of the forum's own municipality."))
    if len(people) != len(present) + len(absent):
        raise MinutesError(_("A person is either present or absent, not both."))
    if any(len(name.strip()) > 200 for name in guests):
        raise MinutesError(
            _("A guest's name is at most 200 characters; separate several guests with commas.")
        )
    with transaction.atomic():
        minutes = _editable(meeting, now)
        _log(minutes, by, "attendance")
        minutes.attendance.all().delete()
        Attendance.objects.bulk_create(
            [Attendance(minutes=minutes, person=p, kind=Attendance.Kind.PRESENT) for p in present]
            + [Attendance(minutes=minutes, person=p, kind=Attendance.Kind.ABSENT) for p in absent]
            + [
                Attendance(minutes=minutes, name=name.strip(), kind=Attendance.Kind.GUEST)
                for name in guests
                if name.strip()
            ]
        )


def attendance_start(meeting: Meeting, minutes: Minutes | None) -> dict:
    """The attendance the minutes' form starts from: as recorded, or, before anything is
    recorded, from the answers — members who sent apologies absent, and the invited guests who
    did not, by name."""
    rows = list(minutes.attendance.all()) if minutes else []
    if rows:
        return {
            "absent": {r.person_id for r in rows if r.kind == Attendance.Kind.ABSENT},
            "guests": ", ".join(r.name for r in rows if r.kind == Attendance.Kind.GUEST),
            "recorded": True,
        }
    replies = answers.replies(meeting)
    return {
        "absent": {r.person.pk for r in replies if r.member and r.apologies},
        "guests": ", ".join(
            r.person.full_name for r in replies if not r.member and not r.apologies
        ),
        "recorded": False,
    }


def write_summary(
    meeting: Meeting,
    *,
    by: Person,
    text: str,
    now: datetime.datetime | None = None,
    seen: str | None = None,
) -> Minutes:
    """The written summary (opsamling) of a lederdag or Lederdøgn. With `seen` (the
    `text_stamp` of the summary the form showed), a save over someone else's later summary is
    refused (`StaleText`)."""
    now = now or timezone.now()
    _require_writer(by, meeting)
    with transaction.atomic():
        minutes = _editable(meeting, now)
        _check_seen(minutes.summary, seen)
        minutes.summary = text.strip()
        minutes.save(update_fields=["summary"])
        _log(minutes, by, "summary")
    return minutes


def send_minutes(meeting: Meeting, *, by: Person, now: datetime.datetime | None = None) -> Minutes:
    """Send the draft to the members for approval."""
    now = now or timezone.now()
    _require_writer(by, meeting)
    with transaction.atomic():
        minutes = _editable(meeting, now)
        if minutes.status == Minutes.Status.SENT:
            raise MinutesError(_("The minutes are already sent to the members."))
        missing = _missing_outcomes(minutes)
        if missing:
            raise MinutesError(
                _("These items have no outcome yet; record one for each."), items=missing
            )
        minutes.status = Minutes.Status.SENT
        minutes.sent_at = now
        minutes.save(update_fields=["status", "sent_at"])
        _log(minutes, by, "sent")
        forum = meeting.forum
        notifications.notify(
            Person.objects.filter(pk__in=member_ids(forum)),
            gettext_noop("Minutes for approval: %(name)s %(day)s"),
            gettext_noop("The minutes of %(name)s %(day)s are ready.\n\n%(link)s"),
            {
                "name": forum.name,
                "day": timezone.localtime(meeting.start).date(),
                "link": notifications.link("minutes", meeting.pk),
            },
            exclude=by,
        )
    return minutes


def _missing_outcomes(minutes: Minutes) -> list[AgendaItem]:
    if minutes.meeting.forum.charter.minutes == "summary":
        return []
    done = set(minutes.outcomes.values_list("item_id", flat=True))
    return [i for i in minutes.meeting.items.on_agenda() if i.pk not in done]


def approve_minutes(
    meeting: Meeting, *, by: Person, now: datetime.datetime | None = None
) -> Minutes:
    """Approve and lock: by the chair, or at the forum's next meeting, as the charter says."""
    now = now or timezone.now()
    _refuse_without_minutes(meeting)
    forum = meeting.forum
    rule = forum.charter.minutes_approval
    with transaction.atomic():
        minutes = _locked(meeting)
        if minutes.status != Minutes.Status.SENT:
            raise MinutesError(
                _("Minutes are approved after they are sent to the members; they are %(status)s.")
                % {"status": minutes.get_status_display()}
            )
        if rule == "chair":
            if not any(chair.pk == by.pk for chair in members_with_role(forum, "chair")):
                raise MinutesError(_("The chair approves the minutes, as the charter says."))
            note = _("Approved by the chair")
        else:
            _require_writer(by, meeting)
            following = (
                forum.meetings.held().filter(start__gt=meeting.start).order_by("start").first()
            )
            if following is None or following.start > now:
                day = (
                    date_format(timezone.localtime(following.start), "j. F Y") if following else "–"
                )
                raise MinutesError(
                    _(
                        "The minutes are approved at the next meeting (%(day)s), as"
                        " the charter says; record the approval then."
                    )
                    % {"day": day}
                )
            note = _("Approved at the meeting on %(day)s") % {
                "day": date_format(timezone.localtime(following.start), "j. F Y")
            }
        minutes.status = Minutes.Status.APPROVED
        minutes.approved_at, minutes.approved_by, minutes.approved_note = now, by, note
        minutes.save(update_fields=["status", "approved_at", "approved_by", "approved_note"])
        _log(minutes, by, "approved", note)
        MinutesVersion.objects.create(
            minutes=minutes, number=1, content=snapshot(minutes), created_by=by, created_at=now
        )
        for outcome in minutes.outcomes.exclude(outcome=Outcome.Kind.DEFERRED).select_related(
            "item"
        ):
            outcome.item.status = AgendaItem.Status.TREATED
            outcome.item.save(update_fields=["status", "updated_at"])
    return minutes


def amend_minutes(
    meeting: Meeting,
    *,
    by: Person,
    reason: str,
    outcomes: dict[int, str] | None = None,
    summary: str | None = None,
    now: datetime.datetime | None = None,
) -> MinutesVersion:
    """A correction of approved minutes: a new version with its reason, never an overwrite.
    `outcomes` maps item ids to their corrected text."""
    now = now or timezone.now()
    _require_writer(by, meeting)
    if not reason.strip():
        raise MinutesError(_("Say why the approved minutes are corrected."))
    with transaction.atomic():
        minutes = _locked(meeting)
        if minutes.status != Minutes.Status.APPROVED:
            raise MinutesError(_("Only approved minutes are corrected this way; edit the draft."))
        for item_id, text in (outcomes or {}).items():
            outcome = minutes.outcomes.filter(item_id=item_id).first()
            if outcome is None:
                raise MinutesError(_("That item is not in these minutes."))
            outcome.text = text.strip()
            outcome.save(update_fields=["text"])
        if summary is not None:
            minutes.summary = summary.strip()
            minutes.save(update_fields=["summary"])
        content = snapshot(minutes)
        latest = minutes.versions.last()
        if latest is not None and latest.content == content:
            raise MinutesError(_("The correction changes nothing."))
        version = MinutesVersion.objects.create(
            minutes=minutes,
            number=(latest.number + 1) if latest else 1,
            content=content,
            reason=reason.strip(),
            created_by=by,
            created_at=now,
        )
        _log(minutes, by, "corrected", reason.strip())
        forum = meeting.forum
        notifications.notify(
            Person.objects.filter(pk__in=member_ids(forum)),
            gettext_noop("Corrected minutes: %(name)s"),
            gettext_noop("The minutes are corrected (%(reason)s).\n\n%(link)s"),
            {
                "name": forum.name,
                "reason": reason.strip(),
                "link": notifications.link("minutes", meeting.pk),
            },
            exclude=by,
        )
    return version


def current_outcomes(minutes: Minutes | None) -> dict[int, Outcome]:
    """Item id → outcome as the minutes now say: for approved minutes, from the latest frozen
    version (which the database lock protects), else from the draft. Shown, never saved."""
    if minutes is None:
        return {}
    if minutes.status == Minutes.Status.APPROVED:
        latest = minutes.versions.order_by("-number").first()
        if latest is not None:
            return {
                o["item"]: Outcome(item_id=o["item"], outcome=o["outcome"], text=o["text"])
                for o in latest.content["outcomes"]
            }
    return {o.item_id: o for o in minutes.outcomes.all()}


def snapshot(minutes: Minutes) -> dict:
    """What the minutes say, as stored in a version."""
    return {
        "summary": minutes.summary,
        "outcomes": [
            {
                "item": o.item_id,
                "title": o.item.title,
                "outcome": o.outcome,
                "text": o.text,
                "closed": o.item.closed,
            }
            for o in minutes.outcomes.select_related("item").order_by("item__position", "item_id")
        ],
        "attendance": [
            {"name": str(a.person or a.name), "kind": a.kind}
            for a in minutes.attendance.select_related("person").order_by("kind", "pk")
        ],
    }


@dataclass(frozen=True)
class Correction:
    """One thing a new version of the minutes changed, as a reader compares it: which item (or
    the summary), what of it, and the text before and after."""

    title: str
    what: str
    before: str
    after: str


def corrections(
    older: MinutesVersion, newer: MinutesVersion, *, with_closed: bool
) -> list[Correction]:
    """What changed between two versions, item by item in agenda order: an outcome, a decision's
    text, an item added or taken out, the written summary. Closed items only `with_closed`."""
    kinds = dict(Outcome.Kind.choices)

    def keyed(content: dict) -> dict:
        return {
            o.get("item") or o["title"]: o
            for o in content["outcomes"]
            if with_closed or not o["closed"]
        }

    def said(outcome: dict) -> str:
        kind = capfirst(str(kinds.get(outcome["outcome"], outcome["outcome"])))
        return f"{kind}: {outcome['text']}" if outcome["text"] else kind

    before, after = keyed(older.content), keyed(newer.content)
    found = []
    for key in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(key), after.get(key)
        title = (new or old)["title"]
        if old is None:
            found.append(Correction(title, _("added"), "", said(new)))
        elif new is None:
            found.append(Correction(title, _("taken out"), said(old), ""))
        else:
            if old["outcome"] != new["outcome"]:
                found.append(
                    Correction(
                        title,
                        _("outcome"),
                        capfirst(str(kinds.get(old["outcome"], old["outcome"]))),
                        capfirst(str(kinds.get(new["outcome"], new["outcome"]))),
                    )
                )
            if old["text"] != new["text"]:
                found.append(Correction(title, _("decision or note"), old["text"], new["text"]))
    if older.content["summary"] != newer.content["summary"]:
        found.append(
            Correction(_("Written summary"), "", older.content["summary"], newer.content["summary"])
        )
    return found


# --- follow-up ------------------------------------------------------------------------------


def default_owners(items: list[AgendaItem]) -> dict[int, Person | None]:
    """Who follows up each item's decisions, as its forum's charter says (DIF: the responsible
    director; "responsible_area": the director of the item's area; otherwise nobody). One
    query for all the areas, however many items."""
    areas = {
        item.responsible_unit_id
        for item in items
        if item.forum.charter.follow_up == "responsible_area" and item.responsible_unit_id
    }
    directors: dict[int, Person] = {}
    if areas:
        for position in (
            Position.objects.active()
            .filter(unit_id__in=areas, position_type__director=True)
            .select_related("person")
            .order_by("pk")
        ):
            directors.setdefault(position.unit_id, position.person)
    owners: dict[int, Person | None] = {}
    for item in items:
        rule = item.forum.charter.follow_up
        if rule == "responsible_director":
            owners[item.pk] = item.responsible_director
        elif rule == "responsible_area":
            owners[item.pk] = directors.get(item.responsible_unit_id)
        else:
            owners[item.pk] = None
    return owners


def default_owner(item: AgendaItem) -> Person | None:
    return default_owners([item])[item.pk]


def usable_default_owners(meeting: Meeting, items: list[AgendaItem]) -> dict[int, Person | None]:
    """For each item of `meeting`, the charter's default owner of its actions when there is one
    who may see the item (what the follow-up form offers ready-chosen); None: the form asks who.
    One query per distinct owner, however many items."""
    for item in items:
        item.forum = meeting.forum  # the meeting's own forum object: its charter read once
    owners = default_owners(items)
    seen: set[int] = set()
    for owner in {o for o in owners.values() if o is not None}:
        mine = [pk for pk, o in owners.items() if o is not None and o.pk == owner.pk]
        seen |= set(
            AgendaItem.objects.visible_to(owner).filter(pk__in=mine).values_list("pk", flat=True)
        )
    return {pk: owner if pk in seen else None for pk, owner in owners.items()}


def add_followup(
    item: AgendaItem,
    *,
    by: Person,
    title: str,
    owner: Person | None,
    due: datetime.date,
    today: datetime.date | None = None,
) -> FollowUp:
    """An action the decision on `item` carries, owed by `owner` (by default whom the charter
    names) by `due`, a day ahead. The owner must be someone who may see the item."""
    today = today or timezone.localdate()
    title = " ".join((title or "").split())  # one line: it is a mail's subject too
    if not title:
        raise MinutesError(_("Write the action: what is to be done (at most 200 characters)."))
    if len(title) > 200:
        raise MinutesError(_("Describe the action in at most 200 characters."))
    if due < today:
        raise MinutesError(
            _("The due date %(day)s has passed; give today or a day ahead.")
            % {"day": f"{due:%d.%m.%Y}"}
        )
    if item.meeting is None:
        raise MinutesError(_("Follow-up actions hang on a decision; record the decision first."))
    decided = item.outcomes.filter(outcome=Outcome.Kind.DECIDED).exists()
    if not decided:
        raise MinutesError(_("Follow-up actions hang on a decision; record the decision first."))
    responsible = {p.pk for p in (approver_of(item), default_owner(item)) if p is not None}
    if not may_write(by, item.meeting) and by.pk not in responsible:
        raise MinutesError(
            _(
                "The minute-taker, the secretariat or the responsible director"
                " adds follow-up actions."
            )
        )
    owner = owner or default_owner(item)
    if owner is None:
        raise MinutesError(_("The charter names nobody to follow up; choose who owes the action."))
    if owner.organisation_id != item.forum.organisation_id:
        raise MinutesError(_("The owner belongs to another municipality."))
    if not readers(item, [owner]):
        raise MinutesError(
            _("The item is closed and the owner may not see it; choose a member of the forum.")
            if item.closed
            else _("The owner may not see the item; choose a member of the forum or invite them.")
        )
    position = owner.positions.active().select_related("unit").first()
    with transaction.atomic():
        item = lock_item(item)
        followup = FollowUp.objects.create(
            item=item,
            title=title.strip(),
            owner=owner,
            due=due,
            unit=position.unit if position else None,
            created_by=by,
        )
        log_event(item, by, "followup:added", note=f"{followup.title} ({owner}, {due:%d.%m.%Y})")
        notifications.notify(
            [owner],
            gettext_noop("Follow-up: %(action)s"),
            gettext_noop("You follow up on »%(title)s« by %(due)s.\n\n%(link)s"),
            {
                "action": followup.title,
                "title": item.title,
                "due": due,
                "link": notifications.link("followups", item.forum.organisation.slug),
            },
            exclude=by,
        )
    return followup


def set_followup_status(followup: FollowUp, *, by: Person, status: str) -> FollowUp:
    """Done or cancelled (or open again): by the owner or the secretariat."""
    if status not in FollowUp.Status.values:
        raise MinutesError(_("The status is open, done or cancelled."))
    with transaction.atomic():
        followup = (
            FollowUp.objects.select_for_update(of=("self",))
            .select_related("item__forum__organisation")
            .get(pk=followup.pk)
        )
        if followup.owner_id != by.pk and not is_secretariat(by, followup.item.forum.organisation):
            raise MinutesError(_("Only the owner or the secretariat changes the action's status."))
        followup.status = status
        followup.done_at = timezone.now() if status == FollowUp.Status.DONE else None
        followup.save(update_fields=["status", "done_at"])
        log_event(followup.item, by, f"followup:{status}", note=followup.title)
    return followup


def owed_by(person: Person):
    """What a person and the units they lead owe: their own actions, and those of the units
    under the areas or departments where they hold a position."""
    units = set()
    for position in person.positions.active().select_related("unit"):
        units.add(position.unit_id)
        units.update(position.unit.children.values_list("pk", flat=True))
    return (
        FollowUp.objects.filter(item__forum__organisation_id=person.organisation_id)
        .filter(Q(owner=person) | Q(unit_id__in=units))
        .select_related("item", "item__forum", "owner", "unit")
        .with_overdue()
        .distinct()
    )


def hidden_followups(person: Person, followups) -> set[int]:
    """The actions on closed items `person` may not see: listed without their text."""
    closed = {f.item_id: f.pk for f in followups if f.item.closed}
    seen = set(
        AgendaItem.objects.visible_to(person).filter(pk__in=closed).values_list("pk", flat=True)
    )
    return {f.pk for f in followups if f.item.closed and f.item_id not in seen}


def send_followup_reminders(today: datetime.date | None = None, days_ahead: int = 3) -> int:
    """E-mail each owner their open actions that are overdue or due within `days_ahead` days.
    Returns how many people were reminded."""
    today = today or timezone.localdate()
    due = (
        FollowUp.objects.open()
        .filter(due__lte=today + datetime.timedelta(days=days_ahead))
        .select_related("owner", "item", "item__forum__organisation")
    )
    by_owner: dict[int, list[FollowUp]] = {}
    for followup in due:
        by_owner.setdefault(followup.owner_id, []).append(followup)
    for actions in by_owner.values():
        lines = [
            notifications.Phrase(
                gettext_noop("- %(action)s (%(forum)s): overdue since %(due)s")
                if action.due < today
                else gettext_noop("- %(action)s (%(forum)s): due %(due)s"),
                {"action": action.title, "forum": action.item.forum.short_name, "due": action.due},
            )
            for action in actions
        ]
        notifications.notify(
            [actions[0].owner],
            gettext_noop("Reminder: follow-up on decisions"),
            gettext_noop("%(actions)s\n\n%(link)s"),
            {
                "actions": notifications.Lines(lines),
                "link": notifications.link("followups", actions[0].item.forum.organisation.slug),
            },
        )
    return len(by_owner)


def attendance_lines(minutes: Minutes | None) -> list[tuple[str, str]]:
    """The attendance a line each: present, apologies, guests — names joined, in that order."""
    if minutes is None:
        return []
    rows = list(minutes.attendance.select_related("person").order_by("pk"))
    lines = []
    for kind, label in (
        (Attendance.Kind.PRESENT, _("Present")),
        (Attendance.Kind.ABSENT, _("Apologies")),
        (Attendance.Kind.GUEST, _("Guests")),
    ):
        names = [r.person.full_name if r.person else r.name for r in rows if r.kind == kind]
        if names:
            lines.append((label, ", ".join(sorted(names))))
    return lines


def minute_taker(meeting: Meeting, minutes: Minutes | None) -> str:
    """Who took the minutes: the charter's minute-taker where it names one, else whoever
    recorded them."""
    named = members_with_role(meeting.forum, "minute_taker")
    if named:
        return ", ".join(p.full_name for p in named)
    if minutes is None:
        return ""
    event = (
        minutes.events.filter(action__in=["attendance", "summary", "sent"], by__isnull=False)
        .select_related("by")
        .last()
    )
    return event.by.full_name if event else ""


def _followups_as_text(meeting: Meeting, person: Person) -> dict[int, list[str]]:
    rows = list(
        FollowUp.objects.filter(item__meeting=meeting)
        .select_related("owner", "item")
        .order_by("due")
    )
    hidden = hidden_followups(person, rows)
    text: dict[int, list[str]] = {}
    for row in rows:
        if row.pk not in hidden:
            text.setdefault(row.item_id, []).append(
                _("%(action)s – %(owner)s, by %(due)s")
                % {"action": row.title, "owner": row.owner.full_name, "due": f"{row.due:%d.%m.%Y}"}
            )
    return text


def minutes_file(person: Person, meeting: Meeting, extension: str) -> tuple[bytes, str, str] | None:
    """The minutes as `person` may read them, as a PDF (`pdf`) or a Word file (`docx`): the
    content, its content type and a file name; None when they may not read them."""
    if extension not in ("pdf", "docx") or not may_read(person, meeting):
        return None
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if draft_hidden(person, meeting, minutes):
        return None
    agenda = agenda_for(person, meeting)
    if agenda is None:
        return None
    prefetch_related_objects([line.item for line in agenda.lines], "presenters", "attachments")
    record = MinutesRecord(
        minutes,
        current_outcomes(minutes),
        attendance_lines(minutes),
        minute_taker=minute_taker(meeting, minutes),
        followups=_followups_as_text(meeting, person),
    )
    organisation = meeting.forum.organisation
    head = letterhead(organisation, Charter.objects.current(organisation))
    head.secretariat = secretariat_text(meeting.forum)
    if extension == "pdf":
        from ledelsesfora.documents.pdf import minutes_pdf  # WeasyPrint loads slowly: on demand

        return minutes_pdf(meeting, agenda, head, record), PDF, minutes_filename(meeting, "pdf")
    from ledelsesfora.documents.docx import minutes_docx

    return minutes_docx(meeting, agenda, head, record), DOCX, minutes_filename(meeting, "docx")
