"""One meeting at a time: the secretariat moves a meeting, sets its place, link and format,
cancels it with a reason or re-opens it — in the page, the API and the calendars — and storing
the year leaves it as it was set."""

import datetime
import json

import pytest
import time_machine
from django.core import mail

from ledelsesfora.agenda.year import store_year
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.meetings.operations import (
    PlanningError,
    cancel_meeting,
    change_meeting,
    reopen_meeting,
)
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.organisation.models import Organisation, Person

pytestmark = pytest.mark.django_db


def who(handle, org="albertslund"):
    return Person.objects.get(username=f"{handle}@{org}")


@pytest.fixture
def api_client():
    from django.test import Client

    from ledelsesfora.api.auth import create_token

    return lambda handle: Client(HTTP_AUTHORIZATION=f"Bearer {create_token(who(handle))}")


def at(day, hour, minute=0):
    return datetime.datetime(*day, hour, minute, tzinfo=TIMEZONE)


def test_moving_a_meeting_gives_it_the_deadlines_of_its_new_day_and_tells_the_members(
    dif, django_capture_on_commit_callbacks
):
    items = set(dif.items.values_list("pk", flat=True))
    sequence = dif.sequence
    with django_capture_on_commit_callbacks(execute=True):
        result = change_meeting(dif, by=who("sekretaer"), start=at((2027, 3, 17), 13))
    moved = result.meeting
    assert (moved.status, moved.set_by_hand, moved.sequence) == ("moved", True, sequence + 1)
    assert moved.end - moved.start == dif.end - dif.start
    # DIF's deadline is the Thursday the week before and publication the Friday: for Wednesday
    # 17 March they are 11 and 12 March (for Tuesday 9 March they were 4 and 5 March).
    assert (dif.submission_deadline, dif.publication) == (
        datetime.date(2027, 3, 4),
        datetime.date(2027, 3, 5),
    )
    assert (moved.submission_deadline, moved.publication) == (
        datetime.date(2027, 3, 11),
        datetime.date(2027, 3, 12),
    )
    assert set(moved.items.values_list("pk", flat=True)) == items
    subjects = {m.subject for m in mail.outbox}
    assert any(s.startswith("Ændret: Direktørforum") for s in subjects)
    assert "sekretaer@albertslund.demo.invalid" not in {m.to[0] for m in mail.outbox}
    assert moved.events.get().action == "moved"


def test_storing_the_year_leaves_a_meeting_set_by_hand(dif):
    change_meeting(dif, by=who("sekretaer"), start=at((2027, 3, 11), 9))
    other = Meeting.objects.filter(forum=dif.forum, start__date=datetime.date(2027, 3, 16)).get()
    cancel_meeting(other, reason="Budgetseminar i stedet", by=who("sekretaer"))
    stored = store_year(Organisation.objects.get(slug="albertslund"), 2027)
    dif.refresh_from_db()
    other.refresh_from_db()
    assert dif.start == at((2027, 3, 11), 9)
    assert other.status == "cancelled"
    assert {c.meeting.pk for c in stored.plan.kept} >= {dif.pk, other.pk}


def test_a_cancelled_meeting_is_cancelled_in_the_calendar_and_can_be_reopened(dif, client):
    cancel_meeting(dif, reason="Direktionen er på studietur", by=who("sekretaer"))
    dif.refresh_from_db()
    assert (dif.status, dif.submission_deadline, dif.publication) == ("cancelled", None, None)
    with pytest.raises(PlanningError, match="allerede aflyst"):
        cancel_meeting(dif, reason="igen", by=who("sekretaer"))
    with pytest.raises(PlanningError, match="genåbn det"):
        change_meeting(dif, by=who("sekretaer"), place="Et andet lokale")
    reopened = reopen_meeting(dif, by=who("sekretaer")).meeting
    assert (reopened.status, reopened.cancellation_reason) == ("planned", "")
    assert reopened.submission_deadline == datetime.date(2027, 3, 4)


