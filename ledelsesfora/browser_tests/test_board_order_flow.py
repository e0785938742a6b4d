"""The secretariat orders the agenda from the keyboard while a returned item belongs to the
meeting: the board is not reloaded, the pressed button keeps the focus, and the live region
says where the item went. Checked with axe."""

import datetime

import pytest

from ledelsesfora.browser_tests.conftest import check_accessibility
from ledelsesfora.browser_tests.test_agenda_flow import as_person
from ledelsesfora.meetings.models import Meeting

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
    ids=["desk", "phone"],
)
def test_ordering_by_keyboard_keeps_focus_and_says_where_the_item_went(browser, site, viewport):
    meeting = Meeting.objects.get(
        forum__organisation__slug="albertslund",
        forum__short_name="DIF",
        start__date=datetime.date(2026, 12, 1),
    )
    assert meeting.items.filter(status="returned").exists()  # the normal case: not on the agenda
    secretary = as_person(browser, site, "sekretaer@albertslund", viewport)
    secretary.goto(f"{site}/moede/{meeting.pk}/sekretariat/")
    secretary.evaluate("window.notReloaded = true")
    titles = secretary.locator("#board .movable h2")
    first = titles.nth(0).inner_text().split(". ", 1)[1]
    down = secretary.locator("button[id^=down-]").first
    button = down.get_attribute("id")
    down.focus()
    secretary.keyboard.press("Enter")
    status = secretary.locator("#board-status")
    status.get_by_text(f"{first} er nu nummer 5 af 7.").wait_for()
    assert secretary.evaluate("window.notReloaded === true")
    assert secretary.evaluate("document.activeElement.id") == button
    assert titles.nth(1).inner_text().endswith(first)
    assert "minutter planlagt" in secretary.locator(".time-budget").inner_text()
    check_accessibility(secretary)
