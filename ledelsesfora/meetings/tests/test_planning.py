"""The plan the bundled charters yield, date by date, and properties that hold for any charter."""

import datetime

from django.conf import settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ledelsesfora.forums.charter import ClosedDay, Forum, parse_charter
from ledelsesfora.meetings.planning import (
    MOVED,
    PLANNED,
    SKIPPED,
    TIMEZONE,
    add_wall_clock,
    local,
    plan_charter,
    plan_forum,
)
from ledelsesfora.meetings.workdays import WorkingCalendar

D = datetime.date


def bundled(slug):
    return parse_charter((settings.BUNDLED_CHARTERS_DIR / f"{slug}.toml").read_text())


ALBERTSLUND = bundled("albertslund")
VEJEN = bundled("vejen")


def plan(charter, year, forum):
    return plan_charter(charter, year, forum)


def test_chefforum_meets_the_first_and_third_wednesday_from_nine_to_twelve():
    meetings = plan(ALBERTSLUND, 2026, "CF")
    assert len(meetings) == 24
    assert [m.start.date() for m in meetings[:4]] == [
        D(2026, 1, 7),
        D(2026, 1, 21),
        D(2026, 2, 4),
        D(2026, 2, 18),
    ]
    assert all(m.start.weekday() == 2 for m in meetings)
    assert {(m.start.strftime("%H:%M"), m.end.strftime("%H:%M")) for m in meetings} == {
        ("09:00", "12:00")
    }


def test_times_are_copenhagen_wall_clock_on_both_sides_of_summer_time():
    meetings = {m.start.date(): m for m in plan(ALBERTSLUND, 2026, "CF")}
    assert meetings[D(2026, 3, 18)].start.isoformat() == "2026-03-18T09:00:00+01:00"
    assert meetings[D(2026, 4, 1)].start.isoformat() == "2026-04-01T09:00:00+02:00"
    assert meetings[D(2026, 11, 4)].start.isoformat() == "2026-11-04T09:00:00+01:00"


def test_a_12_12_event_across_the_end_of_summer_time_ends_at_noon():
    start = local(D(2026, 10, 24), datetime.time(12))
    end = add_wall_clock(start, datetime.timedelta(days=1))
    assert end.isoformat() == "2026-10-25T12:00:00+01:00"
    assert end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC) == datetime.timedelta(
        hours=25
    )


def test_dif_deadlines_in_easter_2027():
    meetings = {m.start.date(): m for m in plan(ALBERTSLUND, 2027, "DIF")}
    easter = meetings[D(2027, 3, 30)]
    # Thursday of the week before is Skærtorsdag, the Friday Langfredag: both move back to Wednesday.
    assert easter.submission_deadline == D(2027, 3, 24)
    assert easter.publication == D(2027, 3, 24)
    ordinary = meetings[D(2027, 3, 9)]
    assert (ordinary.submission_deadline, ordinary.publication) == (D(2027, 3, 4), D(2027, 3, 5))


def test_dif_deadlines_around_christmas_2026():
    meetings = {m.start.date(): m for m in plan(ALBERTSLUND, 2026, "DIF")}
    christmas = meetings[D(2026, 12, 29)]
    assert (christmas.submission_deadline, christmas.publication) == (
        D(2026, 12, 23),
        D(2026, 12, 23),
    )
    new_year = {m.start.date(): m for m in plan(ALBERTSLUND, 2027, "DIF")}[D(2027, 1, 5)]
    assert (new_year.submission_deadline, new_year.publication) == (
        D(2026, 12, 30),
        D(2026, 12, 30),
    )


def test_a_skipped_meeting_has_no_deadline_and_no_publication():
    spec = with_rules(
        {"weekday": "monday", "weeks_before": 0}, {"days_before": 1}, "FREQ=WEEKLY;BYDAY=TH"
    )
    meetings = {m.occurrence: m for m in plan_forum("X", spec, 2026, WorkingCalendar())}
    ascension = meetings[D(2026, 5, 14)]
    assert ascension.status == SKIPPED
    assert (ascension.submission_deadline, ascension.publication) == (None, None)
    ordinary = meetings[D(2026, 5, 21)]
    assert (ordinary.submission_deadline, ordinary.publication) == (D(2026, 5, 18), D(2026, 5, 20))


