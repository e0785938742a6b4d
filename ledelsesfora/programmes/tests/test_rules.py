"""The programme's rules: built from the charter's parts, blocks within the meeting, approved
as the approving forum's decision once the theme is selected, published to the participants;
who reads the programme and the run sheet."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation

from ledelsesfora.errors import Refused
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.models import Outcome
from ledelsesfora.programmes import access, operations
from ledelsesfora.programmes.models import Block, Programme
from ledelsesfora.themes.tests.conftest import (
    CHEF,
    HOST,
    LEADER,
    MAYOR,
    MINUTE_TAKER,
    OTHER,
    SECRETARY,
    publish_item,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def block(meeting, hour, minute=0, minutes=30, title="Pause", **extra):
    start = timezone.localtime(meeting.start).replace(hour=hour, minute=minute)
    return operations.BlockData(start=start, minutes=minutes, title=title, **extra)


def test_dif_gets_an_approval_item_two_weeks_before_each_lederdag(approval_item, lederdag):
    assert approval_item.forum.short_name == "DIF"
    assert approval_item.title == "Godkendelse af program for lederdagen 11. marts 2027"
    gap = lederdag.start - approval_item.meeting.start
    assert datetime.timedelta(weeks=2) <= gap < datetime.timedelta(weeks=3)


def test_the_lederdag_is_built_as_its_charter_says(lederdag, who):
    programme = operations.build_programme(lederdag, by=who(SECRETARY))
    blocks = list(programme.blocks.all())
    assert [(b.title, b.kind, b.minutes) for b in blocks] == [
        ("Tema", "theme", 150),
        ("Orientering om aktuelle sager og temaer", "orientation", 30),
    ]
    assert blocks[0].start == lederdag.start and blocks[1].end == lederdag.end
    again = operations.build_programme(lederdag, by=who(SECRETARY))
    assert again == programme and again.blocks.count() == 2


def test_the_lederdoegn_host_builds_its_programme_over_two_days(forum, who):
    start = datetime.datetime(2028, 10, 5, 12, 0, tzinfo=datetime.UTC)
    lederdoegn = Meeting.objects.create(
        forum=forum("LD"),
        kind="lederdoegn",
        title="Lederdøgn",
        start=start,
        end=start + datetime.timedelta(days=1),
    )
    programme = operations.build_programme(lederdoegn, by=who(HOST))
    assert programme.blocks.count() == 0  # the charter gives the Lederdøgn no parts
    dinner = block(lederdoegn, 18, title="Middag", kind="meal", minutes=120)
    operations.save_block(programme, dinner, by=who(HOST))
    morning = operations.BlockData(
        start=start + datetime.timedelta(hours=21), minutes=120, title="Fra refleksion til produkt"
    )
    operations.save_block(programme, morning, by=who(HOST))
    with pytest.raises(operations.ProgrammeInvalid, match="within the meeting"):
        late = operations.BlockData(
            start=start + datetime.timedelta(hours=23), minutes=120, title="For sent"
        )
        operations.save_block(programme, late, by=who(HOST))
    assert programme.blocks.count() == 2


def test_only_the_secretariat_and_the_host_build(lederdag, who, consultant):
    for person in (who(LEADER), who(CHEF), who(MAYOR), who(OTHER), consultant):
        with pytest.raises(operations.ProgrammeError, match="secretariat and the forum's host"):
            operations.build_programme(lederdag, by=person)
    assert not Programme.objects.filter(meeting=lederdag).exists()


def test_a_forum_without_run_sheets_has_no_programme(forum, who):
    meeting = forum("CF").meetings.held().filter(start__year=2027).first()
    with pytest.raises(operations.ProgrammeError, match="has no programme"):
        operations.build_programme(meeting, by=who(SECRETARY))


def test_blocks_are_checked(lederdag, who):
    programme = operations.build_programme(lederdag, by=who(SECRETARY))
    cases = [
        (block(lederdag, 12, title="Før"), "within the meeting"),
        (block(lederdag, 15, 45, minutes=30), "within the meeting"),
        (block(lederdag, 14, title="  "), "title"),
        (block(lederdag, 14, minutes=2), "5 minutes"),
        (block(lederdag, 14, responsible=who(OTHER)), "municipality's people"),
    ]
    for data, message in cases:
        with pytest.raises(operations.ProgrammeInvalid, match=message):
            operations.save_block(programme, data, by=who(SECRETARY))
    assert programme.blocks.count() == 2


def test_approval_waits_for_the_theme(at_the_approval, lederdag, who):
    operations.build_programme(lederdag, by=who(SECRETARY))
    with pytest.raises(
        operations.ProgrammeError, match=r"theme of 11\. March 2027 is not selected"
    ):
        operations.approve_programme(at_the_approval, by=who(SECRETARY))
    assert not Outcome.objects.filter(item=at_the_approval).exists()


def test_dif_approves_in_its_minutes_and_a_later_change_is_marked(
    theme_selected, approval_item, lederdag, who
):
    programme = operations.build_programme(lederdag, by=who(SECRETARY))
    publish_item(approval_item)
    with time_machine.travel(approval_item.meeting.start + datetime.timedelta(hours=1), tick=False):
        with pytest.raises(operations.ProgrammeError, match="minute-taker or the secretariat"):
            operations.approve_programme(approval_item, by=who(LEADER))
        operations.approve_programme(approval_item, by=who(MINUTE_TAKER), note="Med frokost.")
        programme.refresh_from_db()
        assert programme.status == Programme.Status.APPROVED
        assert programme.approved_by_item == approval_item
        text = Outcome.objects.get(item=approval_item).text
        assert "Lederforum (lederdage)" in text and text.endswith("Med frokost.")
        operations.save_block(programme, block(lederdag, 15, 45, minutes=15), by=who(SECRETARY))
        programme.refresh_from_db()
        assert programme.changed_after_approval is not None


def test_publication_waits_for_the_approval_and_mails_the_participants(lederdag, who, commit):
    programme = operations.build_programme(lederdag, by=who(SECRETARY))
    with pytest.raises(operations.ProgrammeError, match=r"approved first \(on the agenda of 23"):
        operations.publish_programme(programme, by=who(SECRETARY))
    Programme.objects.filter(pk=programme.pk).update(
        approved_at=datetime.datetime(2027, 2, 23, 10, tzinfo=datetime.UTC), status="approved"
    )
    programme.refresh_from_db()
    mail.outbox.clear()
    operations.publish_programme(programme, by=who(SECRETARY))
    commit()
    members = {m.person.email for m in lederdag.forum.members() if m.person.email}
    members.discard(who(SECRETARY).email)
    assert {m.to[0] for m in mail.outbox} == members
    assert len(members) > 50
    assert "/svar/" in mail.outbox[0].body  # the invitation answers without a login
    mail.outbox.clear()
    operations.publish_programme(programme, by=who(SECRETARY))  # again: no new mails
    commit()
    assert mail.outbox == []


def test_who_reads_the_programme_and_the_run_sheet(lederdag, who, consultant):
    programme = operations.build_programme(lederdag, by=who(SECRETARY))
    visible = lambda person: Programme.objects.visible_to(person).filter(pk=programme.pk).exists()  # noqa: E731
    assert visible(who(SECRETARY)) and visible(who(MAYOR))  # DIF approves it
    for person in (who(LEADER), who(OTHER), consultant):
        assert not visible(person)
    Programme.objects.filter(pk=programme.pk).update(
        published_at=datetime.datetime(2027, 3, 1, tzinfo=datetime.UTC)
    )
    assert visible(who(LEADER)) and not visible(who(OTHER)) and not visible(consultant)
    assert not access.may_read_run_sheet(who(LEADER), programme)
    first = programme.blocks.first()
    Block.objects.filter(pk=first.pk).update(responsible=who(LEADER))
    assert access.may_read_run_sheet(who(LEADER), programme)
    assert not access.may_read_run_sheet(who(CHEF), programme)


def test_an_outcome_refusal_keeps_the_programme_a_draft(at_the_approval, lederdag, who):
    operations.build_programme(lederdag, by=who(SECRETARY))
    with pytest.raises(Refused):
        operations.approve_programme(at_the_approval, by=who(SECRETARY))
    assert Programme.objects.get(meeting=lederdag).status == Programme.Status.DRAFT


def test_the_demo_has_a_draft_programme_for_the_next_lederdag():
    programme = Programme.objects.select_related("meeting").get(
        meeting__forum__organisation__slug="albertslund",
        meeting__forum__short_name="LF",
        meeting__start__date=datetime.date(2027, 3, 11),
    )
    assert programme.status == Programme.Status.DRAFT
    assert programme.blocks.filter(kind="theme", across_areas=True).exists()


def test_vejens_seminar_is_planned_with_the_same_tools(who):
    """Vejen's charter gives its Q2/Q4 seminar `programme = true`; its monthly meetings have
    none."""
    from ledelsesfora.meetings import answers

    cf = Meeting.objects.filter(forum__organisation__slug="vejen", forum__short_name="CF")
    seminar = cf.filter(rhythm="seminar", start__year=2027).order_by("start").first()
    monthly = cf.filter(rhythm="regular", start__year=2027).first()
    secretary = who("sekretaer@vejen")
    programme = operations.build_programme(seminar, by=secretary)
    assert programme.blocks.count() == 0  # the seminar's rhythm has no parts
    with pytest.raises(operations.ProgrammeError, match="has no programme"):
        operations.build_programme(monthly, by=secretary)
    assert answers.asks(seminar) == answers.Asks(dietary=True, overnight=True)
    assert answers.asks(monthly) == answers.Asks(dietary=False, overnight=False)
    Meeting.objects.filter(pk=seminar.pk).update(overnight=False)  # a full-day meeting instead
    seminar.refresh_from_db()
    assert answers.asks(seminar).overnight is False
