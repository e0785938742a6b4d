"""A person logs in and reads their municipality's Chefforum, on a desktop and on a phone."""

import pytest

from ledelsesfora.browser_tests.conftest import check_accessibility
from ledelsesfora.demo.people import DEMO_PASSWORD
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.browser


def log_in(page, site, username):
    page.goto(f"{site}/login/")
    check_accessibility(page)
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()


def test_a_department_head_logs_in_and_opens_the_chefforum(page, site):
    log_in(page, site, "afdelingschef@albertslund")
    page.wait_for_url(f"{site}/albertslund/")
    assert page.get_by_role("heading", name="Ledelsesfora i Albertslund Kommune").is_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Chefforum").click()
    page.wait_for_url(f"{site}/albertslund/fora/CF/")
    assert page.get_by_role("heading", name="Chefforum (CF)", level=1).is_visible()
    for heading in ("Formål", "Faste medlemmer", "Indhold og form", "Møder og betjening"):
        assert page.get_by_role("heading", name=heading, level=2).is_visible()
    chef = Person.objects.get(username="afdelingschef@albertslund")
    assert page.get_by_text(chef.full_name, exact=True).first.is_visible()
    assert page.get_by_role(
        "img", name="Snitflader mellem Chefforum og de øvrige fora"
    ).is_visible()
    check_accessibility(page)


def test_the_wrong_password_is_explained(page, site):
    page.goto(f"{site}/login/")
    page.get_by_label("Brugernavn").fill("afdelingschef@albertslund")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    assert page.get_by_text("Brugernavn eller adgangskode er forkert").is_visible()
    check_accessibility(page)


def test_the_forum_page_works_on_a_phone(browser, site):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="da-DK"
    )
    page = context.new_page()
    log_in(page, site, "leder@vejen")
    page.wait_for_url(f"{site}/vejen/")
    page.get_by_role("link", name="Chefforum").click()
    assert page.get_by_role("heading", name="Chefforum (CF)", level=1).is_visible()
    # Nothing is wider than the screen, and one can still log out.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.get_by_role("button", name="Log af").is_visible()
    check_accessibility(page)
    context.close()


def test_another_municipality_stays_closed_in_the_browser(page, site):
    log_in(page, site, "leder@vejen")
    page.wait_for_url(f"{site}/vejen/")
    response = page.goto(f"{site}/albertslund/fora/CF/")
    assert response.status == 404


def test_the_accessibility_check_catches_a_violation(page):
    """The axe check above is only worth something if it can fail."""
    page.set_content('<html lang="da"><body><main><img src="x.png"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        check_accessibility(page)
