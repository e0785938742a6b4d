"""A director looks for what was decided: from the search box in the header, by keyboard,
narrowing to one kind in the filters; the pages are accessible and fit a phone."""

import pytest

from ledelsesfora.browser_tests.conftest import check_accessibility
from ledelsesfora.browser_tests.test_forum_pages import log_in

pytestmark = pytest.mark.browser


def test_searching_from_the_header_with_the_keyboard(page, site):
    log_in(page, site, "sekretaer@albertslund")
    page.goto(f"{site}/albertslund/")
    box = page.get_by_role("searchbox", name="Søg i dagsordener, beslutninger og referater")
    box.focus()
    page.keyboard.type("budgetter")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/albertslund/soeg/?q=budgetter" in page.url
    assert page.get_by_role("heading", name="Dagsordenspunkter").is_visible()
    marked = page.locator(".search-hit-title mark").first.inner_text().lower()
    assert marked.startswith("budget") and marked != "budgetter"  # a form of the word
    check_accessibility(page)

    page.get_by_label("Søg efter").focus()
    page.keyboard.press("Tab")  # to "Afgræns søgningen"
    page.keyboard.press("Enter")
    page.get_by_label("Type").select_option("item")
    page.get_by_label("Forum").select_option("CF")
    with page.expect_navigation():
        page.get_by_role("button", name="Søg", exact=True).click()
    facts = page.locator(".search-hit-facts").all_inner_texts()
    assert facts and all("Dagsordenspunkt" in f and "CF" in f for f in facts)
    check_accessibility(page)
    first = page.locator(".search-hit-title a").first
    title = first.inner_text()
    first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith(title)


def test_the_search_page_fits_a_phone(browser, site):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, locale="da-DK"
    )
    page = context.new_page()
    log_in(page, site, "sekretaer@albertslund")
    page.goto(f"{site}/albertslund/soeg/?q=leder")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page)
    context.close()
