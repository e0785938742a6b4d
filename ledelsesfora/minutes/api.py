"""The JSON API of minutes and follow-up: the same steps and the same reads as the pages."""

import datetime
from typing import Literal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from ledelsesfora.agenda.access import closed_items_of_meeting
from ledelsesfora.agenda.agendas import agenda_for
from ledelsesfora.agenda.api import item_for
from ledelsesfora.documents import attachment_response
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes import operations
from ledelsesfora.minutes.models import FollowUp, Minutes
from ledelsesfora.organisation.models import Person
from ledelsesfora.schemas import Error, Pages, Refusal, Text, in_period, one
from ledelsesfora.security.log import Kind, record_each

router = Router()


class OutcomeIn(Schema):
    outcome: Literal["decided", "noted", "deferred"] = Field(
        description="decided, noted or deferred."
    )
    text: Text = Field("", max_length=20_000, description="The decision's text (for decided).")


class OutcomeOut(Schema):
    item: int = Field(description="The item's id.")
    outcome: str = Field(description="decided, noted or deferred.")
    text: str = Field(description="The decision's text.")


class MinutesItemOut(Schema):
    id: int = Field(description="The item's id.")
    title: str = Field(description="Its title.")
    closed: bool = Field(description="A closed item.")
    outcome: str | None = Field(description="decided, noted or deferred; null: not yet recorded.")
    text: str = Field(description="The decision's text.")


class AttendanceOut(Schema):
    present: list[str] = Field(description="Usernames of the members present.")
    apologies: list[str] = Field(description="Usernames of the members absent.")
    guests: list[str] = Field(description="Guests by name.")


class AttendanceIn(Schema):
    apologies: list[Text] = Field(
        [], description="Usernames of the members absent; every other member is present."
    )
    guests: list[Text] = Field([], description="Guests by name, each at most 200 characters.")


class MinutesOut(Schema):
    meeting: int = Field(description="The meeting's id.")
    status: str = Field(description="draft, sent or approved.")
    version: int = Field(description="How many approved versions there are.")
    summary: str = Field(description="The written summary (opsamling), where the forum keeps one.")
    items: list[MinutesItemOut] = Field(description="Each item of the agenda with its outcome.")
    attendance: AttendanceOut = Field(description="Who came, who sent apologies, and guests.")


class FollowUpIn(Schema):
    title: Text = Field(
        ...,
        min_length=1,
        max_length=200,
        description="What is to be done, one line (at most 200 characters).",
    )
    owner: Text | None = Field(
        None, max_length=150, description="The owner's login; empty: whom the charter names."
    )
    due: datetime.date = Field(description="The day it is due, ahead of today.")


class FollowUpOut(Schema):
    id: int = Field(description="The action's id.")
    item: int = Field(description="The id of the item whose decision carries it.")
    title: str = Field(
        description="What is to be done (hidden on a closed item the caller may not see)."
    )
    owner: str = Field(description="The owner's login.")
    due: datetime.date = Field(description="The day it is due.")
    status: str = Field(description="open, done or cancelled.")
    overdue: bool = Field(description="Open and past its due day.")

    @staticmethod
    def resolve_item(followup) -> int:
        return followup.item_id

    @staticmethod
    def resolve_owner(followup) -> str:
        return followup.owner.username


def _minutes_meeting(person: Person, meeting_id: int) -> Meeting:
    """Minutes are for the forum's members and the secretariat only."""
    meeting = one(
        Meeting.objects.visible_to(person).select_related("forum", "forum__organisation"),
        meeting_id,
    )
    if not operations.may_read(person, meeting):
        raise Http404
    return meeting


@router.post(
    "/items/{item_id}/outcome",
    response={200: OutcomeOut, 404: Error, 409: Refusal},
    tags=["minutes"],
)
def record_outcome(request, item_id: int, payload: OutcomeIn):
    """Record an item's outcome: `decided` (with the decision as `text`), `noted`, or `deferred`
    (the item moves to the forum's next meeting)."""
    item = item_for(request.auth, item_id)
    outcome = operations.record_outcome(
        item, by=request.auth, outcome=payload.outcome, text=payload.text
    )
    return {"item": item.pk, "outcome": outcome.outcome, "text": outcome.text}


@router.get(
    "/meetings/{meeting_id}/minutes", response={200: MinutesOut, 404: Error}, tags=["minutes"]
)
def minutes(request, meeting_id: int):
    """The minutes as the caller may see them: status, version (approved versions so far) and
    the items of the agenda with their outcomes."""
    meeting = _minutes_meeting(request.auth, meeting_id)
    record = Minutes.objects.filter(meeting=meeting).first()
    hidden = operations.draft_hidden(request.auth, meeting, record)
    outcomes = {} if hidden else operations.current_outcomes(record)
    agenda = agenda_for(request.auth, meeting)
    closed = [line.item for line in agenda.lines if line.item.closed] if agenda else []
    record_each(request, Kind.READ, closed)
    rows = list(record.attendance.select_related("person")) if record else []
    return {
        "meeting": meeting.pk,
        "status": record.status if record else "draft",
        "version": record.version if record else 0,
        "summary": record.summary if record and not hidden else "",
        "attendance": {
            "present": [r.person.username for r in rows if r.kind == "present"],
            "apologies": [r.person.username for r in rows if r.kind == "absent"],
            "guests": [r.name for r in rows if r.kind == "guest"],
        },
        "items": [
            {
                "id": line.item.pk,
                "title": line.item.title,
                "closed": line.item.closed,
                "outcome": outcomes[line.item.pk].outcome if line.item.pk in outcomes else None,
                "text": outcomes[line.item.pk].text if line.item.pk in outcomes else "",
            }
            for line in (agenda.lines if agenda else [])
        ],
    }


