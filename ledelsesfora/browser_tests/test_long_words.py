"""A member's input of one 10 000-character word, on a phone and a desktop: the item page stays
as wide as the screen. And the site has its icon."""

import pytest

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import add_comment
from ledelsesfora.browser_tests.test_agenda_flow import as_person
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_a_very_long_word_does_not_widen_the_page(browser, site, width):
    item = (
        AgendaItem.objects.filter(
            forum__organisation__slug="vejen", forum__short_name="CF", status="submitted"
        )
        .order_by("pk")
        .first()
    )
    member = Person.objects.get(username="afdelingschef@vejen")
    add_comment(item, by=member, kind="input", text="a" * 10_000)
    page = as_person(browser, site, "afdelingschef@vejen", {"width": width, "height": 900})
    page.goto(f"{site}/punkt/{item.pk}/")
    assert page.get_by_text("aaaa", exact=False).first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(f"{site}{icon}").ok
