"""Writes of the meetings app: materialising a year plan, and ad hoc meetings."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ledelsesfora.errors import Refused
from ledelsesfora.forums.models import Charter, Forum
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.meetings.planning import PlannedMeeting, deadlines, plan_charter
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
        for p in plan_charter(charter.parsed, year, forum.short_name if forum else None)
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
            if meeting.replannable(now):
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
    a working group of the forum meeting on its own (`working_group`)."""
    if online_link and not online_link.startswith(("https://", "http://")):
        raise PlanningError(_("The online link must be a web address starting with https://."))
    if timezone.is_naive(start):
        raise PlanningError(_("The start needs a time zone; times are Europe/Copenhagen."))
    if duration <= datetime.timedelta(0):
        raise PlanningError(_("A meeting must last longer than zero minutes."))
    if duration > datetime.timedelta(minutes=MAX_AD_HOC_MINUTES):
        raise PlanningError(_("A meeting may last at most three days; check the duration."))
    ad_hoc = next((r for r in forum.charter.rhythms if r.kind == "ad_hoc"), None)
    charter = Charter.objects.current(forum.organisation)
    calendar = WorkingCalendar.for_charter(charter.parsed if charter else None)
    day = timezone.localtime(start).date()
    closed = calendar.closed_reason(day)
    if closed:
        raise PlanningError(
            _("%(day)s is a non-working day (%(reason)s); choose another day.")
            % {"day": f"{day.day}/{day.month}", "reason": closed}
        )
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
