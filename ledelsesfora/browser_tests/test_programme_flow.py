"""A lederdag's programme from the charter to the participants: the secretariat builds it and
fills in the theme block by keyboard, Direktørforum approves it on its item at the meeting,
the secretariat publishes it, and a manager reads it on the phone. Each page checked with axe."""

import datetime

import pytest
import time_machine

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.browser_tests.conftest import check_accessibility
from ledelsesfora.browser_tests.test_agenda_flow import as_person
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person
from ledelsesfora.programmes.models import Programme
from ledelsesfora.themes import operations as themes
from ledelsesfora.themes.models import Theme

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
LEDERDAG = datetime.date(2027, 3, 11)


def _publish(item):
    AgendaItem.objects.filter(pk=item.pk).update(status=AgendaItem.Status.PUBLISHED)
    Meeting.objects.filter(pk=item.meeting_id).update(
        agenda_published_at=item.meeting.start - datetime.timedelta(days=4)
    )
    item.refresh_from_db()


def test_from_the_charter_to_the_participants_programme(browser, site):
    lederdag = Meeting.objects.get(
        forum__organisation__slug="albertslund", forum__short_name="LF", start__date=LEDERDAG
    )
    Programme.objects.filter(meeting=lederdag).delete()  # the demo's; built here by hand
    secretary = as_person(browser, site, "sekretaer@albertslund")
    secretary.goto(f"{site}/moede/{lederdag.pk}/")
    secretary.get_by_role("link", name="Byg programmet").click()
    check_accessibility(secretary)
    secretary.get_by_role("button", name="Byg programmet").click()
    assert secretary.get_by_text("Programmet er bygget ud fra kommissoriet").is_visible()
    secretary.get_by_text("Ret »Tema«").focus()
    secretary.keyboard.press("Enter")
    theme_block = Programme.objects.get(meeting=lederdag).blocks.get(kind="theme")
    speakers = secretary.locator(f"#id_b{theme_block.pk}-speakers")
    speakers.focus()
    secretary.keyboard.type("Anne Jensen, ekstern konsulent")
    secretary.locator(f"label[for=id_b{theme_block.pk}-across_areas]").click()
    secretary.locator(f"#id_b{theme_block.pk}-room").fill("Store sal")
    secretary.get_by_role("button", name="Gem programpunktet").first.click()
    assert secretary.get_by_text("Programpunktet er gemt.").is_visible()
    assert secretary.get_by_text("grupper på tværs af områderne").first.is_visible()
    check_accessibility(secretary)
    secretary.get_by_role("button", name="Publicér programmet").click()
    assert secretary.get_by_text("Programmet skal først godkendes").is_visible()

    # DIF selects the theme (the theme's own journey is test_theme_flow) and, at its meeting
    # two weeks before the day, approves the programme on its item.
    choosing = AgendaItem.objects.get(theme_for=lederdag)
    _publish(choosing)
    with time_machine.travel(choosing.meeting.start + datetime.timedelta(minutes=30), tick=True):
        themes.select_theme(
            choosing,
            Theme.objects.get(forum=lederdag.forum, title="Forandringsledelse"),
            by=Person.objects.get(username="sekretaer@albertslund"),
        )
    approving = AgendaItem.objects.get(programme_for=lederdag)
    _publish(approving)
    with time_machine.travel(approving.meeting.start + datetime.timedelta(minutes=30), tick=True):
        minute_taker = as_person(browser, site, "chef-oekonomi-stab@albertslund")
        minute_taker.goto(f"{site}/punkt/{approving.pk}/")
        check_accessibility(minute_taker)
        assert minute_taker.get_by_text("Tema", exact=False).first.is_visible()
        minute_taker.get_by_role("button", name="Registrér godkendelsen i referatet").click()
        assert minute_taker.get_by_text("Godkendelsen er registreret i referatet.").is_visible()

        secretary = as_person(browser, site, "sekretaer@albertslund")
        secretary.goto(f"{site}/moede/{lederdag.pk}/program/")
        secretary.get_by_role("button", name="Publicér programmet").click()
        assert secretary.get_by_text("Programmet er publiceret til deltagerne.").is_visible()

        leader = as_person(browser, site, "leder-by-miljoe-3-4@albertslund", PHONE)
        leader.goto(f"{site}/moede/{lederdag.pk}/")
        assert leader.get_by_role("link", name="Forandringsledelse").is_visible()
        leader.get_by_role("link", name="Program", exact=True).click()
        assert leader.get_by_text("Anne Jensen, ekstern konsulent").is_visible()
        assert leader.get_by_role("link", name="Drejebog").count() == 0
        check_accessibility(leader)
