"""The item form on a phone: a guest found by typing part of a name and chosen with the mouse,
"Lukket punkt" ticked from the keyboard by its own label. Checked with axe."""

import pytest

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.browser_tests.conftest import check_accessibility
from ledelsesfora.browser_tests.test_agenda_flow import as_person

pytestmark = pytest.mark.browser


def test_guests_are_found_by_name_and_a_closed_item_is_ticked_by_keyboard(browser, site):
    director = as_person(
        browser, site, "omraadedirektoer@albertslund", {"width": 390, "height": 844}
    )
    director.goto(f"{site}/albertslund/punkter/nyt/?forum=DIF")
    check_accessibility(director)
    director.get_by_label("Titel").fill("Rekruttering af ledere")
    director.get_by_label("Type").select_option("information")
    guests = director.locator("#id_guests-picker")
    guests.get_by_label("Find ud fra navn").fill("rasmussen")
    visible = guests.locator("li:visible")
    assert 0 < visible.count() < guests.locator("li").count()
    assert all("Rasmussen" in name for name in visible.all_inner_texts())
    chosen = visible.first.inner_text()
    visible.first.locator("label").click()
    director.get_by_label("Lukket punkt (kun forummets medlemmer kan se det)").focus()
    director.keyboard.press("Space")
    director.get_by_role("button", name="Gem").click()
    director.get_by_text("Punktet er gemt som kladde.").wait_for()
    item = AgendaItem.objects.get(title="Rekruttering af ledere")
    assert item.closed
    assert [g.full_name for g in item.guests.all()] == [chosen]
