"""Writes of the meetings app: materialising a year plan, ad hoc meetings, and one meeting at a
time — moved, cancelled, re-opened, its place, link and format set for the occasion."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from ledelsesfora import notifications
from ledelsesfora.errors import Refused
from ledelsesfora.forums.access import is_secretariat, member_ids
from ledelsesfora.forums.models import Charter, Forum
from ledelsesfora.meetings.models import Meeting, MeetingEvent, Venue
from ledelsesfora.meetings.planning import PlannedMeeting, deadlines, planned_year
from ledelsesfora.meetings.workdays import WorkingCalendar
from ledelsesfora.organisation.models import Organisation, Person

# Namespace for the stable UIDs of rhythm meetings: the same occurrence always gets the same
# UID, in a preview feed and after it is materialised, so calendars never show it twice.
UID_NAMESPACE = uuid.UUID("6f1c7c1e-3a55-4d8e-9f39-7b8c0a2d4e11")

PLANNED_FIELDS = (
    "kind",
    "title",
    "start",
    "end",
    "status",
    "note",
    "submission_deadline",
    "deadline_time",
    "publication",
    "publication_time",
    "place",
    "format",
)


MAX_AD_HOC_MINUTES = 3 * 24 * 60


class PlanningError(Refused):
    """A plan or meeting that cannot be made; the message says why and what to do."""


def occurrence_uid(organisation: Organisation, planned: PlannedMeeting) -> uuid.UUID:
    key = f"{organisation.slug}/{planned.forum}/{planned.rhythm}/{planned.occurrence.isoformat()}"
    return uuid.uuid5(UID_NAMESPACE, key)


@dataclass
class Change:
    meeting: Meeting
    what: str  # created / changed / cancelled / kept
    before: datetime.datetime | None = None
    reason: str = ""

    def __str__(self) -> str:
        forum = self.meeting.forum.short_name
        when = f"{timezone.localtime(self.meeting.start):%Y-%m-%d %H:%M}"
        if self.what == "changed" and self.before and self.before != self.meeting.start:
            before = f"{timezone.localtime(self.before):%Y-%m-%d %H:%M}"
            return _("moved: %(forum)s %(before)s → %(when)s") % {
                "forum": forum,
                "before": before,
                "when": when,
            }
        labels = {
            "created": _("created"),
            "changed": _("changed"),
            "cancelled": _("cancelled"),
            "kept": _("kept"),
        }
        text = _("%(what)s: %(forum)s %(when)s (week %(week)d)") % {
            "what": labels[self.what],
            "forum": forum,
            "when": when,
            "week": self.meeting.iso_week,
        }
        return text + (f" – {self.reason}" if self.reason else "")


@dataclass
class PlanResult:
    created: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    cancelled: list[Change] = field(default_factory=list)
    kept: list[Change] = field(default_factory=list)
    unchanged: int = 0
    past_not_created: int = 0

    def summary(self) -> str:
        lines = [
            _(
                "%(created)d created, %(changed)d changed, %(cancelled)d cancelled,"
                " %(unchanged)d unchanged, %(kept)d kept as they were (held or agenda published)"
            )
            % {
                "created": len(self.created),
                "changed": len(self.changed),
                "cancelled": len(self.cancelled),
                "unchanged": self.unchanged,
                "kept": len(self.kept),
            }
            + (
                _(", %(count)d past dates of a new rule not created")
                % {"count": self.past_not_created}
                if self.past_not_created
                else ""
            )
        ]
        lines += [f"  {change}" for change in self.changed + self.cancelled + self.kept]
        return "\n".join(lines)


def apply_plan(
    organisation: Organisation,
    year: int,
    *,
    forum: Forum | None = None,
    now: datetime.datetime | None = None,
    progress=None,
) -> PlanResult:
    """Materialise the charter's plan for `year` (one forum, or all active forums).

    Idempotent: a second run changes nothing. A meeting already stored is changed only while it
    is ahead and has no published agenda; then its SEQUENCE is raised so calendars update. Once
    a forum's year is stored, a changed rule adds only future meetings, never past ones. A
    stored rhythm meeting the charter no longer yields is cancelled, not deleted, keeping what
    hangs on it. Past meetings and published agendas are never changed."""
    now = now or timezone.now()
    charter = Charter.objects.current(organisation)
    if charter is None:
        raise PlanningError(
            _("%(name)s has no charter yet; load one with 'ledelsesfora charter load FILE'")
            % {"name": organisation.name}
        )
    forums = {f.short_name: f for f in organisation.forums.active()}
    if forum is not None:
        forums = {forum.short_name: forum}
    planned = [
        p
        for p in planned_year(charter.parsed, year, forum.short_name if forum else None)
        if p.forum in forums
    ]
    result = PlanResult()
    with transaction.atomic():
        stored = {
            (m.forum.short_name, m.rhythm, m.occurrence): m
            for m in Meeting.objects.select_for_update()
            .select_related("forum")
            .filter(forum__in=forums.values(), occurrence__year=year)
            .exclude(rhythm="")
        }
        planned_before = {short_name for short_name, _rhythm, _day in stored}
        for index, plan in enumerate(planned):
            if progress and index % 25 == 0:
                progress(index, len(planned))
            meeting = stored.pop(plan.key, None)
            if meeting is None and plan.forum in planned_before and plan.start <= now:
                # The forum's year is already stored: a new rule does not invent past meetings.
                result.past_not_created += 1
                continue
            if meeting is None:
                meeting = Meeting.objects.create(
                    forum=forums[plan.forum],
                    rhythm=plan.rhythm,
                    occurrence=plan.occurrence,
                    uid=occurrence_uid(organisation, plan),
                    **{name: getattr(plan, name) for name in PLANNED_FIELDS},
                )
                result.created.append(Change(meeting, "created"))
                continue
            differences = {
                name: getattr(plan, name)
                for name in PLANNED_FIELDS
                if getattr(meeting, name) != getattr(plan, name)
            }
            if not differences:
                result.unchanged += 1
            elif meeting.set_by_hand:
                result.kept.append(Change(meeting, "kept", reason=_("set by hand")))
            elif meeting.replannable(now):
                before = meeting.start
                for name, value in differences.items():
                    setattr(meeting, name, value)
                meeting.sequence += 1
                meeting.save()
                result.changed.append(Change(meeting, "changed", before=before))
            else:
                result.kept.append(Change(meeting, "kept", reason=_why_kept(meeting, now)))
        for meeting in stored.values():
            if meeting.status == Meeting.Status.CANCELLED:
                continue
            if meeting.set_by_hand:
                result.kept.append(Change(meeting, "kept", reason=_("set by hand")))
            elif meeting.replannable(now):
                meeting.status = Meeting.Status.CANCELLED
                meeting.note = _("The charter's rhythm no longer gives this meeting")
                meeting.submission_deadline = meeting.deadline_time = None
                meeting.publication = meeting.publication_time = None
                meeting.sequence += 1
                meeting.save()
                result.cancelled.append(Change(meeting, "cancelled", reason=meeting.note))
            else:
                result.kept.append(Change(meeting, "kept", reason=_why_kept(meeting, now)))
    return result


def _why_kept(meeting: Meeting, now: datetime.datetime) -> str:
    if meeting.agenda_published_at is not None:
        return _("the agenda is published")
    return _("the meeting is held") if meeting.start <= now else ""


def create_ad_hoc_meeting(
    forum: Forum,
    *,
    start: datetime.datetime,
    duration: datetime.timedelta,
    title: str = "",
    place: str = "",
    online_link: str = "",
    by: Person | None = None,
    working_group=None,
) -> Meeting:
    """A meeting made by hand, e.g. DIF Refleksion with its duration set for the occasion, or
    a working group of the forum meeting on its own (`working_group`). The secretariat makes
    the forum's; whoever may set a working group's time is checked by its caller."""
    if by is not None and working_group is None and not is_secretariat(by, forum.organisation):
        raise PlanningError(_("Only the secretariat makes meetings of the forum."))
    if online_link and not online_link.startswith(("https://", "http://")):
        raise PlanningError(_("The online link must be a web address starting with https://."))
    calendar = _check_slot(forum, start, duration, timezone.now())
    ad_hoc = next((r for r in forum.charter.rhythms if r.kind == "ad_hoc"), None)
    day = timezone.localtime(start).date()
    schedule = deadlines(forum.charter, day, calendar)
    half_day = calendar.closed_from(day)
    end_time = timezone.localtime(start + duration).time()
    half_day_warning = (
        _("%(day)s is off from %(off)s") % {"day": half_day[1], "off": f"{half_day[0]:%H:%M}"}
        if half_day and (end_time > half_day[0] or (start + duration).date() != start.date())
        else ""
    )
    if working_group is not None and working_group.forum_id != forum.pk:
        raise PlanningError(_("The working group belongs to another forum."))
    default_title = (
        working_group.title
        if working_group is not None
        else ad_hoc.title
        if ad_hoc and ad_hoc.title
        else forum.name
    )
    return Meeting.objects.create(
        forum=forum,
        kind="ad_hoc",
        rhythm="",
        occurrence=None,
        working_group=working_group,
        title=title or default_title,
        start=start,
        end=start + duration,
        place=place,
        online_link=online_link,
        format=ad_hoc.format if ad_hoc else "physical",
        submission_deadline=schedule.submission,
        deadline_time=schedule.time,
        publication=schedule.publication,
        publication_time=schedule.publish_time,
        note="; ".join(
            filter(None, [_("Made by %(person)s") % {"person": by} if by else "", half_day_warning])
        ),
    )


# --- one meeting at a time ------------------------------------------------------------------


@dataclass
class MeetingChanged:
    meeting: Meeting
    warnings: list[str] = field(default_factory=list)
    items_waiting: int = 0  # items left on a cancelled meeting, to be moved


def _may_run(meeting: Meeting, by: Person | None) -> None:
    if by is not None and not is_secretariat(by, meeting.forum.organisation):
        raise PlanningError(_("Only the secretariat may change, cancel or re-open a meeting."))


def _locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update().select_related("forum__organisation").get(pk=meeting.pk)
    )


def _calendar_for(forum: Forum) -> WorkingCalendar:
    charter = Charter.objects.current(forum.organisation)
    return WorkingCalendar.for_charter(charter.parsed if charter else None)


def _check_slot(
    forum: Forum, start: datetime.datetime, duration: datetime.timedelta, now: datetime.datetime
) -> WorkingCalendar:
    """What every meeting made or moved by hand must satisfy; returns the working calendar."""
    if timezone.is_naive(start):
        raise PlanningError(_("The start needs a time zone; times are Europe/Copenhagen."))
    if start <= now:
        raise PlanningError(
            _("%(when)s has passed; a meeting is made or moved to a time ahead.")
            % {"when": f"{timezone.localtime(start):%d.%m.%Y %H:%M}"}
        )
    if duration <= datetime.timedelta(0):
        raise PlanningError(_("A meeting must last longer than zero minutes."))
    if duration > datetime.timedelta(minutes=MAX_AD_HOC_MINUTES):
        raise PlanningError(_("A meeting may last at most three days; check the duration."))
    calendar = _calendar_for(forum)
    day = timezone.localtime(start).date()
    closed = calendar.closed_reason(day)
    if closed:
        raise PlanningError(
            _("%(day)s is a non-working day (%(reason)s); choose another day.")
            % {"day": f"{day.day}/{day.month}", "reason": closed}
        )
    return calendar


def _check_link(online_link: str) -> None:
    if online_link and not online_link.startswith(("https://", "http://")):
        raise PlanningError(_("The online link must be a web address starting with https://."))


def _set_deadlines(meeting: Meeting, calendar: WorkingCalendar) -> None:
    schedule = deadlines(meeting.forum.charter, timezone.localtime(meeting.start).date(), calendar)
    meeting.submission_deadline = schedule.submission
    meeting.deadline_time = schedule.time
    meeting.publication = schedule.publication
    meeting.publication_time = schedule.publish_time


def conflicts_of(meeting: Meeting) -> list[str]:
    """The other meetings of the municipality at the same time that share members with it."""
    mine = member_ids(meeting.forum)
    others = (
        Meeting.objects.filter(
            forum__organisation_id=meeting.forum.organisation_id,
            start__lt=meeting.end,
            end__gt=meeting.start,
        )
        .exclude(pk=meeting.pk)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.SKIPPED])
        .select_related("forum")
    )
    found = []
    for other in others:
        shared = mine & member_ids(other.forum) if other.forum_id != meeting.forum_id else mine
        if shared:
            found.append(
                _("At the same time as %(forum)s %(when)s, for %(count)d of the members")
                % {
                    "forum": other.forum.short_name,
                    "when": f"{timezone.localtime(other.start):%d.%m. %H:%M}",
                    "count": len(shared),
                }
            )
    return found


def _tell_members(meeting: Meeting, subject: str, body: str, by: Person | None, **extra) -> None:
    notifications.notify(
        Person.objects.filter(pk__in=member_ids(meeting.forum)),
        subject,
        body,
        {
            "name": meeting.forum.name,
            "when": meeting.start,
            "link": notifications.link("meeting-agenda", meeting.pk),
            **extra,
        },
        exclude=by,
    )


# Sent inside `change_meeting`'s transaction when a meeting moves, with the `meeting` and its
# start `before`: apps above this one move what hangs on the meeting's time (a programme's
# blocks, the draft item that selects its theme).
meeting_moved = Signal()


def change_meeting(
    meeting: Meeting,
    *,
    by: Person | None,
    start: datetime.datetime | None = None,
    duration: datetime.timedelta | None = None,
    place: str | None = None,
    online_link: str | None = None,
    format: str | None = None,
    overnight: bool | None = None,
    now: datetime.datetime | None = None,
    venue: Venue | None = None,
) -> MeetingChanged:
    """Move a meeting (start, duration), or set its place, online link or format for the
    occasion. A new day gets the charter's deadline and publication day for it; the items stay
    with the meeting; calendars update (SEQUENCE); the members are told when the time or place
    changes; storing the year leaves the meeting as it is from now on. Refused for a meeting
    held or cancelled (re-open it first), a time passed or a closed day. `None` keeps a value."""
    now = now or timezone.now()
    _may_run(meeting, by)
    with transaction.atomic():
        meeting = _locked(meeting)
        if not meeting.takes_place:
            raise PlanningError(_("The meeting is cancelled; re-open it before changing it."))
        if meeting.start <= now:
            raise PlanningError(_("The meeting has been held; it can no longer be changed."))
        if format is not None and format not in ("physical", "hybrid", "online"):
            raise PlanningError(_("The format is physical, hybrid or online."))
        _check_link(online_link or "")
        new_start = start or meeting.start
        new_duration = duration or (meeting.end - meeting.start)
        chosen_stay = meeting.overnight
        if overnight is not None and overnight != meeting.with_overnight_stay:
            choice = meeting.seminar_choice()
            if choice is None:
                raise PlanningError(
                    _("The charter gives this meeting no choice of an overnight stay.")
                )
            chosen_stay = overnight
            if new_duration == meeting.end - meeting.start:  # the length follows the choice
                new_duration = choice[0] if overnight else choice[1]
        wanted = {
            "start": new_start,
            "end": new_start + new_duration,
            "place": meeting.place if place is None else place.strip(),
            "online_link": meeting.online_link if online_link is None else online_link.strip(),
            "format": meeting.format if format is None else format,
            "overnight": chosen_stay,
        }
        changes = {
            name: [_plain(getattr(meeting, name)), _plain(value)]
            for name, value in wanted.items()
            if getattr(meeting, name) != value
        }
        if not changes and venue is None:
            return MeetingChanged(meeting)
        if "place" in changes and venue is None:
            rhythm = meeting.rhythm_spec
            rule = rhythm.venue if rhythm else None
            if rule is not None and (rule.outside_municipality or rule.max_drive_minutes):
                raise PlanningError(
                    _(
                        "The charter sets rules for where %(forum)s meets; register the place as"
                        " a venue and choose it, so the rules are checked."
                    )
                    % {"forum": meeting.forum.name}
                )
            meeting.venue = None  # a place in words is no longer the registered venue
        if venue is not None:
            meeting.venue = venue
        moved = "start" in changes or "end" in changes
        calendar = _check_slot(meeting.forum, new_start, new_duration, now) if moved else None
        before = meeting.start
        for name, value in wanted.items():
            setattr(meeting, name, value)
        if moved:
            _set_deadlines(meeting, calendar)
            meeting.status = Meeting.Status.MOVED
        meeting.set_by_hand = True
        meeting.sequence += 1
        meeting.save()
        MeetingEvent.objects.create(
            meeting=meeting, by=by, action="moved" if moved else "changed", changes=changes
        )
        if moved:
            meeting_moved.send(sender=Meeting, meeting=meeting, before=before)
        if moved or "place" in changes or "online_link" in changes:
            _tell_members(
                meeting,
                gettext_noop("Changed: %(name)s %(when)s"),
                gettext_noop(
                    "%(name)s, which was %(before)s, is now %(when)s.\nPlace: %(place)s\n\n%(link)s"
                ),
                by,
                before=before,
                place=meeting.place or meeting.online_link or "–",
            )
    return MeetingChanged(meeting, conflicts_of(meeting) if moved else [])


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.datetime) else value


def cancel_meeting(
    meeting: Meeting, *, reason: str, by: Person | None, now: datetime.datetime | None = None
) -> MeetingChanged:
    """Cancel a meeting ahead, with the reason the members are told. Its items stay on it
    (the warning says how many, to move them); calendars show it cancelled."""
    now = now or timezone.now()
    _may_run(meeting, by)
    reason = " ".join((reason or "").split())
    if not reason:
        raise PlanningError(_("Write why the meeting is cancelled; the members are told."))
    if len(reason) > 300:
        raise PlanningError(_("Keep the reason within 300 characters."))
    with transaction.atomic():
        meeting = _locked(meeting)
        if not meeting.takes_place:
            raise PlanningError(_("The meeting is already cancelled."))
        if meeting.start <= now:
            raise PlanningError(_("The meeting has been held; it can no longer be cancelled."))
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancellation_reason = reason
        meeting.submission_deadline = meeting.deadline_time = None
        meeting.publication = meeting.publication_time = None
        meeting.set_by_hand = True
        meeting.sequence += 1
        meeting.save()
        MeetingEvent.objects.create(meeting=meeting, by=by, action="cancelled", note=reason)
        _tell_members(
            meeting,
            gettext_noop("Cancelled: %(name)s %(when)s"),
            gettext_noop("%(name)s %(when)s is cancelled.\n\n%(reason)s\n\n%(link)s"),
            by,
            reason=reason,
        )
        # Items hang on meetings from the agenda app, a layer above: counted by name.
        waiting = meeting.items.filter(standing=False).count()
    warnings = (
        [
            ngettext(
                "%(count)d item is still on the cancelled meeting; move it to another.",
                "%(count)d items are still on the cancelled meeting; move them to another.",
                waiting,
            )
            % {"count": waiting}
        ]
        if waiting
        else []
    )
    return MeetingChanged(meeting, warnings, items_waiting=waiting)


def reopen_meeting(
    meeting: Meeting, *, by: Person | None, now: datetime.datetime | None = None
) -> MeetingChanged:
    """Hold a cancelled or skipped meeting after all, at its time, with the charter's
    deadlines for its day."""
    now = now or timezone.now()
    _may_run(meeting, by)
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.takes_place:
            raise PlanningError(_("The meeting is not cancelled."))
        calendar = _check_slot(meeting.forum, meeting.start, meeting.end - meeting.start, now)
        _set_deadlines(meeting, calendar)
        planned_day = meeting.occurrence
        meeting.status = (
            Meeting.Status.PLANNED
            if planned_day is None or timezone.localtime(meeting.start).date() == planned_day
            else Meeting.Status.MOVED
        )
        meeting.cancellation_reason = ""
        meeting.set_by_hand = True
        meeting.sequence += 1
        meeting.save()
        MeetingEvent.objects.create(meeting=meeting, by=by, action="reopened")
        _tell_members(
            meeting,
            gettext_noop("Held after all: %(name)s %(when)s"),
            gettext_noop("%(name)s %(when)s is held after all.\n\n%(link)s"),
            by,
        )
    return MeetingChanged(meeting, conflicts_of(meeting))


# --- venues: the register and the charter's rule for where a rhythm meets -------------------


@dataclass
class VenueData:
    name: str
    drive_minutes: int
    address: str = ""
    in_municipality: bool = False
    overnight: bool = False
    capacity: int | None = None
    note: str = ""


def save_venue(
    organisation: Organisation, data: VenueData, *, by: Person, venue: Venue | None = None
) -> Venue:
    """Add a venue to the municipality's register, or change `venue`: the secretariat."""
    if not is_secretariat(by, organisation):
        raise PlanningError(_("The secretariat keeps the register of venues."))
    name = " ".join((data.name or "").split())
    if not name or len(name) > 200:
        raise PlanningError(_("Give the venue a name of at most 200 characters."))
    if not 0 <= data.drive_minutes <= 600:
        raise PlanningError(_("The driving time is given in minutes, from 0 to 600."))
    if data.capacity is not None and not 1 <= data.capacity <= 100000:
        raise PlanningError(_("The number of seats is from 1 up."))
    taken = Venue.objects.filter(organisation=organisation, name__iexact=name)
    if venue is not None:
        taken = taken.exclude(pk=venue.pk)
    if taken.exists():
        raise PlanningError(_("The register has a venue named %(name)s.") % {"name": name})
    fields = {
        "name": name,
        "address": " ".join((data.address or "").split())[:300],
        "drive_minutes": data.drive_minutes,
        "in_municipality": data.in_municipality,
        "overnight": data.overnight,
        "capacity": data.capacity,
        "note": (data.note or "").strip(),
    }
    if venue is None:
        return Venue.objects.create(organisation=organisation, **fields)
    for key, value in fields.items():
        setattr(venue, key, value)
    venue.save()
    return venue


