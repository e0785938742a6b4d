"""The themes' JSON API: the same reads and steps as the pages, for each kind of caller."""

import pytest

from ledelsesfora.api.tests.test_api import Caller
from ledelsesfora.minutes.models import Outcome
from ledelsesfora.themes.models import Theme
from ledelsesfora.themes.tests.conftest import CHEF, LEADER, MAYOR, OTHER, SECRETARY

pytestmark = pytest.mark.django_db
LF = "/organisations/albertslund/forums/LF/themes"


@pytest.fixture
def as_(client):
    return lambda username: Caller(client, username)


def test_a_manager_lists_lederforums_themes(as_):
    answer = as_(LEADER).get(LF)
    assert answer.status_code == 200
    titles = {t["title"]: t for t in answer.json()["items"]}
    assert "Forandringsledelse" in titles
    assert titles["Forandringsledelse"]["status"] == "proposed"
    assert {t["status"] for t in as_(LEADER).get(LF, {"status": "withdrawn"}).json()["items"]} == {
        "withdrawn"
    }


def test_proposing_and_giving_input(as_):
    caller = as_(LEADER)
    made = caller.post(LF, {"title": "Nærværende ledelse", "description": "Fordi."})
    assert made.status_code == 201, made.json()
    theme = made.json()
    assert theme["via"] == "LF" and theme["status"] == "proposed"
    given = as_(CHEF).post(f"/themes/{theme['id']}/inputs", {"text": "Enig."})
    assert given.status_code == 201
    assert [i["text"] for i in given.json()["inputs"]] == ["Enig."]
    assert caller.get(f"/themes/{theme['id']}").json()["inputs"][0]["text"] == "Enig."


def test_bad_input_is_a_400_and_a_refused_step_a_409(as_):
    assert as_(LEADER).post(LF, {"title": "   "}).status_code == 400
    assert as_(LEADER).post(LF, {"description": "no title"}).status_code == 422
    refused = as_(MAYOR).post(LF, {"title": "Borgmesterens tema"})
    assert refused.status_code == 409 and "Chefforum" in refused.json()["detail"]
    assert not Theme.objects.filter(title="Borgmesterens tema").exists()


def test_another_municipality_gets_404_everywhere(as_, lf_theme):
    theme = lf_theme("Forandringsledelse")
    caller = as_(OTHER)
    assert caller.get(LF).status_code == 404
    assert caller.post(LF, {"title": "Fra Vejen"}).status_code == 404
    assert caller.get(f"/themes/{theme.pk}").status_code == 404
    assert caller.post(f"/themes/{theme.pk}/inputs", {"text": "x"}).status_code == 404
    assert caller.post(f"/themes/{theme.pk}/withdraw").status_code == 404
    assert not theme.inputs.filter(text="x").exists()


def test_an_employee_outside_the_forums_gets_404(client, consultant, lf_theme):
    from ledelsesfora.api.auth import create_token

    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(consultant)}"}
    assert client.get(f"/api/v1{LF}", **headers).status_code == 404
    theme = lf_theme("Forandringsledelse")
    assert client.get(f"/api/v1/themes/{theme.pk}", **headers).status_code == 404


def test_withdrawing(as_, lf_theme):
    theme = lf_theme("Styringskonceptet én kommune, én organisation")
    assert as_(CHEF).post(f"/themes/{theme.pk}/withdraw").status_code == 409
    answer = as_(theme.proposed_by.username).post(f"/themes/{theme.pk}/withdraw")
    assert answer.status_code == 200 and answer.json()["status"] == "withdrawn"


def test_selecting_on_difs_item(as_, at_the_meeting, lf_theme):
    theme = lf_theme("Forandringsledelse")
    path = f"/items/{at_the_meeting.pk}/select-theme"
    assert as_(LEADER).post(path, {"theme": theme.pk}).status_code == 404  # not their item
    assert as_(SECRETARY).post(path, {"theme": 10**12}).status_code == 400
    answer = as_(SECRETARY).post(path, {"theme": theme.pk, "note": "Enstemmigt."})
    assert answer.status_code == 200, answer.json()
    selection = answer.json()["selection"]
    assert selection["meeting"] == at_the_meeting.theme_for_id
    assert selection["item"] == at_the_meeting.pk
    assert Outcome.objects.get(item=at_the_meeting).text.endswith("Enstemmigt.")
    # the manager sees the selection, but not DIF's item behind it
    seen = as_(LEADER).get(f"/themes/{theme.pk}").json()["selection"]
    assert seen["meeting"] == at_the_meeting.theme_for_id and seen["item"] is None


def test_selecting_before_the_meeting_is_a_409(as_, on_published_agenda, lf_theme):
    theme = lf_theme("Forandringsledelse")
    answer = as_(SECRETARY).post(
        f"/items/{on_published_agenda.pk}/select-theme", {"theme": theme.pk}
    )
    assert answer.status_code == 409