def with_rules(deadline, publication, rrule="FREQ=WEEKLY;BYDAY=TU"):
    return Forum.model_validate(
        {
            "short_name": "X",
            "name": "X",
            "domain": "production",
            "purpose": "p",
            "item_kinds": ["decision"],
            "member": [{"position": "leder"}],
            "deadline": deadline,
            "publication": publication,
            "on_non_working_day": "skip",
            "rhythm": [{"rrule": rrule, "start": "09:00", "duration": "PT1H"}],
        }
    )


def test_working_days_before_the_meeting_step_over_easter():
    spec = with_rules({"working_days_before": 5, "time": "12:00"}, {"working_days_before": 2})
    meetings = {m.start.date(): m for m in plan_forum("X", spec, 2027, WorkingCalendar())}
    ordinary = meetings[D(2027, 3, 16)]
    assert ordinary.submission_deadline == D(2027, 3, 9)  # a week earlier, five working days
    assert ordinary.deadline_time == datetime.time(12)
    assert (ordinary.publication, ordinary.publication_time) == (D(2027, 3, 12), None)
    # Skærtorsdag, Langfredag and 2. påskedag are not working days.
    after_easter = meetings[D(2027, 3, 30)]
    assert after_easter.submission_deadline == D(2027, 3, 18)
    assert after_easter.publication == D(2027, 3, 23)


def test_a_publication_day_before_the_deadline_waits_for_the_deadline():
    spec = with_rules(
        {"weekday": "friday", "weeks_before": 1}, {"weekday": "thursday", "weeks_before": 1}
    )
    meetings = {m.start.date(): m for m in plan_forum("X", spec, 2027, WorkingCalendar())}
    meeting = meetings[D(2027, 3, 9)]
    # Friday 5 March: the deadline is not cut short to the Thursday
    assert meeting.submission_deadline == meeting.publication == D(2027, 3, 5)


def test_dif_skips_a_weekly_meeting_on_a_holiday():
    charter = parse_charter(
        (settings.BUNDLED_CHARTERS_DIR / "albertslund.toml")
        .read_text()
        .replace('rrule = "FREQ=WEEKLY;BYDAY=TU"', 'rrule = "FREQ=WEEKLY;BYDAY=TH"')
    )
    meetings = {m.occurrence: m for m in plan(charter, 2027, "DIF")}
    ascension = meetings[D(2027, 5, 6)]
    assert ascension.status == SKIPPED
    assert ascension.note == "6/5 er Kristi himmelfartsdag: mødet holdes ikke"
    assert meetings[D(2027, 12, 23)].status == PLANNED
    assert meetings[D(2027, 3, 25)].status == SKIPPED


def test_a_rhythm_leaves_out_its_exdates_and_adds_its_rdates():
    spec = with_rules(None, None)
    rhythm = spec.rhythms[0].model_copy(
        update={"exdates": [D(2027, 3, 16)], "rdates": [D(2027, 3, 18), D(2028, 1, 6)]}
    )
    spec = spec.model_copy(update={"rhythms": [rhythm]})
    meetings = {m.occurrence: m for m in plan_forum("X", spec, 2027, WorkingCalendar())}
    left_out = meetings[D(2027, 3, 16)]
    assert left_out.status == SKIPPED
    assert left_out.note == "Kommissoriet udelader 16/3"
    extra = meetings[D(2027, 3, 18)]
    assert extra.status == PLANNED and extra.start.isoformat() == "2027-03-18T09:00:00+01:00"
    assert D(2028, 1, 6) not in meetings  # another year's extra date
    assert len(meetings) == 52 + 1


def test_the_forum_page_sentence_names_the_exceptions_and_the_policy():
    from ledelsesfora.forums.describe import rhythm as describe_rhythm

    rhythm = (
        with_rules(None, None)
        .rhythms[0]
        .model_copy(
            update={
                "exdates": [D(2027, 3, 16)],
                "rdates": [D(2027, 3, 18)],
                "on_non_working_day": "previous_working_day",
            }
        )
    )
    sentence = describe_rhythm(rhythm)
    assert "desuden 18. marts 2027, ikke 16. marts 2027" in sentence
    assert sentence.endswith("flyttes til forrige arbejdsdag.")


