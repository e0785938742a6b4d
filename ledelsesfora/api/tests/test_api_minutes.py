"""Minutes and follow-up through the API, with the same access as the pages."""

import datetime

import pytest
import time_machine

from ledelsesfora.api.tests.test_api import Caller
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.minutes.models import Minutes

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_(client):
    return lambda username: Caller(client, username)


def approved_dif():
    return Minutes.objects.get(
        meeting__forum__short_name="DIF",
        status="approved",
        meeting__forum__organisation__slug="albertslund",
    ).meeting


def latest_dif():
    return (
        Meeting.objects.filter(
            forum__short_name="DIF",
            agenda_published_at__isnull=False,
            forum__organisation__slug="albertslund",
        )
        .order_by("-start")
        .first()
    )


def test_members_read_approved_minutes(as_):
    meeting = approved_dif()
    body = as_("borgmester@albertslund").get(f"/meetings/{meeting.pk}/minutes").json()
    assert (body["status"], body["version"]) == ("approved", 1)
    decided = [i for i in body["items"] if i["outcome"] == "decided"]
    assert decided and decided[0]["text"] == "Indstillingen blev godkendt."


@pytest.mark.parametrize("username", ["afdelingschef@albertslund", "sekretaer@vejen"])
def test_minutes_are_hidden_from_non_members(as_, username):
    meeting = approved_dif()
    assert as_(username).get(f"/meetings/{meeting.pk}/minutes").status_code == 404
    assert as_(username).post(f"/meetings/{meeting.pk}/minutes/approve").status_code == 404
    assert as_(username).post(f"/meetings/{meeting.pk}/minutes/send").status_code == 404
    assert as_(username).put(f"/meetings/{meeting.pk}/minutes/attendance").status_code == 404


def test_the_secretariat_records_and_approves_through_the_api(as_):
    meeting = latest_dif()
    secretary = as_("sekretaer@albertslund")
    for item in meeting.items.on_agenda():
        kind = "decided" if item.kind == "decision" else "noted"
        response = secretary.post(f"/items/{item.pk}/outcome", {"outcome": kind, "text": "OK."})
        assert response.status_code == 200, response.json()
    refused = secretary.post(f"/meetings/{meeting.pk}/minutes/approve")
    assert refused.status_code == 409
    assert "sendt til medlemmerne" in refused.json()["detail"]
    unknown = secretary.put(
        f"/meetings/{meeting.pk}/minutes/attendance", {"apologies": ["leder@albertslund"]}
    )
    assert unknown.status_code == 400 and "leder@albertslund" in unknown.json()["detail"]
    attendance = secretary.put(
        f"/meetings/{meeting.pk}/minutes/attendance",
        {"apologies": ["borgmester@albertslund"], "guests": ["Anne Andersen"]},
    ).json()["attendance"]
    assert attendance["apologies"] == ["borgmester@albertslund"]
    assert "omraadedirektoer@albertslund" in attendance["present"]
    assert attendance["guests"] == ["Anne Andersen"]
    assert (
        as_("borgmester@albertslund").post(f"/meetings/{meeting.pk}/minutes/send").status_code
        == 409
    )
    sent = secretary.post(f"/meetings/{meeting.pk}/minutes/send")
    assert sent.status_code == 200 and sent.json()["status"] == "sent"
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=TIMEZONE)):
        approved = secretary.post(f"/meetings/{meeting.pk}/minutes/approve")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"


def test_follow_ups_through_the_api(as_):
    meeting = latest_dif()
    decision = meeting.items.on_agenda().filter(kind="decision").first()
    secretary = as_("sekretaer@albertslund")
    secretary.post(f"/items/{decision.pk}/outcome", {"outcome": "decided", "text": "Ja."})
    created = secretary.post(
        f"/items/{decision.pk}/followups", {"title": "Følg op", "due": "2027-01-15"}
    )
    assert created.status_code == 201
    assert created.json()["owner"] == "omraadedirektoer@albertslund"
    unknown = secretary.post(
        f"/items/{decision.pk}/followups",
        {"title": "X", "owner": "nobody@albertslund", "due": "2027-01-15"},
    )
    assert unknown.status_code == 400 and "nobody@albertslund" in unknown.json()["detail"]
    mine = as_("omraadedirektoer@albertslund").get("/followups", {"owner": "me"}).json()["items"]
    assert "Følg op" in [f["title"] for f in mine]
    assert any(f["overdue"] for f in mine)
    assert as_("omraadedirektoer@albertslund").get("/followups", {"owner": "x"}).status_code == 400
    assert "Følg op" not in [
        f["title"] for f in as_("sekretaer@vejen").get("/followups").json()["items"]
    ]


def test_an_outcome_needs_a_known_kind(as_):
    item = latest_dif().items.on_agenda().first()
    response = as_("sekretaer@albertslund").post(f"/items/{item.pk}/outcome", {"outcome": "maybe"})
    assert response.status_code == 422


def test_documents_through_the_api(as_):
    import io

    from pypdf import PdfReader

    meeting = approved_dif()
    member = as_("borgmester@albertslund")
    for name in ("agenda.pdf", "agenda.docx", "minutes.pdf", "minutes.docx"):
        response = member.get(f"/meetings/{meeting.pk}/{name}")
        assert response.status_code == 200, name
        assert response["Content-Disposition"].startswith("attachment; filename=")
    text = (
        PdfReader(io.BytesIO(member.get(f"/meetings/{meeting.pk}/minutes.pdf").content))
        .pages[0]
        .extract_text()
    )
    assert "Beslutningsreferat" in text
    for name in ("agenda.pdf", "minutes.docx"):
        assert as_("sekretaer@vejen").get(f"/meetings/{meeting.pk}/{name}").status_code == 404
    assert (
        as_("afdelingschef@albertslund").get(f"/meetings/{meeting.pk}/minutes.pdf").status_code
        == 404
    )