@router.put(
    "/meetings/{meeting_id}/minutes/attendance",
    response={200: MinutesOut, 400: Error, 404: Error, 409: Refusal},
    tags=["minutes"],
)
def record_attendance(request, meeting_id: int, payload: AttendanceIn):
    """Record who was there, as apologies: the members named are absent, every other member
    present; guests by name. Replaces what was recorded."""
    meeting = _minutes_meeting(request.auth, meeting_id)
    members = {m.person.username: m.person for m in meeting.forum.members()}
    unknown = [name for name in payload.apologies if name not in members]
    if unknown:
        raise HttpError(
            400,
            _("Not members of %(forum)s: %(names)s. Name members by their username.")
            % {"forum": meeting.forum.short_name, "names": ", ".join(unknown)},
        )
    operations.record_attendance(
        meeting,
        by=request.auth,
        present=[p for name, p in members.items() if name not in payload.apologies],
        absent=[members[name] for name in dict.fromkeys(payload.apologies)],
        guests=payload.guests,
    )
    return minutes(request, meeting_id)


@router.post(
    "/meetings/{meeting_id}/minutes/send",
    response={200: MinutesOut, 404: Error, 409: Refusal},
    tags=["minutes"],
)
def send_minutes(request, meeting_id: int):
    """Send the draft minutes to the members, for approval as the charter says."""
    meeting = _minutes_meeting(request.auth, meeting_id)
    operations.send_minutes(meeting, by=request.auth)
    return minutes(request, meeting_id)


@router.post(
    "/meetings/{meeting_id}/minutes/approve",
    response={200: MinutesOut, 404: Error, 409: Refusal},
    tags=["minutes"],
)
def approve_minutes(request, meeting_id: int):
    """Approve and lock the minutes: by the chair or at the next meeting, as the charter says."""
    meeting = _minutes_meeting(request.auth, meeting_id)
    operations.approve_minutes(meeting, by=request.auth)
    return minutes(request, meeting_id)


@router.post(
    "/items/{item_id}/followups",
    response={201: FollowUpOut, 400: Error, 404: Error, 409: Refusal},
    tags=["follow-up"],
)
def add_followup(request, item_id: int, payload: FollowUpIn):
    """A follow-up action on a decided item. Without `owner` (a username), the charter's rule
    names them (DIF: the responsible director)."""
    item = item_for(request.auth, item_id)
    owner = None
    if payload.owner:
        owner = Person.objects.filter(
            username=payload.owner, organisation=item.forum.organisation
        ).first()
        if owner is None:
            raise HttpError(
                400,
                _("%(owner)s is not a person of %(municipality)s.")
                % {"owner": payload.owner, "municipality": item.forum.organisation.name},
            )
    followup = operations.add_followup(
        item, by=request.auth, title=payload.title, owner=owner, due=payload.due
    )
    return Status(201, FollowUp.objects.with_overdue().select_related("owner").get(pk=followup.pk))


class FollowUpFilters(Schema):
    owner: str = Field("me", description="Whose actions: `me` (you and the units you lead).")
    status: Literal["open", "done", "cancelled"] | None = Field(None, description="Only these.")
    due_from: datetime.date | None = Field(None, description="Due on or after this day.")
    due_until: datetime.date | None = Field(None, description="Due on or before this day.")


@router.get("/followups", response={200: list[FollowUpOut], 400: Error}, tags=["follow-up"])
@paginate(Pages)
def followups(request, filters: Query[FollowUpFilters]):
    """What the caller and the units they lead owe (`owner=me`), open and overdue first;
    `status` and a due period (`due_from`, `due_until`, both included) narrow it."""
    status, due_from, due_until = filters.status, filters.due_from, filters.due_until
    if filters.owner != "me":
        raise HttpError(400, _("Only owner=me is supported: you see what you and your area owe."))
    rows = operations.owed_by(request.auth).order_by("status", "due", "pk")
    if status:
        rows = rows.filter(status=status)
    rows = list(in_period(rows, "due", due_from, due_until))
    hidden = operations.hidden_followups(request.auth, rows)
    for row in rows:
        if row.pk in hidden:
            row.title = _("An action on a closed item")  # never saved: this caller's view only
    return rows


@router.get("/meetings/{meeting_id}/minutes.{extension}", response={404: Error}, tags=["documents"])
def minutes_document(request, meeting_id: int, extension: Literal["pdf", "docx"]):
    """The minutes as PDF or Word, for the forum's members and the secretariat."""
    meeting = _minutes_meeting(request.auth, meeting_id)
    download = operations.minutes_file(request.auth, meeting, extension)
    if download is None:
        raise Http404
    record_each(request, Kind.EXPORT, closed_items_of_meeting(request, meeting.pk))
    return attachment_response(*download)
