"""The JSON API at /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs).

Every call needs `Authorization: Bearer TOKEN` (`ledelsesfora token create USERNAME`); the caller
is the token's person and sees and may do exactly what they may in the web pages: each endpoint
looks up with the same access check and calls the same operation.

Answers other than success, always JSON with a `detail` a person can act on:

- 401: no token, or an unknown or revoked one.
- 404 `{"detail": "Not found"}`: whatever the caller may not see (another municipality, an item
  or agenda not shown to them) and unknown ids alike, so that nothing reveals what exists.
- 400: the request cannot make what it asks for: a new item the forum's charter refuses (kind,
  case number, duration, director …), an unknown `responsible_director`, `end` before `start`,
  a body that is not JSON.
- 409: a workflow step or publication refused in the item's or meeting's present state, or
  refused to this caller (e.g. only the secretariat publishes); publication lists the blocking
  `items`.
- 422: a body or query of the wrong shape (a missing field, a wrong type, an unknown kind).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from dateutil.relativedelta import relativedelta
from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import HttpError
from pydantic import AfterValidator

from ledelsesfora.agenda import operations
from ledelsesfora.agenda.access import can_see_meeting_agenda, visible_items
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import AgendaError, ItemData
from ledelsesfora.api.auth import TokenAuth
from ledelsesfora.documents import DOCX, PDF, agenda_filename, minutes_filename
from ledelsesfora.documents.docx import agenda_docx, minutes_docx
from ledelsesfora.documents.pdf import agenda_pdf, minutes_pdf
from ledelsesfora.forums.access import forum_for
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes import operations as minutes_operations
from ledelsesfora.minutes.models import Minutes
from ledelsesfora.organisation.models import Person

api = NinjaAPI(
    title="Ledelsesfora",
    version="1",
    urls_namespace="api",
    auth=TokenAuth(),
    description=__doc__.split("\n\n", 1)[1],
)

# Ids outside a 64-bit integer cannot exist; asking the database about them would fail.
LARGEST_ID = 2**63 - 1


def _without_nul(text: str) -> str:
    # PostgreSQL cannot store NUL characters; refuse them here rather than fail there.
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    return text


Text = Annotated[str, AfterValidator(_without_nul)]


# --- schemas ----------------------------------------------------------------------------------


class Error(Schema):
    detail: str


class BlockingItem(Schema):
    id: int
    title: str


class Refusal(Schema):
    detail: str
    items: list[BlockingItem] = []


class MeetingOut(Schema):
    id: int
    start: datetime.datetime
    end: datetime.datetime
    status: str
    kind: str
    title: str
    iso_week: int
    submission_deadline: datetime.date | None = Field(
        description="The last day for items (Europe/Copenhagen)."
    )
    deadline_time: datetime.time | None = Field(
        description="When on that day the deadline passes; null: at the end of the day."
    )
    publication: datetime.date | None = Field(
        description="The day the agenda is published; never before the deadline has passed."
    )
    publication_time: datetime.time | None = Field(
        description="From when on that day; null: from the start of the day."
    )
    agenda_published: bool

    @staticmethod
    def resolve_start(meeting: Meeting) -> datetime.datetime:
        return timezone.localtime(meeting.start)

    @staticmethod
    def resolve_end(meeting: Meeting) -> datetime.datetime:
        return timezone.localtime(meeting.end)

    @staticmethod
    def resolve_agenda_published(meeting: Meeting) -> bool:
        return meeting.agenda_published_at is not None


class ItemIn(Schema):
    title: Text = Field(max_length=200)
    kind: Literal["decision", "information", "theme_discussion"]
    background: Text = ""
    recommendation: Text = ""
    duration_minutes: int = 15
    closed: bool = False
    responsible_director: Text | None = Field(
        None, max_length=150, description="The responsible director's username."
    )
    case_number: Text = Field("", max_length=40, description="KLE pattern: 00.00.00-P15-1-24")


class ItemOut(Schema):
    id: int
    meeting: int | None
    forum: str
    title: str
    kind: str
    status: str
    closed: bool
    case_number: str
    duration_minutes: int
    responsible_director: str | None
    sparring: str
    return_reason: str
    late_override: str

    @staticmethod
    def resolve_meeting(item: AgendaItem) -> int | None:
        return item.meeting_id

    @staticmethod
    def resolve_forum(item: AgendaItem) -> str:
        return item.forum.short_name

    @staticmethod
    def resolve_responsible_director(item: AgendaItem) -> str | None:
        director = item.responsible_director
        return director.username if director else None


class SubmitIn(Schema):
    override_reason: Text = Field(
        "", description="The secretariat's reason for accepting the item after the deadline."
    )


class ReviewIn(Schema):
    sparring: Text = Field("", description="Sparring notes the submitter sees.")


class ReturnIn(Schema):
    reason: Text = Field(description="Why the item goes back; the submitter acts on it.")


class AgendaLineOut(Schema):
    number: int
    id: int
    title: str
    kind: str
    status: str
    closed: bool
    start: datetime.datetime
    duration_minutes: int


class AgendaOut(Schema):
    meeting: int
    published: bool
    items: list[AgendaLineOut]


# --- answers other than success ---------------------------------------------------------------


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(AgendaError)
def refused(request, error: AgendaError):
    body = {"detail": error.message}
    if error.items:
        body["items"] = [{"id": item.pk, "title": item.title} for item in error.items]
    return api.create_response(request, body, status=409)


# --- look-ups with access checks --------------------------------------------------------------


def _item_for(person: Person, item_id: int) -> AgendaItem:
    item = None
    if 0 < item_id <= LARGEST_ID:
        item = (
            AgendaItem.objects.select_related("forum", "forum__organisation", "meeting")
            .filter(pk=item_id)
            .first()
        )
    if item is None or not visible_items(person, item.forum).filter(pk=item.pk).exists():
        raise Http404
    return item


def _meeting_in_municipality(person: Person, meeting_id: int) -> Meeting:
    meeting = None
    if 0 < meeting_id <= LARGEST_ID:
        meeting = (
            Meeting.objects.visible_to(person)
            .select_related("forum", "forum__organisation")
            .filter(pk=meeting_id)
            .first()
        )
    if meeting is None:
        raise Http404
    return meeting


def _agenda_meeting(person: Person, meeting_id: int) -> Meeting:
    meeting = _meeting_in_municipality(person, meeting_id)
    if not can_see_meeting_agenda(person, meeting):
        raise Http404
    return meeting


def _item(item: AgendaItem) -> AgendaItem:
    return AgendaItem.objects.select_related("forum", "responsible_director").get(pk=item.pk)


def _a_year_after(day: datetime.date) -> datetime.date:
    try:
        return day + relativedelta(years=1)
    except (ValueError, OverflowError):
        return datetime.date.max


# --- endpoints --------------------------------------------------------------------------------

ITEM_ANSWERS = {404: Error, 409: Refusal, 422: dict}


@api.get(
    "/organisations/{org}/forums/{forum}/meetings",
    response={200: list[MeetingOut], 400: Error, 404: Error},
    tags=["meetings"],
)
def meetings(
    request,
    org: str,
    forum: str,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
):
    """The forum's meetings starting between `start` and `end` (both included), cancelled and
    skipped ones too (see `status`). `start` defaults to today, `end` to a year after `start`."""
    found = forum_for(request.auth, org, forum)
    start = start or timezone.localdate()
    end = end or _a_year_after(start)
    if end < start:
        raise HttpError(400, f"end ({end}) is before start ({start}); swap them.")
    return found.meetings.between(start, end).order_by("start")


@api.post(
    "/meetings/{meeting_id}/items",
    response={201: ItemOut, 400: Error, 404: Error, 422: dict},
    tags=["items"],
)
def create_item(request, meeting_id: int, payload: ItemIn):
    """A draft item on the meeting; submit it with `/items/{id}/submit` when it is ready."""
    person = request.auth
    meeting = _meeting_in_municipality(person, meeting_id)
    forum = meeting.forum
    director = None
    if payload.responsible_director:
        director = Person.objects.filter(
            organisation=forum.organisation,
            username=payload.responsible_director,
            is_active=True,
        ).first()
        if director is None:
            raise HttpError(
                400,
                f"No one in {forum.organisation.name} has the username"
                f" {payload.responsible_director!r}; give the responsible director's username.",
            )
    data = ItemData(
        title=payload.title,
        kind=payload.kind,
        background=payload.background,
        recommendation=payload.recommendation,
        case_number=payload.case_number,
        duration_minutes=payload.duration_minutes,
        closed=payload.closed,
        responsible_director=director,
    )
    try:
        item = operations.create_item(forum, data, by=person, meeting=meeting)
    except AgendaError as error:
        raise HttpError(400, error.message) from error
    return Status(201, _item(item))


@api.post("/items/{item_id}/submit", response={200: ItemOut, **ITEM_ANSWERS}, tags=["items"])
def submit_item(request, item_id: int, payload: SubmitIn | None = None):
    """Send the item to the secretariat. After the meeting's submission deadline only the
    secretariat can, with an `override_reason`."""
    item = _item_for(request.auth, item_id)
    reason = payload.override_reason if payload else ""
    return _item(operations.submit_item(item, by=request.auth, override_reason=reason))


@api.post("/items/{item_id}/review", response={200: ItemOut, **ITEM_ANSWERS}, tags=["items"])
def review_item(request, item_id: int, payload: ReviewIn | None = None):
    """The secretariat's quality assurance, with optional sparring notes."""
    item = _item_for(request.auth, item_id)
    sparring = payload.sparring if payload else ""
    return _item(operations.review_item(item, by=request.auth, sparring=sparring))


