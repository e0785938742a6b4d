"""The secretariat's daily work through the API, step for step as in the pages: an item read and
changed, presenters and guests, moving and ordering items, the desk and its reminder, a
person's overview, and a meeting made by hand. Each for the person who may, someone of the
municipality who may not, and another municipality."""

import datetime

import pytest
import time_machine

from ledelsesfora.agenda import operations
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.api.tests.test_api import (
    DIRECTOR,
    NEW_ITEM,
    NON_MEMBER,
    OUTSIDER,
    SECRETARY,
    dif,
    item_in_process,
)
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.django_db

GUEST = "leder-by-miljoe-3-4@albertslund"


def new_item(as_, meeting, **change):
    answer = as_(DIRECTOR).post(f"/meetings/{meeting.pk}/items", {**NEW_ITEM, **change})
    assert answer.status_code == 201, answer.content
    return answer.json()


def test_an_item_is_made_with_presenters_and_guests_and_read_back(as_, meeting, before_deadline):
    made = new_item(as_, meeting, presenters=[DIRECTOR], guests=[GUEST])
    assert (made["presenters"], made["guests"]) == ([DIRECTOR], [GUEST])
    read = as_(SECRETARY).get(f"/items/{made['id']}")
    assert read.status_code == 200
    assert read.json()["recommendation"] == NEW_ITEM["recommendation"]
    assert as_(OUTSIDER).get(f"/items/{made['id']}").status_code == 404


def test_an_unknown_person_is_named(as_, meeting, before_deadline):
    answer = as_(DIRECTOR).post(
        f"/meetings/{meeting.pk}/items", {**NEW_ITEM, "guests": [GUEST, "ingen@albertslund"]}
    )
    assert answer.status_code == 400
    assert "'ingen@albertslund'" in answer.json()["detail"]


def test_a_closed_item_is_read_only_by_those_who_may(as_, meeting, before_deadline):
    item = item_in_process(meeting, "Lukket sag", closed=True)
    for username in (SECRETARY, DIRECTOR):
        assert as_(username).get(f"/items/{item.pk}").status_code == 200
    assert as_(NON_MEMBER).get(f"/items/{item.pk}").status_code == 404
    draft = new_item(as_, meeting)
    assert as_("borgmester@albertslund").get(f"/items/{draft['id']}").status_code == 404


def test_an_item_is_changed_field_by_field(as_, meeting, before_deadline):
    made = new_item(as_, meeting)
    changed = as_(DIRECTOR).patch(
        f"/items/{made['id']}", {"title": "Ny titel", "presenters": [DIRECTOR]}
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["title"], body["background"]) == ("Ny titel", NEW_ITEM["background"])
    assert body["presenters"] == [DIRECTOR]
    emptied = as_(DIRECTOR).patch(f"/items/{made['id']}", {"title": ""})
    assert emptied.status_code == 400 and "titel" in emptied.json()["detail"]
    unseen = as_("borgmester@albertslund").patch(f"/items/{made['id']}", {"title": "Min"})
    assert unseen.status_code == 404  # a draft is its submitter's and the secretariat's
    assert as_(OUTSIDER).patch(f"/items/{made['id']}", {"title": "x"}).status_code == 404
    assert as_(SECRETARY).get(f"/items/{made['id']}").json()["title"] == "Ny titel"


def test_the_secretariat_places_an_item_on_another_meeting(as_, meeting, before_deadline):
    made = new_item(as_, meeting)
    later = dif().meetings.held().filter(start__gt=meeting.start).order_by("start").first()
    refused = as_(DIRECTOR).post(f"/items/{made['id']}/place", {"meeting": later.pk})
    assert refused.status_code == 409
    moved = as_(SECRETARY).post(f"/items/{made['id']}/place", {"meeting": later.pk})
    assert moved.status_code == 200 and moved.json()["meeting"] == later.pk
    backlog = as_(SECRETARY).post(f"/items/{made['id']}/place", {"meeting": None})
    assert backlog.json()["meeting"] is None
    cf = Person.objects.get(username=SECRETARY).organisation.forums.get(short_name="CF")
    other_forum = cf.meetings.held().first()
    wrong = as_(SECRETARY).post(f"/items/{made['id']}/place", {"meeting": other_forum.pk})
    assert wrong.status_code == 409


