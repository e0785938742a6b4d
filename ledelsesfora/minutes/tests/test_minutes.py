"""Minutes: outcomes, approval as the charter says, the database lock, versions, follow-up."""

import datetime
import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import DatabaseError, transaction

from ledelsesfora.agenda import agendas
from ledelsesfora.agenda import operations as agenda
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.forums.models import Forum
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.minutes import operations
from ledelsesfora.minutes.models import FollowUp, Minutes, MinutesVersion
from ledelsesfora.minutes.operations import MinutesError
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.django_db
BEFORE = datetime.datetime(2027, 3, 1, 10, tzinfo=TIMEZONE)
DURING = datetime.datetime(2027, 3, 9, 10, tzinfo=TIMEZONE)
NEXT_WEEK = datetime.datetime(2027, 3, 16, 9, 30, tzinfo=TIMEZONE)


def who(handle, org="albertslund"):
    return Person.objects.get(username=f"{handle}@{org}")


def dif_meeting(day):
    return Meeting.objects.get(
        forum__organisation__slug="albertslund", forum__short_name="DIF", start__date=day
    )


@pytest.fixture
def held():
    """The DIF meeting of 9 March 2027 with two published items, as of during the meeting."""
    meeting = dif_meeting(datetime.date(2027, 3, 9))
    director = who("omraadedirektoer")
    with time_machine.travel(BEFORE, tick=False):
        for title, kind in (("Ny budgetmodel", "decision"), ("Status på anlæg", "information")):
            item = agenda.create_item(
                Forum.objects.get(organisation__slug="albertslund", short_name="DIF"),
                ItemData(
                    title=title,
                    kind=kind,
                    responsible_director=director,
                    recommendation="Det indstilles …" if kind == "decision" else "",
                ),
                by=director,
                meeting=meeting,
            )
            item = agenda.submit_item(item, by=director)
            item = agenda.review_item(item, by=who("sekretaer"))
            agenda.approve_item(item, by=director)
        agendas.publish_agenda(meeting, by=who("sekretaer"))
    meeting.refresh_from_db()
    with time_machine.travel(DURING, tick=False):
        yield meeting


def item(meeting, title):
    return meeting.items.get(title=title)


def record_all(meeting):
    secretary = who("sekretaer")
    for each in meeting.items.on_agenda():
        if each.title == "Ny budgetmodel":
            operations.record_outcome(each, by=secretary, outcome="decided", text="Godkendt.")
        else:
            operations.record_outcome(each, by=secretary, outcome="noted")


def test_the_minute_taker_records_outcomes(held):
    minute_taker = who("chef-oekonomi-stab")  # DIF's minute-taker by the charter
    with pytest.raises(MinutesError, match="Skriv beslutningen"):
        operations.record_outcome(item(held, "Ny budgetmodel"), by=minute_taker, outcome="decided")
    outcome = operations.record_outcome(
        item(held, "Ny budgetmodel"),
        by=minute_taker,
        outcome="decided",
        text="Modellen tages i brug.",
    )
    assert outcome.get_outcome_display() == "besluttet"
    with pytest.raises(MinutesError, match="Kun referenten eller sekretariatet"):
        operations.record_outcome(
            item(held, "Status på anlæg"), by=who("borgmester"), outcome="noted"
        )


def test_a_deferred_item_moves_to_the_next_meeting_with_its_history(held):
    moved = operations.record_outcome(
        item(held, "Status på anlæg"), by=who("sekretaer"), outcome="deferred"
    ).item
    moved = AgendaItem.objects.get(pk=moved.pk)
    assert moved.meeting.start.date() == datetime.date(2027, 3, 16)
    assert moved.status == "approved"
    assert list(moved.events.values_list("action", flat=True))[-2:] == ["outcome:deferred", "moved"]


def test_a_deferred_item_stays_on_the_agenda_and_in_the_minutes_it_was_deferred_at(held):
    from django.test import Client

    operations.record_outcome(
        item(held, "Status på anlæg"), by=who("sekretaer"), outcome="deferred"
    )
    member = Client()
    member.force_login(who("borgmester"))  # a member of DIF, no part of the item's process
    agenda = member.get(f"/moede/{held.pk}/").content.decode()
    assert "Status på anlæg" in agenda and "udsat til 16. marts 2027" in agenda
    secretary = Client()
    secretary.force_login(who("sekretaer"))
    minutes = secretary.get(f"/moede/{held.pk}/referat/").content.decode()
    assert "Udsat</strong> til 16. marts 2027" in minutes
    assert f'name="item" value="{item(held, "Ny budgetmodel").pk}"' in minutes
    deferred_pk = AgendaItem.objects.get(title="Status på anlæg").pk
    assert f'name="item" value="{deferred_pk}"' not in minutes  # decided where it went
    later = Meeting.objects.get(pk=AgendaItem.objects.get(pk=deferred_pk).meeting_id)
    assert "Status på anlæg" not in member.get(f"/moede/{later.pk}/").content.decode()


