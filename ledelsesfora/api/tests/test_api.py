"""The JSON API at /api/v1/: tokens, access (404 for what one may not see), the workflow from a
new item to a published agenda, refusals a person can act on, and malformed requests."""

import datetime
import json

import pytest
import time_machine
from django.utils import timezone, translation
from django.utils.formats import date_format

from ledelsesfora.agenda import agendas, operations
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.api.auth import create_token, revoke_tokens
from ledelsesfora.api.models import ApiToken
from ledelsesfora.forums.models import Forum
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.django_db

DIRECTOR = "omraadedirektoer@albertslund"
SECRETARY = "sekretaer@albertslund"
MEMBER = "borgmester@albertslund"
NON_MEMBER = "leder@albertslund"
OUTSIDER = "sekretaer@vejen"


def dif() -> Forum:
    return Forum.objects.get(organisation__slug="albertslund", short_name="DIF")


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


class Caller:
    """The API as one person sees it, through their own token."""

    def __init__(self, client, username: str):
        self.client = client
        # Valid for as long as the tests travel (the demo's years), not the default 90 days.
        token = create_token(Person.objects.get(username=username), days=5 * 365)
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def get(self, path: str, params=None):
        return self.client.get(f"/api/v1{path}", params or {}, **self.headers)

    def post(self, path: str, body=None, *, raw: str | None = None):
        data = raw if raw is not None else json.dumps(body if body is not None else {})
        return self.client.post(
            f"/api/v1{path}", data, content_type="application/json", **self.headers
        )

    def patch(self, path: str, body=None):
        return self.client.patch(
            f"/api/v1{path}",
            json.dumps(body or {}),
            content_type="application/json",
            **self.headers,
        )

    def put(self, path: str, body=None):
        return self.client.put(
            f"/api/v1{path}",
            json.dumps(body or {}),
            content_type="application/json",
            **self.headers,
        )


@pytest.fixture
def as_(client):
    return lambda username: Caller(client, username)


@pytest.fixture
def meeting():
    """A DIF meeting of 2027 (the demo's second year) with a submission deadline; tests travel
    to its dates."""
    return (
        dif()
        .meetings.held()
        .filter(start__year=2027, submission_deadline__isnull=False)
        .order_by("start")[6]
    )


@pytest.fixture
def before_deadline(meeting):
    with time_machine.travel(at(meeting.submission_deadline), tick=False):
        yield


def item_in_process(meeting, title, *, approve=True, closed=False, guests=()):
    """An item made, submitted, quality-assured and (by default) approved in DIF."""
    director = Person.objects.get(username=DIRECTOR)
    item = operations.create_item(
        meeting.forum,
        ItemData(title=title, kind="information", closed=closed, responsible_director=director),
        by=director,
        meeting=meeting,
        guests=guests,
    )
    operations.submit_item(item, by=director)
    operations.review_item(item, by=Person.objects.get(username=SECRETARY))
    if approve:
        operations.approve_item(item, by=director)
    return item


NEW_ITEM = {
    "title": "Fælles journaliseringspraksis",
    "kind": "decision",
    "background": "Områderne journaliserer forskelligt.",
    "recommendation": "Direktørforum godkender den fælles praksis.",
    "duration_minutes": 20,
    "closed": False,
    "responsible_director": DIRECTOR,
}


# --- tokens -----------------------------------------------------------------------------------


def test_it_requires_a_token(client):
    response = client.get("/api/v1/organisations/albertslund/forums/DIF/meetings")
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_it_refuses_an_unknown_token(client):
    response = client.get(
        "/api/v1/organisations/albertslund/forums/DIF/meetings",
        HTTP_AUTHORIZATION="Bearer not-a-token",
    )
    assert response.status_code == 401


def test_it_refuses_a_revoked_token(as_):
    caller = as_(DIRECTOR)
    assert caller.get("/organisations/albertslund/forums/DIF/meetings").status_code == 200
    revoke_tokens(Person.objects.get(username=DIRECTOR))
    assert caller.get("/organisations/albertslund/forums/DIF/meetings").status_code == 401


