"""Calendar feeds (RFC 5545) for Outlook and Google: a pure function from plan entries to bytes.

Each meeting is its own VEVENT (no RRULE), with a UID that never changes and the meeting's
SEQUENCE: a moved meeting is the same UID with a new DTSTART and a higher SEQUENCE, which Outlook
and Google both apply. Skipped and cancelled meetings stay in the feed with STATUS:CANCELLED so
subscribed calendars remove them. Times are Europe/Copenhagen, with its VTIMEZONE."""

from __future__ import annotations

import datetime

from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from ledelsesfora.meetings.yearplan import PlanEntry

PRODID = "-//Ledelsesfora//Ledelsesfora//DA"


def feed(
    entries: list[PlanEntry],
    *,
    name: str,
    url: str = "",
    deadline_alarms: set[str] | frozenset[str] = frozenset(),
    stamp: datetime.datetime | None = None,
) -> bytes:
    """An iCalendar file of `entries`. For forums in `deadline_alarms` (short names) each
    meeting's submission deadline is added as an all-day event with an alarm the day before."""
    stamp = stamp or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    calendar.add("refresh-interval", datetime.timedelta(hours=4), parameters={"VALUE": "DURATION"})
    for entry in entries:
        calendar.add_component(_event(entry, stamp, url))
        if (
            entry.forum.short_name in deadline_alarms
            and entry.submission_deadline
            and entry.takes_place
        ):
            calendar.add_component(_deadline(entry, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(entry: PlanEntry, stamp: datetime.datetime, url: str) -> Event:
    event = Event()
    event.add("uid", f"{entry.uid}@ledelsesfora")
    event.add("dtstamp", stamp)
    event.add("sequence", entry.sequence)
    event.add(
        "summary",
        f"{entry.forum.name}: {entry.title}"
        if entry.title != entry.forum.name
        else entry.forum.name,
    )
    event.add("dtstart", timezone.localtime(entry.start))
    event.add("dtend", timezone.localtime(entry.end))
    description = [f"Uge {entry.iso_week}"]
    if entry.submission_deadline:
        description.append(f"Frist for punkter: {entry.submission_deadline:%d.%m.%Y}")
    if entry.publication:
        description.append(f"Dagsorden publiceres: {entry.publication:%d.%m.%Y}")
    if entry.note:
        description.append(entry.note)
    description += entry.warnings
    event.add("description", "\n".join(description))
    if entry.place:
        event.add("location", entry.place)
    if url:
        event.add("url", url)
    event.add("status", "CONFIRMED" if entry.takes_place else "CANCELLED")
    event.add("transp", "OPAQUE" if entry.takes_place else "TRANSPARENT")
    event.add("categories", [entry.forum.short_name])
    return event


def _deadline(entry: PlanEntry, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", f"{entry.uid}-deadline@ledelsesfora")
    event.add("dtstamp", stamp)
    event.add("sequence", entry.sequence)
    event.add(
        "summary",
        f"Frist for punkter til {entry.forum.short_name} {timezone.localtime(entry.start):%d.%m.}",
    )
    event.add("dtstart", entry.submission_deadline)
    event.add("dtend", entry.submission_deadline + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"I morgen er sidste frist for punkter til {entry.forum.name}")
    alarm.add("trigger", datetime.timedelta(hours=-15))  # 09:00 the day before
    event.add_component(alarm)
    return event
