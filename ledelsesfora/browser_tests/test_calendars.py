"""A member takes their calendar address into Outlook: make it, copy it with the mouse and with
the keyboard, or open it as webcal; the page is accessible on the desktop and on a phone."""

import re

import pytest

from ledelsesfora.browser_tests.conftest import check_accessibility
from ledelsesfora.browser_tests.test_forum_pages import log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_a_member_copies_the_calendar_address(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="da-DK")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page = context.new_page()
    log_in(page, site, "omraadedirektoer@albertslund")
    page.get_by_role("link", name="Kalendere").click()
    page.get_by_role("button", name="Lav min kalenderadresse").click()
    address = page.get_by_label("Adressen på din personlige kalender").input_value()
    assert address.startswith(f"{site}/kalender/") and address.endswith("/personlig.ics")
    webcal = page.get_by_role("link", name=re.compile("^Åbn i kalenderprogram.*personlige"))
    assert webcal.get_attribute("href") == "webcal://" + address.split("://", 1)[1]

    page.get_by_role("button", name=re.compile("^Kopiér.*personlige kalender")).click()
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert page.get_by_role("status").filter(has_text="Adressen er kopieret.").count() == 1

    page.get_by_label("Chefforum").focus()  # the keyboard: Tab to the copy button, Enter
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()").endswith("/albertslund/CF.ics")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    check_accessibility(page)
    context.close()
