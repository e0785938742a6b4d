"""An item's path, rule by rule, through the operations."""

import datetime

import pytest
from django.core import mail

from ledelsesfora.agenda import operations
from ledelsesfora.agenda.models import AgendaItem, ItemEvent
from ledelsesfora.agenda.operations import AgendaError, ItemData
from ledelsesfora.agenda.year import create_recurring_items

pytestmark = pytest.mark.django_db


def dif_item(who, forum, meeting, **extra):
    data = ItemData(
        title="Budgetproces 2028",
        kind="decision",
        recommendation="Det indstilles, at …",
        responsible_director=who("omraadedirektoer"),
        **extra,
    )
    return operations.create_item(
        forum("DIF"), data, by=who("omraadedirektoer"), meeting=meeting("DIF", 2027, 3, 9)
    )


def test_the_dif_path_from_draft_to_approved(
    clock, who, forum, meeting, django_capture_on_commit_callbacks
):
    item = dif_item(who, forum, meeting)
    assert (item.status, item.needs_approval) == ("draft", True)
    with django_capture_on_commit_callbacks(execute=True):
        item = operations.submit_item(item, by=who("omraadedirektoer"))
    assert item.status == "submitted"
    assert [m.to for m in mail.outbox] == [["sekretaer@albertslund.demo.invalid"]]
    item = operations.review_item(item, by=who("sekretaer"), sparring="Tilføj nøgletal.")
    assert (item.status, item.sparring) == ("reviewed", "Tilføj nøgletal.")
    with pytest.raises(
        AgendaError, match=r"Kun .* kan godkende dette punkt, som kommissoriet siger"
    ):
        operations.approve_item(item, by=who("kommunaldirektoer"))
    item = operations.approve_item(item, by=who("omraadedirektoer"))
    assert item.status == "approved"
    actions = list(ItemEvent.objects.filter(item=item).values_list("action", "by__username"))
    assert actions == [
        ("created", "omraadedirektoer@albertslund"),
        ("submitted", "omraadedirektoer@albertslund"),
        ("reviewed", "sekretaer@albertslund"),
        ("approved", "omraadedirektoer@albertslund"),
    ]


def test_a_late_submission_names_the_deadline_and_the_next_meeting(clock, who, forum, meeting):
    item = operations.create_item(
        forum("DIF"),
        ItemData(title="Sent punkt", kind="information"),
        by=who("omraadedirektoer"),
        meeting=meeting("DIF", 2027, 3, 2),
    )
    with pytest.raises(AgendaError) as refused:
        operations.submit_item(item, by=who("omraadedirektoer"))
    assert refused.value.message == (
        "For sent: fristen for DIF tirsdag 2. marts 2027 var torsdag 25. februar 2027."
        " Det næste møde, punktet kan nå, er tirsdag 9. marts 2027 (frist torsdag 4. marts 2027):"
        " flyt punktet dertil, eller bed sekretariatet tage imod det for sent."
    )
    item.refresh_from_db()
    assert item.status == "draft"


def test_the_secretariat_may_accept_a_late_item_and_it_shows(clock, who, forum, meeting):
    item = operations.create_item(
        forum("DIF"),
        ItemData(title="Sent punkt", kind="information"),
        by=who("omraadedirektoer"),
        meeting=meeting("DIF", 2027, 3, 2),
    )
    with pytest.raises(AgendaError, match="For sent"):
        operations.submit_item(item, by=who("omraadedirektoer"), override_reason="Haster")
    item = operations.submit_item(item, by=who("sekretaer"), override_reason="Haster: KB-sag")
    assert (item.status, item.late_override) == ("submitted", "Haster: KB-sag")
    assert item.events.get(action="submitted").note == "Modtaget efter fristen: Haster: KB-sag"