def test_a_rhythm_s_own_policy_overrides_the_forum_s():
    spec = with_rules(None, None)  # the forum skips meetings on holidays
    moving = spec.rhythms[0].model_copy(update={"on_non_working_day": "previous_working_day"})
    own = spec.model_copy(update={"rhythms": [moving]})
    forum_policy = {m.occurrence: m for m in plan_forum("X", spec, 2024, WorkingCalendar())}
    rhythm_policy = {m.occurrence: m for m in plan_forum("X", own, 2024, WorkingCalendar())}
    christmas_eve = D(2024, 12, 24)  # a Tuesday
    assert forum_policy[christmas_eve].status == SKIPPED
    assert rhythm_policy[christmas_eve].status == MOVED
    assert rhythm_policy[christmas_eve].start.date() == D(2024, 12, 23)


def test_closed_weeks_every_year():
    calendar = WorkingCalendar((ClosedDay(reason="Sommerferie", week=29, until_week=31),))
    spec = with_rules(None, None)
    for year, first, last in (
        (2026, D(2026, 7, 14), D(2026, 7, 28)),
        (2027, D(2027, 7, 20), D(2027, 8, 3)),
    ):
        meetings = {m.occurrence: m for m in plan_forum("X", spec, year, calendar)}
        summer = [day for day, m in meetings.items() if m.status == SKIPPED]
        assert summer == [first, first + datetime.timedelta(weeks=1), last]
        assert meetings[first].note.endswith("er Sommerferie: mødet holdes ikke")


def test_lederforum_skips_the_lederdoegn_quarter_and_moves_off_ascension():
    meetings = plan(ALBERTSLUND, 2026, "LF")
    assert [(m.occurrence, m.start.date(), m.status) for m in meetings] == [
        (D(2026, 3, 12), D(2026, 3, 12), PLANNED),
        (D(2026, 5, 14), D(2026, 5, 15), MOVED),
        (D(2026, 9, 10), D(2026, 9, 10), PLANNED),
        (D(2026, 11, 12), D(2026, 11, 12), SKIPPED),
    ]
    assert meetings[1].note == "Flyttet fra 14/5 (Kristi himmelfartsdag)"
    assert meetings[3].note == "Lederdøgn holdes i 4. kvartal"
    assert [m.status for m in plan(ALBERTSLUND, 2027, "LF")] == [PLANNED] * 4


def test_lederdoegn_every_other_year_twelve_to_twelve():
    (ld_2026,) = plan(ALBERTSLUND, 2026, "LD")
    assert ld_2026.start.isoformat() == "2026-10-01T12:00:00+02:00"
    assert ld_2026.end.isoformat() == "2026-10-02T12:00:00+02:00"
    assert plan(ALBERTSLUND, 2027, "LD") == []
    assert [m.start.date() for m in plan(ALBERTSLUND, 2028, "LD")] == [D(2028, 10, 5)]


def test_dif_refleksion_is_only_ad_hoc():
    assert plan(ALBERTSLUND, 2026, "DIF-R") == []