@api.post("/items/{item_id}/approve", response={200: ItemOut, **ITEM_ANSWERS}, tags=["items"])
def approve_item(request, item_id: int):
    """The approval the forum's charter demands (in DIF: the responsible director's)."""
    item = _item_for(request.auth, item_id)
    return _item(operations.approve_item(item, by=request.auth))


@api.post("/items/{item_id}/return", response={200: ItemOut, **ITEM_ANSWERS}, tags=["items"])
def return_item(request, item_id: int, payload: ReturnIn):
    """Send the item back to its submitter with a `reason`."""
    item = _item_for(request.auth, item_id)
    return _item(operations.return_item(item, by=request.auth, reason=payload.reason))


@api.post(
    "/meetings/{meeting_id}/publish",
    response={200: MeetingOut, 404: Error, 409: Refusal},
    tags=["meetings"],
)
def publish_agenda(request, meeting_id: int):
    """Publish the agenda (the secretariat). Refused, listing the `items`, while an item lacks
    a required approval or recommendation."""
    meeting = _agenda_meeting(request.auth, meeting_id)
    return operations.publish_agenda(meeting, by=request.auth)


@api.get(
    "/meetings/{meeting_id}/agenda",
    response={200: AgendaOut, 404: Error},
    tags=["meetings"],
)
def agenda(request, meeting_id: int):
    """The agenda in order, as the caller may see it: standing items first, each item with its
    number and start time. Closed items only for the forum's members."""
    person = request.auth
    meeting = _agenda_meeting(person, meeting_id)
    items = visible_items(person, meeting.forum).filter(meeting=meeting).on_agenda()
    built = operations.build_agenda(meeting, list(items))
    return {
        "meeting": meeting.pk,
        "published": meeting.agenda_published_at is not None,
        "items": [
            {
                "number": line.number,
                "id": line.item.pk,
                "title": line.item.title,
                "kind": line.item.kind,
                "status": line.item.status,
                "closed": line.item.closed,
                "start": timezone.localtime(line.start),
                "duration_minutes": line.item.duration_minutes,
            }
            for line in built.lines
        ],
    }


