"""What the agenda page adds around the agenda, each only for those who may see it: the link to
the minutes and the open follow-up (members and the secretariat, never an invited guest), and the
proposals for input (members of a forum whose charter asks for it)."""

import pytest

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.django_db

FOLLOW_UP = "Åben opfølgning fra tidligere møder"


def latest_published_dif() -> Meeting:
    return (
        Meeting.objects.filter(
            forum__organisation__slug="albertslund",
            forum__short_name="DIF",
            agenda_published_at__isnull=False,
        )
        .order_by("-start")
        .first()
    )


def test_members_see_the_minutes_and_follow_up_an_invited_guest_does_not(login):
    meeting = latest_published_dif()
    open_item = meeting.items.filter(closed=False, standing=False).ready().first()
    open_item.guests.add(Person.objects.get(username="leder@albertslund"))
    member = login("borgmester").get(f"/moede/{meeting.pk}/").content.decode()
    assert FOLLOW_UP in member and f'href="/moede/{meeting.pk}/referat/"' in member
    guest = login("leder").get(f"/moede/{meeting.pk}/")
    assert guest.status_code == 200 and open_item.title in guest.content.decode()
    assert FOLLOW_UP not in guest.content.decode()
    assert "/referat/" not in guest.content.decode()
    assert login("leder").get(f"/moede/{meeting.pk}/referat/").status_code == 404


def test_proposals_for_input_only_where_the_charter_asks_and_only_for_members(login):
    vejen = (
        AgendaItem.objects.filter(forum__organisation__slug="vejen", status="submitted")
        .exclude(meeting=None)
        .first()
    )
    page = login("kommunaldirektoer", "vejen").get(f"/moede/{vejen.meeting_id}/").content.decode()
    assert "Foreslåede punkter" in page and vejen.title in page
    assert login("leder", "vejen").get(f"/moede/{vejen.meeting_id}/").status_code == 404
    cf = (
        AgendaItem.objects.filter(forum__organisation__slug="albertslund", forum__short_name="CF")
        .exclude(meeting=None)
        .first()
    )
    page = login("omraadedirektoer").get(f"/moede/{cf.meeting_id}/").content.decode()
    assert "Foreslåede punkter" not in page
