"""Building and publishing an agenda, and who sees what on it."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from ledelsesfora.agenda import agendas, operations, topics
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import AgendaError, ItemData

pytestmark = pytest.mark.django_db


def ready_item(who, forum, meeting, title, *, closed=False, guests=(), minutes=30):
    director = who("omraadedirektoer")
    item = operations.create_item(
        forum,
        ItemData(
            title=title,
            kind="information",
            responsible_director=director,
            closed=closed,
            duration_minutes=minutes,
        ),
        by=director,
        meeting=meeting,
        guests=guests,
    )
    item = operations.submit_item(item, by=director)
    item = operations.review_item(item, by=who("sekretaer"))
    return operations.approve_item(item, by=director)


@pytest.fixture
def dif_meeting(meeting):
    return meeting("DIF", 2027, 3, 9)


def test_standing_items_first_then_the_secretariats_order(clock, who, forum, dif_meeting):
    first = ready_item(who, forum("DIF"), dif_meeting, "Første", minutes=45)
    second = ready_item(who, forum("DIF"), dif_meeting, "Anden", minutes=45)
    agendas.move_item(second, -1, by=who("sekretaer"))
    agenda = agendas.build_agenda(dif_meeting, list(dif_meeting.items.on_agenda()))
    assert [(line.number, line.item.title) for line in agenda.lines] == [
        (1, "Godkendelse af dagsorden og referat"),
        (2, "Beslutninger i kriseledelsen"),
        (3, "Gensidige orienteringer"),
        (4, "Anden"),
        (5, "Første"),
    ]
    assert [timezone.localtime(line.start).strftime("%H:%M") for line in agenda.lines] == [
        "09:00",
        "09:05",
        "09:10",
        "09:15",
        "10:00",
    ]
    assert agenda.overrun == datetime.timedelta(minutes=15)  # ends 10:45, the meeting at 10:30
    with pytest.raises(AgendaError, match="Kun sekretariatet kan ordne dagsordenen"):
        agendas.reorder_agenda(dif_meeting, [first.pk, second.pk], by=who("omraadedirektoer"))
    with pytest.raises(AgendaError, match="skal nævne hvert punkt på dagsordenen én gang"):
        agendas.reorder_agenda(dif_meeting, [first.pk], by=who("sekretaer"))


def test_publication_is_refused_while_an_item_lacks_its_approval(clock, who, forum, dif_meeting):
    ready_item(who, forum("DIF"), dif_meeting, "Klar")
    director = who("omraadedirektoer")
    waiting = operations.create_item(
        forum("DIF"),
        ItemData(title="Mangler godkendelse", kind="information", responsible_director=director),
        by=director,
        meeting=dif_meeting,
    )
    operations.submit_item(waiting, by=director)
    with pytest.raises(AgendaError) as refused:
        agendas.publish_agenda(dif_meeting, by=who("sekretaer"))
    assert [i.title for i in refused.value.items] == ["Mangler godkendelse"]
    assert refused.value.message.startswith("Dagsordenen kan ikke publiceres endnu")
    dif_meeting.refresh_from_db()
    assert dif_meeting.agenda_published_at is None


def test_publishing_notifies_members_and_invited_guests(
    clock, who, forum, dif_meeting, django_capture_on_commit_callbacks
):
    guest = who("leder")
    ready_item(who, forum("DIF"), dif_meeting, "Med gæst", guests=[guest])
    ready_item(
        who, forum("DIF"), dif_meeting, "Lukket sag", closed=True, guests=[who("afdelingschef")]
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        agendas.publish_agenda(dif_meeting, by=who("sekretaer"))
    recipients = {address for m in mail.outbox for address in m.to}
    assert "borgmester@albertslund.demo.invalid" in recipients
    assert "leder@albertslund.demo.invalid" in recipients  # invited to an open item
    assert "afdelingschef@albertslund.demo.invalid" not in recipients  # only to a closed item
    assert all(
        m.subject.startswith(("Dagsorden: Direktørforum", "Du er inviteret")) for m in mail.outbox
    )
    dif_meeting.refresh_from_db()
    assert dif_meeting.agenda_published_at is not None
    assert set(dif_meeting.items.on_agenda().values_list("status", flat=True)) == {"published"}


def test_who_sees_what_on_a_published_agenda(clock, who, forum, dif_meeting):
    dif = forum("DIF")
    ready_item(who, dif, dif_meeting, "Åbent punkt", guests=[who("leder")])
    ready_item(who, dif, dif_meeting, "Lukket punkt", closed=True, guests=[who("leder")])

    def titles(person):
        return set(
            AgendaItem.objects.visible_to(person)
            .filter(forum=dif)
            .filter(meeting=dif_meeting, standing=False)
            .values_list("title", flat=True)
        )

    assert titles(who("borgmester")) == set()  # nothing before publication
    agendas.publish_agenda(dif_meeting, by=who("sekretaer"))
    assert titles(who("borgmester")) == {"Åbent punkt", "Lukket punkt"}  # a member
    assert titles(who("leder")) == {"Åbent punkt"}  # a guest: invited items, never closed ones
    assert titles(who("afdelingschef")) == set()  # neither member nor guest
    assert titles(who("leder", "vejen")) == set()  # another municipality


def test_a_change_after_publication_is_marked_and_sent(
    clock, who, forum, dif_meeting, django_capture_on_commit_callbacks
):
    item = ready_item(who, forum("DIF"), dif_meeting, "Punkt")
    agendas.publish_agenda(dif_meeting, by=who("sekretaer"))
    mail.outbox.clear()
    changed = ItemData(
        title="Punkt (revideret)",
        kind="information",
        responsible_director=who("omraadedirektoer"),
        duration_minutes=30,
    )
    with django_capture_on_commit_callbacks(execute=True):
        item = operations.update_item(item, changed, by=who("sekretaer"))
    assert item.changed_after_publication is not None
    assert mail.outbox and mail.outbox[0].subject.startswith("Ændret dagsorden: DIF")


def test_the_reflection_forum_refuses_an_agenda(who, forum, meeting):
    dif_r = forum("DIF-R")
    ad_hoc = dif_r.meetings.first()
    with pytest.raises(
        AgendaError, match="DIF Refleksion har ingen dagsorden og tager derfor ingen dagsorden"
    ):
        agendas.publish_agenda(ad_hoc, by=who("sekretaer"))


def test_directors_post_topics_before_a_reflection_meeting(who, forum):
    ad_hoc = forum("DIF-R").meetings.first()
    topic = topics.post_topic(ad_hoc, by=who("omraadedirektoer"), title="Styring")
    assert topic.meeting == ad_hoc
    with pytest.raises(AgendaError, match="Kun medlemmerne af DIF Refleksion melder emner ind"):
        topics.post_topic(ad_hoc, by=who("afdelingschef"), title="X")
    with pytest.raises(AgendaError, match="arbejder med dagsordenspunkter, ikke emner"):
        topics.post_topic(forum("DIF").meetings.last(), by=who("omraadedirektoer"), title="X")


def test_vejen_members_give_input_and_counter_input(clock, who, forum):
    cf = forum("CF", "vejen")
    item = operations.create_item(
        cf, ItemData(title="Rekruttering", kind="information"), by=who("afdelingschef", "vejen")
    )
    item = operations.submit_item(item, by=who("afdelingschef", "vejen"))
    comment = operations.add_comment(
        item, by=who("kommunaldirektoer", "vejen"), kind="counter", text="Husk lønpolitikken."
    )
    assert comment.get_kind_display() == "modspil"
    with pytest.raises(AgendaError, match="Kun medlemmerne af Chefforum giver med- og modspil"):
        operations.add_comment(item, by=who("leder", "vejen"), kind="input", text="x")
    albertslund_cf = operations.create_item(
        forum("CF"), ItemData(title="X", kind="information"), by=who("afdelingschef")
    )
    with pytest.raises(AgendaError, match="beder ikke om medlemmernes med- og modspil"):
        operations.add_comment(albertslund_cf, by=who("afdelingschef"), kind="input", text="x")


def test_the_daily_job_publishes_due_agendas_and_reports_blocked_ones(
    who, forum, meeting, django_capture_on_commit_callbacks
):
    due = meeting("DIF", 2027, 3, 9)  # published Friday 5 March
    blocked = meeting("DIF", 2027, 3, 16)
    director = who("omraadedirektoer")
    import time_machine

    from ledelsesfora.agenda.tests.conftest import NOW

    with time_machine.travel(NOW, tick=False):
        item = operations.create_item(
            forum("DIF"),
            ItemData(title="Venter", kind="information", responsible_director=director),
            by=director,
            meeting=blocked,
        )
        operations.submit_item(item, by=director)
    from io import StringIO

    out = StringIO()
    with time_machine.travel(datetime.datetime(2027, 3, 5, 6, tzinfo=NOW.tzinfo), tick=False):
        call_command("publish_agendas", stdout=out)  # Friday: the agenda for Tuesday 9 March
    with (
        time_machine.travel(datetime.datetime(2027, 3, 12, 6, tzinfo=NOW.tzinfo), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        mail.outbox.clear()
        call_command("publish_agendas", stdout=out)  # and for Tuesday 16 March, which is blocked
    due.refresh_from_db()
    blocked.refresh_from_db()
    assert due.agenda_published_at is not None
    assert blocked.agenda_published_at is None
    assert (
        "albertslund DIF 2027-03-16 09:00: refused: Dagsordenen kan ikke publiceres endnu"
        in out.getvalue()
    )
    assert any(
        m.subject == "Dagsorden ikke publiceret: DIF" and "- Venter" in m.body for m in mail.outbox
    )
    assert AgendaItem.objects.get(pk=item.pk).status == "submitted"


def test_vejen_members_see_proposed_items_before_the_meeting_to_give_input(clock, who, forum):
    cf = forum("CF", "vejen")
    proposal = operations.create_item(
        cf,
        ItemData(title="Fælles rekruttering", kind="information"),
        by=who("afdelingschef", "vejen"),
    )
    other_member = who("kommunaldirektoer", "vejen")
    assert (
        not AgendaItem.objects.visible_to(other_member)
        .filter(forum=cf)
        .filter(pk=proposal.pk)
        .exists()
    )  # a draft
    operations.submit_item(proposal, by=who("afdelingschef", "vejen"))
    assert (
        AgendaItem.objects.visible_to(other_member).filter(forum=cf).filter(pk=proposal.pk).exists()
    )
    assert (
        not AgendaItem.objects.visible_to(who("leder", "vejen"))
        .filter(forum=cf)
        .filter(pk=proposal.pk)
        .exists()
    )
    # Albertslund's CF asks for no such input: members wait for the published agenda.
    albertslund = operations.submit_item(
        operations.create_item(
            forum("CF"), ItemData(title="X", kind="information"), by=who("afdelingschef")
        ),
        by=who("afdelingschef"),
    )
    assert (
        not AgendaItem.objects.visible_to(who("omraadedirektoer"))
        .filter(forum=forum("CF"))
        .filter(pk=albertslund.pk)
        .exists()
    )