def test_it_refuses_the_token_of_a_deactivated_person(as_):
    caller = as_(DIRECTOR)
    Person.objects.filter(username=DIRECTOR).update(is_active=False)
    assert caller.get("/organisations/albertslund/forums/DIF/meetings").status_code == 401


def test_it_stores_only_the_hash_and_records_last_use(as_):
    caller = as_(DIRECTOR)
    token = caller.headers["HTTP_AUTHORIZATION"].removeprefix("Bearer ")
    stored = ApiToken.objects.get(person__username=DIRECTOR)
    assert token not in (stored.key_hash, stored.name)
    assert stored.last_used_at is None
    caller.get("/organisations/albertslund/forums/DIF/meetings")
    stored.refresh_from_db()
    assert stored.last_used_at is not None


# --- meetings ---------------------------------------------------------------------------------


def test_it_lists_a_years_meetings_in_local_time(as_):
    january = datetime.date(2027, 1, 4)
    with time_machine.travel(at(january), tick=False):
        response = as_(NON_MEMBER).get("/organisations/albertslund/forums/DIF/meetings")
    assert response.status_code == 200
    meetings = response.json()["items"]
    first = dif().meetings.filter(start__date__gte=january).order_by("start").first()
    assert meetings[0] == {
        "id": first.pk,
        "start": timezone.localtime(first.start).isoformat(),
        "end": timezone.localtime(first.end).isoformat(),
        "status": first.status,
        "kind": first.kind,
        "title": first.title,
        "iso_week": first.iso_week,
        "submission_deadline": first.submission_deadline.isoformat(),
        "deadline_time": None,
        "publication": first.publication and first.publication.isoformat(),
        "publication_time": None,
        "agenda_published": False,
        "place": "",
        "online_link": "",
        "format": "physical",
        "cancellation_reason": "",
        "set_by_hand": False,
        "sequence": 0,
    }
    assert meetings[0]["start"].endswith("+01:00")  # Copenhagen in winter
    assert all(m["start"][:10] >= january.isoformat() for m in meetings)
    assert [m["start"] for m in meetings] == sorted(m["start"] for m in meetings)


def test_it_lists_meetings_between_dates(as_):
    response = as_(DIRECTOR).get(
        "/organisations/albertslund/forums/DIF/meetings",
        {"start": "2027-03-01", "end": "2027-03-31"},
    )
    starts = [m["start"][:10] for m in response.json()["items"]]
    assert starts and all("2027-03-01" <= day <= "2027-03-31" for day in starts)


def test_it_refuses_end_before_start(as_):
    response = as_(DIRECTOR).get(
        "/organisations/albertslund/forums/DIF/meetings",
        {"start": "2027-03-01", "end": "2027-02-01"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "slut (2027-02-01) ligger før start (2027-03-01); byt om på dem."
    }


@pytest.mark.parametrize("start", ["tomorrow", "2027-02-30", "99999-01-01"])
def test_it_refuses_an_unreadable_date(as_, start):
    response = as_(DIRECTOR).get("/organisations/albertslund/forums/DIF/meetings", {"start": start})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "start"]


def test_it_lists_up_to_the_last_possible_day(as_):
    response = as_(DIRECTOR).get(
        "/organisations/albertslund/forums/DIF/meetings", {"start": "9999-12-01"}
    )
    assert response.status_code == 200
    assert response.json()["items"] == []


# --- who sees what ----------------------------------------------------------------------------


ENDPOINTS = [
    ("get", "/organisations/albertslund/forums/DIF/meetings"),
    ("post", "/meetings/{meeting}/items"),
    ("post", "/items/{item}/submit"),
    ("post", "/items/{item}/review"),
    ("post", "/items/{item}/approve"),
    ("post", "/items/{item}/return"),
    ("post", "/meetings/{meeting}/publish"),
    ("get", "/meetings/{meeting}/agenda"),
]


