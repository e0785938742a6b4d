"""The calendar feeds as real clients read them: ical.js (Thunderbird's parser, run in Node from
the pinned npm package), `icalendar` and the strict `ical` parser must each give every meeting
the instant the plan gives it, on both sides of every change to and from summer time, over
several years; and the time-zone block must agree with the tz database year by year."""

import datetime
import json
import shutil
import subprocess
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from dateutil.rrule import rrulestr
from django.core.management import call_command
from ical.calendar_stream import IcsCalendarStream

from ledelsesfora.meetings import ical as feeds
from ledelsesfora.meetings.models import CalendarFeed, Meeting
from ledelsesfora.meetings.yearplan import year_plan
from ledelsesfora.organisation.models import Organisation, Person

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
ICALJS_READER = Path(__file__).with_name("read_with_icaljs.mjs")
ROOT = Path(__file__).resolve().parents[3]


def read_with_icaljs(body: bytes) -> dict[str, tuple]:
    node = shutil.which("node")
    assert node, "Node.js is needed (it installs the front-end packages too)"
    assert (ROOT / "node_modules" / "ical.js").exists(), "run 'npm ci' (make install) for ical.js"
    result = subprocess.run(
        [node, str(ICALJS_READER)], input=body, capture_output=True, check=True, timeout=60
    )
    events = json.loads(result.stdout)
    return {
        e["uid"]: (
            _instant(e["start"]) if not e["all_day"] else e["start"][:10],
            _instant(e["end"]) if not e["all_day"] else None,
        )
        for e in events
    }


