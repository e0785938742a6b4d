"""The programme and DIF's items follow a moved lederdag; a cancelled one is neither approved
nor published; odd input is refused with a message, never a 500."""

import datetime

import pytest
from django.urls import reverse

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.api.tests.test_api import Caller
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.meetings.operations import change_meeting
from ledelsesfora.programmes import operations
from ledelsesfora.programmes.models import Block, Programme
from ledelsesfora.themes.tests.conftest import SECRETARY

pytestmark = pytest.mark.django_db


def test_a_moved_lederdag_takes_its_programme_and_difs_items_along(lederdag, who):
    programme = operations.build_programme(lederdag, by=who(SECRETARY))
    earlier = lederdag.start - datetime.timedelta(weeks=2)
    change_meeting(lederdag, start=earlier, by=who(SECRETARY))
    lederdag.refresh_from_db()
    first = programme.blocks.order_by("start").first()
    assert first.start == lederdag.start
    for field in ("theme_for", "programme_for"):
        item = AgendaItem.objects.select_related("meeting").get(**{field: lederdag})
        assert item.title.endswith("25. februar 2027")
        weeks = 6 if field == "theme_for" else 2
        assert item.meeting.start <= lederdag.start - datetime.timedelta(weeks=weeks)


def test_a_cancelled_lederdag_is_not_published(lederdag, who):
    programme = operations.build_programme(lederdag, by=who(SECRETARY))
    Programme.objects.filter(pk=programme.pk).update(
        approved_at=datetime.datetime(2027, 2, 23, tzinfo=datetime.UTC), status="approved"
    )
    Meeting.objects.filter(pk=lederdag.pk).update(status=Meeting.Status.CANCELLED)
    programme = Programme.objects.select_related("meeting").get(pk=programme.pk)
    with pytest.raises(operations.ProgrammeError, match="aflyst"):
        operations.publish_programme(programme, by=who(SECRETARY))
    assert Programme.objects.get(pk=programme.pk).published_at is None


def test_a_start_far_in_the_future_is_a_400(client, lederdag, who):
    operations.build_programme(lederdag, by=who(SECRETARY))
    answer = Caller(client, SECRETARY).post(
        f"/meetings/{lederdag.pk}/programme/blocks",
        {"start": "9999-12-31T23:59:00+00:00", "minutes": 1440, "title": "Langt ude"},
    )
    assert answer.status_code == 400


def test_a_time_the_clocks_skip_is_refused(login, forum, who):
    # The night of 27-28 March 2027 has no 02:30 in Denmark.
    start = datetime.datetime(2027, 3, 27, 11, 0, tzinfo=datetime.UTC)
    night = Meeting.objects.create(
        forum=forum("LD"),
        kind="lederdoegn",
        title="Lederdøgn",
        start=start,
        end=start + datetime.timedelta(days=1),
    )
    programme = operations.build_programme(night, by=who(SECRETARY))
    answer = login(SECRETARY).post(
        reverse("programme-block-add", args=[night.pk]),
        {
            "new-day": "2027-03-28",
            "new-time": "02:30",
            "new-minutes": "30",
            "new-title": "Natlig gåtur",
            "new-kind": "other",
        },
    )
    assert answer.status_code == 400
    assert "02:30 findes ikke den nat" in answer.content.decode()
    assert programme.blocks.count() == 0


def test_a_responsible_outside_the_forum_reads_the_run_sheet(client, lederdag, who, consultant):
    programme = operations.build_programme(lederdag, by=who(SECRETARY))
    Block.objects.filter(pk=programme.blocks.first().pk).update(responsible=consultant)
    client.force_login(consultant)
    assert client.get(reverse("run-sheet", args=[lederdag.pk])).status_code == 200
    assert client.get(reverse("programme", args=[lederdag.pk])).status_code == 404


def test_a_place_typed_by_hand_cannot_dodge_the_lederdoegns_venue_rule(lederdoegn, who):
    from ledelsesfora.meetings.operations import PlanningError, choose_venue

    secretary = who(SECRETARY)
    with pytest.raises(PlanningError, match="registrér stedet som mødested"):
        change_meeting(lederdoegn, by=secretary, place="Rådhuset")
    skovbrynet = lederdoegn.forum.organisation.venues.get(name="Kursuscenter Skovbrynet")
    choose_venue(lederdoegn, skovbrynet, by=secretary)
    lederdoegn.refresh_from_db()
    assert lederdoegn.venue == skovbrynet


def test_a_place_typed_for_a_lederdag_clears_its_venue(lederdag, who):
    change_meeting(lederdag, by=who(SECRETARY), place="Biblioteket")
    lederdag.refresh_from_db()
    assert lederdag.venue is None and lederdag.place == "Biblioteket"


def test_the_secretariat_records_a_phoned_answer_with_the_night(login, lederdoegn, who):
    from ledelsesfora.meetings.models import Answer

    client = login(SECRETARY)
    board = client.get(reverse("meeting-board", args=[lederdoegn.pk])).content.decode()
    assert 'name="overnight"' in board
    leader = who("leder-by-miljoe-3-4@albertslund")
    client.post(
        reverse("meeting-answer", args=[lederdoegn.pk]),
        {"person": leader.pk, "answer": "attending", "overnight": "no", "dietary": "Laktosefri"},
    )
    answer = Answer.objects.get(meeting=lederdoegn, person=leader)
    assert (answer.overnight, answer.dietary, answer.via) == (False, "Laktosefri", "secretariat")
