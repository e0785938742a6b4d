"""Every list page costs the same number of queries however much data it shows: the agenda, the
board, Mine punkter, the minutes, Opfølgning, the forum page and the year plan (measured before
and after more items, decisions, actions and published agendas)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ledelsesfora.agenda import agendas, operations
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.minutes import operations as minutes

pytestmark = pytest.mark.django_db

AGENDA_PAGE_QUERIES = 11  # one of them finds the closed items for the security log


def count(client, url: str) -> int:
    client.get(url)  # warm: the first page after a login may refresh the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def fill(who, forum, meeting, n: int, *, decide: bool = False):
    """`n` approved items with presenters on the meeting; with `decide`, each decided in the
    minutes with a follow-up action for the director."""
    director, secretary = who("omraadedirektoer"), who("sekretaer")
    items = []
    with time_machine.travel(datetime.datetime(2027, 3, 1, 10, tzinfo=TIMEZONE), tick=False):
        for index in range(n):
            item = operations.create_item(
                forum("DIF"),
                ItemData(title=f"Punkt {index}", kind="information", responsible_director=director),
                by=director,
                meeting=meeting,
                presenters=[director],
            )
            operations.submit_item(item, by=director)
            operations.review_item(item, by=secretary)
            items.append(operations.approve_item(item, by=director))
    return items


def test_the_agenda_the_board_and_my_items_cost_the_same_for_more_items(login, who, forum, meeting):
    dif = meeting("DIF", 2027, 3, 9)
    pages = {
        "borgmester": f"/moede/{dif.pk}/",
        "sekretaer": f"/moede/{dif.pk}/sekretariat/",
        "omraadedirektoer": "/albertslund/punkter/",
    }
    fill(who, forum, dif, 2)
    with time_machine.travel(datetime.datetime(2027, 3, 5, 12, tzinfo=TIMEZONE), tick=False):
        agendas.publish_agenda(dif, by=who("sekretaer"))
        few = {name: count(login(name), url) for name, url in pages.items()}
        fill(who, forum, meeting("DIF", 2027, 3, 16), 12)
        agendas.publish_agenda(meeting("DIF", 2027, 3, 16), by=who("sekretaer"))
        fill(who, forum, dif, 12)
        many = {name: count(login(name), url) for name, url in pages.items()}
    assert many == few
    assert few["borgmester"] <= AGENDA_PAGE_QUERIES
    page = login("borgmester").get(f"/moede/{dif.pk}/").content.decode()
    assert "Punkt 11" in page  # the late items, approved, are on the published agenda


def test_the_minutes_and_follow_up_cost_the_same_for_more_decisions(login, who, forum, meeting):
    dif = meeting("DIF", 2027, 3, 9)
    items = fill(who, forum, dif, 14)
    director, secretary = who("omraadedirektoer"), who("sekretaer")
    with time_machine.travel(datetime.datetime(2027, 3, 5, 12, tzinfo=TIMEZONE), tick=False):
        agendas.publish_agenda(dif, by=secretary)

    def decide(some):
        with time_machine.travel(datetime.datetime(2027, 3, 9, 12, tzinfo=TIMEZONE), tick=False):
            for item in AgendaItem.objects.filter(pk__in=[i.pk for i in some]):
                minutes.record_outcome(item, by=secretary, outcome="decided", text="Godkendt.")
                minutes.add_followup(
                    item, by=secretary, title="Følg op", owner=director, due=dif.start.date()
                )

    pages = {
        "sekretaer": f"/moede/{dif.pk}/referat/",
        "omraadedirektoer": "/albertslund/opfoelgning/",
    }
    decide(items[:2])
    with time_machine.travel(datetime.datetime(2027, 3, 10, 9, tzinfo=TIMEZONE), tick=False):
        few = {name: count(login(name), url) for name, url in pages.items()}
    decide(items[2:])
    with time_machine.travel(datetime.datetime(2027, 3, 10, 9, tzinfo=TIMEZONE), tick=False):
        many = {name: count(login(name), url) for name, url in pages.items()}
    assert many == few
