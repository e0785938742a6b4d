"""Pages for minutes and follow-up: the minute-taker records during or after the meeting (phone
or tablet), the chair or the next meeting approves, members read, owners follow up."""

from __future__ import annotations

import datetime
import itertools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledelsesfora.agenda.access import closed_items_of_meeting
from ledelsesfora.agenda.agendas import agenda_for
from ledelsesfora.documents import attachment_response
from ledelsesfora.forums.access import is_secretariat, organisation_for
from ledelsesfora.guards import number
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes import operations
from ledelsesfora.minutes.models import FollowUp, Minutes, Outcome
from ledelsesfora.organisation.models import Person
from ledelsesfora.pagecache import remembered
from ledelsesfora.security.log import Kind, logs_use
from ledelsesfora.steps import run_step


def _meeting_for(person: Person, pk: int) -> Meeting:
    """Minutes are for the forum's members and the secretariat; everyone else gets a 404."""
    meeting = Meeting.objects.select_related("forum", "forum__organisation").filter(pk=pk).first()
    if meeting is None or not operations.may_read(person, meeting):
        raise Http404
    return meeting


@remembered
@logs_use(Kind.READ, closed_items_of_meeting)
@login_required
def minutes_page(request, pk):
    return _minutes_page(request, _meeting_for(request.user, pk))


def _minutes_page(request, meeting: Meeting, typed: dict | None = None, status: int = 200):
    """The minutes; `typed` is a form refused, shown again as it was filled in: attendance, or
    a summary or decision whose text someone else changed meanwhile."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    writer = operations.may_write(request.user, meeting)
    agenda = agenda_for(request.user, meeting) if meeting.agenda_published_at else None
    hidden = operations.draft_hidden(request.user, meeting, minutes)
    outcomes = {} if hidden else operations.current_outcomes(minutes)
    versions = list(minutes.versions.select_related("created_by")) if minutes else []
    diffs = [
        (newer, operations.corrections(older, newer, with_closed=True))
        for older, newer in itertools.pairwise(versions)
    ]
    members = [m.person for m in meeting.forum.members()]
    typed = typed or {}
    attendance = typed if "absent" in typed else operations.attendance_start(meeting, minutes)
    typed_item, typed_text = typed.get("outcome", (None, None))
    for outcome in outcomes.values():
        outcome.stamp = operations.text_stamp(outcome.text)
    return render(
        request,
        "minutes/minutes.html",
        {
            "organisation": meeting.forum.organisation,
            "meeting": meeting,
            "forum": meeting.forum,
            "minutes": minutes,
            "writer": writer,
            "editable": writer
            and meeting.takes_place
            and (minutes is None or minutes.status != Minutes.Status.APPROVED)
            and meeting.start <= timezone.now(),
            "lines": [(line, outcomes.get(line.item.pk)) for line in agenda.lines]
            if agenda
            else [],
            "default_owners": operations.usable_default_owners(
                meeting,
                [
                    line.item
                    for line in (agenda.lines if agenda and writer else [])
                    if line.item.pk in outcomes and outcomes[line.item.pk].outcome == "decided"
                ],
            ),
            "summary_forum": meeting.forum.charter.minutes == "summary",
            "members": members,
            "absent": attendance["absent"],
            "guests": attendance["guests"],
            "attendance_recorded": attendance["recorded"],
            "later": meeting.forum.meetings.held()
            .filter(start__gt=meeting.start)
            .order_by("start")[:6],
            "versions": versions,
            "diffs": diffs,
            "kinds": Outcome.Kind.choices,
            "followups": FollowUp.objects.filter(item__meeting=meeting).select_related(
                "owner", "item"
            ),
            "today": timezone.localdate(),
            "draft_hidden": hidden,
            "typed_summary": typed.get("summary"),
            "summary_stamp": operations.text_stamp(minutes.summary if minutes else ""),
            "empty_stamp": operations.text_stamp(""),
            "typed_item": typed_item,
            "typed_text": typed_text,
        },
        status=status,
    )


def _minutes_step(request, pk: int, step, done: str = ""):
    """Run one step of the minutes; refusals are shown with the items they name."""
    meeting = _meeting_for(request.user, pk)
    run_step(request, lambda: step(meeting), done=done)
    return redirect("minutes", pk=meeting.pk)


def _agenda_item(meeting: Meeting, value):
    item = meeting.items.filter(pk=number(value)).first()
    if item is None:
        raise operations.MinutesError(_("That item is not on this meeting's agenda."))
    return item


def _unless_stale(request, pk: int, step, typed: dict):
    """Run a step that saves a text; when someone else saved another text meanwhile, show the
    page again with theirs saved and this person's text still in the form (409)."""
    meeting = _meeting_for(request.user, pk)
    stale = []

    def guarded():
        try:
            step(meeting)
        except operations.StaleText as error:
            stale.append(error)

    run_step(request, guarded)
    if stale:
        messages.error(request, stale[0].message)
        return _minutes_page(request, meeting, typed=typed, status=409)
    return redirect("minutes", pk=meeting.pk)


