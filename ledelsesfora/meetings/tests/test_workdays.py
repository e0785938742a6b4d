"""Working days: Danish public holidays, 24 and 31 December, half days and a charter's own."""

import datetime

from ledelsesfora.forums.charter import ClosedDay
from ledelsesfora.meetings.workdays import WorkingCalendar

D = datetime.date


def test_danish_public_holidays_2027():
    calendar = WorkingCalendar()
    closed = {
        D(2027, 1, 1): "Nytårsdag",
        D(2027, 3, 25): "Skærtorsdag",
        D(2027, 3, 26): "Langfredag",
        D(2027, 3, 29): "Anden påskedag",
        D(2027, 5, 6): "Kristi himmelfartsdag",
        D(2027, 5, 17): "Anden pinsedag",
        D(2027, 12, 24): "Juleaftensdag",
        D(2027, 12, 31): "Nytårsaftensdag",
    }
    for day, reason in closed.items():
        assert calendar.closed_reason(day) == reason, day


def test_store_bededag_is_a_working_day_from_2024():
    assert WorkingCalendar().is_working_day(D(2024, 4, 26))
    assert not WorkingCalendar().is_working_day(D(2023, 5, 5))


def test_weekends_are_closed():
    calendar = WorkingCalendar()
    assert calendar.closed_reason(D(2026, 11, 21)) == "lørdag"
    assert calendar.closed_reason(D(2026, 11, 22)) == "søndag"
    assert calendar.is_working_day(D(2026, 11, 23))


def test_grundlovsdag_and_first_of_may_close_at_noon():
    calendar = WorkingCalendar()
    assert calendar.is_working_day(D(2026, 6, 5))
    assert calendar.closed_from(D(2026, 6, 5)) == (datetime.time(12), "Grundlovsdag")
    assert calendar.closed_from(D(2026, 5, 1)) == (datetime.time(12), "1. maj")
    assert calendar.closed_from(D(2026, 5, 4)) is None


def test_a_charters_closed_days():
    calendar = WorkingCalendar(
        (
            ClosedDay(reason="Sommerferie", date=D(2026, 7, 13), until=D(2026, 7, 31)),
            ClosedDay(reason="Kommunens fødselsdag", month=9, day=1),
            ClosedDay(reason="Personalefest", date=D(2026, 11, 27), from_time="14:00"),
        )
    )
    assert calendar.closed_reason(D(2026, 7, 20)) == "Sommerferie"
    assert calendar.is_working_day(D(2026, 8, 3))
    assert calendar.closed_reason(D(2027, 9, 1)) == "Kommunens fødselsdag"
    assert calendar.is_working_day(D(2026, 11, 27))
    assert calendar.closed_from(D(2026, 11, 27)) == (datetime.time(14), "Personalefest")


def test_next_and_previous_working_day_jump_over_easter():
    calendar = WorkingCalendar()
    assert calendar.next_working_day(D(2027, 3, 24)) == D(2027, 3, 30)
    assert calendar.previous_working_day(D(2027, 3, 30)) == D(2027, 3, 24)
    assert calendar.on_or_before(D(2027, 3, 26)) == D(2027, 3, 24)
