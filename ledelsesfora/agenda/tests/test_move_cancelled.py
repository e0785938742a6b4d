"""The items of a cancelled meeting go to another meeting, or the backlog, in one step."""

import json

import pytest
from django.core import mail

from ledelsesfora.agenda import operations
from ledelsesfora.agenda.models import AgendaItem, ItemEvent
from ledelsesfora.agenda.operations import AgendaError, ItemData
from ledelsesfora.api.auth import create_token
from ledelsesfora.meetings.operations import cancel_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def cancelled(clock, who, forum, meeting):
    """DIF's meeting of 9 March 2027 with a submitted item and a draft, then cancelled."""
    dif = meeting("DIF", 2027, 3, 9)
    director, chief = who("omraadedirektoer"), who("chef-oekonomi-stab")
    submitted = operations.create_item(
        forum("DIF"),
        ItemData(title="Budgetproces 2028", kind="information", responsible_director=director),
        by=director,
        meeting=dif,
    )
    operations.submit_item(submitted, by=director)
    operations.create_item(
        forum("DIF"),
        ItemData(title="Kladde om lokaler", kind="information", responsible_director=director),
        by=chief,
        meeting=dif,
    )
    result = cancel_meeting(dif, reason="Budgetseminar", by=who("sekretaer"))
    assert result.items_waiting == 2
    mail.outbox.clear()
    return dif


def titles(meeting):
    return set(meeting.items.filter(standing=False).values_list("title", flat=True))


def test_every_item_moves_to_the_next_meeting_and_the_submitters_are_told(
    cancelled, who, meeting, django_capture_on_commit_callbacks
):
    standing_before = cancelled.items.filter(standing=True).count()
    target = meeting("DIF", 2027, 3, 16)
    already = titles(target)
    with django_capture_on_commit_callbacks(execute=True):
        result = operations.move_meeting_items(cancelled, to=target, by=who("sekretaer"))
    assert {item.title for item in result.moved} == {"Budgetproces 2028", "Kladde om lokaler"}
    assert result.kept == []
    assert titles(target) == already | {"Budgetproces 2028", "Kladde om lokaler"}
    assert titles(cancelled) == set()
    assert cancelled.items.filter(standing=True).count() == standing_before
    moved = AgendaItem.objects.get(title="Budgetproces 2028")
    assert moved.status == "submitted"  # its place in the workflow is kept
    event = ItemEvent.objects.filter(item=moved, action="moved").get()
    assert event.by == who("sekretaer") and event.note == "mødet blev aflyst"
    to_whom = {tuple(m.to): m for m in mail.outbox}
    assert set(to_whom) == {
        ("omraadedirektoer@albertslund.demo.invalid",),
        ("chef-oekonomi-stab@albertslund.demo.invalid",),
    }
    letter = to_whom[("chef-oekonomi-stab@albertslund.demo.invalid",)]
    assert "Kladde om lokaler" in letter.body and "Budgetproces" not in letter.body
    assert "tirsdag 16. marts 2027" in letter.body


def test_to_the_backlog(cancelled, who, forum):
    operations.move_meeting_items(cancelled, to=None, by=who("sekretaer"))
    backlog = forum("DIF").items.filter(meeting__isnull=True)
    assert {"Budgetproces 2028", "Kladde om lokaler"} <= set(
        backlog.values_list("title", flat=True)
    )


def test_an_item_of_the_annual_cycle_the_other_meeting_has_stays(cancelled, who, meeting):
    target = meeting("DIF", 2027, 3, 16)
    item = cancelled.items.filter(standing=False).first()
    item.recurring_key = "oekonomi"
    item.save()
    AgendaItem.objects.create(
        forum=target.forum,
        meeting=target,
        title="Økonomirapport",
        kind="information",
        author=who("sekretaer"),
        recurring_key="oekonomi",
    )
    result = operations.move_meeting_items(cancelled, to=target, by=who("sekretaer"))
    assert [kept.pk for kept in result.kept] == [item.pk]
    assert "allerede" in result.kept[0].reason
    assert titles(cancelled) == {item.title}


@pytest.mark.parametrize(
    "target, message",
    [
        (("DIF", 2027, 2, 23), "som stadig ligger forude"),  # held already
        (("CF", 2027, 3, 3), "som stadig ligger forude"),  # another forum
    ],
)
def test_the_target_must_be_a_meeting_of_the_forum_still_ahead(
    cancelled, who, meeting, target, message
):
    with pytest.raises(AgendaError, match=message):
        operations.move_meeting_items(cancelled, to=meeting(*target), by=who("sekretaer"))
    assert len(titles(cancelled)) == 2