@pytest.mark.parametrize("method, path", ENDPOINTS)
def test_another_municipality_sees_nothing(as_, meeting, before_deadline, method, path):
    item = item_in_process(meeting, "Dashboard for anlæg", approve=False)
    caller = as_(OUTSIDER)
    url = path.format(meeting=meeting.pk, item=item.pk)
    body = {**NEW_ITEM, "reason": "Mangler økonomi"}
    response = caller.get(url) if method == "get" else caller.post(url, body)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}


@pytest.mark.parametrize("method, path", ENDPOINTS[1:])
def test_unknown_ids_look_the_same_as_hidden_ones(as_, method, path):
    caller = as_(SECRETARY)
    url = path.format(meeting=999_999_999, item=999_999_999)
    body = {**NEW_ITEM, "reason": "Mangler økonomi"}
    response = caller.get(url) if method == "get" else caller.post(url, body)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}


def test_an_unknown_forum_is_not_found(as_):
    response = as_(DIRECTOR).get("/organisations/albertslund/forums/NOPE/meetings")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}


def test_a_colleague_cannot_see_a_draft_of_someone_else(as_, meeting, before_deadline):
    response = as_(DIRECTOR).post(f"/meetings/{meeting.pk}/items", NEW_ITEM)
    item_id = response.json()["id"]
    assert as_(NON_MEMBER).post(f"/items/{item_id}/submit").status_code == 404


# --- the workflow -----------------------------------------------------------------------------


def test_from_a_new_item_to_a_published_agenda(as_, meeting, before_deadline):
    director, secretary = as_(DIRECTOR), as_(SECRETARY)

    response = director.post(f"/meetings/{meeting.pk}/items", NEW_ITEM)
    assert response.status_code == 201
    item = response.json()
    assert (item["status"], item["meeting"], item["forum"]) == ("draft", meeting.pk, "DIF")
    assert (item["title"], item["kind"], item["closed"]) == (NEW_ITEM["title"], "decision", False)
    assert item["responsible_director"] == DIRECTOR

    response = director.post(f"/items/{item['id']}/submit")
    assert (response.status_code, response.json()["status"]) == (200, "submitted")

    response = secretary.post(f"/items/{item['id']}/review", {"sparring": "Tilføj økonomien."})
    assert response.json()["status"] == "reviewed"
    assert response.json()["sparring"] == "Tilføj økonomien."

    response = director.post(f"/items/{item['id']}/approve")
    assert response.json()["status"] == "approved"

    response = secretary.post(f"/meetings/{meeting.pk}/publish")
    assert response.status_code == 200
    assert response.json()["agenda_published"] is True

    response = as_(MEMBER).get(f"/meetings/{meeting.pk}/agenda")
    assert response.status_code == 200
    agenda = response.json()
    assert (agenda["meeting"], agenda["published"]) == (meeting.pk, True)
    standing = dif().charter.standing_items
    lines = agenda["items"]
    assert [line["title"] for line in lines[: len(standing)]] == standing
    ours = lines[len(standing)]
    assert ours["id"] == item["id"]
    assert ours["number"] == len(standing) + 1
    assert (ours["status"], ours["kind"], ours["closed"]) == ("published", "decision", False)
    elapsed = sum(line["duration_minutes"] for line in lines[: len(standing)])
    begins = timezone.localtime(meeting.start) + datetime.timedelta(minutes=elapsed)
    assert ours["start"] == begins.isoformat()


def test_a_submission_after_the_deadline_names_the_deadline_and_the_next_meeting(as_, meeting):
    day_after = meeting.submission_deadline + datetime.timedelta(days=1)
    with time_machine.travel(at(day_after), tick=False):
        director = as_(DIRECTOR)
        item_id = director.post(f"/meetings/{meeting.pk}/items", NEW_ITEM).json()["id"]
        response = director.post(f"/items/{item_id}/submit")
    assert response.status_code == 409
    detail = response.json()["detail"]
    with translation.override("da"):
        deadline = date_format(meeting.submission_deadline, "j. F Y")
    assert detail.startswith("For sent: fristen for DIF ")
    assert deadline in detail
    assert "Det næste møde, punktet kan nå, er" in detail


