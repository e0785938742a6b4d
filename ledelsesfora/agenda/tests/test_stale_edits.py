"""Two people editing one item: the later save does not silently overwrite the earlier one.
It is refused with both versions shown, and saved when sent again (agenda/operations.py)."""

import json
import re

import pytest

from ledelsesfora.agenda import operations
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.api.tests.test_api import Caller

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(who, forum):
    director = who("omraadedirektoer")
    return operations.create_item(
        forum("DIF"),
        ItemData(
            title="Fælles rekruttering",
            kind="information",
            background="Første tekst.",
            responsible_director=director,
        ),
        by=director,
    )


def fields_of(page) -> dict:
    """What the edit form sends back as it stands."""
    html = page.content.decode()
    values = dict(re.findall(r'<input type="hidden" name="(seen|once)" value="([^"]*)"', html))
    values.update(
        title=re.search(r'name="title"[^>]*value="([^"]*)"', html).group(1),
        kind="information",
        duration_minutes="15",
    )
    return values


def test_a_save_over_someone_elses_later_change_shows_both_and_keeps_theirs(login, item):
    secretary, director = login("sekretaer"), None
    mine = fields_of(secretary.get(f"/punkt/{item.pk}/rediger/"))
    director = login("omraadedirektoer")
    theirs = fields_of(director.get(f"/punkt/{item.pk}/rediger/"))
    director.post(
        f"/punkt/{item.pk}/rediger/",
        {**theirs, "background": "Direktørens nye tekst.", "title": "Fælles rekruttering 2028"},
    )
    secretary = login("sekretaer")
    refused = secretary.post(
        f"/punkt/{item.pk}/rediger/", {**mine, "background": "Sekretariatets tekst."}
    )
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "gemte en ændring af punktet kl." in page
    assert "Direktørens nye tekst." in page  # theirs, above the form
    assert "Sekretariatets tekst." in page  # mine, kept in the form
    item.refresh_from_db()
    assert item.background == "Direktørens nye tekst."

    again = fields_of(refused)  # the form now carries the version just shown
    saved = secretary.post(
        f"/punkt/{item.pk}/rediger/",
        {**again, "background": "Sekretariatets tekst.", "title": "Fælles rekruttering 2028"},
    )
    assert saved.status_code == 302
    item.refresh_from_db()
    assert item.background == "Sekretariatets tekst."


def test_a_step_taken_meanwhile_does_not_make_the_form_stale(login, who, item):
    form = fields_of(login("omraadedirektoer").get(f"/punkt/{item.pk}/rediger/"))
    operations.submit_item(item, by=who("omraadedirektoer"))
    operations.review_item(AgendaItem.objects.get(pk=item.pk), by=who("sekretaer"))
    saved = login("sekretaer").post(
        f"/punkt/{item.pk}/rediger/", {**form, "background": "Efter kvalitetssikringen."}
    )
    assert saved.status_code == 302


def test_the_api_refuses_a_change_over_a_newer_version(client, item):
    director = Caller(client, "omraadedirektoer@albertslund")
    secretary = Caller(client, "sekretaer@albertslund")
    version = director.get(f"/items/{item.pk}").json()["version"]
    changed = secretary.patch(f"/items/{item.pk}", {"background": "Nyere.", "version": version})
    assert changed.status_code == 200 and changed.json()["version"] != version
    stale = director.patch(f"/items/{item.pk}", {"background": "Ældre.", "version": version})
    assert stale.status_code == 409
    assert "intet er gemt" in json.dumps(stale.json(), ensure_ascii=False)
    assert AgendaItem.objects.get(pk=item.pk).background == "Nyere."
    unchecked = director.patch(f"/items/{item.pk}", {"background": "Uden version."})
    assert unchecked.status_code == 200  # no version given: the caller takes the risk
