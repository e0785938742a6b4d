"""Storing the year plan: idempotent, and a changed rhythm re-plans only what may change."""

import datetime

import pytest
import time_machine

from ledelsesfora.forums.models import Forum
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.meetings.operations import PlanningError, apply_plan, create_ad_hoc_meeting
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.meetings.yearplan import year_plan
from ledelsesfora.organisation.models import Organisation

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=TIMEZONE)


@pytest.fixture
def albertslund():
    return Organisation.objects.get(slug="albertslund")


def forum(short_name):
    return Forum.objects.get(organisation__slug="albertslund", short_name=short_name)


def move_cf_to(rrule):
    cf = forum("CF")
    rhythm = {**cf.spec["rhythm"][0], "rrule": rrule}
    cf.spec = {**cf.spec, "rhythm": [rhythm]}
    cf.save()
    # The organisation's current charter is what planning reads: edit it the same way.
    charter = cf.organisation.charters.order_by("-version").first()
    charter.document["forum"][2]["rhythm"][0]["rrule"] = rrule
    charter.save()


def test_the_demo_has_this_year_and_next_stored(albertslund):
    meetings = Meeting.objects.filter(forum__organisation=albertslund)
    assert meetings.in_year(2026).filter(forum__short_name="CF").count() == 24
    assert meetings.in_year(2027).filter(forum__short_name="CF").count() == 24


def test_applying_twice_changes_nothing(albertslund):
    first = apply_plan(albertslund, 2028)
    assert len(first.created) > 50
    before = list(Meeting.objects.order_by("pk").values())
    second = apply_plan(albertslund, 2028)
    assert (second.created, second.changed, second.cancelled) == ([], [], [])
    assert second.unchanged == len(first.created)
    assert list(Meeting.objects.order_by("pk").values()) == before


@time_machine.travel(NOW, tick=False)
def test_a_changed_rhythm_moves_only_future_meetings_without_a_published_agenda(albertslund):
    apply_plan(albertslund, 2026)
    cf = Meeting.objects.filter(forum__short_name="CF", forum__organisation=albertslund)
    published = cf.get(occurrence=datetime.date(2026, 12, 2))
    published.agenda_published_at = NOW
    published.save()
    held = cf.get(occurrence=datetime.date(2026, 11, 4))
    upcoming = cf.get(occurrence=datetime.date(2026, 12, 16))

    move_cf_to("FREQ=MONTHLY;BYDAY=1WE,3TH")
    result = apply_plan(albertslund, 2026, forum=forum("CF"))

    upcoming.refresh_from_db()
    assert upcoming.status == Meeting.Status.CANCELLED  # no longer yielded: 3rd Wednesday
    assert upcoming.sequence == 1
    new = cf.get(occurrence=datetime.date(2026, 12, 17))
    assert new.start.isoformat() == "2026-12-17T08:00:00+00:00"
    assert [c.meeting for c in result.created] == [new]
    published.refresh_from_db()
    held.refresh_from_db()
    assert published.status == Meeting.Status.PLANNED and published.sequence == 0
    assert held.status == Meeting.Status.PLANNED  # the past is never rewritten
    kept = {c.meeting.occurrence: c.reason for c in result.kept}
    assert kept[datetime.date(2026, 10, 21)] == "mødet er afholdt"
    assert kept[datetime.date(2026, 11, 18)] == "dagsordenen er publiceret"  # by the demo
    assert "aflyst: CF 2026-12-16 09:00 (uge 51)" in result.summary()


@time_machine.travel(NOW, tick=False)
def test_a_closed_day_added_to_the_charter_moves_a_future_meeting(albertslund):
    apply_plan(albertslund, 2027)
    meeting = Meeting.objects.get(
        forum__short_name="CF",
        forum__organisation=albertslund,
        occurrence=datetime.date(2027, 1, 20),
    )
    uid = meeting.uid
    charter = albertslund.charters.order_by("-version").first()
    charter.document["closed_day"] = [{"reason": "Personaledag", "date": "2027-01-20"}]
    charter.save()
    result = apply_plan(albertslund, 2027)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.start.date(), meeting.sequence) == (
        "moved",
        datetime.date(2027, 1, 21),
        1,
    )
    assert meeting.note == "Flyttet fra 20/1 (Personaledag)"
    assert meeting.uid == uid
    assert [str(c) for c in result.changed] == ["flyttet: CF 2027-01-20 09:00 → 2027-01-21 09:00"]


