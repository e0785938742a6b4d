"""The secretariat's event pages pass axe at desktop and phone width, and their forms work by
keyboard: the participant list, the budget, the register of venues and the register of
external representation."""

import pytest

from ledelsesfora.browser_tests.conftest import check_accessibility
from ledelsesfora.browser_tests.test_agenda_flow import as_person
from ledelsesfora.meetings.models import Meeting

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [None, {"width": 390, "height": 844}])
def test_the_event_pages_are_accessible(browser, site, viewport):
    lederdag = Meeting.objects.get(
        forum__organisation__slug="albertslund",
        forum__short_name="LF",
        start__date="2027-03-11",
    )
    secretary = as_person(browser, site, "sekretaer@albertslund", viewport)
    for path in (
        f"/moede/{lederdag.pk}/deltagere/",
        f"/moede/{lederdag.pk}/budget/",
        f"/moede/{lederdag.pk}/program/",
        f"/moede/{lederdag.pk}/drejebog/",
        "/albertslund/steder/",
        "/albertslund/repraesentation/",
        "/albertslund/budget/?aar=2027",
    ):
        secretary.goto(site + path)
        check_accessibility(secretary)


def test_a_venue_is_added_by_keyboard(browser, site):
    secretary = as_person(browser, site, "sekretaer@albertslund")
    secretary.goto(f"{site}/albertslund/steder/")
    secretary.get_by_label("Navn").focus()
    secretary.keyboard.type("Kulturhuset")
    secretary.keyboard.press("Tab")
    secretary.keyboard.type("Torvet 1")
    secretary.keyboard.press("Tab")
    secretary.keyboard.type("5")
    secretary.keyboard.press("Tab")
    secretary.keyboard.press("Tab")
    secretary.keyboard.press("Space")  # in the municipality
    secretary.get_by_role("button", name="Tilføj mødestedet").press("Enter")
    assert secretary.get_by_text("Registret over mødesteder er gemt.").is_visible()
    row = secretary.locator("tr", has_text="Kulturhuset")
    assert row.get_by_text("5 min.").is_visible()
    assert row.locator("td").nth(2).inner_text().strip() == "ja"  # the checkbox, by Space
