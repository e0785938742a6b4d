"""The charter's theme rules: who proposes, gives input, withdraws and follows; the selecting
forum's item on its agenda before each meeting; the selection as the item's decision."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.year import create_flow_items
from ledelsesfora.errors import Refused
from ledelsesfora.forums.charter import Charter, CharterError, parse_charter
from ledelsesfora.minutes.models import Minutes, Outcome
from ledelsesfora.themes import operations
from ledelsesfora.themes.models import Theme
from ledelsesfora.themes.tests.conftest import (
    ADMIN,
    CHEF,
    HOST,
    LEADER,
    MAYOR,
    MINUTE_TAKER,
    OTHER,
    SECRETARY,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """The refusals are matched in the language they are written in."""
    with translation.override("en"):
        yield


# --- the selecting forum's item -------------------------------------------------------------


def test_dif_gets_an_item_before_each_coming_lederdag_six_weeks_ahead(forum):
    items = AgendaItem.objects.filter(theme_for__forum=forum("LF")).select_related(
        "meeting", "theme_for"
    )
    lederdage = forum("LF").meetings.held().filter(start__year=2027).order_by("start")
    assert sorted(i.theme_for_id for i in items) == [m.pk for m in lederdage]
    for item in items:
        assert item.forum == forum("DIF") and item.kind == "decision"
        assert item.status == AgendaItem.Status.DRAFT and item.recommendation
        gap = item.theme_for.start - item.meeting.start
        # the last DIF meeting at least six weeks before: a week later would be too late
        assert datetime.timedelta(weeks=6) <= gap < datetime.timedelta(weeks=7)
    march = items.get(theme_for__start__date=datetime.date(2027, 3, 11))
    assert march.title == "Valg af tema til lederdagen 11. marts 2027"
    assert march.meeting.start.date() == datetime.date(2027, 1, 26)


def test_storing_the_year_again_makes_no_second_item(forum):
    organisation = forum("LF").organisation
    assert create_flow_items(organisation, 2027) == []


def test_a_meeting_already_held_gets_no_item(forum):
    # 12 November 2026 lies before the suite's day (23 November 2026)
    past = forum("LF").meetings.get(start__date=datetime.date(2026, 11, 12))
    assert not past.theme_items.exists()


CHARTER = """
format = 1
[municipality]
slug = "test"
name = "Test Kommune"
[[position]]
key = "direktoer"
title = "Direktør"
rank = 1
[[position]]
key = "leder"
title = "Leder"
rank = 2
staff_responsibility = true
[[forum]]
short_name = "DIR"
name = "Direktionen"
domain = "production"
purpose = "Beslutter."
item_kinds = ["information"]
[[forum.member]]
position = "direktoer"
[[forum]]
short_name = "LF"
name = "Lederforum"
domain = "dialogue"
purpose = "Dialog."
item_kinds = ["information"]
themes_per_meeting = 1
[[forum.member]]
staff_responsibility = true
[[flow]]
from = "DIR"
to = "LF"
kind = "%(kind)s"
item = { title = "Tema", kind = "%(item_kind)s" }
"""


def test_only_a_selects_theme_flow_carries_an_item():
    with pytest.raises(
        CharterError, match=r"only a .selects_theme. or .approves_programme. flow puts an item"
    ):
        parse_charter(CHARTER % {"kind": "proposes_themes", "item_kind": "information"})


def test_the_item_kind_must_be_one_the_selecting_forum_takes():
    with pytest.raises(CharterError, match="DIR takes no 'decision' items"):
        parse_charter(CHARTER % {"kind": "selects_theme", "item_kind": "decision"})
    ok = parse_charter(CHARTER % {"kind": "selects_theme", "item_kind": "information"})
    assert isinstance(ok, Charter) and ok.flows[0].item.weeks_before == 4


# --- proposing ------------------------------------------------------------------------------


def test_a_manager_proposes_through_lederforum_and_a_chef_through_chefforum(who, forum):
    mine = operations.propose_theme(forum("LF"), by=who(LEADER), title="  Trivsel\nog ro  ")
    assert mine.title == "Trivsel og ro" and mine.via == forum("LF")
    assert mine.status == Theme.Status.PROPOSED
    theirs = operations.propose_theme(forum("LF"), by=who(CHEF), title="Budget")
    assert theirs.via == forum("CF")
    by_secretariat = operations.propose_theme(forum("LF"), by=who(SECRETARY), title="Digitalt")
    assert by_secretariat.status == Theme.Status.PROPOSED
    with pytest.raises(operations.ThemeError):  # an administrator is no secretariat
        operations.propose_theme(forum("LF"), by=who(ADMIN), title="Digitalt")


def test_the_mayor_follows_lederforums_themes_but_proposes_none(who, forum):
    assert Theme.objects.visible_to(who(MAYOR)).filter(forum=forum("LF")).exists()
    with pytest.raises(operations.ThemeError) as refused:
        operations.propose_theme(forum("LF"), by=who(MAYOR), title="Ny politik")
    assert "Chefforum" in refused.value.message and "Lederforum" in refused.value.message
    assert not Theme.objects.filter(title="Ny politik").exists()


def test_the_lederdoegn_host_proposes_and_a_manager_does_not(who, forum):
    theme = operations.propose_theme(forum("LD"), by=who(HOST), title="Faglig ledelse 2.0")
    assert theme.via == forum("LD")
    with pytest.raises(operations.ThemeError, match="host and the secretariat"):
        operations.propose_theme(forum("LD"), by=who(LEADER), title="Mit tema")


def test_a_forum_without_themes_takes_none(who, forum):
    with pytest.raises(operations.ThemeError, match="has no themes"):
        operations.propose_theme(forum("CF"), by=who(SECRETARY), title="Tema")


def test_nobody_outside_the_municipality_proposes(who, forum, consultant):
    for person in (who(OTHER), consultant):
        with pytest.raises(operations.ThemeError):
            operations.propose_theme(forum("LF"), by=person, title="Udefra")
    assert not Theme.objects.filter(title="Udefra").exists()


def test_an_empty_or_long_title_is_refused_as_invalid(who, forum):
    with pytest.raises(operations.ThemeInvalid, match="title"):
        operations.propose_theme(forum("LF"), by=who(LEADER), title=" \n ")
    with pytest.raises(operations.ThemeInvalid, match="201 characters"):
        operations.propose_theme(forum("LF"), by=who(LEADER), title="x" * 201)


def test_chefforum_proposes_as_the_outcome_of_its_theme_discussion(who, forum):
    discussion = AgendaItem.objects.get(forum=forum("CF"), title="Fælles indsats mod sygefravær")
    theme = operations.propose_theme(
        forum("LF"), by=who(CHEF), title="Sygefravær", source_item=discussion
    )
    assert theme.via == forum("CF") and theme.source_item == discussion
    assert discussion.events.filter(action="theme-proposed").exists()
    dif_item = AgendaItem.objects.filter(forum=forum("DIF")).first()
    with pytest.raises(operations.ThemeError, match="does not propose themes"):
        operations.propose_theme(forum("LF"), by=who(SECRETARY), title="X", source_item=dif_item)


# --- input and withdrawal -------------------------------------------------------------------


def test_members_give_input_and_others_cannot(who, lf_theme):
    theme = lf_theme("Forandringsledelse")
    operations.add_input(theme, by=who(LEADER), text="Brug en konkret sag.")
    assert [i.text for i in theme.inputs.all()] == ["Brug en konkret sag."]
    with pytest.raises(operations.ThemeError):
        operations.add_input(theme, by=who(MAYOR), text="Fra borgmesteren")
    with pytest.raises(operations.ThemeInvalid):
        operations.add_input(theme, by=who(LEADER), text="   ")
    assert theme.inputs.count() == 1


def test_the_proposer_or_the_secretariat_withdraws(who, forum):
    theme = operations.propose_theme(forum("LF"), by=who(LEADER), title="Mit tema")
    with pytest.raises(operations.ThemeError, match="Only the one who proposed"):
        operations.withdraw_theme(theme, by=who(CHEF))
    theme = operations.withdraw_theme(theme, by=who(LEADER))
    assert theme.status == Theme.Status.WITHDRAWN
    assert [e.action for e in theme.events.all()] == ["proposed", "withdrawn"]
    with pytest.raises(operations.ThemeError, match="withdrawn"):
        operations.add_input(theme, by=who(LEADER), text="Alligevel")


# --- who follows ----------------------------------------------------------------------------


def test_who_sees_lederforums_themes(who, forum, consultant):
    lf = Theme.objects.filter(forum=forum("LF"))
    for username in (LEADER, CHEF, MAYOR, SECRETARY):
        assert set(lf.visible_to(who(username))) == set(lf), username
    assert not Theme.objects.visible_to(who(OTHER)).exists()
    assert not Theme.objects.visible_to(consultant).exists()


def test_a_manager_does_not_see_the_lederdoegn_proposals_before_they_are_a_member(who, forum):
    # LD's members include every manager with staff responsibility: they follow its themes too
    assert Theme.objects.visible_to(who(LEADER)).filter(forum=forum("LD")).exists()


# --- selecting ------------------------------------------------------------------------------


def test_the_selection_waits_for_the_meeting(who, on_published_agenda, lf_theme):
    with pytest.raises(Refused, match="has not begun"):
        operations.select_theme(
            on_published_agenda, lf_theme("Forandringsledelse"), by=who(SECRETARY)
        )
    assert lf_theme("Forandringsledelse").status == Theme.Status.PROPOSED


def test_dif_selects_the_theme_in_its_minutes_and_the_proposer_is_told(
    who, at_the_meeting, lf_theme, commit
):
    theme = lf_theme("Forandringsledelse")
    mail.outbox.clear()
    operations.select_theme(at_the_meeting, theme, by=who(MINUTE_TAKER), note="Med oplæg.")
    commit()
    theme.refresh_from_db()
    assert theme.status == Theme.Status.SELECTED
    assert theme.meeting == at_the_meeting.theme_for
    assert theme.selected_by_item == at_the_meeting
    outcome = Outcome.objects.get(item=at_the_meeting)
    assert outcome.outcome == Outcome.Kind.DECIDED
    assert "»Forandringsledelse«" in outcome.text and "11. marts 2027" in outcome.text
    assert outcome.text.endswith("Med oplæg.")
    assert [m.to for m in mail.outbox] == [[theme.proposed_by.email]]
    assert "Forandringsledelse" in mail.outbox[0].subject


def test_a_new_selection_replaces_the_items_earlier_one(who, at_the_meeting, lf_theme):
    first, second = (
        lf_theme("Forandringsledelse"),
        lf_theme("Styringskonceptet én kommune, én organisation"),
    )
    operations.select_theme(at_the_meeting, first, by=who(SECRETARY))
    operations.select_theme(at_the_meeting, second, by=who(SECRETARY))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Theme.Status.PROPOSED and first.meeting is None
    assert second.status == Theme.Status.SELECTED
    assert "Styringskonceptet" in Outcome.objects.get(item=at_the_meeting).text
    assert "Forandringsledelse" not in Outcome.objects.get(item=at_the_meeting).text


def test_only_the_minute_taker_or_the_secretariat_records_it(who, at_the_meeting, lf_theme):
    for username in (LEADER, MAYOR, OTHER):
        with pytest.raises(operations.ThemeError):
            operations.select_theme(
                at_the_meeting, lf_theme("Forandringsledelse"), by=who(username)
            )
    assert not Outcome.objects.filter(item=at_the_meeting).exists()


def test_a_lederdoegn_theme_is_not_a_lederdag_theme(who, at_the_meeting):
    ld = Theme.objects.filter(forum__short_name="LD").first()
    with pytest.raises(operations.ThemeError, match="is proposed for Lederdøgn"):
        operations.select_theme(at_the_meeting, ld, by=who(SECRETARY))


def test_a_withdrawn_or_already_used_theme_is_refused(who, at_the_meeting, lf_theme, forum):
    withdrawn = Theme.objects.get(forum=forum("LF"), status=Theme.Status.WITHDRAWN)
    with pytest.raises(operations.ThemeError, match="withdrawn"):
        operations.select_theme(at_the_meeting, withdrawn, by=who(SECRETARY))
    used = lf_theme("Forandringsledelse")
    Theme.objects.filter(pk=used.pk).update(
        status=Theme.Status.SELECTED,
        meeting=forum("LF").meetings.get(start__date=datetime.date(2027, 5, 13)),
    )
    used.refresh_from_db()
    with pytest.raises(operations.ThemeError, match=r"already the theme of 13\. May 2027"):
        operations.select_theme(at_the_meeting, used, by=who(SECRETARY))


def test_locked_minutes_take_no_new_selection(who, at_the_meeting, lf_theme):
    minutes, _ = Minutes.objects.get_or_create(meeting=at_the_meeting.meeting)
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.APPROVED)
    with pytest.raises(Refused, match="locked"):
        operations.select_theme(at_the_meeting, lf_theme("Forandringsledelse"), by=who(SECRETARY))
    assert lf_theme("Forandringsledelse").status == Theme.Status.PROPOSED


def test_an_item_that_selects_nothing_selects_nothing(who, lf_theme, forum):
    plain = AgendaItem.objects.filter(forum=forum("DIF"), theme_for__isnull=True).first()
    with pytest.raises(operations.ThemeError, match="does not select a theme"):
        operations.select_theme(plain, lf_theme("Forandringsledelse"), by=who(SECRETARY))
