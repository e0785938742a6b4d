"""`ledelsesfora token create|revoke USERNAME`."""

import pytest
from django.core.management import call_command

from ledelsesfora.api.models import ApiToken

pytestmark = pytest.mark.django_db

MEETINGS = "/api/v1/organisations/albertslund/forums/DIF/meetings"


def run(*args):
    try:
        call_command("token", *args)
    except SystemExit as exit:
        return exit.code
    return 0


def test_create_prints_only_a_working_token(client, capsys):
    assert run("create", "kommunaldirektoer@albertslund") == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 1
    token = out.strip()
    assert len(token) >= 43
    response = client.get(MEETINGS, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


def test_create_names_the_token(capsys):
    run("create", "kommunaldirektoer@albertslund", "--name", "Power BI")
    assert ApiToken.objects.get(person__username="kommunaldirektoer@albertslund").name == "Power BI"


def test_each_token_is_new(capsys):
    run("create", "sekretaer@vejen")
    run("create", "sekretaer@vejen")
    first, second = capsys.readouterr().out.split()
    assert first != second


@pytest.mark.parametrize("action", ["create", "revoke"])
def test_an_unknown_username_fails_clearly(capsys, action):
    assert run(action, "nobody@albertslund") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "No person has the username 'nobody@albertslund'" in captured.err


def test_revoke_stops_every_token_of_the_person(client, capsys):
    run("create", "leder@albertslund")
    run("create", "leder@albertslund")
    first, _second = capsys.readouterr().out.split()
    assert run("revoke", "leder@albertslund") == 0
    assert capsys.readouterr().out == "Revoked 2 tokens of leder@albertslund.\n"
    response = client.get(MEETINGS, HTTP_AUTHORIZATION=f"Bearer {first}")
    assert response.status_code == 401