def test_the_past_a_closed_day_and_an_empty_reason_are_refused(dif):
    with pytest.raises(PlanningError, match="er passeret"):
        change_meeting(dif, by=who("sekretaer"), start=at((2026, 11, 20), 9))
    with pytest.raises(PlanningError, match="Kristi himmelfartsdag"):
        change_meeting(dif, by=who("sekretaer"), start=at((2027, 5, 6), 9))
    with pytest.raises(PlanningError, match="Skriv hvorfor"):
        cancel_meeting(dif, reason="   ", by=who("sekretaer"))
    with pytest.raises(PlanningError, match="Kun sekretariatet"):
        cancel_meeting(dif, reason="Jeg vil ikke", by=who("borgmester"))
    dif.refresh_from_db()
    assert (dif.status, dif.sequence, dif.set_by_hand) == ("planned", 0, False)


def test_the_settings_page_is_the_secretariats_alone(dif, login, client):
    url = f"/moede/{dif.pk}/indstillinger/"
    assert client.get(url).status_code == 302  # an outsider logs in first
    for name, org in [
        ("borgmester", "albertslund"),
        ("leder", "albertslund"),
        ("sekretaer", "vejen"),
    ]:
        reader = login(name, org)
        assert reader.get(url).status_code == 404
        assert reader.post(f"{url}aflys/", {"reason": "x"}).status_code == 404
    secretary = login("sekretaer")
    page = secretary.get(url).content.decode()
    assert "Aflys mødet" in page
    board = secretary.get(f"/moede/{dif.pk}/sekretariat/").content.decode()
    assert url in board
    assert url not in login("borgmester").get(f"/moede/{dif.pk}/").content.decode()


def test_the_page_moves_and_cancels_and_keeps_what_was_typed_when_refused(dif, login):
    secretary = login("sekretaer")
    url = f"/moede/{dif.pk}/indstillinger/"
    form = {
        "date": "2027-05-06",
        "time": "09:00",
        "minutes": "180",
        "format": "hybrid",
        "place": "Rådhuset, lokale 2",
        "online_link": "",
    }
    refused = secretary.post(f"{url}ret/", form)
    assert refused.status_code == 400
    assert "Kristi himmelfartsdag" in refused.content.decode()
    assert 'value="Rådhuset, lokale 2"' in refused.content.decode()
    form["date"] = "2027-03-10"
    assert secretary.post(f"{url}ret/", form).status_code == 302
    dif.refresh_from_db()
    assert (dif.start, dif.format, dif.place) == (
        at((2027, 3, 10), 9),
        "hybrid",
        "Rådhuset, lokale 2",
    )
    assert secretary.post(f"{url}aflys/", {"reason": ""}).status_code == 400
    response = secretary.post(f"{url}aflys/", {"reason": "Sammenlagt med næste møde"}, follow=True)
    assert "Mødet er aflyst" in response.content.decode()
    dif.refresh_from_db()
    assert dif.status == "cancelled"
    board = secretary.get(f"/moede/{dif.pk}/sekretariat/").content.decode()
    assert "Udsend dagsordenen" not in board and "Mødet er aflyst" in board


