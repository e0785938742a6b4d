"""One meeting at a time, as the secretariat does it: from the board to the meeting's settings,
a new place typed and saved with Enter, a cancellation refused without a reason and made with
one, then the meeting held after all. At desktop and phone width, each page checked with axe."""

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
def test_the_secretariat_sets_the_place_cancels_and_reopens(browser, site, viewport):
    meeting = Meeting.objects.get(
        forum__organisation__slug="albertslund",
        forum__short_name="DIF",
        start__date=datetime.date(2026, 12, 8),
    )
    secretary = as_person(browser, site, "sekretaer@albertslund", viewport)
    secretary.goto(f"{site}/moede/{meeting.pk}/sekretariat/")
    secretary.get_by_role("link", name="Tid, sted, flytning eller aflysning af mødet").click()
    check_accessibility(secretary)
    place = secretary.get_by_label("Sted")
    place.fill("Rådhuset, mødelokale 3")
    with secretary.expect_navigation():
        place.press("Enter")
    assert secretary.get_by_label("Sted").input_value() == "Rådhuset, mødelokale 3"
    reason = secretary.get_by_label("Hvorfor aflyses mødet?")
    reason.fill("")
    secretary.get_by_role("button", name="Aflys mødet").click()
    assert secretary.locator(".form-error-message").first.is_visible()
    check_accessibility(secretary)
    secretary.get_by_label("Hvorfor aflyses mødet?").fill("Direktionen er på studietur")
    with secretary.expect_navigation():
        secretary.get_by_role("button", name="Aflys mødet").click()
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.place == "Rådhuset, mødelokale 3"
    secretary.goto(f"{site}/moede/{meeting.pk}/sekretariat/")
    assert secretary.get_by_role("button", name="Publicér dagsordenen").count() == 0
    secretary.goto(f"{site}/moede/{meeting.pk}/indstillinger/")
    with secretary.expect_navigation():
        secretary.get_by_role("button", name="Hold mødet alligevel").click()
    meeting.refresh_from_db()
    assert meeting.takes_place


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
    ids=["desk", "phone"],
)
def test_a_cancelled_meeting_s_items_move_with_one_button_from_the_keyboard(
    browser, site, viewport
):
    meeting = Meeting.objects.get(
        forum__organisation__slug="albertslund",
        forum__short_name="DIF",
        start__date=datetime.date(2026, 12, 1),
    )
    waiting = set(meeting.items.filter(standing=False).values_list("pk", flat=True))
    assert waiting
    secretary = as_person(browser, site, "sekretaer@albertslund", viewport)
    secretary.goto(f"{site}/moede/{meeting.pk}/indstillinger/")
    secretary.get_by_label("Hvorfor aflyses mødet?").fill("Budgetseminar")
    with secretary.expect_navigation():
        secretary.get_by_role("button", name="Aflys mødet").click()
    assert secretary.url.endswith(f"/moede/{meeting.pk}/sekretariat/")
    check_accessibility(secretary)
    target = secretary.get_by_label("Flyt punkterne til")
    assert target.is_visible()
    chosen = target.evaluate("select => select.options[select.selectedIndex].text")
    assert chosen == "tirsdag 8. december 2026, 09:00"
    target.focus()
    secretary.keyboard.press("Tab")
    button = secretary.locator(":focus")
    assert button.inner_text() == f"Flyt de {len(waiting)} punkter"
    with secretary.expect_navigation():
        secretary.keyboard.press("Enter")
    assert f"{len(waiting)} punkter er flyttet." in secretary.locator(".alert-success").inner_text()
    moved_to = Meeting.objects.get(pk=int(secretary.url.rstrip("/").split("/")[-2]))
    assert moved_to.start.date() == datetime.date(2026, 12, 8)
    assert waiting <= set(moved_to.items.values_list("pk", flat=True))