def test_minutes_cannot_be_written_before_the_meeting(held):
    with time_machine.travel(BEFORE, tick=False), pytest.raises(MinutesError, match="ikke begyndt"):
        operations.record_outcome(
            item(held, "Status på anlæg"), by=who("sekretaer"), outcome="noted"
        )


def test_sending_needs_an_outcome_for_every_item(held):
    operations.record_outcome(
        item(held, "Ny budgetmodel"), by=who("sekretaer"), outcome="decided", text="Godkendt."
    )
    with pytest.raises(MinutesError) as refused:
        operations.send_minutes(held, by=who("sekretaer"))
    assert [i.title for i in refused.value.items if not i.standing] == ["Status på anlæg"]


def test_approval_at_the_next_meeting_then_locked(held, django_capture_on_commit_callbacks):
    record_all(held)
    # Standing items get outcomes too before the minutes go out.
    for standing in held.items.filter(standing=True):
        operations.record_outcome(standing, by=who("sekretaer"), outcome="noted")
    with django_capture_on_commit_callbacks(execute=True):
        operations.send_minutes(held, by=who("sekretaer"))
    assert any(m.subject.startswith("Referat til godkendelse: Direktørforum") for m in mail.outbox)
    with pytest.raises(MinutesError, match="godkendes på næste møde"):
        operations.approve_minutes(held, by=who("sekretaer"))
    with time_machine.travel(NEXT_WEEK, tick=False):
        minutes = operations.approve_minutes(held, by=who("sekretaer"))
    assert minutes.status == "approved"
    assert minutes.approved_note == "Godkendt på mødet 16. marts 2027"
    assert item(held, "Ny budgetmodel").status == "treated"
    with pytest.raises(MinutesError, match="godkendt og låst"):
        operations.record_outcome(
            item(held, "Ny budgetmodel"), by=who("sekretaer"), outcome="noted"
        )
    # The lock holds in the database itself, whatever code tries.
    with pytest.raises(DatabaseError), transaction.atomic():
        MinutesVersion.objects.filter(minutes=minutes).update(reason="skjult rettelse")


def test_a_correction_is_a_new_version_with_a_reason_and_a_diff(held):
    record_all(held)
    for standing in held.items.filter(standing=True):
        operations.record_outcome(standing, by=who("sekretaer"), outcome="noted")
    operations.send_minutes(held, by=who("sekretaer"))
    with time_machine.travel(NEXT_WEEK, tick=False):
        operations.approve_minutes(held, by=who("sekretaer"))
        budget = item(held, "Ny budgetmodel")
        with pytest.raises(MinutesError, match="Skriv hvorfor"):
            operations.amend_minutes(
                held,
                by=who("sekretaer"),
                reason="",
                outcomes={budget.pk: "Godkendt med ændringer."},
            )
        version = operations.amend_minutes(
            held,
            by=who("sekretaer"),
            reason="Stavefejl",
            outcomes={budget.pk: "Godkendt med ændringer."},
        )
    assert (version.number, version.reason) == (2, "Stavefejl")
    first = MinutesVersion.objects.get(minutes__meeting=held, number=1)
    (changed,) = operations.corrections(first, version, with_closed=True)
    assert (changed.title, changed.what) == ("Ny budgetmodel", "beslutning eller bemærkning")
    assert (changed.before, changed.after) == ("Godkendt.", "Godkendt med ændringer.")


def test_the_chair_approves_where_the_charter_says_so(held):
    dif = held.forum
    dif.spec = {
        **dif.spec,
        "minutes_approval": "chair",
        "member": [
            *dif.spec["member"][:1],
            {"position": "kommunaldirektoer", "role": "chair"},
            *dif.spec["member"][2:],
        ],
    }
    dif.save()
    held.forum.refresh_from_db()
    meeting = Meeting.objects.get(pk=held.pk)
    record_all(meeting)
    for standing in meeting.items.filter(standing=True):
        operations.record_outcome(standing, by=who("sekretaer"), outcome="noted")
    operations.send_minutes(meeting, by=who("sekretaer"))
    with pytest.raises(MinutesError, match="Formanden godkender referatet"):
        operations.approve_minutes(meeting, by=who("sekretaer"))
    assert operations.approve_minutes(meeting, by=who("kommunaldirektoer")).status == "approved"


