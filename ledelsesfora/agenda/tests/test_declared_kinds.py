"""A kind of item the charter declares (a "høringssag"): offered, named and checked as the
charter says, in the pages, the operations and the API."""

import json

import pytest
from django.utils import translation

from ledelsesfora.agenda import agendas, operations
from ledelsesfora.agenda.operations import AgendaError, ItemData
from ledelsesfora.api.auth import create_token
from ledelsesfora.forums.charter import Forum as ForumSpec

pytestmark = pytest.mark.django_db

HEARING = {
    "key": "hoeringssag",
    "label": "Høringssag",
    "label_en": "Consultation",
    "needs_recommendation": True,
}


@pytest.fixture
def dif(forum):
    """Albertslund's DIF, whose charter now declares a høringssag besides its two kinds."""
    dif = forum("DIF")
    dif.spec = {
        **dif.spec,
        "item_kinds": [*dif.spec["item_kinds"], "hoeringssag"],
        "item_kind": [HEARING],
    }
    ForumSpec.model_validate(dif.spec)  # still a valid charter
    dif.save()
    return forum("DIF")


def hearing(dif, who, meeting, recommendation=""):
    director = who("omraadedirektoer")
    return operations.create_item(
        dif,
        ItemData(
            title="Høring om trafikplan",
            kind="hoeringssag",
            recommendation=recommendation,
            responsible_director=director,
        ),
        by=director,
        meeting=meeting("DIF", 2027, 3, 9),
    )


def test_the_item_form_offers_the_declared_kind_by_its_label(clock, dif, login):
    page = login("omraadedirektoer").get("/albertslund/punkter/nyt/?forum=DIF")
    assert page.status_code == 200
    assert '<option value="hoeringssag">Høringssag</option>' in page.content.decode()


def test_a_declared_kind_needs_its_recommendation_before_submission(clock, dif, who, meeting):
    item = hearing(dif, who, meeting)
    with pytest.raises(
        AgendaError,
        match="Punktet skal have en indstilling, før det indsendes, som alle punkter af typen høringssag",
    ):
        operations.submit_item(item, by=who("omraadedirektoer"))
    assert item.kind_label == "Høringssag"
    with translation.override("en"):
        assert item.kind_label == "Consultation"


def test_publication_names_a_declared_kind_without_its_recommendation(clock, dif, who, meeting):
    item = hearing(dif, who, meeting, recommendation="Det indstilles, at høringssvaret sendes.")
    director = who("omraadedirektoer")
    operations.submit_item(item, by=director)
    operations.review_item(item, by=who("sekretaer"))
    operations.approve_item(item, by=director)
    type(item).objects.filter(pk=item.pk).update(recommendation="")
    blockers = {b.item.pk: b.reason for b in agendas.publication_blockers(item.meeting)}
    assert blockers[item.pk] == "indstillingen mangler"


def test_the_agenda_and_the_item_page_name_the_declared_kind(clock, dif, who, meeting, login):
    item = hearing(dif, who, meeting, recommendation="Det indstilles, at høringssvaret sendes.")
    client = login("omraadedirektoer")
    assert "Høringssag · kladde" in client.get(f"/punkt/{item.pk}/").content.decode()
    operations.submit_item(item, by=who("omraadedirektoer"))
    board = login("sekretaer").get(f"/moede/{item.meeting_id}/sekretariat/").content.decode()
    assert "Høringssag · indsendt" in board


def test_a_kind_the_charter_no_longer_declares_is_shown_by_its_key(clock, dif, who, meeting):
    item = hearing(dif, who, meeting)
    dif.spec = {**dif.spec, "item_kinds": ["decision", "information"]}
    dif.spec.pop("item_kind")
    dif.save()
    item.refresh_from_db()
    assert item.kind_label == "hoeringssag"


def api(client, username, path):
    from ledelsesfora.organisation.models import Person

    token = create_token(Person.objects.get(username=username))
    return client.get(f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_api_lists_a_forum_s_kinds_with_what_each_needs(dif, client):
    answer = api(client, "leder@albertslund", "/organisations/albertslund/forums/DIF")
    assert answer.status_code == 200
    kinds = {kind["key"]: kind for kind in answer.json()["item_kinds"]}
    assert kinds["hoeringssag"] == {
        "key": "hoeringssag",
        "label": "Høringssag",
        "needs_recommendation": True,
        "decision": False,
    }
    assert kinds["decision"]["needs_recommendation"] is True
    assert kinds["information"]["needs_recommendation"] is False
    every = api(client, "leder@albertslund", "/organisations/albertslund/forums").json()["items"]
    assert [f["short_name"] for f in every][:3] == ["DIF", "DIF-R", "CF"]


@pytest.mark.parametrize(
    "path", ["/organisations/albertslund/forums", "/organisations/albertslund/forums/DIF"]
)
def test_another_municipality_sees_no_forums(dif, client, path):
    answer = api(client, "sekretaer@vejen", path)
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found"}


def test_an_api_item_of_the_declared_kind(clock, dif, client, meeting):
    from ledelsesfora.organisation.models import Person

    token = create_token(Person.objects.get(username="omraadedirektoer@albertslund"))
    made = client.post(
        f"/api/v1/meetings/{meeting('DIF', 2027, 3, 9).pk}/items",
        json.dumps({"title": "Høring om trafikplan", "kind": "hoeringssag"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert made.status_code == 201, made.content
    assert (made.json()["kind"], made.json()["kind_label"]) == ("hoeringssag", "Høringssag")