def test_cf_recommendations_are_written_by_a_department_head(clock, who, forum, meeting):
    cf_meeting = meeting("CF", 2027, 3, 17)
    data = ItemData(
        title="Fælles journalisering", kind="decision", recommendation="Det indstilles …"
    )
    with pytest.raises(AgendaError, match="skrives den formelle indstilling af en afdelingschef"):
        operations.create_item(forum("CF"), data, by=who("omraadedirektoer"), meeting=cf_meeting)
    item = operations.create_item(forum("CF"), data, by=who("afdelingschef"), meeting=cf_meeting)
    assert item.recommendation_by == who("afdelingschef")
    assert item.needs_approval is False  # CF's charter demands no director's approval
    changed = ItemData(title="Fælles journalisering", kind="decision", recommendation="Ny tekst")
    with pytest.raises(AgendaError, match="indstilling af en afdelingschef"):
        operations.update_item(item, changed, by=who("sekretaer"))


def test_a_forum_takes_only_its_charters_item_kinds(who, forum):
    with pytest.raises(
        AgendaError,
        match="Direktørforum tager disse typer punkter: beslutningspunkt, orienteringspunkt",
    ):
        operations.create_item(
            forum("DIF"),
            ItemData(title="Tema", kind="theme_discussion"),
            by=who("omraadedirektoer"),
        )


def test_the_reflection_forum_refuses_items_quoting_its_charter(who, forum):
    with pytest.raises(AgendaError) as refused:
        operations.create_item(
            forum("DIF-R"), ItemData(title="Idé", kind="decision"), by=who("kommunaldirektoer")
        )
    assert refused.value.message.startswith(
        "DIF Refleksion har ingen dagsorden og tager derfor ingen punkter."
        " Kommissoriet siger: »Der laves ingen dagsorden"
    )


def test_a_case_number_must_follow_kle(who, forum):
    with pytest.raises(AgendaError, match="følger ikke KLE-mønstret"):
        operations.create_item(
            forum("DIF"),
            ItemData(title="X", kind="information", case_number="2027/17"),
            by=who("omraadedirektoer"),
        )


def test_a_manager_cannot_propose_to_dif_but_can_to_cf_as_part_of_an_area(who, forum):
    with pytest.raises(AgendaError, match="Du kan ikke melde punkter ind til Direktørforum"):
        operations.create_item(
            forum("DIF"), ItemData(title="X", kind="information"), by=who("leder")
        )
    item = operations.create_item(
        forum("CF"), ItemData(title="X", kind="information"), by=who("leder")
    )
    assert item.meeting is None  # the forum's backlog


def test_return_needs_a_reason_and_the_submitter_can_resubmit(clock, who, forum, meeting):
    item = operations.submit_item(dif_item(who, forum, meeting), by=who("omraadedirektoer"))
    with pytest.raises(AgendaError, match="Skriv hvorfor punktet sendes tilbage"):
        operations.return_item(item, by=who("sekretaer"), reason=" ")
    item = operations.return_item(item, by=who("sekretaer"), reason="Mangler økonomi")
    assert (item.status, item.return_reason) == ("returned", "Mangler økonomi")
    item = operations.submit_item(item, by=who("omraadedirektoer"))
    assert (item.status, item.return_reason) == ("submitted", "")


def test_only_the_secretariat_quality_assures(clock, who, forum, meeting):
    item = operations.submit_item(dif_item(who, forum, meeting), by=who("omraadedirektoer"))
    with pytest.raises(AgendaError, match="Kun sekretariatet kan kvalitetssikre punkter"):
        operations.review_item(item, by=who("omraadedirektoer"))


def test_recurring_items_from_the_annual_cycle(who, forum):
    dif = forum("DIF")
    made = AgendaItem.objects.filter(
        forum=dif, recurring_key__startswith="Gennemgang af økonomirapport"
    )
    starts = sorted(i.meeting.start.date() for i in made.filter(meeting__start__year=2027))
    # 1 March, 1 May (a Saturday), 1 August (a Sunday) and 1 October 2027 → the first DIF after.
    assert starts == [
        datetime.date(2027, 3, 2),
        datetime.date(2027, 5, 4),
        datetime.date(2027, 8, 3),
        datetime.date(2027, 10, 5),
    ]
    assert all(i.status == "draft" for i in made)
    before = AgendaItem.objects.count()
    assert create_recurring_items(dif, 2027) == []
    assert AgendaItem.objects.count() == before
    cf = AgendaItem.objects.filter(
        forum=forum("CF"), title="Forberedelse på budgetseminar", meeting__start__year=2027
    )
    assert [i.meeting.start.date() for i in cf] == [datetime.date(2027, 8, 4)]
