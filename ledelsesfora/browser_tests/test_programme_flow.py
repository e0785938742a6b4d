"""A lederdag from a manager's theme proposal to the published summary: the secretariat builds
the programme from the charter and fills in the theme block by keyboard; Direktørforum
selects the proposed theme and approves the programme on its items at its meetings; the
secretariat publishes it and a manager reads it on the phone; after the day the secretariat
writes and sends the summary and shares the product, and the manager finds both from the
programme. Each page checked with axe."""

import datetime

import pytest
import time_machine

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.browser_tests.conftest import check_accessibility
from ledelsesfora.browser_tests.test_agenda_flow import as_person
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.programmes.models import Programme

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
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

    # A manager proposes the theme, and DIF selects it at its meeting six weeks before the day.
    leader = as_person(browser, site, "leder-by-miljoe-3-4@albertslund", PHONE)
    leader.goto(f"{site}/albertslund/fora/LF/temaer/")
    leader.get_by_label("Tema", exact=True).fill("Ledelse af hybride teams")
    leader.get_by_role("button", name="Foreslå temaet").click()
    assert leader.get_by_text("Temaet er foreslået.").is_visible()
    choosing = AgendaItem.objects.get(theme_for=lederdag)
    _publish(choosing)
    with time_machine.travel(choosing.meeting.start + datetime.timedelta(minutes=30), tick=True):
        selecting = as_person(browser, site, "sekretaer@albertslund")
        selecting.goto(f"{site}/punkt/{choosing.pk}/")
        selecting.get_by_label("Ledelse af hybride teams").check()
        selecting.get_by_role("button", name="Registrér valget i referatet").click()
        assert selecting.get_by_text("Valget er registreret i referatet").is_visible()
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
        assert leader.get_by_role("link", name="Ledelse af hybride teams").is_visible()
        leader.get_by_role("link", name="Program", exact=True).click()
        assert leader.get_by_text("Anne Jensen, ekstern konsulent").is_visible()
        assert leader.get_by_role("link", name="Drejebog").count() == 0
        check_accessibility(leader)

    with time_machine.travel(lederdag.end + datetime.timedelta(hours=1), tick=True):
        secretary = as_person(browser, site, "sekretaer@albertslund")
        secretary.goto(f"{site}/moede/{lederdag.pk}/referat/")
        secretary.locator("#summary").fill("Grupperne pegede på tre fælles principper.")
        secretary.locator("form:has(#summary) button").click()
        secretary.get_by_role("button", name="Send referatet til medlemmerne").click()
        secretary.goto(f"{site}/moede/{lederdag.pk}/program/")
        secretary.get_by_label("Produktet", exact=True).fill("Tre principper for samarbejde")
        secretary.locator("#product-file").set_input_files(
            {"name": "principper.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        )
        secretary.get_by_role("button", name="Del med deltagerne").click()
        assert secretary.get_by_text("Produktet er delt med deltagerne.").is_visible()

        leader = as_person(browser, site, "leder-by-miljoe-3-4@albertslund", PHONE)
        leader.goto(f"{site}/moede/{lederdag.pk}/program/")
        after = leader.locator("section.programme-after")
        assert after.get_by_text("Tre principper for samarbejde").is_visible()
        assert after.get_by_role("link", name="Hent principper.pdf").is_visible()
        check_accessibility(leader)
        after.get_by_role("link", name="Den skriftlige opsamling").click()
        assert leader.get_by_text("Grupperne pegede på tre fælles principper.").is_visible()
