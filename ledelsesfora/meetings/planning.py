"""The year plan a charter yields: pure functions from charter data and the working calendar to
planned meetings. Nothing here reads or writes the database; `operations.apply_plan` stores a
plan, and `ledelsesfora plan` prints one.

Every rule comes from the charter: the RFC 5545 rhythm, the start time and duration, the policy
for a meeting that falls on a non-working day, "not in the quarter of" another forum, and the
submission deadline and publication day relative to the meeting.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ledelsesfora.forums import charter as charter_format
from ledelsesfora.meetings.workdays import WorkingCalendar
from ledelsesfora.revision import memo

TIMEZONE = ZoneInfo("Europe/Copenhagen")

PLANNED, MOVED, SKIPPED = "planned", "moved", "skipped"


@dataclass
class PlannedMeeting:
    forum: str
    rhythm: str
    kind: str
    title: str
    occurrence: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    status: str = PLANNED
    note: str = ""
    submission_deadline: datetime.date | None = None
    deadline_time: datetime.time | None = None
    publication: datetime.date | None = None
    publication_time: datetime.time | None = None
    place: str = ""
    format: str = "physical"
    warnings: list[str] = field(default_factory=list)

    @property
    def iso_week(self) -> int:
        return self.start.isocalendar().week

    @property
    def key(self) -> tuple[str, str, datetime.date]:
        return (self.forum, self.rhythm, self.occurrence)


def local(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The aware Copenhagen datetime of a wall-clock time on a day (summer or winter time)."""
    return datetime.datetime.combine(day, time, tzinfo=TIMEZONE)


def add_wall_clock(start: datetime.datetime, duration: datetime.timedelta) -> datetime.datetime:
    """`start` plus a duration as the wall clock reads it: a 12-12 event ends at 12:00 the next
    day even across a change to or from summer time."""
    return start + duration  # aware + timedelta is wall-clock arithmetic with zoneinfo


def plan_forum(
    short_name: str,
    spec: charter_format.Forum,
    year: int,
    calendar: WorkingCalendar,
    busy_quarters: dict[str, set[int]] | None = None,
    forum_names: dict[str, str] | None = None,
) -> list[PlannedMeeting]:
    """The meetings of one forum in `year`, skipped and moved ones included with the reason.

    `busy_quarters` maps a forum's short name to the quarters (1–4) in which it meets this year;
    a rhythm with `not_in_quarter_of` skips its meetings in those quarters."""
    busy_quarters = busy_quarters or {}
    forum_names = forum_names or {}
    planned: list[PlannedMeeting] = []
    for rhythm in spec.rhythms:
        if not rhythm.rrule:
            continue  # ad hoc meetings are made by hand
        occurrences = rhythm_dates(rhythm, year)
        taken = set(occurrences)
        for occurrence in occurrences:
            planned.append(
                _plan_occurrence(
                    short_name,
                    spec,
                    rhythm,
                    occurrence,
                    calendar,
                    taken,
                    busy_quarters,
                    forum_names,
                )
            )
    planned.sort(key=lambda m: (m.start, m.rhythm))
    return planned


def rhythm_dates(rhythm: charter_format.Rhythm, year: int) -> list[datetime.date]:
    """The dates the rhythm gives in `year`: its rule's, with the charter's `rdates` added.
    The `exdates` stay in: they are planned as skipped, so the year plan shows them."""
    first = rhythm.since or datetime.date(year, 1, 1)
    dates = charter_format.rule_dates(rhythm.rrule, first, datetime.date(year, 12, 31))
    dates += [day for day in rhythm.rdates if day >= first]
    return sorted({day for day in dates if day.year == year})