def test_the_secretariat_accepts_a_late_item_with_a_reason(as_, meeting):
    day_after = meeting.submission_deadline + datetime.timedelta(days=1)
    with time_machine.travel(at(day_after), tick=False):
        item_id = as_(DIRECTOR).post(f"/meetings/{meeting.pk}/items", NEW_ITEM).json()["id"]
        response = as_(SECRETARY).post(
            f"/items/{item_id}/submit", {"override_reason": "Haster før budgetseminaret"}
        )
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert response.json()["late_override"] == "Haster før budgetseminaret"


def test_publication_is_refused_while_an_item_lacks_approval(as_, meeting, before_deadline):
    waiting = item_in_process(meeting, "Sygefraværsindsats", approve=False)
    response = as_(SECRETARY).post(f"/meetings/{meeting.pk}/publish")
    assert response.status_code == 409
    body = response.json()
    assert "disse punkter er ikke klar" in body["detail"]
    director = Person.objects.get(username=DIRECTOR).full_name
    assert body["items"] == [
        {
            "id": waiting.pk,
            "title": "Sygefraværsindsats",
            "reason": f"godkendelsen fra {director} mangler",
        }
    ]
    assert as_(SECRETARY).get(f"/meetings/{meeting.pk}/agenda").json()["published"] is False


def test_only_the_secretariat_publishes(as_, meeting, before_deadline):
    response = as_(MEMBER).post(f"/meetings/{meeting.pk}/publish")
    assert response.status_code == 409
    assert response.json() == {"detail": "Kun sekretariatet kan publicere dagsordenen."}


def test_only_the_responsible_director_approves(as_, meeting, before_deadline):
    item = item_in_process(meeting, "Dashboard for anlæg", approve=False)
    response = as_(SECRETARY).post(f"/items/{item.pk}/approve")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Kun ")


def test_an_item_goes_back_with_a_reason(as_, meeting, before_deadline):
    item = item_in_process(meeting, "Dashboard for anlæg", approve=False)
    secretary = as_(SECRETARY)
    missing = secretary.post(f"/items/{item.pk}/return", {})
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "payload", "reason"]
    blank = secretary.post(f"/items/{item.pk}/return", {"reason": "  "})
    assert blank.status_code == 409
    assert blank.json()["detail"].startswith("Skriv hvorfor punktet sendes tilbage")
    response = secretary.post(f"/items/{item.pk}/return", {"reason": "Mangler økonomi"})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["return_reason"]) == (
        "returned",
        "Mangler økonomi",
    )


def test_a_closed_item_is_hidden_from_a_guest_who_is_not_a_member(as_, meeting, before_deadline):
    guest = Person.objects.get(username=NON_MEMBER)
    item_in_process(meeting, "Orientering om anlæg", guests=[guest])
    closed = item_in_process(meeting, "Personalesag", closed=True, guests=[guest])
    agendas.publish_agenda(meeting, by=Person.objects.get(username=SECRETARY))

    seen_by_guest = as_(NON_MEMBER).get(f"/meetings/{meeting.pk}/agenda").json()
    assert [line["title"] for line in seen_by_guest["items"]] == ["Orientering om anlæg"]
    assert as_(NON_MEMBER).post(f"/items/{closed.pk}/submit").status_code == 404

    seen_by_member = as_(MEMBER).get(f"/meetings/{meeting.pk}/agenda").json()
    assert {"Orientering om anlæg", "Personalesag"} <= {
        line["title"] for line in seen_by_member["items"]
    }


def test_a_non_member_who_is_not_invited_sees_no_agenda(as_, meeting, before_deadline):
    item_in_process(meeting, "Orientering om anlæg")
    agendas.publish_agenda(meeting, by=Person.objects.get(username=SECRETARY))
    response = as_(NON_MEMBER).get(f"/meetings/{meeting.pk}/agenda")
    assert response.status_code == 404


# --- refusals of a new item and malformed requests --------------------------------------------