# --- minutes and follow-up --------------------------------------------------------------------


class OutcomeIn(Schema):
    outcome: Literal["decided", "noted", "deferred"]
    text: Annotated[str, AfterValidator(_without_nul)] = Field("", max_length=20_000)


class OutcomeOut(Schema):
    item: int
    outcome: str
    text: str


class MinutesItemOut(Schema):
    id: int
    title: str
    closed: bool
    outcome: str | None
    text: str


class MinutesOut(Schema):
    meeting: int
    status: str
    version: int
    summary: str
    items: list[MinutesItemOut]


class FollowUpIn(Schema):
    title: Annotated[str, AfterValidator(_without_nul)] = Field(..., min_length=1, max_length=200)
    owner: Annotated[str, AfterValidator(_without_nul)] | None = Field(None, max_length=150)
    due: datetime.date


class FollowUpOut(Schema):
    id: int
    item: int
    title: str
    owner: str
    due: datetime.date
    status: str
    overdue: bool

    @staticmethod
    def resolve_item(followup) -> int:
        return followup.item_id

    @staticmethod
    def resolve_owner(followup) -> str:
        return followup.owner.username


def _minutes_meeting(person: Person, meeting_id: int) -> Meeting:
    """Minutes are for the forum's members and the secretariat only."""
    meeting = _meeting_in_municipality(person, meeting_id)
    if not minutes_operations.may_read(person, meeting):
        raise Http404
    return meeting


@api.post(
    "/items/{item_id}/outcome",
    response={200: OutcomeOut, 404: Error, 409: Refusal},
    tags=["minutes"],
)
def record_outcome(request, item_id: int, payload: OutcomeIn):
    """Record an item's outcome: `decided` (with the decision as `text`), `noted`, or `deferred`
    (the item moves to the forum's next meeting)."""
    item = _item_for(request.auth, item_id)
    outcome = minutes_operations.record_outcome(
        item, by=request.auth, outcome=payload.outcome, text=payload.text
    )
    return {"item": item.pk, "outcome": outcome.outcome, "text": outcome.text}


