"""A department head submits an item, the director approves it, the secretariat publishes the
agenda and a member reads it: the whole path in the browser, each page checked with axe."""

import pytest

from ledelsesfora.browser_tests.conftest import check_accessibility
from ledelsesfora.demo.people import DEMO_PASSWORD
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.browser


def as_person(browser, site, username, viewport=None):
    context = browser.new_context(
        viewport=viewport or {"width": 1280, "height": 900}, locale="da-DK"
    )
    page = context.new_page()
    page.goto(f"{site}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def test_from_proposal_to_published_agenda(browser, site):
    meeting = Meeting.objects.filter(
        forum__short_name="DIF", forum__organisation__slug="albertslund", start__date="2026-12-08"
    ).get()
    director = Person.objects.get(username="omraadedirektoer@albertslund")

    chef = as_person(browser, site, "chef-oekonomi-stab@albertslund")
    chef.get_by_role("link", name="Mine punkter").click()
    chef.get_by_role("link", name="DIF", exact=True).click()
    check_accessibility(chef)
    chef.get_by_label("Møde").select_option(str(meeting.pk))
    chef.get_by_label("Titel").fill("Ny model for budgetopfølgning")
    chef.get_by_label("Type").select_option("decision")
    chef.get_by_label("Indstilling").fill("Det indstilles, at modellen tages i brug fra 2027.")
    chef.get_by_label("Ansvarlig direktør").select_option(label=director.full_name)
    chef.get_by_role("button", name="Gem").click()
    assert chef.get_by_text("Punktet er gemt som kladde.").is_visible()
    chef.get_by_role("button", name="Indsend til sekretariatet").click()
    assert chef.get_by_text("Punktet er indsendt til sekretariatet.").is_visible()
    item_url = chef.url
    check_accessibility(chef)

    secretary = as_person(browser, site, "sekretaer@albertslund")
    secretary.goto(item_url)
    secretary.get_by_label("Sparringsnoter til indsenderen").fill("Fint. Tilføj gerne en tidsplan.")
    secretary.get_by_role("button", name="Markér som kvalitetssikret").click()
    assert secretary.get_by_text("Punktet er kvalitetssikret.").is_visible()

    approver = as_person(browser, site, "omraadedirektoer@albertslund")
    approver.get_by_role("link", name="Mine punkter").click()
    approver.get_by_role("link", name="Ny model for budgetopfølgning").first.click()
    approver.get_by_role("button", name="Godkend").click()
    assert approver.get_by_text("Punktet er godkendt.").is_visible()

    secretary.goto(f"{site}/moede/{meeting.pk}/sekretariat/")
    check_accessibility(secretary)
    secretary.get_by_role("button", name="Publicér dagsordenen").click()
    assert secretary.get_by_text("Dagsordenen er publiceret").is_visible()

    member = as_person(browser, site, "borgmester@albertslund")
    member.goto(f"{site}/moede/{meeting.pk}/")
    assert member.get_by_role("heading", name="1. Godkendelse af dagsorden og referat").is_visible()
    assert member.get_by_role("heading", name="4. Ny model for budgetopfølgning").is_visible()
    assert member.get_by_text("Det indstilles, at modellen tages i brug fra 2027.").is_visible()
    check_accessibility(member)
