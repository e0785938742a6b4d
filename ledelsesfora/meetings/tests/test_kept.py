"""What is kept between requests (ledelsesfora/revision/memo.py): memberships for as long as
the revision stands still, calendar events and year-plan rows for as long as what they say is
the same. Nothing kept may outlive a change a reader would notice."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ledelsesfora.meetings.models import CalendarFeed, Meeting
from ledelsesfora.meetings.operations import change_meeting
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.organisation.models import Person
from ledelsesfora.revision import memo

pytestmark = pytest.mark.django_db


def who(handle):
    return Person.objects.get(username=f"{handle}@albertslund")


def page(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_memberships_are_worked_out_once_per_revision_and_again_after_any_write(login, commit):
    secretary = login("sekretaer")
    commit()
    leaving = who("leder")
    first, before = page(secretary, "/albertslund/fora/LF/?view=1")
    again, _ = page(secretary, "/albertslund/fora/LF/?view=2")  # not the remembered page
    assert leaving.full_name in before
    assert again < first
    leaving.positions.update(end=timezone.localdate() - datetime.timedelta(days=1))
    _, own_write = page(secretary, "/albertslund/fora/LF/?view=3")
    assert leaving.full_name not in own_write  # the writer sees the write before it commits
    commit()
    _, after = page(secretary, "/albertslund/fora/LF/?view=4")
    assert leaving.full_name not in after


def test_nothing_is_kept_outside_a_request():
    calls = []
    memo.kept("outside", lambda: calls.append(1))
    memo.kept("outside", lambda: calls.append(1))
    assert len(calls) == 2


def test_a_calendar_event_and_a_year_plan_row_say_what_the_meeting_now_says(dif, login, commit):
    feed = CalendarFeed.objects.create(person=who("borgmester"))
    secretary = login("sekretaer")
    commit()
    _, calendar = page(secretary, f"/kalender/{feed.token}/personlig.ics")
    _, plan = page(secretary, "/albertslund/aarsplan/?aar=2027")
    assert "tir 9. mar" in plan
    change_meeting(
        dif,
        by=who("sekretaer"),
        start=datetime.datetime(2027, 3, 10, 13, tzinfo=TIMEZONE),
        place="Rådhuset, mødelokale 2",
    )
    commit()
    _, moved_calendar = page(secretary, f"/kalender/{feed.token}/personlig.ics")
    _, moved_plan = page(secretary, "/albertslund/aarsplan/?aar=2027")
    event = next(
        e for e in moved_calendar.replace("\r\n ", "").split("BEGIN:VEVENT") if str(dif.uid) in e
    )
    assert "DTSTART;TZID=Europe/Copenhagen:20270310T130000" in event
    assert "LOCATION:Rådhuset\\, mødelokale 2" in event
    assert moved_calendar != calendar
    assert "ons 10. mar, 13:00" in moved_plan and "tir 9. mar" not in moved_plan


def test_every_field_of_a_plan_entry_is_part_of_its_fingerprint(dif):
    """A row or event is kept by the entry's fingerprint: a field left out of it would let a
    change of that field go unseen."""
    import dataclasses

    from ledelsesfora.meetings.yearplan import _from_meeting

    entry = _from_meeting(dif)
    other = Meeting.objects.exclude(pk=dif.pk).filter(forum__short_name="CF").first()
    different = {
        "forum": other.forum,
        "meeting": other,
        "start": entry.start + datetime.timedelta(days=1),
        "end": entry.end + datetime.timedelta(days=1),
        "submission_deadline": datetime.date(2027, 1, 1),
        "publication": datetime.date(2027, 1, 2),
        "deadline_time": datetime.time(9),
        "publication_time": datetime.time(10),
        "uid": other.uid,
        "sequence": entry.sequence + 1,
        "changed": entry.changed + datetime.timedelta(hours=1),
        "warnings": ["advarsel"],
        "conflicts": ["samtidig"],
        "status": "cancelled",
    }
    for field in dataclasses.fields(entry):
        value = different.get(field.name, f"{getattr(entry, field.name)}-ændret")
        changed = dataclasses.replace(entry, **{field.name: value})
        assert changed.fingerprint() != entry.fingerprint(), field.name