def test_the_api_moves_cancels_and_reopens(dif, api_client):
    secretary, director = api_client("sekretaer"), api_client("omraadedirektoer")
    path = f"/api/v1/meetings/{dif.pk}"
    body = json.dumps({"start": "2027-03-10T10:00", "place": "Byrådssalen"})
    assert director.patch(path, body, content_type="application/json").status_code == 404
    response = secretary.patch(path, body, content_type="application/json")
    assert response.status_code == 200, response.content
    data = response.json()["meeting"]
    assert data["start"].startswith("2027-03-10T10:00:00+01:00")
    assert (data["place"], data["status"], data["set_by_hand"]) == ("Byrådssalen", "moved", True)
    bad = secretary.patch(
        path, json.dumps({"start": "2026-01-05T10:00"}), content_type="application/json"
    )
    assert bad.status_code == 409 and "passeret" in bad.json()["detail"]
    empty = secretary.post(
        f"{path}/cancel", json.dumps({"reason": ""}), content_type="application/json"
    )
    assert empty.status_code == 422
    cancelled = secretary.post(
        f"{path}/cancel", json.dumps({"reason": "Sygdom"}), content_type="application/json"
    )
    assert cancelled.json()["meeting"]["status"] == "cancelled"
    assert secretary.post(f"{path}/reopen").json()["meeting"]["status"] == "moved"


def test_the_calendar_shows_the_move_and_the_cancellation(dif, client):
    from ledelsesfora.meetings.models import CalendarFeed

    feed = CalendarFeed.objects.create(person=who("borgmester"))
    url = f"/kalender/{feed.token}/personlig.ics"
    cancel_meeting(dif, reason="Sygdom", by=who("sekretaer"))
    body = client.get(url).content.decode().replace("\r\n ", "")
    event = next(e for e in body.split("BEGIN:VEVENT") if str(dif.uid) in e)
    assert "STATUS:CANCELLED" in event and "SEQUENCE:1" in event


def test_a_working_groups_meeting_takes_no_items_and_a_cancelled_one_no_attendance(dif, client):
    from django.utils import timezone

    from ledelsesfora.forums.models import Forum, WorkingGroup
    from ledelsesfora.meetings.operations import create_ad_hoc_meeting

    cf = Forum.objects.get(organisation__slug="vejen", short_name="CF")
    group = WorkingGroup.objects.create(forum=cf, mode="arbejdsgruppe", title="Rekruttering")
    group_meeting = create_ad_hoc_meeting(
        cf, start=at((2027, 3, 10), 13), duration=datetime.timedelta(hours=1), working_group=group
    )
    open_now = cf.meetings.open_for_submission(timezone.now())
    assert open_now.exists() and group_meeting not in open_now
    cancel_meeting(dif, reason="Sygdom", by=who("sekretaer"))
    with time_machine.travel(at((2027, 3, 10), 12), tick=False):
        client.force_login(who("sekretaer"))
        page = client.get(f"/moede/{dif.pk}/referat/").content.decode()
    assert "Mødet er aflyst." in page
    assert 'name="absent"' not in page and "Gem fremmøde" not in page


def test_a_seminar_is_held_with_or_without_the_overnight_stay_for_the_occasion(client, dif):
    seminar = Meeting.objects.get(
        forum__organisation__slug="vejen", rhythm="seminar", start__year=2027, start__month=11
    )
    assert seminar.with_overnight_stay is True and dif.with_overnight_stay is None
    client.force_login(who("sekretaer", "vejen"))
    url = f"/moede/{seminar.pk}/indstillinger/"
    page = client.get(url).content.decode()
    assert "Med overnatning (24 timer)" in page and "Uden overnatning (7 timer)" in page
    local = seminar.start.astimezone(TIMEZONE)
    form = {
        "date": f"{local:%Y-%m-%d}",
        "time": f"{local:%H:%M}",
        "minutes": "1440",
        "format": seminar.format,
        "place": "Vejen Idrætscenter",
        "online_link": "",
        "overnight": "no",
    }
    assert client.post(f"{url}ret/", form).status_code == 302
    seminar.refresh_from_db()
    assert seminar.overnight is False
    assert seminar.end - seminar.start == datetime.timedelta(hours=7)
    client.force_login(who("afdelingschef", "vejen"))
    assert "uden overnatning" in client.get(f"/moede/{seminar.pk}/").content.decode()
    with pytest.raises(PlanningError, match="ikke dette møde et valg om overnatning"):
        change_meeting(dif, by=who("sekretaer"), overnight=False)
