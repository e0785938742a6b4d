"""The secretariat plans a year in the browser; the plan and the årshjul are accessible."""

import pytest

from ledelsesfora.browser_tests.conftest import check_accessibility
from ledelsesfora.browser_tests.test_forum_pages import log_in

pytestmark = pytest.mark.browser


def test_the_secretariat_stores_a_year_and_sees_the_wheel(page, site):
    log_in(page, site, "sekretaer@albertslund")
    page.get_by_role("link", name="Årsplan").click()
    page.get_by_label("År", exact=True).select_option(index=2)
    page.get_by_label("Forum", exact=True).select_option("CF")
    page.get_by_role("button", name="Vis plan").click()
    heading = page.get_by_role("heading", level=1)
    year = int(heading.inner_text().split()[1].rstrip(":"))
    check_accessibility(page)
    page.get_by_role("button", name=f"Gem planen for CF {year}").click()
    assert page.get_by_text(f"Planen for {year} er gemt:").is_visible()
    assert page.locator("td[data-title='Uge']").count() == 24

    page.get_by_role("link", name="Se året som årshjul").click()
    assert page.get_by_role("heading", name=f"Årshjul {year}").is_visible()
    assert page.locator("svg.wheel circle title").count() > 24
    check_accessibility(page)


def test_the_year_plan_fits_a_phone(browser, site):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, locale="da-DK"
    )
    page = context.new_page()
    log_in(page, site, "leder@vejen")
    page.goto(f"{site}/vejen/aarsplan/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page)
    context.close()