def venue_problem(meeting: Meeting, venue: Venue) -> str:
    """Why `venue` does not suit `meeting` under its rhythm's venue rule in the charter (the
    Lederdøgn: outside the municipality, at most an hour's drive) or its overnight stay; ""
    when it suits."""
    forum = meeting.forum
    rhythm = meeting.rhythm_spec
    rule = rhythm.venue if rhythm else None
    if rule is not None and rule.outside_municipality and venue.in_municipality:
        return _(
            "%(forum)s is held outside the municipality under its charter; %(venue)s is in it."
        ) % {"forum": forum.name, "venue": venue.name}
    if rule is not None and rule.max_drive_minutes and venue.drive_minutes > rule.max_drive_minutes:
        return _(
            "%(venue)s is %(minutes)d minutes' drive from the town hall; the charter of %(forum)s"
            " allows at most %(limit)d."
        ) % {
            "venue": venue.name,
            "minutes": venue.drive_minutes,
            "forum": forum.name,
            "limit": rule.max_drive_minutes,
        }
    if meeting.has_overnight_stay and not venue.overnight:
        return _("%(venue)s has no rooms for the night, and the meeting includes one.") % {
            "venue": venue.name
        }
    return ""


def choose_venue(meeting: Meeting, venue: Venue, *, by: Person | None) -> MeetingChanged:
    """Hold the meeting at a registered venue, if it suits the charter (`venue_problem`): its
    place becomes the venue's name and address, and the members are told as for any change of
    place."""
    _may_run(meeting, by)
    if venue.organisation_id != meeting.forum.organisation_id:
        raise PlanningError(_("Choose one of the municipality's own venues."))
    problem = venue_problem(meeting, venue)
    if problem:
        raise PlanningError(problem)
    place = ", ".join(part for part in (venue.name, venue.address) if part)[:200]
    return change_meeting(meeting, by=by, place=place, venue=venue)
