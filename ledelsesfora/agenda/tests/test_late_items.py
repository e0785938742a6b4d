"""A submitter who missed the deadline chooses, on the item's page: move it to the next meeting
it can reach and submit it in one step, ask the secretariat to accept it late, or withdraw it."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client

from ledelsesfora.agenda import operations
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.meetings.planning import TIMEZONE

pytestmark = pytest.mark.django_db
AFTER_DEADLINE = datetime.datetime(2027, 3, 5, 10, tzinfo=TIMEZONE)  # DIF 9 March: due 4 March


@pytest.fixture
def late(clock, who, forum, meeting):
    director = who("omraadedirektoer")

    def draft(title):
        return operations.create_item(
            forum("DIF"),
            ItemData(title=title, kind="information", responsible_director=director),
            by=director,
            meeting=meeting("DIF", 2027, 3, 9),
        )

    return draft


def client_of(person):
    client = Client()
    client.force_login(person)
    return client


def test_a_late_item_moves_on_and_is_submitted_in_one_step(who, late, meeting):
    item = late("Ny strategi for ældreområdet")
    with time_machine.travel(AFTER_DEADLINE, tick=False):
        director = client_of(who("omraadedirektoer"))
        page = director.get(f"/punkt/{item.pk}/").content.decode()
        assert "Fristen for dette møde er overskredet" in page
        assert "Flyt til tir 16. mar, og indsend" in page
        director.post(f"/punkt/{item.pk}/naeste-moede/")
    item = AgendaItem.objects.get(pk=item.pk)
    assert item.meeting == meeting("DIF", 2027, 3, 16) and item.status == "submitted"


def test_asking_the_secretariat_mails_it_with_the_reason(
    who, late, django_capture_on_commit_callbacks
):
    item = late("Akut budgetsag")
    with time_machine.travel(AFTER_DEADLINE, tick=False):
        director = client_of(who("omraadedirektoer"))
        empty = director.post(f"/punkt/{item.pk}/for-sent/", {"reason": " "}, follow=True)
        assert "Skriv, hvorfor punktet ikke kan vente" in empty.content.decode()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            director.post(f"/punkt/{item.pk}/for-sent/", {"reason": "Byrådet beslutter 10/3"})
    (asked,) = [m for m in mail.outbox if who("sekretaer").email in m.to]
    assert "Akut budgetsag" in asked.subject and "Byrådet beslutter 10/3" in asked.body
    assert item.events.filter(action="asked-late", note="Byrådet beslutter 10/3").exists()
    assert AgendaItem.objects.get(pk=item.pk).status == "draft"  # the secretariat decides


def test_a_late_item_is_withdrawn_by_its_submitter_alone(who, late):
    item = late("Mødeplan")
    with time_machine.travel(AFTER_DEADLINE, tick=False):
        other = client_of(who("borgmester"))  # a member, not in the item's process
        assert other.post(f"/punkt/{item.pk}/traek-tilbage/").status_code == 404
        elsewhere = client_of(who("afdelingschef", "vejen"))
        assert elsewhere.post(f"/punkt/{item.pk}/traek-tilbage/").status_code == 404
        assert Client().post(f"/punkt/{item.pk}/traek-tilbage/").status_code == 302
        client_of(who("omraadedirektoer")).post(f"/punkt/{item.pk}/traek-tilbage/")
    assert AgendaItem.objects.get(pk=item.pk).status == "withdrawn"


def test_the_api_offers_the_same_three_choices(who, late, meeting, client):
    from ledelsesfora.api.tests.test_api import Caller

    first, second, third = late("Første"), late("Anden"), late("Tredje")
    with time_machine.travel(AFTER_DEADLINE, tick=False):
        director = Caller(client, "omraadedirektoer@albertslund")
        refused = director.post(f"/items/{first.pk}/submit")
        assert refused.status_code == 409 and "16. marts 2027" in refused.json()["detail"]
        moved = director.post(f"/items/{first.pk}/submit-next").json()
        assert moved["status"] == "submitted"
        assert director.post(f"/items/{second.pk}/ask-late", {"reason": ""}).status_code == 409
        assert (
            director.post(f"/items/{second.pk}/ask-late", {"reason": "Haster"}).status_code == 200
        )
        assert director.post(f"/items/{third.pk}/withdraw").json()["status"] == "withdrawn"
        member = Caller(client, "borgmester@albertslund")
        assert member.post(f"/items/{second.pk}/withdraw").status_code == 404
    assert AgendaItem.objects.get(pk=first.pk).meeting == meeting("DIF", 2027, 3, 16)
