"""Pages for minutes and follow-up: the minute-taker records during or after the meeting (phone
or tablet), the chair or the next meeting approves, members read, owners follow up."""

from __future__ import annotations

import datetime
import itertools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledelsesfora.agenda.access import visible_items
from ledelsesfora.agenda.operations import build_agenda
from ledelsesfora.documents import DOCX, PDF, minutes_filename
from ledelsesfora.documents.docx import minutes_docx
from ledelsesfora.documents.pdf import minutes_pdf
from ledelsesfora.forums.access import is_secretariat, organisation_for
from ledelsesfora.guards import number
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes import operations
from ledelsesfora.minutes.models import FollowUp, Minutes, Outcome
from ledelsesfora.organisation.models import Person


def _meeting_for(person: Person, pk: int) -> Meeting:
    """Minutes are for the forum's members and the secretariat; everyone else gets a 404."""
    meeting = Meeting.objects.select_related("forum", "forum__organisation").filter(pk=pk).first()
    if meeting is None or not operations.may_read(person, meeting):
        raise Http404
    return meeting


@login_required
def minutes_page(request, pk):
    meeting = _meeting_for(request.user, pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    writer = operations.may_write(request.user, meeting)
    items = list(meeting.items.on_agenda().for_agenda()) if meeting.agenda_published_at else []
    outcomes = operations.current_outcomes(minutes)
    versions = list(minutes.versions.select_related("created_by")) if minutes else []
    diffs = [
        (newer, operations.diff(older, newer, with_closed=True))
        for older, newer in itertools.pairwise(versions)
    ]
    present = set()
    absent = set()
    guests = []
    if minutes:
        for row in minutes.attendance.all():
            if row.kind == "present":
                present.add(row.person_id)
            elif row.kind == "absent":
                absent.add(row.person_id)
            else:
                guests.append(row.name)
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
            and (minutes is None or minutes.status != Minutes.Status.APPROVED)
            and meeting.start <= timezone.now(),
            "lines": [
                (line, outcomes.get(line.item.pk)) for line in build_agenda(meeting, items).lines
            ],
            "summary_forum": meeting.forum.charter.minutes == "summary",
            "members": [m.person for m in meeting.forum.members()],
            "present": present,
            "absent": absent,
            "guests": ", ".join(guests),
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
        },
    )


@login_required
@require_POST
def minutes_action(request, pk, action):
    meeting = _meeting_for(request.user, pk)
    by, post = request.user, request.POST
    try:
        if action == "outcome":
            item = meeting.items.filter(pk=number(post.get("item"))).first()
            if item is None:
                raise operations.MinutesError(_("That item is not on this meeting's agenda."))
            defer_to = (
                meeting.forum.meetings.filter(pk=number(post.get("defer_to"))).first()
                if post.get("defer_to")
                else None
            )
            operations.record_outcome(
                item,
                by=by,
                outcome=post.get("outcome", ""),
                text=post.get("text", ""),
                defer_to=defer_to,
            )
        elif action == "attendance":
            people = {
                p.pk: p for p in Person.objects.filter(organisation=meeting.forum.organisation)
            }
            present = [
                people[int(v)] for v in post.getlist("present") if v.isdigit() and int(v) in people
            ]
            absent = [p for pk_, p in people.items() if str(pk_) in post.getlist("absent")]
            operations.record_attendance(
                meeting,
                by=by,
                present=present,
                absent=absent,
                guests=post.get("guests", "").split(","),
            )
        elif action == "summary":
            operations.write_summary(meeting, by=by, text=post.get("summary", ""))
        elif action == "send":
            operations.send_minutes(meeting, by=by)
            messages.success(request, _("The minutes are sent to the members."))
        elif action == "approve":
            operations.approve_minutes(meeting, by=by)
            messages.success(request, _("The minutes are approved and locked."))
        elif action == "amend":
            changes = {
                int(key.split("-", 1)[1]): value
                for key, value in post.items()
                if key.startswith("text-") and key.split("-", 1)[1].isdigit()
            }
            operations.amend_minutes(
                meeting,
                by=by,
                reason=post.get("reason", ""),
                outcomes=changes,
                summary=post.get("summary") if "summary" in post else None,
            )
            messages.success(request, _("The correction is saved as a new version."))
        elif action == "followup":
            item = meeting.items.filter(pk=number(post.get("item"))).first()
            owner = Person.objects.filter(
                organisation=meeting.forum.organisation, pk=number(post.get("owner"))
            ).first()
            try:
                due = datetime.date.fromisoformat(post.get("due", ""))
            except ValueError:
                raise operations.MinutesError(_("Give the due date as a date.")) from None
            if item is None:
                raise operations.MinutesError(_("That item is not on this meeting's agenda."))
            operations.add_followup(item, by=by, title=post.get("title", ""), owner=owner, due=due)
        else:
            raise Http404
    except operations.MinutesError as error:
        messages.error(request, error.message)
        for item in error.items:
            messages.error(request, f"– {item.title}")
    return redirect("minutes", pk=meeting.pk)


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


def _minutes_document_parts(person: Person, pk: int):
    meeting = _meeting_for(person, pk)
    items = visible_items(person, meeting.forum).filter(meeting=meeting).on_agenda().for_agenda()
    return (
        meeting,
        build_agenda(meeting, list(items)),
        Minutes.objects.filter(meeting=meeting).first(),
    )


@login_required
def minutes_download(request, pk, extension):
    """The minutes as PDF or Word, for the same people who may read the minutes page."""
    if extension not in ("pdf", "docx"):
        raise Http404
    meeting, agenda, record = _minutes_document_parts(request.user, pk)
    if extension == "pdf":
        content, content_type = minutes_pdf(meeting, agenda, record), PDF
    else:
        content, content_type = minutes_docx(meeting, agenda, record), DOCX
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{minutes_filename(meeting, extension)}"'
    )
    return response