def test_only_from_a_meeting_that_does_not_take_place(clock, who, meeting):
    with pytest.raises(AgendaError, match="Mødet holdes"):
        operations.move_meeting_items(
            meeting("DIF", 2027, 3, 9), to=meeting("DIF", 2027, 3, 16), by=who("sekretaer")
        )


def test_only_the_secretariat_moves_them(cancelled, who, meeting):
    with pytest.raises(AgendaError, match="Kun sekretariatet"):
        operations.move_meeting_items(
            cancelled, to=meeting("DIF", 2027, 3, 16), by=who("kommunaldirektoer")
        )


# --- the pages --------------------------------------------------------------------------------


def test_cancelling_leads_to_the_board_with_the_next_meeting_chosen(clock, login, meeting, who):
    dif = meeting("DIF", 2027, 3, 9)
    director = who("omraadedirektoer")
    operations.create_item(
        dif.forum, ItemData(title="Et punkt", kind="information"), by=director, meeting=dif
    )
    client = login("sekretaer")
    answer = client.post(f"/moede/{dif.pk}/indstillinger/aflys/", {"reason": "Budgetseminar"})
    assert answer.status_code == 302 and answer["Location"] == f"/moede/{dif.pk}/sekretariat/"
    board = client.get(answer["Location"]).content.decode()
    assert "1 punkt venter stadig på det" in board
    nxt = meeting("DIF", 2027, 3, 16)
    assert f'<option value="{nxt.pk}" selected>tirsdag 16. marts 2027, 09:00</option>' in board
    assert '<option value="">Forummets punktliste' in board
    moved = client.post(f"/moede/{dif.pk}/flyt-punkter/", {"to": str(nxt.pk)})
    assert moved["Location"] == f"/moede/{nxt.pk}/sekretariat/"
    assert "Et punkt" in titles(nxt)


def test_a_target_not_offered_is_refused_and_nothing_moves(cancelled, login, meeting):
    client = login("sekretaer")
    other = meeting("CF", 2027, 3, 3)
    answer = client.post(f"/moede/{cancelled.pk}/flyt-punkter/", {"to": str(other.pk)})
    assert answer.status_code == 302
    page = client.get(answer["Location"]).content.decode()
    assert "Vælg et af de tilbudte møder" in page
    assert len(titles(cancelled)) == 2


@pytest.mark.parametrize(
    "username, status",
    [
        ("kommunaldirektoer@albertslund", 403),  # a member, not the secretariat
        ("leder@albertslund", 404),  # of the municipality, not a member: sees no agenda
        ("sekretaer@vejen", 404),  # another municipality
    ],
)
def test_no_one_else_moves_them(cancelled, login, meeting, username, status):
    client = login(username)
    answer = client.post(
        f"/moede/{cancelled.pk}/flyt-punkter/", {"to": str(meeting("DIF", 2027, 3, 16).pk)}
    )
    assert answer.status_code == status
    assert len(titles(cancelled)) == 2
    board = client.get(f"/moede/{cancelled.pk}/sekretariat/")
    assert board.status_code == 404


def test_the_board_of_a_meeting_that_takes_place_offers_no_move(clock, login, meeting):
    board = login("sekretaer").get(f"/moede/{meeting('DIF', 2027, 3, 9).pk}/sekretariat/")
    assert "flyt-punkter" not in board.content.decode()


# --- the API ----------------------------------------------------------------------------------


def post(client, username, path, body):
    from ledelsesfora.organisation.models import Person

    token = create_token(Person.objects.get(username=username))
    return client.post(
        f"/api/v1{path}",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_the_api_moves_them_in_one_call(cancelled, client, meeting):
    target = meeting("DIF", 2027, 3, 16)
    answer = post(
        client, "sekretaer@albertslund", f"/meetings/{cancelled.pk}/move-items", {"to": target.pk}
    )
    assert answer.status_code == 200
    assert len(answer.json()["moved"]) == 2 and answer.json()["kept"] == []


@pytest.mark.parametrize(
    "username, body, status",
    [
        ("sekretaer@vejen", {"to": None}, 404),
        ("kommunaldirektoer@albertslund", {"to": None}, 409),
        ("sekretaer@albertslund", {"to": 2**70}, 422),
        ("sekretaer@albertslund", {}, 422),
    ],
)
def test_the_api_refuses(cancelled, client, username, body, status):
    answer = post(client, username, f"/meetings/{cancelled.pk}/move-items", body)
    assert answer.status_code == status
    assert len(titles(cancelled)) == 2
