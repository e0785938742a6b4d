"""The bundled charters hold every rule of the seed documents (shared/DESIGN.md's table)."""

import pytest
from django.conf import settings

from ledelsesfora.forums.charter import parse_charter


def bundled(slug):
    path = settings.BUNDLED_CHARTERS_DIR / f"{slug}.toml"
    return parse_charter(path.read_text(encoding="utf-8"), path.name)


@pytest.fixture(scope="module")
def albertslund():
    return bundled("albertslund")


@pytest.fixture(scope="module")
def vejen():
    return bundled("vejen")


def selectors(forum):
    return [(r.position, r.unit, r.staff_responsibility, r.role) for r in forum.members]


def test_albertslund_has_the_five_forums(albertslund):
    assert [f.short_name for f in albertslund.forums] == ["DIF", "DIF-R", "CF", "LF", "LD"]
    assert albertslund.document.case_number == "00.00.00-P15-1-24"
    assert albertslund.document.caseworker == "SFZ"
    assert albertslund.municipality.address == ["Nordmarks Allé 1", "2620 Albertslund"]


def test_direktoerforum(albertslund):
    dif = albertslund.forum("DIF")
    assert dif.domain == "production"
    assert selectors(dif) == [
        ("borgmester", None, None, "member"),
        ("kommunaldirektoer", None, None, "member"),
        ("omraadedirektoer", None, None, "member"),
        ("afdelingschef", "oekonomi-stab", None, "minute_taker"),
    ]
    assert dif.item_kinds == ["decision", "information"]
    assert dif.standing_items == [
        "Godkendelse af dagsorden og referat",
        "Beslutninger i kriseledelsen",
        "Gensidige orienteringer",
    ]
    assert (dif.deadline.weekday, dif.deadline.weeks_before) == ("thursday", 1)
    assert (dif.publication.weekday, dif.publication.weeks_before) == ("friday", 1)
    assert dif.approval == "responsible_director"
    assert dif.follow_up == "responsible_director"
    assert dif.minutes == "decision_minutes"
    (weekly,) = dif.rhythms
    assert weekly.rrule.startswith("FREQ=WEEKLY") and weekly.duration == "PT1H30M"
    assert dif.guests.allowed and dif.guests.roles == ["presenter"]
    assert any(
        "introduktion for ny kommunalbestyrelse" in item.title and "INTERVAL=4" in item.rrule
        for item in dif.recurring_items
    )


def test_dif_refleksion_has_no_agenda_and_no_minutes(albertslund):
    reflection = albertslund.forum("DIF-R")
    assert reflection.domain == "reflection"
    assert reflection.agenda is False and reflection.minutes == "none"
    assert reflection.item_kinds == []
    assert reflection.topics_before_meeting and reflection.tasks_placed_by == "members"
    (rhythm,) = reflection.rhythms
    assert rhythm.kind == "ad_hoc" and rhythm.format == "hybrid" and rhythm.duration is None


def test_chefforum(albertslund):
    cf = albertslund.forum("CF")
    assert ("kommunaldirektoer", None, None, "chair") in selectors(cf)
    assert ("konsulent", "pjku", None, "minute_taker") in selectors(cf)
    assert cf.item_kinds == ["decision", "information", "theme_discussion"]
    assert cf.recommendation_by == "afdelingschef"
    assert cf.follow_up == "responsible_area"
    assert set(cf.secretariat.tasks) >= {"sparring", "quality_assurance", "write_minutes"}
    (rhythm,) = cf.rhythms
    assert (rhythm.rrule, rhythm.start, rhythm.duration) == (
        "FREQ=MONTHLY;BYDAY=1WE,3WE",
        "09:00",
        "PT3H",
    )


def test_lederforum(albertslund):
    lf = albertslund.forum("LF")
    assert (None, None, True, "member") in selectors(lf)
    (lederdag,) = lf.rhythms
    assert lederdag.kind == "lederdag"
    assert lederdag.not_in_quarter_of == "LD"
    assert (lederdag.min_duration, lederdag.duration) == ("PT2H30M", "PT3H")
    assert [p.duration for p in lederdag.parts] == ["PT2H30M", "PT30M"]
    assert lf.themes_per_meeting == 1 and lf.minutes == "summary"
    assert {"invitation", "run_sheet", "catering", "facilitation"} <= set(lf.secretariat.tasks)
    flows = {(f.from_forum, f.to, f.kind) for f in albertslund.flows}
    assert {
        ("CF", "LF", "proposes_themes"),
        ("LF", "LF", "proposes_themes"),
        ("DIF", "LF", "selects_theme"),
        ("DIF", "LF", "approves_programme"),
    } <= flows


def test_lederdoegn(albertslund):
    ld = albertslund.forum("LD")
    (rhythm,) = ld.rhythms
    assert "INTERVAL=2" in rhythm.rrule and rhythm.since is not None
    assert (rhythm.start, rhythm.duration, rhythm.overnight) == ("12:00", "P1D", True)
    assert rhythm.venue.outside_municipality and rhythm.venue.max_drive_minutes == 60
    assert [(f.role, f.condition) for f in ld.financing] == [
        ("primary", "always"),
        ("co_financing", "overnight"),
    ]
    assert ("kommunaldirektoer", None, None, "host") in selectors(ld)
    flows = {(f.from_forum, f.to, f.kind) for f in albertslund.flows}
    assert {("DIF", "LD", "selects_theme"), ("DIF", "LD", "approves_programme")} <= flows


def test_vejen_chefforum(vejen):
    (cf,) = vejen.forums
    assert [r.kind for r in cf.rhythms] == ["ad_hoc", "regular", "development", "seminar"]
    monthly = cf.rhythms[1]
    assert "FREQ=MONTHLY" in monthly.rrule
    assert [(p.title, p.duration) for p in monthly.parts] == [
        ("Driftsmøde", "PT1H30M"),
        ("Koordinering", "PT1H"),
    ]
    assert "BYMONTH=2,4,9,11" in cf.rhythms[2].rrule  # one per quarter
    assert "BYMONTH=5,11" in cf.rhythms[3].rrule  # Q2 and Q4
    assert len(cf.working_modes) == 4
    assert cf.working_modes[0].min_members == 2
    assert cf.member_input
    assert cf.anchors == [
        "mission",
        "vision",
        "vaerdigrundlag",
        "ledelsesgrundlag",
        "styring",
        "strategiplan",
    ]
    assert {a.key for a in vejen.anchors} == set(cf.anchors)
