"""Calendar feeds: valid for strict parsers, stable UIDs, updates and cancellations, access."""

import datetime

import icalendar
import pytest
import time_machine
from ical.calendar_stream import IcsCalendarStream

from ledelsesfora.meetings.models import CalendarFeed, Meeting
from ledelsesfora.meetings.operations import apply_plan
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.organisation.models import Organisation, Person

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=TIMEZONE)


def token_for(username):
    return CalendarFeed.objects.create(person=Person.objects.get(username=username)).token


def events(body, summary_start=""):
    calendar = icalendar.Calendar.from_ical(body)
    return [e for e in calendar.walk("VEVENT") if str(e["summary"]).startswith(summary_start)]


@time_machine.travel(NOW, tick=False)
def test_the_personal_feed_holds_the_forums_one_is_a_member_of(client):
    response = client.get(f"/kalender/{token_for('afdelingschef@albertslund')}/personlig.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    summaries = {str(e["summary"]).split(":")[0] for e in events(body)}
    assert "Chefforum" in summaries and "Lederforum (lederdage)" in summaries
    assert not any(s.startswith("Direktørforum") for s in summaries)  # not a DIF member
    calendar = icalendar.Calendar.from_ical(body)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Copenhagen"
    cf = next(
        e
        for e in events(body, "Chefforum")
        if e.decoded("dtstart").date() == datetime.date(2026, 12, 2)
    )
    assert cf.decoded("dtstart").isoformat() == "2026-12-02T09:00:00+01:00"
    assert b"DTSTART;TZID=Europe/Copenhagen:20261202T090000" in body
    # The strict parser reads it too.
    strict = IcsCalendarStream.calendar_from_ics(body.decode())
    assert len(strict.events) == len(events(body))


@time_machine.travel(NOW, tick=False)
def test_a_meeting_ahead_is_answered_from_the_calendar_event(client):
    body = client.get(f"/kalender/{token_for('afdelingschef@albertslund')}/personlig.ics").content
    by_day = {e.decoded("dtstart").date(): str(e.get("description", "")) for e in events(body)}
    soon = by_day[datetime.date(2026, 12, 2)]  # Chefforum, next week
    assert "Sig, om du kommer, eller meld afbud: http://" in soon
    link = soon.split("meld afbud: ")[1].split()[0]
    path = "/" + link.split("/", 3)[3]
    page = client.get(path)  # no login: the link is signed for this person and meeting
    assert page.status_code == 200
    assert "Chefforum" in page.content.decode()
    assert "afdelingschef" not in client.get("/").content.decode()  # nobody logged in
    later = by_day[datetime.date(2027, 3, 3)]  # more than eight weeks ahead
    assert "meld afbud" not in later
    past = by_day[datetime.date(2026, 11, 18)]
    assert "meld afbud" not in past


@time_machine.travel(NOW, tick=False)
def test_a_forum_feed_carries_no_ones_answer_link(client):
    token = token_for("sekretaer@albertslund")
    body = client.get(f"/kalender/{token}/albertslund/CF.ics").content
    assert events(body) and b"meld afbud" not in body


@time_machine.travel(NOW, tick=False)
def test_deadlines_come_with_an_alarm_for_members_who_submit(client):
    body = client.get(
        f"/kalender/{token_for('omraadedirektoer@albertslund')}/personlig.ics"
    ).content
    deadlines = events(body, "Frist for punkter til DIF")
    assert deadlines
    first = deadlines[0]
    (alarm,) = first.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("trigger") == datetime.timedelta(hours=-15)
    # CF has no deadline in its charter, so no alarms for it.
    assert not events(body, "Frist for punkter til CF")


@time_machine.travel(NOW, tick=False)
def test_a_moved_meeting_keeps_its_uid_and_raises_its_sequence(client):
    token = token_for("afdelingschef@albertslund")
    url = f"/kalender/{token}/albertslund/CF.ics"
    before = {str(e["uid"]): e for e in events(client.get(url).content)}
    organisation = Organisation.objects.get(slug="albertslund")
    charter = organisation.charters.order_by("-version").first()
    charter.document["closed_day"] = [{"reason": "Personaledag", "date": "2027-01-20"}]
    charter.save()
    apply_plan(organisation, 2027)
    after = {str(e["uid"]): e for e in events(client.get(url).content)}
    assert before.keys() == after.keys()
    moved = Meeting.objects.get(
        forum__short_name="CF",
        forum__organisation=organisation,
        occurrence=datetime.date(2027, 1, 20),
    )
    event = after[f"{moved.uid}@ledelsesfora"]
    assert event["SEQUENCE"] == 1 and before[f"{moved.uid}@ledelsesfora"]["SEQUENCE"] == 0
    assert event.decoded("dtstart").date() == datetime.date(2027, 1, 21)


@time_machine.travel(NOW, tick=False)
def test_skipped_meetings_are_cancelled_in_the_feed(client):
    body = client.get(f"/kalender/{token_for('leder@albertslund')}/albertslund/LF.ics").content
    lederdage = {e.decoded("dtstart").date(): e for e in events(body)}
    assert lederdage[datetime.date(2026, 11, 12)]["STATUS"] == "CANCELLED"
    assert lederdage[datetime.date(2027, 3, 11)]["STATUS"] == "CONFIRMED"


def test_a_revoked_address_stops_working(client):
    person = Person.objects.get(username="leder@vejen")
    client.force_login(person)
    client.post("/kalender/")
    old = CalendarFeed.objects.get(person=person).token
    assert client.get(f"/kalender/{old}/personlig.ics").status_code == 200
    client.post("/kalender/")
    assert client.get(f"/kalender/{old}/personlig.ics").status_code == 404
    new = CalendarFeed.objects.get(person=person, revoked_at__isnull=True).token
    assert new != old
    assert client.get(f"/kalender/{new}/personlig.ics").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/kalender/not-a-token/personlig.ics",
        "/kalender/not-a-token/albertslund/CF.ics",
    ],
)
def test_an_unknown_token_sees_nothing(client, url):
    assert client.get(url).status_code == 404


