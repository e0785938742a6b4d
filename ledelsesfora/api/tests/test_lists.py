"""Every list of the API alike: found in the OpenAPI document, each takes `page` and `page_size`
and answers `items`, `count`, `page`, `page_size` and `pages`; filters by date and state narrow
them; a bad page, size, state or period is refused with a `detail` saying what is wrong."""

import datetime

import pytest

from ledelsesfora.api.endpoints import api
from ledelsesfora.api.tests.test_api import Caller
from ledelsesfora.meetings.models import Meeting

pytestmark = pytest.mark.django_db
DIF = "/organisations/albertslund/forums/DIF/meetings"


def test_every_list_is_paginated_the_same_way():
    schema = api.get_openapi_schema()
    lists = []
    for path, operations in schema["paths"].items():
        answer = operations.get("get", {}).get("responses", {}).get(200, {})
        body = answer.get("content", {}).get("application/json", {}).get("schema", {})
        assert body.get("type") != "array", f"{path} answers a bare list"
        reference = body.get("$ref", "").rsplit("/", 1)[-1]
        properties = schema["components"]["schemas"].get(reference, {}).get("properties", {})
        if "items" in properties and "count" in properties:
            lists.append(path)
            assert set(properties) == {"items", "count", "page", "page_size", "pages"}, path
            names = {p["name"] for p in operations["get"]["parameters"]}
            assert {"page", "page_size"} <= names, path
    assert len(lists) >= 8  # forums, meetings, answers, venues, follow-up, themes, register, budget


def test_pages_of_meetings(client):
    caller = Caller(client, "omraadedirektoer@albertslund")
    whole = caller.get(DIF, {"start": "2027-01-01", "end": "2027-12-31", "page_size": 200}).json()
    assert whole["count"] == len(whole["items"]) > 10 and whole["pages"] == 1
    first = caller.get(DIF, {"start": "2027-01-01", "end": "2027-12-31", "page_size": 4}).json()
    second = caller.get(
        DIF, {"start": "2027-01-01", "end": "2027-12-31", "page_size": 4, "page": 2}
    ).json()
    assert (first["count"], first["pages"], first["page"]) == (
        whole["count"],
        -(-whole["count"] // 4),
        1,
    )
    assert [m["id"] for m in first["items"] + second["items"]] == [
        m["id"] for m in whole["items"][:8]
    ]
    beyond = caller.get(DIF, {"start": "2027-01-01", "page": 999}).json()
    assert beyond["items"] == [] and beyond["page"] == 999


def test_filters_by_state_and_date(client):
    secretary = Caller(client, "sekretaer@albertslund")
    meeting = Meeting.objects.filter(
        forum__organisation__slug="albertslund", forum__short_name="DIF", start__year=2027
    ).first()
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    cancelled = secretary.get(DIF, {"start": "2027-01-01", "status": "cancelled"}).json()
    assert [m["id"] for m in cancelled["items"]] == [meeting.pk]
    mine = Caller(client, "omraadedirektoer@albertslund")
    everything = mine.get("/followups").json()["items"]
    assert everything
    done = mine.get("/followups", {"status": "done"}).json()["items"]
    assert all(f["status"] == "done" for f in done)
    day = datetime.date.fromisoformat(everything[0]["due"])
    due = mine.get("/followups", {"due_from": day.isoformat(), "due_until": day.isoformat()})
    assert {f["due"] for f in due.json()["items"]} == {day.isoformat()}
    themes = Caller(client, "leder@albertslund").get(
        "/organisations/albertslund/forums/LF/themes", {"since": "2030-01-01"}
    )
    assert themes.json()["items"] == []
    unanswered = secretary.get(f"/meetings/{meeting.pk}/answers", {"answer": "none"}).json()
    assert unanswered["count"] and all(row["answer"] is None for row in unanswered["items"])


@pytest.mark.parametrize(
    "path, params, status, words",
    [
        (DIF, {"page": 0}, 422, "page"),
        (DIF, {"page_size": 500}, 422, "page_size"),
        (DIF, {"status": "gone"}, 422, "status"),
        (DIF, {"start": "2027-03-01", "end": "2027-01-01"}, 400, "byt om"),
        ("/followups", {"due_from": "2027-03-01", "due_until": "2027-01-01"}, 400, "byt om"),
        ("/followups", {"due_from": "i morgen"}, 422, "due_from"),
        ("/organisations/vejen/forums", {}, 404, "Not found"),
    ],
)
def test_a_bad_list_request_says_what_is_wrong(client, path, params, status, words):
    answer = Caller(client, "sekretaer@albertslund").get(path, params)
    assert answer.status_code == status
    assert words in str(answer.json()["detail"])


def test_the_openapi_document_describes_every_operation_and_field():
    schema = api.get_openapi_schema()
    undescribed = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if not operation.get("description")
    ]
    undescribed += [
        f"{name}.{field}"
        for name, component in schema["components"]["schemas"].items()
        for field, spec in component.get("properties", {}).items()
        if not spec.get("description")
    ]
    assert not undescribed, undescribed
