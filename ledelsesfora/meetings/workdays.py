"""Which days are working days: the Danish calendar plus a charter's own closed days.

Non-working: Saturdays and Sundays, Danish public holidays (the `holidays` package; Store
Bededag is no holiday from 2024), 24 and 31 December, and the charter's `[[closed_day]]`s.
Half days — Grundlovsdag and 1 May are off from 12:00 under the KL agreements, and any closed
day with `from_time` — are working days whose afternoon is closed: meetings then are flagged.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache

import holidays

from ledelsesfora.forums import charter as charter_format

CHRISTMAS_EVE = "Juleaftensdag"
NEW_YEARS_EVE = "Nytårsaftensdag"
HALF_DAYS = {(5, 1): "1. maj", (6, 5): "Grundlovsdag"}
HALF_DAY_FROM = datetime.time(12, 0)


@cache
def danish_holidays(year: int) -> dict[datetime.date, str]:
    return dict(holidays.country_holidays("DK", years=year, language="da").items())


@dataclass(frozen=True)
class WorkingCalendar:
    closed_days: tuple[charter_format.ClosedDay, ...] = ()

    @classmethod
    def for_charter(cls, charter: charter_format.Charter | None) -> WorkingCalendar:
        return cls(tuple(charter.closed_days) if charter else ())

    def closed_reason(self, day: datetime.date) -> str | None:
        """Why `day` has no meetings at all, or None if it is a working day."""
        if day.weekday() == 5:
            return "lørdag"
        if day.weekday() == 6:
            return "søndag"
        holiday = danish_holidays(day.year).get(day)
        if holiday:
            return holiday
        if (day.month, day.day) == (12, 24):
            return CHRISTMAS_EVE
        if (day.month, day.day) == (12, 31):
            return NEW_YEARS_EVE
        for closed in self.closed_days:
            if closed.from_time is None and _covers(closed, day):
                return closed.reason
        return None

    def is_working_day(self, day: datetime.date) -> bool:
        return self.closed_reason(day) is None

    def closed_from(self, day: datetime.date) -> tuple[datetime.time, str] | None:
        """On a half day: the time the day closes and why."""
        for closed in self.closed_days:
            if closed.from_time is not None and _covers(closed, day):
                return datetime.time.fromisoformat(closed.from_time), closed.reason
        if (day.month, day.day) in HALF_DAYS:
            return HALF_DAY_FROM, HALF_DAYS[(day.month, day.day)]
        return None

    def next_working_day(self, day: datetime.date) -> datetime.date:
        day += datetime.timedelta(days=1)
        while not self.is_working_day(day):
            day += datetime.timedelta(days=1)
        return day

    def previous_working_day(self, day: datetime.date) -> datetime.date:
        day -= datetime.timedelta(days=1)
        while not self.is_working_day(day):
            day -= datetime.timedelta(days=1)
        return day

    def on_or_before(self, day: datetime.date) -> datetime.date:
        return day if self.is_working_day(day) else self.previous_working_day(day)


def _covers(closed: charter_format.ClosedDay, day: datetime.date) -> bool:
    if closed.date is not None:
        return closed.date <= day <= (closed.until or closed.date)
    if closed.week is not None:
        return closed.week <= day.isocalendar().week <= (closed.until_week or closed.week)
    return (day.month, day.day) == (closed.month, closed.day)