def test_forums_without_minutes_refuse_them_and_lederforum_writes_a_summary():
    reflection = Meeting.objects.filter(forum__short_name="DIF-R").first()
    with (
        time_machine.travel(reflection.start + datetime.timedelta(hours=1)),
        pytest.raises(MinutesError, match="fører ikke referat efter sit kommissorium"),
    ):
        operations.write_summary(reflection, by=who("sekretaer"), text="x")
    lf = (
        Meeting.objects.filter(
            forum__short_name="LF",
            agenda_published_at__isnull=False,
            forum__organisation__slug="albertslund",
        )
        .order_by("-start")
        .first()
    )
    with time_machine.travel(lf.start + datetime.timedelta(hours=4)):
        one = lf.items.on_agenda().first()
        with pytest.raises(MinutesError, match="skriver en opsamling, ikke beslutninger"):
            operations.record_outcome(one, by=who("sekretaer"), outcome="decided", text="x")
        assert (
            operations.write_summary(lf, by=who("sekretaer"), text="Godt møde.").summary
            == "Godt møde."
        )


def test_follow_up_actions_hang_on_decisions_and_follow_the_charter(held):
    budget, status = item(held, "Ny budgetmodel"), item(held, "Status på anlæg")
    operations.record_outcome(status, by=who("sekretaer"), outcome="noted")
    with pytest.raises(MinutesError, match="hænger på en beslutning"):
        operations.add_followup(
            status, by=who("sekretaer"), title="X", owner=None, due=datetime.date(2027, 4, 1)
        )
    operations.record_outcome(budget, by=who("sekretaer"), outcome="decided", text="Godkendt.")
    action = operations.add_followup(
        budget,
        by=who("sekretaer"),
        title="Implementér modellen",
        owner=None,
        due=datetime.date(2027, 4, 1),
    )
    assert action.owner == who("omraadedirektoer")  # DIF: the responsible director follows up
    assert action in operations.owed_by(who("omraadedirektoer"))
    assert action not in operations.owed_by(who("afdelingschef", "vejen"))
    with pytest.raises(MinutesError, match="Kun ejeren eller sekretariatet"):
        operations.set_followup_status(action, by=who("leder"), status="done")
    assert operations.set_followup_status(action, by=who("omraadedirektoer"), status="done").done_at