@api.get("/meetings/{meeting_id}/minutes", response={200: MinutesOut, 404: Error}, tags=["minutes"])
def minutes(request, meeting_id: int):
    """The minutes as the caller may see them: status, version (approved versions so far) and
    the items of the agenda with their outcomes."""
    meeting = _minutes_meeting(request.auth, meeting_id)
    record = Minutes.objects.filter(meeting=meeting).first()
    outcomes = minutes_operations.current_outcomes(record)
    items = visible_items(request.auth, meeting.forum).filter(meeting=meeting).on_agenda()
    lines = operations.build_agenda(meeting, list(items)).lines
    return {
        "meeting": meeting.pk,
        "status": record.status if record else "draft",
        "version": record.version if record else 0,
        "summary": record.summary if record else "",
        "items": [
            {
                "id": line.item.pk,
                "title": line.item.title,
                "closed": line.item.closed,
                "outcome": outcomes[line.item.pk].outcome if line.item.pk in outcomes else None,
                "text": outcomes[line.item.pk].text if line.item.pk in outcomes else "",
            }
            for line in lines
        ],
    }


@api.post(
    "/meetings/{meeting_id}/minutes/approve",
    response={200: MinutesOut, 404: Error, 409: Refusal},
    tags=["minutes"],
)
def approve_minutes(request, meeting_id: int):
    """Approve and lock the minutes: by the chair or at the next meeting, as the charter says."""
    meeting = _minutes_meeting(request.auth, meeting_id)
    minutes_operations.approve_minutes(meeting, by=request.auth)
    return minutes(request, meeting_id)


@api.post(
    "/items/{item_id}/followups",
    response={201: FollowUpOut, 400: Error, 404: Error, 409: Refusal},
    tags=["follow-up"],
)
def add_followup(request, item_id: int, payload: FollowUpIn):
    """A follow-up action on a decided item. Without `owner` (a username), the charter's rule
    names them (DIF: the responsible director)."""
    item = _item_for(request.auth, item_id)
    owner = None
    if payload.owner:
        owner = Person.objects.filter(
            username=payload.owner, organisation=item.forum.organisation
        ).first()
        if owner is None:
            raise HttpError(
                400, f"{payload.owner} is not a person of {item.forum.organisation.name}."
            )
    followup = minutes_operations.add_followup(
        item, by=request.auth, title=payload.title, owner=owner, due=payload.due
    )
    return Status(201, followup)


@api.get("/followups", response={200: list[FollowUpOut], 400: Error}, tags=["follow-up"])
def followups(request, owner: str = "me"):
    """What the caller and the units they lead owe, open and overdue first (`owner=me`)."""
    if owner != "me":
        raise HttpError(400, "Only owner=me is supported: you see what you and your area owe.")
    rows = list(minutes_operations.owed_by(request.auth).order_by("status", "due"))
    hidden = minutes_operations.hidden_followups(request.auth, rows)
    for row in rows:
        if row.pk in hidden:
            row.title = "Handling på et lukket punkt"  # never saved: shown to this caller only
    return rows


# --- documents --------------------------------------------------------------------------------


def _document(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@api.get("/meetings/{meeting_id}/agenda.{extension}", response={404: Error}, tags=["documents"])
def agenda_document(request, meeting_id: int, extension: Literal["pdf", "docx"]):
    """The agenda as PDF or Word, with the items the caller may see."""
    meeting = _agenda_meeting(request.auth, meeting_id)
    if not meeting.forum.charter.agenda:
        raise Http404
    items = visible_items(request.auth, meeting.forum).filter(meeting=meeting).on_agenda()
    built = operations.build_agenda(meeting, list(items.for_agenda()))
    if extension == "pdf":
        return _document(agenda_pdf(meeting, built), PDF, agenda_filename(meeting, "pdf"))
    return _document(agenda_docx(meeting, built), DOCX, agenda_filename(meeting, "docx"))


@api.get("/meetings/{meeting_id}/minutes.{extension}", response={404: Error}, tags=["documents"])
def minutes_document(request, meeting_id: int, extension: Literal["pdf", "docx"]):
    """The minutes as PDF or Word, for the forum's members and the secretariat."""
    meeting = _minutes_meeting(request.auth, meeting_id)
    items = visible_items(request.auth, meeting.forum).filter(meeting=meeting).on_agenda()
    built = operations.build_agenda(meeting, list(items.for_agenda()))
    record = Minutes.objects.filter(meeting=meeting).first()
    if extension == "pdf":
        return _document(minutes_pdf(meeting, built, record), PDF, minutes_filename(meeting, "pdf"))
    return _document(minutes_docx(meeting, built, record), DOCX, minutes_filename(meeting, "docx"))