def test_a_person_of_another_municipality_cannot_read_its_forum_feed(client):
    token = token_for("leder@vejen")
    assert client.get(f"/kalender/{token}/albertslund/CF.ics").status_code == 404
    assert client.get(f"/kalender/{token}/vejen/CF.ics").status_code == 200


def test_an_inactive_persons_address_stops_working(client):
    token = token_for("leder@vejen")
    Person.objects.filter(username="leder@vejen").update(is_active=False)
    assert client.get(f"/kalender/{token}/personlig.ics").status_code == 404


def test_the_forum_download_needs_a_login_and_the_right_municipality(client):
    assert client.get("/albertslund/fora/CF/kalender.ics").status_code == 302
    client.force_login(Person.objects.get(username="leder@vejen"))
    assert client.get("/albertslund/fora/CF/kalender.ics").status_code == 404
    client.force_login(Person.objects.get(username="leder@albertslund"))
    response = client.get("/albertslund/fora/CF/kalender.ics")
    assert response.status_code == 200 and events(response.content, "Chefforum")


def test_the_calendar_page_shows_the_own_addresses_only(client):
    client.force_login(Person.objects.get(username="leder@vejen"))
    page = client.get("/kalender/").content.decode()
    assert "Lav min kalenderadresse" in page
    client.post("/kalender/")
    page = client.get("/kalender/").content.decode()
    token = CalendarFeed.objects.get(person__username="leder@vejen").token
    assert f'value="http://testserver/kalender/{token}/personlig.ics"' in page
    assert f'href="webcal://testserver/kalender/{token}/personlig.ics"' in page
    assert f'value="http://testserver/kalender/{token}/vejen/CF.ics"' in page
    assert f'href="webcal://testserver/kalender/{token}/vejen/CF.ics"' in page
    assert 'data-copy="feed-personal"' in page and "Kopiér" in page
    assert "albertslund" not in page


def test_a_calendar_address_can_be_deleted_outright(client):
    person = Person.objects.get(username="leder@vejen")
    client.force_login(person)
    client.post("/kalender/")
    token = CalendarFeed.objects.get(person=person).token
    client.post("/kalender/", {"action": "revoke"})
    assert client.get(f"/kalender/{token}/personlig.ics").status_code == 404
    assert not CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).exists()
    assert "Lav min kalenderadresse" in client.get("/kalender/").content.decode()


def test_a_person_has_at_most_one_working_calendar_address(login, person):
    from django.db import IntegrityError, transaction

    from ledelsesfora.meetings.models import CalendarFeed

    leader = person("leder@albertslund")
    client = login("leder")
    client.post("/kalender/", {"action": "renew"})
    client.post("/kalender/", {"action": "renew"})
    assert CalendarFeed.objects.filter(person=leader, revoked_at__isnull=True).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarFeed.objects.create(person=leader)  # as a renewal at the same moment would
    client.post("/kalender/", {"action": "revoke"})
    assert not CalendarFeed.objects.filter(person=leader, revoked_at__isnull=True).exists()