def test_reminders_for_actions_coming_due_and_overdue(django_capture_on_commit_callbacks):
    overdue = FollowUp.objects.filter(title="Orientér afdelingerne").first()  # from the demo
    assert overdue is not None
    mail.outbox.clear()
    with (
        time_machine.travel(datetime.datetime(2026, 11, 23, 6, tzinfo=TIMEZONE)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_followup_reminders", stdout=io.StringIO())
    bodies = [m.body for m in mail.outbox if m.subject == "Påmindelse: opfølgning på beslutninger"]
    assert any("Orientér afdelingerne" in body and "overskredet" in body for body in bodies)


def test_the_demo_has_approved_minutes_and_minutes_still_to_write():
    for org in ("albertslund", "vejen"):
        approved = Minutes.objects.filter(meeting__forum__organisation__slug=org, status="approved")
        assert approved.exists()
        latest = (
            Meeting.objects.filter(
                forum__organisation__slug=org,
                forum__short_name="CF",
                agenda_published_at__isnull=False,
            )
            .order_by("-start")
            .first()
        )
        assert not Minutes.objects.filter(meeting=latest, status="approved").exists()
    assert FollowUp.objects.overdue(datetime.date(2026, 11, 23)).exists()
    assert FollowUp.objects.open().filter(due__gt=datetime.date(2026, 11, 23)).exists()


def test_approved_versions_hold_and_pages_show_the_frozen_text(client):
    from django.db import connection

    from ledelsesfora.minutes.models import Outcome

    minutes = Minutes.objects.filter(status="approved").first()
    if connection.vendor == "postgresql":  # see migration 0003 for why SQLite has no such lock
        with pytest.raises(DatabaseError), transaction.atomic():
            MinutesVersion.objects.filter(minutes=minutes).delete()
    # A rewrite of the working rows behind the application's back does not change what is shown.
    Outcome.objects.filter(minutes=minutes).update(text="Skjult omskrivning")
    client.force_login(who("sekretaer", minutes.meeting.forum.organisation.slug))
    page = client.get(f"/moede/{minutes.meeting.pk}/referat/").content.decode()
    assert "Skjult omskrivning" not in page


def test_outcomes_only_for_items_on_the_published_agenda(held):
    director = who("omraadedirektoer")
    with time_machine.travel(BEFORE, tick=False):
        draft = agenda.create_item(
            held.forum, ItemData(title="Kladde", kind="information"), by=director, meeting=held
        )
    with pytest.raises(MinutesError, match="Kun punkter på en publiceret dagsorden"):
        operations.record_outcome(draft, by=who("sekretaer"), outcome="deferred")
    assert AgendaItem.objects.get(pk=draft.pk).status == "draft"


def test_a_closed_items_follow_up_goes_only_to_someone_who_may_see_it(held):
    budget = item(held, "Ny budgetmodel")
    AgendaItem.objects.filter(pk=budget.pk).update(closed=True)
    budget = AgendaItem.objects.get(pk=budget.pk)
    operations.record_outcome(budget, by=who("sekretaer"), outcome="decided", text="Godkendt.")
    with pytest.raises(MinutesError, match="lukket"):
        operations.add_followup(
            budget,
            by=who("sekretaer"),
            title="X",
            owner=who("leder"),
            due=datetime.date(2027, 4, 1),
        )


def test_the_follow_up_form_asks_for_what_it_needs_and_says_what_is_wrong(held, client):
    budget = item(held, "Ny budgetmodel")
    operations.record_outcome(budget, by=who("sekretaer"), outcome="decided", text="Godkendt.")
    client.force_login(who("sekretaer"))
    url = f"/moede/{held.pk}/referat/"
    page = client.get(url).content.decode()
    director = who("omraadedirektoer").full_name
    assert f"{director}, som kommissoriet siger" in page  # DIF: the responsible director
    post = {"item": budget.pk, "title": "", "owner": "", "due": "2027-04-01"}
    said = client.post(f"{url}followup/", post, follow=True).content.decode()
    assert "Skriv handlingen: hvad der skal gøres" in said
    post |= {"title": "Implementér modellen", "due": "2027-03-01"}
    said = client.post(f"{url}followup/", post, follow=True).content.decode()
    assert "Fristen 01.03.2027 er passeret" in said
    assert not budget.followups.exists()
    # Where the charter names nobody, the form asks who, and so does the refusal.
    forum = held.forum
    forum.spec = {**forum.spec, "follow_up": "none"}
    forum.save()
    page = client.get(url).content.decode()
    assert "Vælg, hvem der skal udføre handlingen" in page
    post |= {"due": "2027-04-01"}
    said = client.post(f"{url}followup/", post, follow=True).content.decode()
    assert "Kommissoriet udpeger ingen til opfølgningen" in said


def test_a_decision_saved_meanwhile_by_someone_else_is_not_overwritten(held, login):
    """Two people record one item's decision from the same page: the later save is refused
    with both texts on the page, and saved when sent again."""
    budget = item(held, "Ny budgetmodel")
    url = f"/moede/{held.pk}/referat/"
    page = login("sekretaer").get(url).content.decode()
    seen = re.search(
        rf'name="item" value="{budget.pk}"><input type="hidden" name="seen" value="([^"]+)"', page
    ).group(1)
    operations.record_outcome(budget, by=who("sekretaer"), outcome="decided", text="Den første.")
    form = {"item": budget.pk, "outcome": "decided", "text": "Den anden.", "seen": seen}
    refused = login("sekretaer").post(f"{url}outcome/", form)
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Den første." in page and ">Den anden.</textarea>" in page
    assert operations.current_outcomes(held.minutes).get(budget.pk).text == "Den første."
    seen = re.search(
        rf'name="item" value="{budget.pk}"><input type="hidden" name="seen" value="([^"]+)"', page
    ).group(1)
    saved = login("sekretaer").post(f"{url}outcome/", {**form, "seen": seen})
    assert saved.status_code == 302
    assert operations.current_outcomes(held.minutes).get(budget.pk).text == "Den anden."


def test_members_read_the_minutes_once_they_are_sent_not_while_drafted(held, login, client):
    """docs/decisions.md: a draft is for those who write it; the members get it when sent."""
    from ledelsesfora.api.tests.test_api import Caller

    budget = item(held, "Ny budgetmodel")
    operations.record_outcome(
        budget, by=who("sekretaer"), outcome="decided", text="Vedtaget i udkast."
    )
    url = f"/moede/{held.pk}/referat/"
    member = login("borgmester")
    page = member.get(url).content.decode()
    assert "Vedtaget i udkast." not in page
    assert "Referatet skrives" in page
    assert member.get(f"{url[:-1]}.pdf").status_code == 404
    api = Caller(client, "borgmester@albertslund")
    answer = api.get(f"/meetings/{held.pk}/minutes").json()
    assert {row["text"] for row in answer["items"]} == {""}
    assert {row["outcome"] for row in answer["items"]} == {None}
    assert "Vedtaget i udkast." in login("sekretaer").get(url).content.decode()
    author_sees = login("omraadedirektoer").get(f"/punkt/{budget.pk}/").content.decode()
    assert "Vedtaget i udkast." not in author_sees  # not through the item's history either

    record_all(held)
    operations.send_minutes(held, by=who("sekretaer"))
    assert "Godkendt." in login("borgmester").get(url).content.decode()
