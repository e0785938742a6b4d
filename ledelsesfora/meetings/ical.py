"""Calendar feeds (RFC 5545) for Outlook, Google and Thunderbird: a pure function from plan
entries to bytes.

Each meeting is its own VEVENT (no RRULE), with a UID that never changes and the meeting's
SEQUENCE: a moved meeting is the same UID with a new DTSTART and a higher SEQUENCE, which Outlook
and Google both apply. Skipped and cancelled meetings stay in the feed with STATUS:CANCELLED so
subscribed calendars remove them. Times are Europe/Copenhagen, with a VTIMEZONE written the way
the big calendar servers write it: one summer-time and one winter-time rule, each a yearly RRULE.
(A block that lists every change as an RDATE, valid only until 2038, puts summer meetings an
hour late in ical.js, Thunderbird's parser.) It does not decide who sees what: the caller passes
only the entries, deadline reminders and links the reader may have."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from ledelsesfora.meetings.yearplan import PlanEntry
from ledelsesfora.revision import memo

PRODID = "-//Ledelsesfora//Ledelsesfora//DA"
TZID = "Europe/Copenhagen"


def copenhagen() -> Timezone:
    """Europe/Copenhagen as rules: summer time from 02:00 on the last Sunday of March, winter
    time from 03:00 on the last Sunday of October (the EU rule, in force since 1996). A test
    holds this against the tz database year by year."""
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", datetime.timedelta(hours=1))
    summer.add("tzoffsetto", datetime.timedelta(hours=2))
    summer.add("dtstart", datetime.datetime(1996, 3, 31, 2, 0))  # noqa: DTZ001 - local, per RFC 5545
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", datetime.timedelta(hours=2))
    winter.add("tzoffsetto", datetime.timedelta(hours=1))
    winter.add("dtstart", datetime.datetime(1996, 10, 27, 3, 0))  # noqa: DTZ001 - local, per RFC 5545
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def feed(
    entries: list[PlanEntry],
    *,
    name: str,
    url: Callable[[PlanEntry], str] | None = None,
    deadline_alarms: set[str] | frozenset[str] = frozenset(),
    stamp: datetime.datetime | None = None,
    answer: Callable[[PlanEntry], str | None] | None = None,
) -> bytes:
    """An iCalendar file of `entries`. `url` gives each event's link (the meeting's own page,
    where the reader may open it). For forums in `deadline_alarms` (short names) each meeting's
    submission deadline is added as an all-day event with an alarm the day before. `answer`
    gives, where the reader is to answer a meeting, the link signed for them where they say
    they come or send apologies: the calendar's way to reply. Each event's DTSTAMP is when the
    entry last changed (`stamp`, or now, where that is not known)."""
    stamp = stamp or timezone.now()
    with override(settings.LANGUAGE_CODE):  # the municipality's language, like its papers
        head = _calendar(name)
        events = []
        for entry in entries:
            alarm = (
                entry.forum.short_name in deadline_alarms
                and bool(entry.submission_deadline)
                and entry.takes_place
            )
            events.append(
                _events(
                    entry,
                    entry.changed or stamp,
                    url(entry) if url else None,
                    alarm,
                    answer(entry) if answer else None,
                )
            )
    # Each event is serialised by the library on its own, and the calendar's closing line
    # follows the last of them, as to_ical() would have put it.
    return head.removesuffix(CLOSE) + b"".join(events) + CLOSE


CLOSE = b"END:VCALENDAR\r\n"
# Serialised events by everything they say: a feed is mostly the same events as the last time
# anyone asked, and a meeting of a big forum is in a hundred personal feeds.
_EVENTS = memo.ByContent(20_000)


def _events(
    entry: PlanEntry,
    stamp: datetime.datetime,
    link: str | None,
    alarm: bool,
    answer: str | None,
) -> bytes:
    def serialised() -> bytes:
        text = _event(entry, stamp, link, answer).to_ical()
        return text + _deadline(entry, stamp).to_ical() if alarm else text

    key = (get_language(), entry.fingerprint(), stamp, link, alarm, answer)
    return _EVENTS.get(key, serialised)


@lru_cache(maxsize=256)
def _calendar(name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    calendar.add("refresh-interval", datetime.timedelta(hours=4), parameters={"VALUE": "DURATION"})
    calendar.add_component(copenhagen())
    ical = calendar.to_ical()
    assert ical.endswith(CLOSE)
    return ical


def _event(
    entry: PlanEntry, stamp: datetime.datetime, link: str | None, answer: str | None = None
) -> Event:
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
    event.add("dtstart", _local(entry.start))
    event.add("dtend", _local(entry.end))
    description = [_("Week %(week)d") % {"week": entry.iso_week}]
    if entry.submission_deadline:
        description.append(_("Deadline for items: %(when)s") % {"when": _deadline_text(entry)})
    if entry.publication:
        description.append(
            _("Agenda published: %(day)s") % {"day": f"{entry.publication:%d.%m.%Y}"}
        )
    if entry.online_link:
        description.append(_("Join online: %(link)s") % {"link": entry.online_link})
    if entry.note:
        description.append(entry.note)
    description += entry.warnings
    if answer:
        description.append(
            _("Say whether you come, or send apologies: %(link)s") % {"link": answer}
        )
    event.add("description", "\n".join(description))
    if entry.place or entry.online_link:
        event.add("location", entry.place or entry.online_link)
    if link is not None:
        event.add("url", link)
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
        _("Deadline for items for %(forum)s %(day)s")
        % {"forum": entry.forum.short_name, "day": f"{timezone.localtime(entry.start):%d.%m.}"},
    )
    event.add("dtstart", entry.submission_deadline)
    event.add("dtend", entry.submission_deadline + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add(
        "description",
        _("Tomorrow is the deadline for items for %(forum)s") % {"forum": entry.forum.name}
        + (f" ({_deadline_time(entry)})" if entry.deadline_time else ""),
    )
    alarm.add("trigger", datetime.timedelta(hours=-15))  # 09:00 the day before
    event.add_component(alarm)
    return event


def _local(moment: datetime.datetime) -> datetime.datetime:
    """The moment in Copenhagen wall-clock time, written with TZID=Europe/Copenhagen."""
    return moment.astimezone(ZoneInfo(TZID))


def _deadline_text(entry: PlanEntry) -> str:
    text = f"{entry.submission_deadline:%d.%m.%Y}"
    return text + (f" {_deadline_time(entry)}" if entry.deadline_time else "")


def _deadline_time(entry: PlanEntry) -> str:
    return _("at %(time)s") % {"time": f"{entry.deadline_time:%H:%M}"}
