"""A member sends apologies from the meeting page on a phone, with the keyboard; the secretariat
sees it on the board; after the meeting the minute-taker marks attendance by clicking and by
keyboard. Each page checked with axe."""

import datetime

import pytest

from ledelsesfora.browser_tests.conftest import check_accessibility
from ledelsesfora.browser_tests.test_agenda_flow import as_person
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.models import Attendance
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def dif(day: datetime.date) -> Meeting:
    return Meeting.objects.get(
        forum__organisation__slug="albertslund", forum__short_name="DIF", start__date=day
    )


def test_apologies_from_a_phone_reach_the_board(browser, site):
    meeting = dif(datetime.date(2026, 12, 8))
    member = as_person(browser, site, "borgmester@albertslund", PHONE)
    member.goto(f"{site}/moede/{meeting.pk}/")
    assert member.get_by_text("Du har ikke svaret; du forventes.").is_visible()
    check_accessibility(member)
    member.locator("#answer-attending").focus()
    member.keyboard.press("ArrowDown")  # radios move with the arrow keys
    member.keyboard.press("Tab")
    member.keyboard.type("Byrådsmøde")
    with member.expect_navigation():
        member.keyboard.press("Enter")
    assert member.get_by_text("Du har meldt afbud. (Byrådsmøde)").is_visible()
    assert member.get_by_label("Nej, jeg melder afbud").is_checked()

    secretary = as_person(browser, site, "sekretaer@albertslund", DESKTOP)
    secretary.goto(f"{site}/moede/{meeting.pk}/sekretariat/")
    replies = secretary.locator("table.replies")
    name = Person.objects.get(username="borgmester@albertslund").full_name
    assert "Afbud: Byrådsmøde" in replies.locator("tr", has_text=name).inner_text()
    check_accessibility(secretary)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_attendance_is_marked_as_apologies_by_mouse_and_keyboard(browser, site, viewport):
    meeting = dif(datetime.date(2026, 11, 17))
    secretary = as_person(browser, site, "sekretaer@albertslund", viewport)
    secretary.goto(f"{site}/moede/{meeting.pk}/referat/")
    boxes = secretary.locator(".attendance-list input[type=checkbox]")
    labels = secretary.locator(".attendance-list label")
    labels.nth(0).click()
    boxes.nth(1).focus()
    secretary.keyboard.press("Space")
    assert boxes.nth(0).is_checked() and boxes.nth(1).is_checked()
    assert not boxes.nth(2).is_checked()
    check_accessibility(secretary)
    with secretary.expect_navigation():
        secretary.get_by_role("button", name="Gem fremmøde").click()
    assert secretary.get_by_text("Fremmødet er gemt.").is_visible()
    absent = {
        row.person.full_name
        for row in Attendance.objects.filter(minutes__meeting=meeting, kind="absent")
    }
    assert absent == {labels.nth(0).inner_text(), labels.nth(1).inner_text()}
    assert boxes.nth(0).is_checked() and not boxes.nth(2).is_checked()