def _plan_occurrence(
    short_name, spec, rhythm, occurrence, calendar, taken, busy_quarters, forum_names
) -> PlannedMeeting:
    status, note, day = PLANNED, "", occurrence
    quarter = (occurrence.month - 1) // 3 + 1
    other = rhythm.not_in_quarter_of
    span = _days_spanned(rhythm)
    closed = _closed_in_span(calendar, occurrence, span)
    if occurrence in rhythm.exdates:
        status = SKIPPED
        note = _("The charter leaves out %(day)s") % {"day": _day(occurrence)}
    elif other and quarter in busy_quarters.get(other, set()):
        status = SKIPPED
        note = _("%(forum)s is held in quarter %(quarter)d") % {
            "forum": forum_names.get(other, other),
            "quarter": quarter,
        }
    elif closed:
        policy = rhythm.on_non_working_day or spec.on_non_working_day
        if policy == "skip":
            status = SKIPPED
            note = _("%(day)s is %(reason)s: no meeting") % {
                "day": _day(closed[1]),
                "reason": closed[0],
            }
        elif policy == "keep":
            note = _("Held although %(day)s is %(reason)s") % {
                "day": _day(closed[1]),
                "reason": closed[0],
            }
        else:
            step = (
                calendar.next_working_day
                if policy == "next_working_day"
                else (calendar.previous_working_day)
            )
            moved_to = step(occurrence)
            while _closed_in_span(calendar, moved_to, span):
                moved_to = step(moved_to)
            if moved_to in taken:
                status = SKIPPED
                note = _(
                    "%(day)s is %(reason)s, and %(other)s already has a meeting: no meeting"
                ) % {"day": _day(closed[1]), "reason": closed[0], "other": _day(moved_to)}
            else:
                status, day = MOVED, moved_to
                note = _("Moved from %(day)s (%(reason)s)") % {
                    "day": _day(occurrence),
                    "reason": closed[0],
                }
    start = local(day, datetime.time.fromisoformat(rhythm.start))
    end = add_wall_clock(start, rhythm.total_duration())
    meeting = PlannedMeeting(
        forum=short_name,
        rhythm=rhythm.identity,
        kind=rhythm.kind,
        title=rhythm.title or spec.name,
        occurrence=occurrence,
        start=start,
        end=end,
        status=status,
        note=note,
        place=rhythm.place or "",
        format=rhythm.format,
    )
    if status != SKIPPED:
        schedule = deadlines(spec, day, calendar)
        meeting.submission_deadline, meeting.deadline_time = schedule.submission, schedule.time
        meeting.publication, meeting.publication_time = schedule.publication, schedule.publish_time
    half_day = calendar.closed_from(day)
    if status != SKIPPED and half_day and end.timetz().replace(tzinfo=None) > half_day[0]:
        meeting.warnings.append(
            _("%(day)s is off from %(off)s; the meeting ends at %(end)s")
            % {"day": half_day[1], "off": f"{half_day[0]:%H:%M}", "end": f"{end:%H:%M}"}
        )
    return meeting


def _days_spanned(rhythm: charter_format.Rhythm) -> int:
    """How many days after its first day a meeting of the rhythm ends (a 12-12 event: 1)."""
    start = datetime.datetime.combine(
        datetime.date(2024, 1, 1), datetime.time.fromisoformat(rhythm.start)
    )
    end = start + rhythm.total_duration()
    return (end - datetime.timedelta(microseconds=1)).date().toordinal() - start.date().toordinal()


def _closed_in_span(calendar: WorkingCalendar, first: datetime.date, span: int):
    """(reason, day) for the first closed day the meeting covers, or None."""
    for offset in range(span + 1):
        day = first + datetime.timedelta(days=offset)
        reason = calendar.closed_reason(day)
        if reason:
            return reason, day
    return None


@dataclass(frozen=True)
class Deadlines:
    """A meeting's submission deadline and publication day, each with the charter's time of
    day where it gives one."""

    submission: datetime.date | None = None
    time: datetime.time | None = None
    publication: datetime.date | None = None
    publish_time: datetime.time | None = None


def deadlines(
    spec: charter_format.Forum, day: datetime.date, calendar: WorkingCalendar
) -> Deadlines:
    """The submission deadline and publication day of a meeting on `day`.

    Each is the charter's day, moved to the previous working day when it falls on a closed day,
    and never after the meeting. A deadline is never cut short by publication: when the charter's
    publication day comes before the deadline (holidays can pull it there), publication waits
    for the deadline's day. When both fall on the same day (a compressed week), the agenda is
    published once the deadline has passed (`Meeting.objects.due_for_publication`)."""
    deadline = relative_day(spec.deadline, day, calendar)
    publication = relative_day(spec.publication, day, calendar)
    if deadline is not None and deadline > day:
        deadline = calendar.on_or_before(day)
    if publication is not None and publication > day:
        publication = calendar.on_or_before(day)
    if deadline is not None and publication is not None and publication < deadline:
        publication = deadline
    return Deadlines(
        submission=deadline,
        time=_time(spec.deadline) if deadline else None,
        publication=publication,
        publish_time=_time(spec.publication) if publication else None,
    )