@login_required
@require_POST
def minutes_outcome(request, pk):
    post = request.POST

    def record(meeting):
        defer_to = (
            meeting.forum.meetings.filter(pk=number(post.get("defer_to"))).first()
            if post.get("defer_to")
            else None
        )
        operations.record_outcome(
            _agenda_item(meeting, post.get("item")),
            by=request.user,
            outcome=post.get("outcome", ""),
            text=post.get("text", ""),
            defer_to=defer_to,
            seen=post.get("seen"),
        )

    typed = {"outcome": (number(post.get("item")), post.get("text", ""))}
    return _unless_stale(request, pk, record, typed)


@login_required
@require_POST
def minutes_attendance(request, pk):
    """Attendance as apologies: every member is present unless marked absent; guests by name.
    A refusal shows the form again as it was filled in."""
    meeting = _meeting_for(request.user, pk)
    members = {m.person.pk: m.person for m in meeting.forum.members()}
    marked = {number(v) for v in request.POST.getlist("absent")}
    guests = request.POST.get("guests", "")
    try:
        operations.record_attendance(
            meeting,
            by=request.user,
            present=[p for pk_, p in members.items() if pk_ not in marked],
            absent=[p for pk_, p in members.items() if pk_ in marked],
            guests=guests.split(","),
        )
    except operations.MinutesError as error:
        messages.error(request, error.message)
        typed = {"absent": marked, "guests": guests, "recorded": False}
        return _minutes_page(request, meeting, typed, status=400)
    messages.success(request, _("The attendance is saved."))
    return redirect("minutes", pk=meeting.pk)


@login_required
@require_POST
def minutes_summary(request, pk):
    text, seen = request.POST.get("summary", ""), request.POST.get("seen")
    return _unless_stale(
        request,
        pk,
        lambda meeting: operations.write_summary(meeting, by=request.user, text=text, seen=seen),
        {"summary": text},
    )


@login_required
@require_POST
def minutes_send(request, pk):
    return _minutes_step(
        request,
        pk,
        lambda meeting: operations.send_minutes(meeting, by=request.user),
        _("The minutes are sent to the members."),
    )


@login_required
@require_POST
def minutes_approve(request, pk):
    return _minutes_step(
        request,
        pk,
        lambda meeting: operations.approve_minutes(meeting, by=request.user),
        _("The minutes are approved and locked."),
    )


@login_required
@require_POST
def minutes_amend(request, pk):
    post = request.POST
    changes = {
        int(key.split("-", 1)[1]): value
        for key, value in post.items()
        if key.startswith("text-") and key.split("-", 1)[1].isdigit()
    }
    return _minutes_step(
        request,
        pk,
        lambda meeting: operations.amend_minutes(
            meeting,
            by=request.user,
            reason=post.get("reason", ""),
            outcomes=changes,
            summary=post.get("summary") if "summary" in post else None,
        ),
        _("The correction is saved as a new version."),
    )


@login_required
@require_POST
def minutes_followup(request, pk):
    post = request.POST

    def add(meeting):
        item = _agenda_item(meeting, post.get("item"))
        owner = Person.objects.filter(
            organisation=meeting.forum.organisation, pk=number(post.get("owner"))
        ).first()
        try:
            due = datetime.date.fromisoformat(post.get("due", ""))
        except ValueError:
            raise operations.MinutesError(
                _("Give the due date as a date, e.g. %(example)s.")
                % {"example": f"{timezone.localdate() + datetime.timedelta(days=14):%d.%m.%Y}"}
            ) from None
        operations.add_followup(
            item, by=request.user, title=post.get("title", ""), owner=owner, due=due
        )

    return _minutes_step(request, pk, add)


@remembered
@login_required
def followups(request, org):
    organisation = organisation_for(request.user, org)
    mine = list(operations.owed_by(request.user).order_by("status", "due"))
    secretariat = is_secretariat(request.user, organisation)
    everything = (
        FollowUp.objects.filter(item__forum__organisation=organisation)
        .open()
        .select_related("item", "item__forum", "owner", "unit")
        .overdue_first()
        if secretariat
        else []
    )
    return render(
        request,
        "minutes/followups.html",
        {
            "organisation": organisation,
            "mine": mine,
            "everything": everything,
            "hidden": operations.hidden_followups(request.user, mine),
            "today": timezone.localdate(),
            "secretariat": secretariat,
        },
    )


@login_required
@require_POST
def followup_status(request, pk):
    followup = FollowUp.objects.select_related("item__forum__organisation").filter(pk=pk).first()
    if followup is None or followup.item.forum.organisation_id != request.user.organisation_id:
        raise Http404
    try:
        operations.set_followup_status(
            followup, by=request.user, status=request.POST.get("status", "")
        )
    except operations.MinutesError as error:
        messages.error(request, error.message)
    return redirect("followups", org=followup.item.forum.organisation.slug)


@remembered
@logs_use(Kind.EXPORT, closed_items_of_meeting)
@login_required
def minutes_download(request, pk, extension):
    """The minutes as PDF or Word, for the same people who may read the minutes page."""
    meeting = _meeting_for(request.user, pk)
    download = operations.minutes_file(request.user, meeting, extension)
    if download is None:
        raise Http404
    return attachment_response(*download)
