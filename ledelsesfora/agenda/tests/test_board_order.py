"""Ordering the agenda on the board: with drafts on the meeting (the normal case), without a
reload (htmx answers with the board's items and a sentence for the live region), and only for
the secretariat."""

import re

import pytest
from django.test import Client

from ledelsesfora.agenda import agendas, operations
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.agenda.tests.test_publication import ready_item
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def board(clock, who, forum, meeting):
    """DIF 9 March 2027 with two items on the agenda and a draft that is not (yet)."""
    dif = meeting("DIF", 2027, 3, 9)
    first = ready_item(who, forum("DIF"), dif, "Første")
    second = ready_item(who, forum("DIF"), dif, "Anden")
    director = who("omraadedirektoer")
    draft = operations.create_item(
        forum("DIF"), ItemData(title="Kladde", kind="information"), by=director, meeting=dif
    )
    return dif, first, second, draft


def client_of(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def titles(html: str) -> list[str]:
    return re.findall(r'<a href="/punkt/\d+/">([^<]+)</a></h2>', html)


def test_the_agenda_is_ordered_while_a_draft_belongs_to_the_meeting(who, board):
    dif, first, second, _draft = board
    agendas.reorder_agenda(dif, [second.pk, first.pk], by=who("sekretaer"))
    ordered = list(dif.items.filter(standing=False).in_order().values_list("title", flat=True))
    assert ordered == ["Anden", "Første", "Kladde"]  # the draft follows, and keeps its place


def test_up_and_down_answer_htmx_with_the_new_order_and_what_moved(who, board):
    dif, first, second, _draft = board
    secretary = client_of(who("sekretaer"))
    response = secretary.post(f"/punkt/{second.pk}/move/", {"direction": "up"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="board-order"' in html and "<html" not in html  # the board's items, not a page
    assert titles(html) == ["Anden", "Første"]
    assert "Anden er nu nummer 4 af 5." in html  # after the charter's three standing items
    assert 'hx-swap-oob="true"' in html
    refused = secretary.post(f"/moede/{dif.pk}/order/", {"order": f"[{first.pk}]"}, **HTMX)
    assert refused.status_code == 409
    assert "skal nævne hvert punkt på dagsordenen én gang" in refused.content.decode()
    dragged = secretary.post(
        f"/moede/{dif.pk}/order/",
        {"order": f"[{first.pk}, {second.pk}]"},
        **HTMX,
    )
    assert titles(dragged.content.decode()) == ["Første", "Anden"]
    assert "Rækkefølgen er gemt." in dragged.content.decode()


def test_only_the_secretariat_gets_the_board_order(who, board):
    dif, _first, second, _draft = board
    url = f"/punkt/{second.pk}/move/"
    assert Client().post(url, {"direction": "up"}, **HTMX).status_code == 302
    member = client_of(who("omraadedirektoer"))
    assert member.post(url, {"direction": "up"}, **HTMX).status_code == 404
    elsewhere = Person.objects.filter(organisation__slug="vejen").first()
    assert client_of(elsewhere).post(url, {"direction": "up"}, **HTMX).status_code == 404
    order = f"/moede/{dif.pk}/order/"
    assert member.post(order, {"order": "[]"}, **HTMX).status_code in (403, 404)


def test_a_refused_publication_names_each_item_and_why_with_a_link(who, forum, board):
    dif, _first, _second, _draft = board
    director = who("omraadedirektoer")
    unchecked = operations.submit_item(
        operations.create_item(
            forum("DIF"),
            ItemData(title="Ukontrolleret", kind="information", responsible_director=director),
            by=director,
            meeting=dif,
        ),
        by=director,
    )
    unapproved = operations.review_item(
        operations.submit_item(
            operations.create_item(
                forum("DIF"),
                ItemData(title="Ikke godkendt", kind="information", responsible_director=director),
                by=director,
                meeting=dif,
            ),
            by=director,
        ),
        by=who("sekretaer"),
    )
    secretary = client_of(who("sekretaer"))
    page = secretary.post(f"/moede/{dif.pk}/publish/", follow=True).content.decode()
    assert "disse punkter er ikke klar" in page
    assert (
        f'– <a href="/punkt/{unchecked.pk}/">Ukontrolleret</a>:'
        " endnu ikke kvalitetssikret af sekretariatet"
    ) in page
    assert (
        f'– <a href="/punkt/{unapproved.pk}/">Ikke godkendt</a>:'
        f" godkendelsen fra {director.full_name} mangler"
    ) in page
    assert "Godkendelsen fra" in page  # the board marks the item with the same reason
