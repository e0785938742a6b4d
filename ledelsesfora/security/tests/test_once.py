"""A form or API request sent twice creates its thing once (ledelsesfora/security/once.py)."""

import json
import re

import pytest

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.api.tests.test_api import Caller
from ledelsesfora.meetings.models import Meeting

pytestmark = pytest.mark.django_db

RIGHT = {"title": "Et punkt, rettet", "kind": "information", "duration_minutes": "15"}
AD_HOC = {
    "forum": "DIF-R",
    "date": "2027-02-03",
    "time": "14:00",
    "minutes": "75",
    "title": "Ekstra refleksion",
    "place": "Rådhuset",
    "online_link": "",
}


def token_of(page) -> str:
    return re.search(r'name="once" value="([^"]+)"', page.content.decode()).group(1)


def test_an_ad_hoc_meeting_sent_twice_is_made_once(login):
    client = login("sekretaer")
    once = token_of(client.get("/albertslund/moeder/nyt/"))
    first = client.post("/albertslund/moeder/nyt/", {**AD_HOC, "once": once})
    again = client.post("/albertslund/moeder/nyt/", {**AD_HOC, "once": once}, follow=True)
    assert first.status_code == 302
    assert again.redirect_chain[0][0] == first["Location"]  # to what the first made
    assert "allerede sendt" in again.content.decode()
    assert Meeting.objects.filter(title="Ekstra refleksion").count() == 1


def test_the_same_token_with_other_content_is_a_new_submission(login):
    client = login("sekretaer")
    once = token_of(client.get("/albertslund/moeder/nyt/"))
    client.post("/albertslund/moeder/nyt/", {**AD_HOC, "once": once})
    client.post("/albertslund/moeder/nyt/", {**AD_HOC, "once": once, "title": "Endnu en"})
    assert Meeting.objects.filter(title__in=["Ekstra refleksion", "Endnu en"]).count() == 2


def test_a_form_with_mistakes_can_be_corrected_and_sent_with_its_token(login):
    client = login("omraadedirektoer")
    page = client.get("/albertslund/punkter/nyt/?forum=DIF")
    once = token_of(page)
    wrong = client.post("/albertslund/punkter/nyt/?forum=DIF", {"once": once, "title": ""})
    assert wrong.status_code == 200  # the form again, with what is wrong
    right = client.post(
        "/albertslund/punkter/nyt/?forum=DIF",
        {"once": once, **RIGHT},
    )
    assert right.status_code == 302
    client.post(
        "/albertslund/punkter/nyt/?forum=DIF",
        {"once": once, **RIGHT},
    )
    assert AgendaItem.objects.filter(title="Et punkt, rettet").count() == 1


def test_another_person_sending_the_same_token_is_not_stopped(login, client):
    once = token_of(login("sekretaer").get("/albertslund/moeder/nyt/"))
    login("sekretaer").post("/albertslund/moeder/nyt/", {**AD_HOC, "once": once})
    other = login("sekretaer", "vejen")  # another person (and municipality) with the same token
    answer = other.post("/albertslund/moeder/nyt/", {**AD_HOC, "once": once})
    assert answer.status_code == 404  # their own refusal, not the other person's result


def test_the_api_answers_a_repeated_key_with_the_first_answer(client, meeting_of_dif):
    api = Caller(client, "omraadedirektoer@albertslund")
    path = f"/api/v1/meetings/{meeting_of_dif.pk}/items"
    body = json.dumps({"title": "Via API to gange", "kind": "information"})
    headers = {**api.headers, "HTTP_IDEMPOTENCY_KEY": "6f1c2a"}
    first = client.post(path, body, content_type="application/json", **headers)
    again = client.post(path, body, content_type="application/json", **headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert AgendaItem.objects.filter(title="Via API to gange").count() == 1
    other = json.dumps({"title": "Noget andet", "kind": "information"})
    refused = client.post(path, other, content_type="application/json", **headers)
    assert refused.status_code == 422
    assert "Idempotency-Key" in refused.json()["detail"]
    without = client.post(path, body, content_type="application/json", **api.headers)
    assert without.status_code < 300  # no key: a second item, as asked
    assert AgendaItem.objects.filter(title="Via API to gange").count() == 2


def test_a_key_of_another_caller_is_theirs_alone(client, meeting_of_dif):
    path = f"/api/v1/meetings/{meeting_of_dif.pk}/items"
    body = json.dumps({"title": "To personer, én nøgle", "kind": "information"})
    for username in ("omraadedirektoer@albertslund", "kommunaldirektoer@albertslund"):
        headers = {**Caller(client, username).headers, "HTTP_IDEMPOTENCY_KEY": "shared"}
        client.post(path, body, content_type="application/json", **headers)
    assert AgendaItem.objects.filter(title="To personer, én nøgle").count() == 2


@pytest.fixture
def meeting_of_dif():
    return (
        Meeting.objects.filter(
            forum__organisation__slug="albertslund",
            forum__short_name="DIF",
            start__year=2027,
            agenda_published_at__isnull=True,
        )
        .order_by("start")
        .last()
    )