def test_the_preview_and_the_stored_meeting_share_their_uid(albertslund):
    preview = {e.start: e.uid for e in year_plan(albertslund, 2029, forum("LF"), conflicts=False)}
    apply_plan(albertslund, 2029, forum=forum("LF"))
    stored = {m.start: m.uid for m in Meeting.objects.filter(forum=forum("LF")).in_year(2029)}
    assert preview == stored


def test_a_municipality_without_a_charter_cannot_be_planned():
    empty = Organisation.objects.create(slug="tom", name="Tom Kommune")
    with pytest.raises(PlanningError, match="har endnu intet kommissorium; indlæs et"):
        apply_plan(empty, 2027)


def test_an_ad_hoc_reflection_meeting_with_its_own_duration():
    start = datetime.datetime(2027, 2, 3, 14, 0, tzinfo=TIMEZONE)
    meeting = create_ad_hoc_meeting(
        forum("DIF-R"), start=start, duration=datetime.timedelta(minutes=75)
    )
    assert meeting.end - meeting.start == datetime.timedelta(minutes=75)
    assert (meeting.kind, meeting.format, meeting.title) == ("ad_hoc", "hybrid", "Efter behov")
    assert meeting.submission_deadline is None


def test_an_ad_hoc_meeting_in_the_past_is_refused():
    start = datetime.datetime(2026, 11, 20, 14, 0, tzinfo=TIMEZONE)  # the Friday before
    with pytest.raises(PlanningError, match=r"20\.11\.2026 14:00 er passeret"):
        create_ad_hoc_meeting(forum("DIF-R"), start=start, duration=datetime.timedelta(hours=1))
    assert not Meeting.objects.filter(forum=forum("DIF-R"), start=start).exists()


def test_an_ad_hoc_meeting_on_a_holiday_is_refused():
    start = datetime.datetime(2027, 5, 6, 14, 0, tzinfo=TIMEZONE)
    with pytest.raises(PlanningError, match=r"6/5 er ikke en arbejdsdag \(Kristi himmelfartsdag\)"):
        create_ad_hoc_meeting(forum("DIF-R"), start=start, duration=datetime.timedelta(hours=1))


def test_a_person_due_in_two_meetings_at_once_is_flagged(albertslund):
    dif = Meeting.objects.filter(forum=forum("DIF")).in_year(2027).first()
    create_ad_hoc_meeting(forum("DIF-R"), start=dif.start, duration=datetime.timedelta(hours=1))
    entries = [e for e in year_plan(albertslund, 2027) if e.start == dif.start]
    assert {e.forum.short_name for e in entries} == {"DIF", "DIF-R"}
    for entry in entries:
        assert len(entry.conflicts) == 1
        assert entry.conflicts[0].startswith("Samtidig med DIF")
        assert "og 1 til" in entry.conflicts[0]  # four directors: three named, one more


def test_one_forums_plan_still_shows_its_conflicts_with_other_forums(albertslund):
    dif = Meeting.objects.filter(forum=forum("DIF")).in_year(2027).first()
    create_ad_hoc_meeting(forum("DIF-R"), start=dif.start, duration=datetime.timedelta(hours=1))
    (entry,) = [e for e in year_plan(albertslund, 2027, forum("DIF")) if e.start == dif.start]
    assert entry.conflicts and entry.conflicts[0].startswith("Samtidig med DIF-R")


def test_an_ad_hoc_meeting_on_a_half_day_afternoon_is_flagged():
    start = datetime.datetime(2027, 6, 4, 11, 0, tzinfo=TIMEZONE)  # Friday before Grundlovsdag
    plain = create_ad_hoc_meeting(forum("DIF-R"), start=start, duration=datetime.timedelta(hours=2))
    assert "fri fra" not in plain.note
    grundlovsdag = datetime.datetime(2029, 6, 5, 11, 0, tzinfo=TIMEZONE)  # a Tuesday
    flagged = create_ad_hoc_meeting(
        forum("DIF-R"), start=grundlovsdag, duration=datetime.timedelta(hours=2)
    )
    assert "Grundlovsdag er fri fra kl. 12:00" in flagged.note
