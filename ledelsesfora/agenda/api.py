"""The JSON API of agenda items and agendas: the same steps and the same agenda as the pages,
through the same operations and the same reads (`AgendaItem.objects.visible_to`,
`agendas.agenda_for`)."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from ledelsesfora.agenda import agendas, operations
from ledelsesfora.agenda.access import agenda_meetings, closed_items_of_meeting
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import AgendaError, ItemData
from ledelsesfora.documents import attachment_response
from ledelsesfora.meetings.api import MeetingOut
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person
from ledelsesfora.schemas import Error, Refusal, Text, one
from ledelsesfora.security.log import Kind, record, record_each

router = Router()


class ItemIn(Schema):
    title: Text = Field(max_length=200, description="The item's title, one line.")
    kind: Text = Field(
        max_length=50,
        description="One of the forum's item kinds: decision, information, theme_discussion or"
        " a kind its charter declares (see GET /forums/{short_name}).",
    )
    background: Text = Field("", description="The background (sagsfremstilling).")
    recommendation: Text = Field(
        "", description="The recommendation (indstilling), where the forum's kind needs one."
    )
    duration_minutes: int = Field(15, description="Minutes to set aside on the agenda.")
    closed: bool = Field(False, description="A closed item: only the forum's members will read it.")
    responsible_director: Text | None = Field(
        None, max_length=150, description="The responsible director's username."
    )
    case_number: Text = Field("", max_length=40, description="KLE pattern: 00.00.00-P15-1-24")
    presenters: list[Text] = Field(
        [], max_length=50, description="Usernames of those who present the item."
    )
    guests: list[Text] = Field(
        [],
        max_length=50,
        description="Usernames of the guests invited to the item (the charter may allow none).",
    )


class ItemPatch(Schema):
    """The fields to change; those left out keep their value."""

    title: Text | None = Field(None, max_length=200, description="A new title.")
    kind: Text | None = Field(None, max_length=50, description="A new kind.")
    background: Text | None = Field(None, description="A new background.")
    recommendation: Text | None = Field(None, description="A new recommendation.")
    duration_minutes: int | None = Field(None, description="New minutes on the agenda.")
    closed: bool | None = Field(None, description="Closed or open.")
    responsible_director: Text | None = Field(
        None, max_length=150, description="The responsible director's login."
    )
    case_number: Text | None = Field(None, max_length=40, description="The case number (KLE).")
    presenters: list[Text] | None = Field(
        None, max_length=50, description="Logins of those who present it (all of them)."
    )
    guests: list[Text] | None = Field(
        None, max_length=50, description="Logins of those invited for it (all of them)."
    )
    version: str | None = Field(
        None,
        max_length=40,
        description="The item's `version` as you read it. If someone has changed the item since,"
        " the change is refused (409) and nothing is saved: read it again and decide.",
    )


class ItemOut(Schema):
    id: int = Field(description="The item's id.")
    meeting: int | None = Field(description="The meeting it is on; null: the backlog.")
    forum: str = Field(description="The forum's short name.")
    title: str = Field(description="The item's title.")
    kind: str = Field(description="Its kind (a key of the forum's item kinds).")
    kind_label: str = Field(description="The kind as the charter names it.")
    status: str = Field(
        description="Where it is on its way: draft, submitted, reviewed, approved, published,"
        " treated, returned or withdrawn."
    )
    closed: bool = Field(description="A closed item: only the forum's members read it.")
    case_number: str = Field(description="The case number (KLE).")
    duration_minutes: int = Field(description="Minutes set aside on the agenda.")
    responsible_director: str | None = Field(description="The responsible director's login.")
    sparring: str = Field(description="The secretariat's advice from its quality check.")
    return_reason: str = Field(description="Why it was sent back, when it was.")
    late_override: str = Field(description="Why it was let onto the agenda after the deadline.")
    background: str = Field(description="The background (sagsfremstilling).")
    recommendation: str = Field(description="The recommendation (indstilling).")
    presenters: list[str] = Field(description="Logins of those who present it.")
    guests: list[str] = Field(description="Logins of those invited for it.")
    version: str = Field(
        description="Changes with the item's content; send it with a change (PATCH) so that a"
        " change made meanwhile by someone else is not overwritten."
    )

    @staticmethod
    def resolve_version(item: AgendaItem) -> str:
        return operations.content_stamp(item)

    @staticmethod
    def resolve_presenters(item: AgendaItem) -> list[str]:
        return [p.username for p in item.presenters.all()]

    @staticmethod
    def resolve_guests(item: AgendaItem) -> list[str]:
        return [p.username for p in item.guests.all()]

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
    number: int = Field(description="The item's number on the agenda.")
    id: int = Field(description="The item's id.")
    title: str = Field(description="The item's title.")
    kind: str = Field(description="The item's kind (a key of the forum's item kinds).")
    kind_label: str = Field(description="The kind as the charter names it.")
    status: str = Field(description="Where the item is on its way (draft … treated).")
    closed: bool = Field(description="A closed item: only the forum's members read it.")
    start: datetime.datetime = Field(description="When the item is planned to begin.")
    duration_minutes: int = Field(description="Minutes set aside for it.")


class AgendaOut(Schema):
    meeting: int = Field(description="The meeting's id.")
    published: bool = Field(description="Whether the agenda is published.")
    items: list[AgendaLineOut] = Field(
        description="The agenda's lines the caller may see, in order."
    )


ITEM_ANSWERS = {404: Error, 409: Refusal, 422: dict}


def item_for(person: Person, item_id: int) -> AgendaItem:
    """The item if `person` may see it; 404 otherwise (the minutes' API uses it too)."""
    return one(
        AgendaItem.objects.visible_to(person).select_related(
            "forum", "forum__organisation", "meeting"
        ),
        item_id,
    )


def _agenda_meeting(person: Person, meeting_id: int) -> Meeting:
    return one(agenda_meetings(person).select_related("forum", "forum__organisation"), meeting_id)


def _item(item: AgendaItem) -> AgendaItem:
    return (
        AgendaItem.objects.select_related("forum", "responsible_director")
        .prefetch_related("presenters", "guests")
        .get(pk=item.pk)
    )


@router.post(
    "/meetings/{meeting_id}/items",
    response={201: ItemOut, 400: Error, 404: Error, 422: dict},
    tags=["items"],
)
def create_item(request, meeting_id: int, payload: ItemIn):
    """A draft item on the meeting; submit it with `/items/{id}/submit` when it is ready."""
    person = request.auth
    meeting = one(
        Meeting.objects.visible_to(person).select_related("forum", "forum__organisation"),
        meeting_id,
    )
    forum = meeting.forum
    director = _director(forum, payload.responsible_director)
    presenters = _people(forum, payload.presenters)
    guests = _people(forum, payload.guests)
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
        item = operations.create_item(
            forum, data, by=person, meeting=meeting, presenters=presenters, guests=guests
        )
    except AgendaError as error:
        raise HttpError(400, error.message) from error
    return Status(201, _item(item))


def _director(forum, username: str | None) -> Person | None:
    if not username:
        return None
    director = Person.objects.filter(
        organisation=forum.organisation, username=username, is_active=True
    ).first()
    if director is None:
        raise HttpError(
            400,
            _(
                "No one in %(municipality)s has the username '%(username)s'; give the"
                " responsible director's username."
            )
            % {"municipality": forum.organisation.name, "username": username},
        )
    return director


def _people(forum, usernames: list[str]) -> list[Person]:
    """The municipality's active people by username; 400 naming those not found."""
    found = list(
        Person.objects.filter(
            organisation=forum.organisation, username__in=usernames, is_active=True
        )
    )
    unknown = sorted(set(usernames) - {p.username for p in found})
    if unknown:
        raise HttpError(
            400,
            _("No one in %(municipality)s has the username %(usernames)s; check the spelling.")
            % {
                "municipality": forum.organisation.name,
                "usernames": ", ".join(f"'{u}'" for u in unknown),
            },
        )
    return found


@router.get("/items/{item_id}", response={200: ItemOut, 404: Error}, tags=["items"])
def get_item(request, item_id: int):
    """The item, where the caller may see it (closed items: the forum's members and the
    secretariat)."""
    item = item_for(request.auth, item_id)
    if item.closed:
        record(request, Kind.READ, item)
    return _item(item)


@router.patch(
    "/items/{item_id}", response={200: ItemOut, 400: Error, **ITEM_ANSWERS}, tags=["items"]
)
def change_item(request, item_id: int, payload: ItemPatch):
    """Change an item: its submitter while it is a draft or returned, the secretariat until it
    is treated. A change to a published agenda is marked and sent to the members."""
    item = item_for(request.auth, item_id)
    forum = item.forum
    given = payload.dict(exclude_unset=True)
    director = (
        _director(forum, given["responsible_director"])
        if "responsible_director" in given
        else item.responsible_director
    )

    def value(name, current):
        return current if given.get(name) is None else given[name]

    data = ItemData(
        title=value("title", item.title),
        kind=value("kind", item.kind),
        background=value("background", item.background),
        recommendation=value("recommendation", item.recommendation),
        case_number=value("case_number", item.case_number),
        duration_minutes=value("duration_minutes", item.duration_minutes),
        closed=value("closed", item.closed),
        anchors=tuple(item.anchors or ()),
        responsible_director=director,
        responsible_unit=item.responsible_unit,
    )
    presenters = (
        _people(forum, given["presenters"]) if given.get("presenters") is not None else None
    )
    guests = _people(forum, given["guests"]) if given.get("guests") is not None else None
    try:
        item = operations.update_item(
            item,
            data,
            by=request.auth,
            presenters=presenters,
            guests=guests,
            seen=given.get("version"),
        )
    except operations.StaleEdit as error:
        raise HttpError(
            409,
            _(
                "The item was changed after the version you sent; nothing is saved. Read it"
                " again (GET) and send your change with its new version."
            ),
        ) from error
    except AgendaError as error:
        raise HttpError(400, error.message) from error
    return _item(item)


class PlaceIn(Schema):
    meeting: int | None = Field(
        ge=1, le=2**63 - 1, description="A meeting of the item's forum; null: the backlog."
    )


@router.post("/items/{item_id}/place", response={200: ItemOut, **ITEM_ANSWERS}, tags=["items"])
def place_item(request, item_id: int, payload: PlaceIn):
    """Move the item to another meeting of its forum, or to the backlog (the secretariat)."""
    item = item_for(request.auth, item_id)
    meeting = None
    if payload.meeting is not None:
        meeting = item.forum.meetings.filter(pk=payload.meeting).first()
        if meeting is None:
            raise AgendaError(_("Choose a meeting of the forum."))
    return _item(operations.place_item(item, by=request.auth, meeting=meeting))


class OrderIn(Schema):
    items: list[int] = Field(
        max_length=500,
        description="Every item on the agenda (not the standing items), by id, in the new order.",
    )


@router.post("/items/{item_id}/submit", response={200: ItemOut, **ITEM_ANSWERS}, tags=["items"])
def submit_item(request, item_id: int, payload: SubmitIn | None = None):
    """Send the item to the secretariat. After the meeting's submission deadline only the
    secretariat can, with an `override_reason`."""
    item = item_for(request.auth, item_id)
    reason = payload.override_reason if payload else ""
    return _item(operations.submit_item(item, by=request.auth, override_reason=reason))


@router.post("/items/{item_id}/review", response={200: ItemOut, **ITEM_ANSWERS}, tags=["items"])
def review_item(request, item_id: int, payload: ReviewIn | None = None):
    """The secretariat's quality assurance, with optional sparring notes."""
    item = item_for(request.auth, item_id)
    sparring = payload.sparring if payload else ""
    return _item(operations.review_item(item, by=request.auth, sparring=sparring))


@router.post("/items/{item_id}/approve", response={200: ItemOut, **ITEM_ANSWERS}, tags=["items"])
def approve_item(request, item_id: int):
    """The approval the forum's charter demands (in DIF: the responsible director's)."""
    item = item_for(request.auth, item_id)
    return _item(operations.approve_item(item, by=request.auth))


@router.post("/items/{item_id}/return", response={200: ItemOut, **ITEM_ANSWERS}, tags=["items"])
def return_item(request, item_id: int, payload: ReturnIn):
    """Send the item back to its submitter with a `reason`."""
    item = item_for(request.auth, item_id)
    return _item(operations.return_item(item, by=request.auth, reason=payload.reason))


class LateIn(Schema):
    reason: Text = Field(description="Why the item cannot wait for the next meeting.")


@router.post(
    "/items/{item_id}/submit-next", response={200: ItemOut, **ITEM_ANSWERS}, tags=["items"]
)
def submit_to_next_meeting(request, item_id: int):
    """A late item: moved to the next meeting it can still reach, and submitted, in one step."""
    item = item_for(request.auth, item_id)
    return _item(operations.submit_to_next_meeting(item, by=request.auth))


@router.post("/items/{item_id}/ask-late", response={200: ItemOut, **ITEM_ANSWERS}, tags=["items"])
def ask_to_accept_late(request, item_id: int, payload: LateIn):
    """A late item: ask the secretariat to accept it on its meeting after all, saying why."""
    item = item_for(request.auth, item_id)
    return _item(operations.ask_to_accept_late(item, by=request.auth, reason=payload.reason))


@router.post("/items/{item_id}/withdraw", response={200: ItemOut, **ITEM_ANSWERS}, tags=["items"])
def withdraw_item(request, item_id: int):
    """Take back an item not yet submitted (a draft, or one sent back)."""
    item = item_for(request.auth, item_id)
    return _item(operations.withdraw_item(item, by=request.auth))


@router.put(
    "/meetings/{meeting_id}/order",
    response={200: AgendaOut, 404: Error, 409: Refusal, 422: dict},
    tags=["meetings"],
)
def order_agenda(request, meeting_id: int, payload: OrderIn):
    """Set the order of the agenda's items (the secretariat); standing items stay first, items
    not on the agenda yet follow. Refused unless `items` names every item on it once."""
    meeting = _agenda_meeting(request.auth, meeting_id)
    agendas.reorder_agenda(meeting, payload.items, by=request.auth)
    return agenda(request, meeting_id)


@router.post(
    "/meetings/{meeting_id}/publish",
    response={200: MeetingOut, 404: Error, 409: Refusal},
    tags=["meetings"],
)
def publish_agenda(request, meeting_id: int):
    """Publish the agenda (the secretariat). Refused, listing the `items`, while an item lacks
    a required approval or recommendation."""
    meeting = _agenda_meeting(request.auth, meeting_id)
    return agendas.publish_agenda(meeting, by=request.auth)


class MoveItemsIn(Schema):
    to: int | None = Field(
        ge=1,
        le=2**63 - 1,
        description="The meeting of the same forum, still ahead, that takes the items; null:"
        " the forum's backlog.",
    )


class KeptItemOut(Schema):
    id: int = Field(description="The item's id.")
    title: str = Field(description="Its title.")
    reason: str = Field(description="Why it was not moved.")


class ItemsMovedOut(Schema):
    moved: list[int] = Field(description="The ids of the items moved.")
    kept: list[KeptItemOut] = Field(description="The items that stayed, and why.")


@router.post(
    "/meetings/{meeting_id}/move-items",
    response={200: ItemsMovedOut, 404: Error, 409: Refusal, 422: dict},
    tags=["meetings"],
)
def move_meeting_items(request, meeting_id: int, payload: MoveItemsIn):
    """Move every item of a cancelled or skipped meeting to meeting `to` or to the backlog, in
    one step (the secretariat). Standing items stay; an item of the annual cycle the other
    meeting already has stays too, listed in `kept` with the reason."""
    meeting = _agenda_meeting(request.auth, meeting_id)
    target = None
    if payload.to is not None:
        target = agenda_meetings(request.auth).filter(pk=payload.to).first()
        if target is None:
            raise operations.AgendaError(
                _("Choose a meeting of the same forum that is still ahead.")
            )
    result = operations.move_meeting_items(meeting, to=target, by=request.auth)
    return {
        "moved": [item.pk for item in result.moved],
        "kept": [{"id": i.pk, "title": i.title, "reason": i.reason} for i in result.kept],
    }


@router.get(
    "/meetings/{meeting_id}/agenda", response={200: AgendaOut, 404: Error}, tags=["meetings"]
)
def agenda(request, meeting_id: int):
    """The agenda in order, as the caller may see it: standing items first, each item with its
    number and start time. Closed items only for the forum's members; items still in process are
    not on it."""
    meeting = _agenda_meeting(request.auth, meeting_id)
    built = agendas.agenda_for(request.auth, meeting)
    if built is None:
        raise Http404
    record_each(request, Kind.READ, [line.item for line in built.lines if line.item.closed])
    return {
        "meeting": meeting.pk,
        "published": meeting.agenda_published_at is not None,
        "items": [
            {
                "number": line.number,
                "id": line.item.pk,
                "title": line.item.title,
                "kind": line.item.kind,
                "kind_label": line.item.kind_label,
                "status": line.item.status,
                "closed": line.item.closed,
                "start": timezone.localtime(line.start),
                "duration_minutes": line.item.duration_minutes,
            }
            for line in built.lines
        ],
    }


@router.get("/meetings/{meeting_id}/agenda.{extension}", response={404: Error}, tags=["documents"])
def agenda_document(request, meeting_id: int, extension: Literal["pdf", "docx"]):
    """The agenda as PDF or Word, with the items the caller may see."""
    meeting = _agenda_meeting(request.auth, meeting_id)
    download = agendas.agenda_file(request.auth, meeting, extension)
    if download is None:
        raise Http404
    record_each(request, Kind.EXPORT, closed_items_of_meeting(request, meeting.pk))
    return attachment_response(*download)