def _instant(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def read_with_icalendar(body: bytes) -> dict[str, tuple]:
    calendar = icalendar.Calendar.from_ical(body)
    return {
        str(e["uid"]): _times(e.decoded("dtstart"), e.decoded("dtend"))
        for e in calendar.walk("VEVENT")
    }


def read_with_ical(body: bytes) -> dict[str, tuple]:
    calendar = IcsCalendarStream.calendar_from_ics(body.decode())
    return {e.uid: _times(e.dtstart, e.dtend) for e in calendar.events}


def _times(start, end) -> tuple:
    if not isinstance(start, datetime.datetime):
        return (start.isoformat(), None)  # an all-day deadline
    assert start.tzinfo is not None and end.tzinfo is not None, "every time carries its zone"
    return (start.astimezone(UTC), end.astimezone(UTC))


def expected(organisation: Organisation, years) -> dict[str, tuple]:
    """Every planned meeting's instants, as the plan gives them, by the feed's UID."""
    return {
        f"{entry.uid}@ledelsesfora": (entry.start.astimezone(UTC), entry.end.astimezone(UTC))
        for year in years
        for entry in year_plan(organisation, year, conflicts=False)
    }


def check_in_every_parser(body: bytes, plan: dict[str, tuple]) -> dict[str, tuple]:
    """Each parser reads the same instants, and every meeting's are the plan's."""
    readings = [read_with_icaljs(body), read_with_icalendar(body), read_with_ical(body)]
    assert readings[0] == readings[1] == readings[2]
    meetings = {uid: times for uid, times in readings[0].items() if times[1] is not None}
    for uid, times in meetings.items():
        assert times == plan[uid], uid
    return meetings


def summer_time_changes(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    changes, day = [], first
    while day < last:
        following = day + datetime.timedelta(days=1)
        noon = datetime.time(12)
        before = datetime.datetime.combine(day, noon, tzinfo=COPENHAGEN).utcoffset()
        after = datetime.datetime.combine(following, noon, tzinfo=COPENHAGEN).utcoffset()
        if before != after:
            changes.append(following)
        day = following
    return changes


def assert_both_sides_of_each_change(meetings: dict[str, tuple], weeks: int = 2) -> None:
    starts = sorted(times[0] for times in meetings.values())
    changes = summer_time_changes(starts[0].date(), starts[-1].date())
    assert len(changes) >= 2
    for change in changes:
        moment = datetime.datetime.combine(change, datetime.time(), tzinfo=COPENHAGEN)
        near = datetime.timedelta(weeks=weeks)
        assert any(moment - near <= s < moment for s in starts), f"none just before {change}"
        assert any(moment <= s < moment + near for s in starts), f"none just after {change}"


def feed_of(client, username: str, path: str = "personlig.ics") -> bytes:
    person = Person.objects.get(username=username)
    feed = CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).first()
    token = (feed or CalendarFeed.objects.create(person=person)).token  # one address a person
    response = client.get(f"/kalender/{token}/{path}")
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize(
    "today", [datetime.date(2026, 11, 23), datetime.date(2029, 3, 1), datetime.date(2040, 9, 1)]
)
def test_personal_and_forum_feeds_read_right_in_every_parser(client, today):
    """The feeds run from three months back to a year ahead: stored meetings in 2026-2027,
    the charter's plan beyond (and beyond 2038, where the old time-zone block ended)."""
    organisation = Organisation.objects.get(slug="albertslund")
    moment = datetime.datetime.combine(today, datetime.time(10), tzinfo=COPENHAGEN)
    with time_machine.travel(moment, tick=False):
        plan = expected(organisation, range(today.year - 1, today.year + 2))
        director = check_in_every_parser(feed_of(client, "omraadedirektoer@albertslund"), plan)
        assert_both_sides_of_each_change(director)  # weekly DIF, summer and winter
        for forum in ["DIF", "CF", "LF", "LD"]:
            check_in_every_parser(
                feed_of(client, "leder@albertslund", f"albertslund/{forum}.ics"), plan
            )
        vejen = expected(
            Organisation.objects.get(slug="vejen"), range(today.year - 1, today.year + 2)
        )
        monthly = check_in_every_parser(feed_of(client, "afdelingschef@vejen"), vejen)
        assert_both_sides_of_each_change(monthly, weeks=5)


def test_a_summer_meeting_at_nine_is_seven_utc_in_thunderbird(client):
    body = feed_of(client, "omraadedirektoer@albertslund")
    meeting = Meeting.objects.get(
        forum__organisation__slug="albertslund",
        forum__short_name="DIF",
        start__date=datetime.date(2027, 7, 6),
    )
    start, end = read_with_icaljs(body)[f"{meeting.uid}@ledelsesfora"]
    assert start == datetime.datetime(2027, 7, 6, 7, 0, tzinfo=UTC)
    assert end == datetime.datetime(2027, 7, 6, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize("year", [2026, 2027, 2028, 2031, 2040])
def test_the_plan_command_ics_reads_right_in_every_parser(year):
    out = StringIO()
    call_command("plan", "albertslund", "--year", str(year), "--format", "ics", stdout=out)
    body = out.getvalue().encode()
    meetings = check_in_every_parser(
        body, expected(Organisation.objects.get(slug="albertslund"), [year])
    )
    assert_both_sides_of_each_change(meetings)


def test_the_time_zone_block_agrees_with_the_tz_database_every_year():
    """The VTIMEZONE's two yearly rules give the tz database's offset on every day from 1996
    to 2100, and change at the same instants."""
    zone = feeds.copenhagen()
    rules = {}
    for part in zone.subcomponents:
        start = part.decoded("dtstart")
        rule = rrulestr(part["RRULE"].to_ical().decode(), dtstart=start)
        offset_to = part.decoded("tzoffsetto")
        offset_from = part.decoded("tzoffsetfrom")
        for local in rule.between(
            datetime.datetime(1996, 1, 1),  # noqa: DTZ001 - the rule's local wall clock
            datetime.datetime(2101, 1, 1),  # noqa: DTZ001
            inc=True,
        ):
            rules[(local - offset_from).replace(tzinfo=UTC)] = offset_to
    changes = sorted(rules.items())
    assert len(changes) == 2 * (2100 - 1996 + 1)
    for instant, offset in changes:
        assert instant.astimezone(COPENHAGEN).utcoffset() == offset
        assert (instant - datetime.timedelta(seconds=1)).astimezone(
            COPENHAGEN
        ).utcoffset() != offset
    body = zone.to_ical().decode()
    assert "RDATE" not in body and body.count("RRULE:FREQ=YEARLY") == 2


def test_an_event_carries_its_place_online_link_and_page(client):
    """The demo's DIF Refleksion meeting has a room and digital participation."""
    reflection = Meeting.objects.get(
        forum__organisation__slug="albertslund", forum__short_name="DIF-R"
    )
    body = feed_of(client, "omraadedirektoer@albertslund")
    (event,) = [
        e
        for e in icalendar.Calendar.from_ical(body).walk("VEVENT")
        if str(e["uid"]) == f"{reflection.uid}@ledelsesfora"
    ]
    assert str(event["location"]) == "Rådhuset, direktionens mødelokale"
    assert "Deltag online: https://meet.example.invalid/dif-refleksion" in str(event["description"])
    assert str(event["url"]) == f"http://testserver/moede/{reflection.pk}/"
    assert client.get(f"/moede/{reflection.pk}/").status_code == 302  # the page needs a login


def test_a_meeting_link_only_for_those_who_may_open_the_meeting(client):
    """A manager may follow DIF's calendar, but not open its meetings: the link is the forum's."""
    body = feed_of(client, "leder@albertslund", "albertslund/DIF.ics")
    urls = {str(e["url"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    assert urls == {"http://testserver/albertslund/fora/DIF/"}
    member = feed_of(client, "borgmester@albertslund", "albertslund/DIF.ics")
    member_urls = {str(e["url"]) for e in icalendar.Calendar.from_ical(member).walk("VEVENT")}
    assert all(url.startswith("http://testserver/moede/") for url in member_urls)


def test_no_deadline_events_where_one_cannot_submit(client):
    """Lederforum's charter lets only the secretariat submit: even with a deadline, its members
    get no deadline events, while DIF's members keep theirs."""
    organisation = Organisation.objects.get(slug="albertslund")
    lederforum = organisation.forums.get(short_name="LF")
    lederforum.spec["deadline"] = {"weekday": "monday", "weeks_before": 1}
    lederforum.save()
    body = feed_of(client, "omraadedirektoer@albertslund")
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")]
    assert any(s.startswith("Frist for punkter til DIF") for s in summaries)
    assert not any(s.startswith("Frist for punkter til LF") for s in summaries)
    leader = feed_of(client, "leder@albertslund")
    assert "Frist for punkter" not in leader.decode()
