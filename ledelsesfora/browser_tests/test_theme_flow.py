"""A lederdag's theme from proposal to selection: a manager proposes with the keyboard on a
phone, a department head gives input, the secretariat records Direktørforum's choice on DIF's
item at the meeting, and the lederdag's page shows it. Each page checked with axe."""

import datetime

import pytest
import time_machine

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.browser_tests.conftest import check_accessibility
from ledelsesfora.browser_tests.test_agenda_flow import as_person
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.models import Outcome

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_from_a_managers_proposal_to_the_theme_of_the_lederdag(browser, site):
    leader = as_person(browser, site, "leder-by-miljoe-3-4@albertslund", PHONE)
    leader.get_by_role("link", name="Fora", exact=True).click()
    leader.get_by_role("link", name="Lederforum (lederdage)").first.click()
    leader.get_by_role("link", name="Temaer: forslag og valg").click()
    check_accessibility(leader)
    leader.get_by_label("Tema", exact=True).focus()
    leader.keyboard.type("Ledelse af hybride teams")
    leader.keyboard.press("Tab")
    leader.keyboard.type("Mange af os leder medarbejdere, der arbejder hjemme.")
    leader.keyboard.press("Tab")
    leader.keyboard.press("Enter")
    leader.wait_for_url("**/tema/*/")
    assert leader.get_by_text("Temaet er foreslået.").is_visible()
    check_accessibility(leader)
    theme_url = leader.url

    chef = as_person(browser, site, "afdelingschef@albertslund")
    chef.goto(f"{site}/albertslund/fora/LF/temaer/")
    chef.get_by_role("link", name="Ledelse af hybride teams").click()
    chef.get_by_label("Dit input til temaet").fill("Tag HR med i planlægningen.")
    chef.get_by_role("button", name="Giv input").click()
    assert chef.get_by_text("Tag HR med i planlægningen.").is_visible()

    item = AgendaItem.objects.select_related("meeting").get(
        theme_for__forum__short_name="LF",
        theme_for__start__date=datetime.date(2027, 3, 11),
    )
    # DIF's item through its path to the published agenda (that path is the agenda's, tested
    # in test_agenda_flow): approved and published.
    AgendaItem.objects.filter(pk=item.pk).update(status=AgendaItem.Status.PUBLISHED)
    Meeting.objects.filter(pk=item.meeting_id).update(
        agenda_published_at=item.meeting.start - datetime.timedelta(days=4)
    )
    with time_machine.travel(item.meeting.start + datetime.timedelta(minutes=40), tick=True):
        secretary = as_person(browser, site, "sekretaer@albertslund")
        secretary.goto(f"{site}/punkt/{item.pk}/")
        check_accessibility(secretary)
        secretary.get_by_label("Ledelse af hybride teams").check()
        secretary.get_by_label("Tilføjelse til beslutningen (valgfri)").fill("Med oplæg fra HR.")
        secretary.get_by_role("button", name="Registrér valget i referatet").click()
        assert secretary.get_by_text(
            "Valget er registreret i referatet: »Ledelse af hybride teams«."
        ).is_visible()
        outcome = Outcome.objects.get(item=item)
        assert "»Ledelse af hybride teams« som tema for Lederforum" in outcome.text

        leader = as_person(browser, site, "leder-by-miljoe-3-4@albertslund", PHONE)
        leader.goto(theme_url)
        assert leader.get_by_text("valgt", exact=True).is_visible()
        leader.get_by_role("link", name="torsdag 11. marts 2027").click()
        theme = leader.locator("section.meeting-theme")
        assert theme.get_by_role("link", name="Ledelse af hybride teams").is_visible()
        check_accessibility(leader)