def test_the_secretariat_orders_the_agenda(as_, meeting, before_deadline):
    first = item_in_process(meeting, "Første")
    second = item_in_process(meeting, "Anden")
    order = [second.pk, first.pk]
    on_agenda = [i for i in as_(SECRETARY).get(f"/meetings/{meeting.pk}/agenda").json()["items"]]
    movable = [line["id"] for line in on_agenda if line["id"] in (first.pk, second.pk)]
    assert movable == [first.pk, second.pk]
    others = [line["id"] for line in on_agenda if line["kind"] != "standing"]
    wanted = [pk for pk in others if pk not in order] + order
    answer = as_(SECRETARY).put(f"/meetings/{meeting.pk}/order", {"items": wanted})
    assert answer.status_code == 200, answer.content
    ids = [line["id"] for line in answer.json()["items"]]
    assert ids.index(second.pk) < ids.index(first.pk)
    missing = as_(SECRETARY).put(f"/meetings/{meeting.pk}/order", {"items": [first.pk]})
    assert missing.status_code == 409
    assert as_(DIRECTOR).put(f"/meetings/{meeting.pk}/order", {"items": wanted}).status_code == 409
    assert as_(OUTSIDER).put(f"/meetings/{meeting.pk}/order", {"items": wanted}).status_code == 404


def test_the_desk_and_its_reminder(as_, meeting, before_deadline):
    waiting = item_in_process(meeting, "Venter på godkendelse", approve=False)
    desk = as_(SECRETARY).get("/organisations/albertslund/desk")
    assert desk.status_code == 200
    approvals = {row["approver"]: row["items"] for row in desk.json()["approvals"]}
    assert waiting.pk in [item["id"] for item in approvals[DIRECTOR]]
    assert as_(DIRECTOR).get("/organisations/albertslund/desk").status_code == 404
    assert as_(OUTSIDER).get("/organisations/albertslund/desk").status_code == 404
    reminded = as_(SECRETARY).post("/organisations/albertslund/desk/remind", {"approver": DIRECTOR})
    assert reminded.status_code == 200 and reminded.json()["reminded"] >= 1
    nobody = as_(SECRETARY).post("/organisations/albertslund/desk/remind", {"approver": NON_MEMBER})
    assert nobody.status_code == 409
    unknown = as_(SECRETARY).post(
        "/organisations/albertslund/desk/remind", {"approver": "ingen@albertslund"}
    )
    assert unknown.status_code == 404
    not_theirs = as_(DIRECTOR).post(
        "/organisations/albertslund/desk/remind", {"approver": DIRECTOR}
    )
    assert not_theirs.status_code == 404


def test_a_person_s_overview(as_, meeting, before_deadline):
    waiting = item_in_process(meeting, "Til godkendelse", approve=False)
    overview = as_(DIRECTOR).get("/organisations/albertslund/overview")
    assert overview.status_code == 200
    assert waiting.pk in [item["id"] for item in overview.json()["approvals"]]
    assert as_(OUTSIDER).get("/organisations/albertslund/overview").status_code == 404
    assert as_(OUTSIDER).get("/organisations/vejen/overview").status_code == 200


@time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=TIMEZONE), tick=False)
def test_a_meeting_made_by_hand(as_):
    body = {"start": "2026-12-10T13:00:00", "duration_minutes": 90, "place": "Lokale 2"}
    path = "/organisations/albertslund/forums/DIF-R/meetings"
    made = as_(SECRETARY).post(path, body)
    assert made.status_code == 201, made.content
    assert made.json()["start"].startswith("2026-12-10T13:00:00+01:00")
    assert made.json()["place"] == "Lokale 2"
    member = as_("kommunaldirektoer@albertslund").post(path, body)
    assert member.status_code == 400 and "sekretariatet" in member.json()["detail"]
    assert as_(OUTSIDER).post(path, body).status_code == 404
    past = as_(SECRETARY).post(path, {**body, "start": "2026-11-01T13:00:00"})
    assert past.status_code == 400
    assert as_(SECRETARY).post(path, {**body, "duration_minutes": 5}).status_code == 422


def test_an_item_of_the_workflow_stays_unchanged_by_a_refused_patch(as_, meeting, before_deadline):
    item = operations.create_item(
        meeting.forum,
        ItemData(title="Uændret", kind="information"),
        by=Person.objects.get(username=DIRECTOR),
        meeting=meeting,
    )
    answer = as_(DIRECTOR).patch(f"/items/{item.pk}", {"kind": "gossip"})
    assert answer.status_code == 400
    item.refresh_from_db()
    assert (item.title, item.kind) == ("Uændret", "information")
