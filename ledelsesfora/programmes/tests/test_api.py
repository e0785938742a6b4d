"""The programmes' JSON API: the same reads and steps as the pages."""

import datetime

import pytest

from ledelsesfora.api.tests.test_api import Caller
from ledelsesfora.programmes import operations
from ledelsesfora.programmes.models import Programme
from ledelsesfora.themes.tests.conftest import LEADER, MAYOR, OTHER, SECRETARY

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_(client):
    return lambda username: Caller(client, username)


def test_building_and_adding_blocks(as_, lederdag):
    caller = as_(SECRETARY)
    made = caller.post(f"/meetings/{lederdag.pk}/programme")
    assert made.status_code == 201
    assert [b["kind"] for b in made.json()["blocks"]] == ["theme", "orientation"]
    block = {
        "start": "2027-03-11T15:00:00+01:00",
        "minutes": 15,
        "title": "Kaffe",
        "kind": "break",
        "catering": "Kaffe og frugt",
        "responsible": LEADER,
    }
    added = caller.post(f"/meetings/{lederdag.pk}/programme/blocks", block)
    assert added.status_code == 201, added.json()
    rows = {b["title"]: b for b in added.json()["blocks"]}
    assert rows["Kaffe"]["catering"] == "Kaffe og frugt"
    assert rows["Kaffe"]["responsible"] == LEADER


def test_bad_blocks_are_400s(as_, lederdag, who):
    operations.build_programme(lederdag, by=who(SECRETARY))
    path = f"/meetings/{lederdag.pk}/programme/blocks"
    caller = as_(SECRETARY)
    late = {"start": "2027-03-11T17:00:00+01:00", "minutes": 30, "title": "Sent"}
    assert caller.post(path, late).status_code == 400
    naive = {"start": "2027-03-11T14:00:00", "minutes": 30, "title": "Uden zone"}
    assert caller.post(path, naive).status_code == 400
    unknown = {**late, "start": "2027-03-11T14:00:00+01:00", "responsible": "ingen@albertslund"}
    assert caller.post(path, unknown).status_code == 400
    assert caller.post(path, {"minutes": 30}).status_code == 422
    assert Programme.objects.get(meeting=lederdag).blocks.count() == 2


def test_who_reads_it(as_, lederdag, who, consultant, client):
    programme = operations.build_programme(lederdag, by=who(SECRETARY))
    path = f"/meetings/{lederdag.pk}/programme"
    assert as_(MAYOR).get(path).status_code == 200  # DIF approves it
    assert as_(LEADER).get(path).status_code == 404
    assert as_(OTHER).get(path).status_code == 404
    Programme.objects.filter(pk=programme.pk).update(
        published_at=datetime.datetime(2027, 3, 1, tzinfo=datetime.UTC)
    )
    seen = as_(LEADER).get(path).json()
    assert seen["blocks"][0]["room"] is None  # the run sheet is not theirs
    assert as_(LEADER).get(f"/meetings/{lederdag.pk}/run-sheet.pdf").status_code == 404
    assert as_(OTHER).get(path).status_code == 404
    assert as_(LEADER).post(f"/meetings/{lederdag.pk}/programme/publish").status_code == 404


def test_publishing_before_approval_is_a_409(as_, lederdag, who):
    operations.build_programme(lederdag, by=who(SECRETARY))
    answer = as_(SECRETARY).post(f"/meetings/{lederdag.pk}/programme/publish")
    assert answer.status_code == 409 and "godkendes" in answer.json()["detail"]


def test_changing_and_removing_a_block(as_, lederdag, who):
    programme = operations.build_programme(lederdag, by=who(SECRETARY))
    block = programme.blocks.first()
    change = {
        "start": "2027-03-11T13:00:00+01:00",
        "minutes": 120,
        "title": "Tema",
        "kind": "theme",
    }
    answer = as_(SECRETARY).put(f"/programme-blocks/{block.pk}", change)
    assert answer.status_code == 200 and answer.json()["blocks"][0]["minutes"] == 120
    assert as_(LEADER).put(f"/programme-blocks/{block.pk}", change).status_code == 404
    removed = as_(SECRETARY).client.delete(
        f"/api/v1/programme-blocks/{block.pk}", **as_(SECRETARY).headers
    )
    assert removed.status_code == 200 and len(removed.json()["blocks"]) == 1


def test_sharing_the_product(as_, lederdag, who):
    import time_machine

    programme = operations.build_programme(lederdag, by=who(SECRETARY))
    Programme.objects.filter(pk=programme.pk).update(
        published_at=datetime.datetime(2027, 3, 1, tzinfo=datetime.UTC)
    )
    caller = as_(SECRETARY)
    path = f"/api/v1/meetings/{lederdag.pk}/programme/product"
    with time_machine.travel(lederdag.end, tick=False):
        empty = caller.client.post(path, {"title": "  "}, **caller.headers)
        assert empty.status_code == 400
        shared = caller.client.post(path, {"title": "Fem principper"}, **caller.headers)
        assert shared.status_code == 200, shared.json()
        assert shared.json()["product"]["title"] == "Fem principper"
        assert as_(LEADER).get(f"/meetings/{lederdag.pk}/programme").json()["product"]
        other = as_(OTHER)
        assert other.client.post(path, {"title": "X"}, **other.headers).status_code == 404
