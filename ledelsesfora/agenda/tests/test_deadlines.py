"""Deadlines that hold: a deadline passes at its time of day in Europe/Copenhagen (or at the end
of its day), and publication never cuts it short, also in the compressed weeks around holidays
where the deadline and the publication fall on the same day."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from ledelsesfora.agenda import agendas, operations
from ledelsesfora.agenda.operations import AgendaError, ItemData
from ledelsesfora.meetings.operations import apply_plan
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.organisation.models import Organisation

pytestmark = pytest.mark.django_db


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TIMEZONE)


def proposal(who, forum, meeting, title="Punkt"):
    director = who("omraadedirektoer")
    return operations.create_item(
        forum("DIF"),
        ItemData(title=title, kind="information", responsible_director=director),
        by=director,
        meeting=meeting,
    )


def publish_job(now) -> str:
    out = StringIO()
    with time_machine.travel(now, tick=False):
        call_command("publish_agendas", stdout=out)
    return out.getvalue()


def test_a_compressed_week_publishes_once_the_deadline_has_passed(who, forum, meeting):
    new_year = meeting("DIF", 2027, 1, 5)
    # Thursday 31 December and Friday 1 January are closed: both days move to Wednesday 30th.
    assert new_year.submission_deadline == new_year.publication == datetime.date(2026, 12, 30)
    assert "DIF 2027-01-05" not in publish_job(at(2026, 12, 30, 6))  # the morning run
    with time_machine.travel(at(2026, 12, 30, 15), tick=False):
        item = operations.submit_item(proposal(who, forum, new_year), by=who("omraadedirektoer"))
        assert item.status == "submitted"
        item = operations.review_item(item, by=who("sekretaer"))
        operations.approve_item(item, by=who("omraadedirektoer"))
    new_year.refresh_from_db()
    assert new_year.agenda_published_at is None
    assert "albertslund DIF 2027-01-05 09:00: published" in publish_job(at(2026, 12, 31, 0, 5))
    with (
        time_machine.travel(at(2026, 12, 31, 9), tick=False),
        pytest.raises(AgendaError) as refused,
    ):
        operations.submit_item(proposal(who, forum, new_year), by=who("omraadedirektoer"))
    assert refused.value.message.startswith(
        "For sent: fristen for DIF tirsdag 5. januar 2027 var onsdag 30. december 2026."
    )


def test_an_early_publication_does_not_close_the_deadline(who, forum, meeting):
    """The secretariat may publish before the deadline; an item submitted before the deadline
    still comes in, marked as a change after publication."""
    due = meeting("DIF", 2027, 3, 9)  # deadline Thursday 4 March
    with time_machine.travel(at(2027, 3, 3, 14), tick=False):
        agendas.publish_agenda(due, by=who("sekretaer"))
    with time_machine.travel(at(2027, 3, 4, 16), tick=False):
        item = operations.submit_item(proposal(who, forum, due), by=who("omraadedirektoer"))
    assert item.status == "submitted"
    assert item.changed_after_publication is not None


def with_deadline_at_noon():
    organisation = Organisation.objects.get(slug="albertslund")
    charter = organisation.charters.order_by("-version").first()
    dif = next(f for f in charter.document["forum"] if f["short_name"] == "DIF")
    dif["deadline"]["time"] = "12:00"
    charter.save()
    forum = organisation.forums.get(short_name="DIF")
    forum.spec["deadline"]["time"] = "12:00"
    forum.save()
    with time_machine.travel(at(2027, 1, 4, 8), tick=False):
        apply_plan(organisation, 2027)


def test_the_deadlines_time_of_day_is_enforced_in_copenhagen_time(who, forum, meeting):
    with_deadline_at_noon()
    due = meeting("DIF", 2027, 3, 9)
    assert (due.submission_deadline, due.deadline_time) == (datetime.date(2027, 3, 4), noon())
    with time_machine.travel(at(2027, 3, 4, 11, 59), tick=False):
        item = operations.submit_item(proposal(who, forum, due), by=who("omraadedirektoer"))
    assert item.status == "submitted"
    # 12:00 in Copenhagen is 11:00 UTC in winter: 11:30 UTC is already too late.
    late = datetime.datetime(2027, 3, 4, 11, 30, tzinfo=datetime.UTC)
    with time_machine.travel(late, tick=False), pytest.raises(AgendaError) as refused:
        operations.submit_item(proposal(who, forum, due), by=who("omraadedirektoer"))
    assert refused.value.message.startswith(
        "For sent: fristen for DIF tirsdag 9. marts 2027 var torsdag 4. marts 2027 kl. 12:00."
        " Det næste møde, punktet kan nå, er tirsdag 16. marts 2027 (frist torsdag 11. marts"
        " 2027 kl. 12:00)"
    )


def noon():
    return datetime.time(12)


def test_the_year_plan_flags_compressed_weeks_and_shows_the_deadlines_time(login):
    with_deadline_at_noon()
    page = login("sekretaer").get("/albertslund/aarsplan/?aar=2027&forum=DIF").content.decode()
    assert "kl. 12:00" in page
    rows = page.split("<tr")
    new_year = next(row for row in rows if "5. jan" in row or "Tir 5. jan" in row)
    assert "Komprimeret" in new_year
    ordinary = next(row for row in rows if "9. mar" in row)
    assert "Komprimeret" not in ordinary