def test_an_unknown_responsible_director_is_named(as_, meeting):
    body = {**NEW_ITEM, "responsible_director": "direktoer@vejen"}
    response = as_(DIRECTOR).post(f"/meetings/{meeting.pk}/items", body)
    assert response.status_code == 400
    assert "'direktoer@vejen'" in response.json()["detail"]


def test_a_kind_the_forum_does_not_take_is_refused_with_the_allowed_kinds(as_, meeting):
    body = {**NEW_ITEM, "kind": "theme_discussion"}
    response = as_(DIRECTOR).post(f"/meetings/{meeting.pk}/items", body)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Direktørforum tager disse typer punkter:")


@pytest.mark.parametrize(
    "change, status, field",
    [
        ({"kind": "gossip"}, 400, None),
        ({"kind": "standing"}, 400, None),
        ({"kind": "x" * 51}, 422, "kind"),
        ({"duration_minutes": "long"}, 422, "duration_minutes"),
        ({"duration_minutes": 10**30}, 400, None),
        ({"duration_minutes": 1e400}, 422, "duration_minutes"),
        ({"closed": {"yes": True}}, 422, "closed"),
        ({"title": None}, 422, "title"),
        ({"title": "x" * 201}, 422, "title"),
        ({"title": "Nul\x00byte"}, 422, "title"),
        ({"case_number": "1" * 1000}, 422, "case_number"),
        ({"case_number": "sag 17"}, 400, None),
        ({"responsible_director": ["omraadedirektoer@albertslund"]}, 422, "responsible_director"),
    ],
)
def test_a_malformed_item_is_refused_with_a_readable_detail(as_, meeting, change, status, field):
    response = as_(DIRECTOR).post(f"/meetings/{meeting.pk}/items", {**NEW_ITEM, **change})
    assert response.status_code == status
    detail = response.json()["detail"]
    if field is None:
        assert isinstance(detail, str) and detail
    else:
        assert detail[0]["loc"] == ["body", "payload", field]
        assert detail[0]["msg"]


@pytest.mark.parametrize(
    "raw, status",
    [("not json", 400), ('{"title": ', 400), ("[1, 2]", 422), ("17", 422), ("", 422)],
)
def test_a_body_that_is_not_an_object_is_refused(as_, meeting, raw, status):
    response = as_(DIRECTOR).post(f"/meetings/{meeting.pk}/items", raw=raw)
    assert response.status_code == status
    assert response.json()["detail"]


@pytest.mark.parametrize("item_id", ["0", "-3", str(2**70)])
def test_impossible_ids_are_not_found(as_, item_id):
    response = as_(SECRETARY).post(f"/items/{item_id}/approve")
    assert response.status_code == 404


def test_an_id_that_is_not_a_number_is_refused(as_):
    response = as_(SECRETARY).get("/meetings/first/agenda")
    assert response.status_code == 422


# --- OpenAPI ----------------------------------------------------------------------------------


def test_it_describes_itself_in_openapi(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert set(paths) >= {
        "/api/v1/organisations/{org}/forums/{forum}/meetings",
        "/api/v1/meetings/{meeting_id}/items",
        "/api/v1/items/{item_id}/submit",
        "/api/v1/items/{item_id}/review",
        "/api/v1/items/{item_id}/approve",
        "/api/v1/items/{item_id}/return",
        "/api/v1/meetings/{meeting_id}/publish",
        "/api/v1/meetings/{meeting_id}/agenda",
    }


def test_a_title_with_line_breaks_is_kept_as_one_line(as_, meeting, before_deadline):
    """A title heads pages and is every mail's subject: a line break in it used to make each
    step that mails about the item answer 500."""
    caller = as_(DIRECTOR)
    made = caller.post(
        f"/meetings/{meeting.pk}/items",
        {
            "title": "Budget\r\nopfølgning\n",
            "kind": "information",
            "responsible_director": DIRECTOR,
        },
    )
    assert made.status_code == 201 and made.json()["title"] == "Budget opfølgning"
    assert caller.post(f"/items/{made.json()['id']}/submit").status_code == 200
