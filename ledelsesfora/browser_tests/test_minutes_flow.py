"""The minute-taker records decisions, the chair approves the minutes, and a later correction
becomes a new version with its diff: in the browser, each page checked with axe."""

import pytest

from ledelsesfora.browser_tests.conftest import check_accessibility
from ledelsesfora.browser_tests.test_agenda_flow import as_person
from ledelsesfora.forums.models import Forum
from ledelsesfora.meetings.models import Meeting

pytestmark = pytest.mark.browser


def test_record_approve_and_correct_minutes(browser, site):
    cf = Forum.objects.get(organisation__slug="albertslund", short_name="CF")
    # In this test the charter lets the chair approve CF's minutes.
    cf.spec = {**cf.spec, "minutes_approval": "chair"}
    cf.save()
    meeting = (
        Meeting.objects.filter(forum=cf, agenda_published_at__isnull=False)
        .order_by("-start")
        .first()
    )

    secretary = as_person(browser, site, "sekretaer@albertslund")
    secretary.goto(f"{site}/moede/{meeting.pk}/referat/")
    check_accessibility(secretary)
    for index, item in enumerate(meeting.items.on_agenda().order_by("position", "pk")):
        form = secretary.locator("form.outcome-form").nth(index)
        if item.kind == "decision":
            form.locator("label", has_text="Besluttet").click()
            form.get_by_label("Beslutning eller bemærkning").fill("Handleplanen godkendes.")
        else:
            form.locator("label", has_text="Taget til efterretning").click()
        form.get_by_role("button", name="Registrér").click()
    secretary.get_by_role("button", name="Send referatet til medlemmerne").click()
    assert secretary.get_by_text("Referatet er sendt til medlemmerne.").is_visible()

    chair = as_person(browser, site, "kommunaldirektoer@albertslund")
    chair.goto(f"{site}/moede/{meeting.pk}/referat/")
    chair.get_by_role("button", name="Godkend og lås referatet").click()
    assert chair.get_by_text("Referatet er godkendt og låst.").is_visible()
    assert chair.get_by_text("Handleplanen godkendes.").first.is_visible()

    secretary.goto(f"{site}/moede/{meeting.pk}/referat/")
    secretary.get_by_text("Ret det godkendte referat").click()
    secretary.locator("textarea[name^=text-]").first.fill("Handleplanen godkendes med tilføjelser.")
    secretary.get_by_label("Begrundelse for rettelsen").fill("Formuleringen var ufuldstændig")
    secretary.get_by_role("button", name="Gem som ny version").click()
    assert secretary.get_by_text("Rettelsen er gemt som en ny version.").is_visible()
    assert secretary.get_by_text("Ændringer i version 2").is_visible()
    correction = secretary.locator("table.corrections tbody tr").first
    assert correction.locator("ins").inner_text() == "Handleplanen godkendes med tilføjelser."
    assert correction.locator("del").inner_text() == "Handleplanen godkendes."
    check_accessibility(secretary)