def _time(rule: charter_format.RelativeDay | None) -> datetime.time | None:
    return datetime.time.fromisoformat(rule.time) if rule and rule.time else None


def relative_day(
    rule: charter_format.RelativeDay | None, day: datetime.date, calendar: WorkingCalendar
) -> datetime.date | None:
    """'Thursday of the week before', 'three days before' or 'five working days before' a
    meeting on `day`, on or before a working day."""
    if rule is None:
        return None
    if rule.working_days_before is not None:
        target = calendar.on_or_before(day)
        for _step in range(rule.working_days_before):
            target = calendar.previous_working_day(target)
        return target
    if rule.days_before is not None:
        target = day - datetime.timedelta(days=rule.days_before)
    else:
        monday = day - datetime.timedelta(days=day.weekday())
        target = (
            monday
            - datetime.timedelta(weeks=rule.weeks_before)
            + datetime.timedelta(days=charter_format.WEEKDAYS.index(rule.weekday))
        )
    return calendar.on_or_before(target)


def annual_cycle(spec: charter_format.Forum, year: int, meetings: list) -> list[tuple]:
    """The charter's recurring items of `year` (its annual cycle), each with the date its rule
    gives and the meeting it goes on: the first of `meetings` (anything with `start`, in order)
    on or after that date, or None when there is none. Kinds the forum does not take are left
    out."""
    placed = []
    for recurring in spec.recurring_items:
        if recurring.kind not in spec.item_kinds:
            continue
        first = recurring.since or datetime.date(year, 1, 1)
        for day in charter_format.rule_dates(recurring.rrule, first, datetime.date(year, 12, 31)):
            if day.year != year:
                continue
            meeting = next(
                (m for m in meetings if m.start.astimezone(TIMEZONE).date() >= day), None
            )
            placed.append((recurring, day, meeting))
    return placed


_PLANS = memo.ByContent(64)


def planned_year(
    charter: charter_format.Charter, year: int, only: str | None = None
) -> list[PlannedMeeting]:
    """`plan_charter`, computed once per parsed charter, year and language in this process (a
    charter version is parsed once and shared, and its plan never changes). The planned
    meetings are shared: read them, never change them."""
    key = (id(charter), year, only, get_language())

    def plan():
        return (charter, tuple(plan_charter(charter, year, only)))

    kept = _PLANS.get(key, plan)
    if kept[0] is not charter:  # another charter now lives where that one did
        kept = plan()
        _PLANS.put(key, kept)
    return list(kept[1])


def plan_charter(
    charter: charter_format.Charter, year: int, only: str | None = None
) -> list[PlannedMeeting]:
    """The whole municipality's plan for `year` (or one forum's, with `only`)."""
    calendar = WorkingCalendar.for_charter(charter)
    names = {f.short_name: f.name for f in charter.forums}
    busy: dict[str, set[int]] = {}
    for forum in charter.forums:
        for rhythm in forum.rhythms:
            if rhythm.not_in_quarter_of and rhythm.not_in_quarter_of not in busy:
                other = charter.forum(rhythm.not_in_quarter_of)
                busy[other.short_name] = {
                    (m.start.month - 1) // 3 + 1
                    for m in plan_forum(other.short_name, other, year, calendar)
                    if m.status != SKIPPED
                }
    meetings: list[PlannedMeeting] = []
    for forum in charter.forums:
        if only is None or forum.short_name == only:
            meetings += plan_forum(forum.short_name, forum, year, calendar, busy, names)
    meetings.sort(key=lambda m: (m.start, m.forum))
    return meetings


def _day(day: datetime.date) -> str:
    return f"{day.day}/{day.month}"