def test_vejen_chefforum_rhythms_2027():
    meetings = plan(VEJEN, 2027, "CF")
    kinds = [m.kind for m in meetings]
    assert kinds.count("regular") == 12
    assert kinds.count("development") == 4
    assert kinds.count("seminar") == 2
    monthly = next(m for m in meetings if m.kind == "regular")
    assert monthly.end - monthly.start == datetime.timedelta(hours=2, minutes=30)
    seminars = [m for m in meetings if m.kind == "seminar"]
    assert [(m.start.date(), m.status) for m in seminars] == [
        (D(2027, 5, 10), MOVED),  # a 24-hour seminar needs two working days: Monday-Tuesday
        (D(2027, 11, 4), PLANNED),
    ]
    assert {(m.start.month - 1) // 3 + 1 for m in seminars} == {2, 4}
    assert {(m.start.month - 1) // 3 + 1 for m in meetings if m.kind == "development"} == {
        1,
        2,
        3,
        4,
    }


def test_iso_weeks():
    meetings = plan(ALBERTSLUND, 2027, "CF")
    assert (meetings[0].start.date(), meetings[0].iso_week) == (D(2027, 1, 6), 1)
    assert plan(ALBERTSLUND, 2026, "DIF")[-1].iso_week == 53  # 29 December 2026 is in week 53


def test_an_afternoon_meeting_on_grundlovsdag_is_flagged():
    spec = Forum.model_validate(
        {
            "short_name": "X",
            "name": "X",
            "domain": "dialogue",
            "purpose": "p",
            "item_kinds": ["information"],
            "member": [{"position": "leder"}],
            "rhythm": [
                {
                    "rrule": "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=5",
                    "start": "13:00",
                    "duration": "PT2H",
                }
            ],
        }
    )
    (meeting,) = plan_forum("X", spec, 2026, WorkingCalendar())
    assert meeting.status == PLANNED
    assert meeting.warnings == ["Grundlovsdag er fri fra kl. 12:00; mødet slutter kl. 15:00"]


# --- properties that hold for any charter --------------------------------------------------

WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
rules = st.one_of(
    st.builds(lambda d: f"FREQ=WEEKLY;BYDAY={d}", st.sampled_from(WEEKDAY_CODES)),
    st.builds(
        lambda n, d: f"FREQ=MONTHLY;BYDAY={n}{d}", st.integers(1, 4), st.sampled_from(WEEKDAY_CODES)
    ),
    st.builds(
        lambda m, md: f"FREQ=YEARLY;BYMONTH={m};BYMONTHDAY={md}",
        st.integers(1, 12),
        st.integers(1, 28),
    ),
)
relative_days = st.one_of(
    st.none(),
    st.builds(
        lambda w, n: {"weekday": w, "weeks_before": n},
        st.sampled_from(["monday", "tuesday", "wednesday", "thursday", "friday"]),
        st.integers(0, 2),
    ),
    st.builds(lambda n: {"days_before": n}, st.integers(0, 10)),
    st.builds(lambda n: {"working_days_before": n, "time": "12:00"}, st.integers(0, 10)),
)
closed_days = st.lists(
    st.builds(
        lambda d, n: ClosedDay(reason="Lukket", date=d, until=d + datetime.timedelta(days=n)),
        st.dates(D(2025, 1, 1), D(2031, 12, 31)),
        st.integers(0, 20),
    ),
    max_size=3,
)


@hypothesis_settings(max_examples=120, deadline=None)
@given(
    rule=rules,
    year=st.integers(2024, 2031),
    policy=st.sampled_from(["skip", "next_working_day", "previous_working_day", "keep"]),
    start=st.sampled_from(["08:00", "09:30", "13:00", "23:00"]),
    duration=st.sampled_from(["PT30M", "PT1H30M", "PT3H", "P1D"]),
    deadline=relative_days,
    publication=relative_days,
    closed=closed_days,
)
def test_plan_properties(rule, year, policy, start, duration, deadline, publication, closed):
    data = {
        "short_name": "X",
        "name": "X",
        "domain": "production",
        "purpose": "p",
        "item_kinds": ["decision"],
        "member": [{"position": "leder"}],
        "on_non_working_day": policy,
        "rhythm": [{"rrule": rule, "start": start, "duration": duration}],
    }
    if deadline:
        data["deadline"] = deadline
    if publication:
        data["publication"] = publication
    calendar = WorkingCalendar(tuple(closed))
    spec = Forum.model_validate(data)
    meetings = plan_forum("X", spec, year, calendar)
    assert meetings == plan_forum("X", spec, year, calendar)  # planning twice gives the same
    for meeting in meetings:
        day = meeting.start.date()
        if meeting.status != SKIPPED and policy != "keep":
            assert calendar.is_working_day(day), meeting
        assert meeting.start.tzinfo is TIMEZONE
        assert (
            meeting.start.strftime("%H:%M") == start
        )  # the charter's local time, winter or summer
        if meeting.status == SKIPPED:
            assert (meeting.submission_deadline, meeting.publication) == (None, None)
            continue
        limit = meeting.publication or day
        if meeting.submission_deadline:
            # Publication never cuts a deadline short: it comes on the deadline's day or later.
            assert meeting.submission_deadline <= limit <= day
            if not calendar.is_working_day(day):
                continue  # a meeting kept on a closed day: its deadlines come before it
            assert calendar.is_working_day(meeting.submission_deadline)
        if meeting.publication:
            assert meeting.publication <= day
            assert calendar.is_working_day(meeting.publication)
        assert meeting.end > meeting.start
