"""The JSON API of programmes: read one, build it, its blocks, publish it, and the approving
forum's item recording the approval. The same reads (`Programme.objects.visible_to`,
`access.may_build`) and operations as the pages."""

import datetime
from typing import Literal

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from ledelsesfora.agenda.api import item_for
from ledelsesfora.documents import attachment_response
from ledelsesfora.forums.access import is_secretariat, organisation_for
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person
from ledelsesfora.programmes import access, operations
from ledelsesfora.programmes.files import programme_file
from ledelsesfora.programmes.models import Block, Cost, Programme
from ledelsesfora.schemas import Error, Pages, Refusal, Text, one

router = Router(tags=["programmes"])
ANSWERS = {404: Error, 409: Refusal, 422: dict}


class BlockOut(Schema):
    id: int = Field(description="The block's id.")
    start: datetime.datetime = Field(description="When it begins.")
    end: datetime.datetime = Field(description="When it ends.")
    minutes: int = Field(description="How long it lasts.")
    title: str = Field(description="What the block is.")
    kind: str = Field(description="theme, orientation, plenary, group_work, break, meal, other")
    description: str = Field(description="What happens.")
    speakers: str = Field(description="Who speaks.")
    facilitator: str = Field(description="Who leads it.")
    across_areas: bool = Field(description="The groups mix managers from every area.")
    room: str | None = Field(description="Run sheet: only for those who read it.")
    responsible: str | None = Field(description="Run sheet: the responsible's username.")
    equipment: str | None = Field(None, description="What must be ready (run sheet readers only).")
    catering: str | None = Field(None, description="Food and drink (run sheet readers only).")


class ProductOut(Schema):
    title: str = Field(description="What the day produced.")
    text: str = Field(description="The product's text.")
    file: str | None = Field(description="The file's name; download it from the programme page.")
    at: datetime.datetime = Field(description="When it was added.")


class ProgrammeOut(Schema):
    meeting: int = Field(description="The meeting's id.")
    status: str = Field(description="draft, approved or published.")
    note: str = Field(description="Practical information for the participants.")
    approved_at: datetime.datetime | None = Field(
        description="When the approving forum approved it."
    )
    changed_after_approval: datetime.datetime | None = Field(
        description="When it last changed after the approval, if it did."
    )
    published_at: datetime.datetime | None = Field(
        description="When it was published to the participants."
    )
    product: ProductOut | None = Field(description="What the day produced, once shared.")
    blocks: list[BlockOut] = Field(description="Its blocks, in order.")


class BlockIn(Schema):
    start: datetime.datetime = Field(description="With a time zone; within the meeting.")
    minutes: int = Field(ge=5, le=24 * 60, description="How long the block lasts.")
    title: Text = Field(max_length=400, description="What the block is.")
    kind: Literal[tuple(Block.Kind.values)] = Field(  # type: ignore[valid-type]
        "other", description="The kind of block (oplæg, workshop, pause …)."
    )
    description: Text = Field("", description="What happens, for the participants.")
    speakers: Text = Field("", max_length=300, description="Who speaks.")
    facilitator: Text = Field("", max_length=200, description="Who leads it.")
    across_areas: bool = Field(False, description="Groups mixed across the areas.")
    room: Text = Field("", max_length=100, description="The room, for the run sheet.")
    responsible: Text | None = Field(None, max_length=150, description="A username.")
    equipment: Text = Field("", description="What must be ready, for the run sheet.")
    catering: Text = Field("", description="Food and drink, for the run sheet.")


class ApproveIn(Schema):
    note: Text = Field("", description="Added to the decision in the minutes.")


def _meeting(
    person: Person, meeting_id: int, *, run_sheet: bool = False
) -> tuple[Meeting, Programme | None, bool]:
    meeting = one(Meeting.objects.select_related("forum", "forum__organisation"), meeting_id)
    if not access.meeting_has_programme(meeting):
        raise Http404
    builder = access.may_build(person, meeting.forum)
    programme = Programme.objects.visible_to(person).filter(meeting=meeting).first()
    if programme is None and (builder or run_sheet):
        programme = Programme.objects.filter(meeting=meeting).first()
        if programme is not None and not builder:
            programme = programme if access.may_read_run_sheet(person, programme) else None
    if programme is None and not builder:
        raise Http404
    return meeting, programme, builder


def _out(person: Person, programme: Programme) -> dict:
    run_sheet = access.may_read_run_sheet(person, programme)
    blocks = []
    for block in programme.blocks.select_related("responsible"):
        row = {
            key: getattr(block, key)
            for key in (
                "id",
                "start",
                "end",
                "minutes",
                "title",
                "kind",
                "description",
                "speakers",
                "facilitator",
                "across_areas",
            )
        }
        row.update(
            room=block.room if run_sheet else None,
            responsible=block.responsible.username if run_sheet and block.responsible else None,
            equipment=block.equipment if run_sheet else None,
            catering=block.catering if run_sheet else None,
        )
        blocks.append(row)
    return {
        "meeting": programme.meeting_id,
        "status": programme.status,
        "note": programme.note,
        "approved_at": programme.approved_at,
        "changed_after_approval": programme.changed_after_approval,
        "published_at": programme.published_at,
        "product": {
            "title": programme.product_title,
            "text": programme.product_text,
            "file": programme.product_name or None,
            "at": programme.product_at,
        }
        if programme.product_at
        else None,
        "blocks": blocks,
    }


def _block_data(person: Person, meeting: Meeting, body: BlockIn) -> operations.BlockData:
    responsible = None
    if body.responsible:
        responsible = Person.objects.filter(
            organisation_id=meeting.forum.organisation_id, username=body.responsible, is_active=True
        ).first()
        if responsible is None:
            raise HttpError(400, _("Unknown responsible: %(name)s.") % {"name": body.responsible})
    if timezone.is_naive(body.start):
        raise HttpError(400, _("Give the start with its time zone, e.g. 2027-03-11T13:00+01:00."))
    data = body.dict()
    data["responsible"] = responsible
    return operations.BlockData(**data)


@router.get("/meetings/{meeting_id}/programme", response={200: ProgrammeOut, 404: Error})
def programme(request, meeting_id: int):
    """The meeting's programme as the caller may read it; the run sheet's fields are null for
    those who do not read the run sheet."""
    _found_meeting, found, _builder = _meeting(request.auth, meeting_id)
    if found is None:
        raise Http404
    return _out(request.auth, found)


@router.post("/meetings/{meeting_id}/programme", response={201: ProgrammeOut, **ANSWERS})
def build(request, meeting_id: int):
    """Build the programme from the charter's parts of the meeting (or return the one built)."""
    meeting, _found, _builder = _meeting(request.auth, meeting_id)
    made = operations.build_programme(meeting, by=request.auth)
    return Status(201, _out(request.auth, made))


@router.post(
    "/meetings/{meeting_id}/programme/blocks",
    response={201: ProgrammeOut, 400: Error, **ANSWERS},
)
def add_block(request, meeting_id: int, body: BlockIn):
    """Add a block to the meeting's programme (those who build it: the host forum and the
    secretariat)."""
    meeting, found, builder = _meeting(request.auth, meeting_id)
    if found is None or not builder:
        raise Http404
    try:
        operations.save_block(found, _block_data(request.auth, meeting, body), by=request.auth)
    except operations.ProgrammeInvalid as error:
        raise HttpError(400, error.message) from error
    return Status(201, _out(request.auth, found))


def _block(person: Person, block_id: int) -> tuple[Block, Meeting, Programme]:
    block = one(Block.objects.select_related("programme"), block_id)
    meeting, found, builder = _meeting(person, block.programme.meeting_id)
    if not builder:
        raise Http404
    return block, meeting, found


@router.put("/programme-blocks/{block_id}", response={200: ProgrammeOut, 400: Error, **ANSWERS})
def change_block(request, block_id: int, body: BlockIn):
    """Change a programme block; a change after approval is marked and mailed to the approving
    forum."""
    block, meeting, found = _block(request.auth, block_id)
    try:
        operations.save_block(
            found, _block_data(request.auth, meeting, body), by=request.auth, block=block
        )
    except operations.ProgrammeInvalid as error:
        raise HttpError(400, error.message) from error
    return _out(request.auth, found)


@router.delete("/programme-blocks/{block_id}", response={200: ProgrammeOut, **ANSWERS})
def remove_block(request, block_id: int):
    """Remove a programme block (those who build the programme)."""
    block, _found_meeting, found = _block(request.auth, block_id)
    operations.delete_block(block, by=request.auth)
    return _out(request.auth, found)


@router.post("/meetings/{meeting_id}/programme/publish", response={200: ProgrammeOut, **ANSWERS})
def publish(request, meeting_id: int):
    """Publish the programme to the participants; where the charter has a forum approve
    programmes, only once it is approved (409 otherwise, and for a cancelled meeting)."""
    _found_meeting, found, builder = _meeting(request.auth, meeting_id)
    if found is None or not builder:
        raise Http404
    return _out(request.auth, operations.publish_programme(found, by=request.auth))


@router.post("/items/{item_id}/approve-programme", response={200: ProgrammeOut, **ANSWERS})
def approve(request, item_id: int, body: ApproveIn):
    """Record the approving forum's decision on the item: the programme of the meeting it
    concerns is approved (409 before the meeting, without a selected theme, or with the
    minutes locked)."""
    item = item_for(request.auth, item_id)
    approved = operations.approve_programme(item, by=request.auth, note=body.note)
    return _out(request.auth, approved)


@router.get(
    "/meetings/{meeting_id}/programme.{extension}", response={404: Error}, tags=["documents"]
)
def programme_document(request, meeting_id: int, extension: Literal["pdf", "docx"]):
    """The programme as PDF or Word, for those who may read it."""
    _found_meeting, found, _builder = _meeting(request.auth, meeting_id)
    if found is None:
        raise Http404
    return attachment_response(*programme_file(found, extension, run_sheet=False))


@router.get(
    "/meetings/{meeting_id}/run-sheet.{extension}", response={404: Error}, tags=["documents"]
)
def run_sheet_document(request, meeting_id: int, extension: Literal["pdf", "docx"]):
    """The run sheet (drejebog) as PDF or Word: rooms, responsible people, equipment and
    catering; for its builders and those responsible for a block."""
    _found_meeting, found, _builder = _meeting(request.auth, meeting_id, run_sheet=True)
    if found is None or not access.may_read_run_sheet(request.auth, found):
        raise Http404
    return attachment_response(*programme_file(found, extension, run_sheet=True))


@router.post(
    "/meetings/{meeting_id}/programme/product",
    response={200: ProgrammeOut, 400: Error, **ANSWERS},
)
def share_product(
    request,
    meeting_id: int,
    title: Form[str],
    text: Form[str] = "",
    file: File[UploadedFile] = None,
):
    """After the day: what it produced (multipart form: `title`, `text`, `file`), shared with
    the participants of the published programme."""
    _found_meeting, found, builder = _meeting(request.auth, meeting_id)
    if found is None or not builder:
        raise Http404
    try:
        shared = operations.share_product(
            found, by=request.auth, title=title, text=text, upload=file
        )
    except operations.ProgrammeInvalid as error:
        raise HttpError(400, error.message) from error
    return _out(request.auth, shared)


class CostIn(Schema):
    account: Text = Field(max_length=200, description="One of the accounts the charter names.")
    description: Text = Field(max_length=400, description="What the cost is for.")
    expected: float = Field(ge=0, le=9999999999.99, description="Kroner.")
    actual: float | None = Field(
        None, ge=0, le=9999999999.99, description="What it came to, in kroner, once known."
    )


class CostOut(Schema):
    id: int = Field(description="The cost's id.")
    account: str = Field(description="The charter's account.")
    description: str = Field(description="What the cost is for.")
    expected: float = Field(description="Expected, in kroner.")
    actual: float | None = Field(description="Actual, in kroner, once known.")


class AccountOut(Schema):
    account: str = Field(description="The charter's account (konto) the costs are booked on.")
    expected: float = Field(description="Expected costs on the account, in kroner.")
    actual: float = Field(description="Actual costs on the account so far, in kroner.")
    open: int = Field(description="Costs whose bill has not come.")


class BudgetOut(Schema):
    accounts: list[str] = Field(description="The accounts the charter finances the meeting from.")
    costs: list[CostOut] = Field(description="Each cost of the meeting.")
    totals: list[AccountOut] = Field(description="The costs per account.")
    expected: float = Field(description="All expected costs, in kroner.")
    actual: float = Field(description="All actual costs, in kroner.")
    per_participant: float | None = Field(
        description="Costs per participant who comes (the actual ones once every bill"
        " has come, else the expected), in kroner; null when nobody comes."
    )


def _budget(meeting: Meeting) -> dict:
    found = operations.budget(meeting)
    return {
        "accounts": operations.accounts_for(meeting),
        "costs": list(meeting.costs.all()),
        "totals": [vars(total) for total in found.accounts],
        "expected": found.expected,
        "actual": found.actual,
        "per_participant": found.per_participant,
    }


def _builder_meeting(person: Person, meeting_id: int) -> Meeting:
    meeting, _found, builder = _meeting(person, meeting_id)
    if not builder:
        raise Http404
    return meeting


@router.get("/meetings/{meeting_id}/budget", response={200: BudgetOut, 404: Error})
def meeting_budget(request, meeting_id: int):
    """The meeting's costs on its accounts, totals and cost per participant (the secretariat
    and the forum's host)."""
    return _budget(_builder_meeting(request.auth, meeting_id))


@router.post("/meetings/{meeting_id}/costs", response={201: BudgetOut, 400: Error, **ANSWERS})
def add_cost(request, meeting_id: int, body: CostIn):
    """Add a cost to the meeting's budget on one of the charter's accounts (the secretariat)."""
    meeting = _builder_meeting(request.auth, meeting_id)
    try:
        operations.save_cost(meeting, by=request.auth, **body.dict())
    except operations.ProgrammeInvalid as error:
        raise HttpError(400, error.message) from error
    return Status(201, _budget(meeting))


@router.put("/costs/{cost_id}", response={200: BudgetOut, 400: Error, **ANSWERS})
def change_cost(request, cost_id: int, body: CostIn):
    """Change a cost: its account, description, expected or actual amount (the secretariat)."""
    cost = one(Cost.objects.all(), cost_id)
    meeting = _builder_meeting(request.auth, cost.meeting_id)
    try:
        operations.save_cost(meeting, by=request.auth, cost=cost, **body.dict())
    except operations.ProgrammeInvalid as error:
        raise HttpError(400, error.message) from error
    return _budget(meeting)


@router.delete("/costs/{cost_id}", response={200: BudgetOut, **ANSWERS})
def remove_cost(request, cost_id: int):
    """Remove a cost from the meeting's budget (the secretariat)."""
    cost = one(Cost.objects.all(), cost_id)
    meeting = _builder_meeting(request.auth, cost.meeting_id)
    operations.delete_cost(cost, by=request.auth)
    return _budget(meeting)


class ForumYearOut(Schema):
    forum: str = Field(description="The forum's short name.")
    meetings: int = Field(description="How many of its meetings in the year have costs.")
    totals: list[AccountOut] = Field(description="Its costs per account.")
    expected: float = Field(description="Its expected costs, in kroner.")
    actual: float = Field(description="Its actual costs, in kroner.")


@router.get("/organisations/{org}/budget", response={200: list[ForumYearOut], 404: Error})
@paginate(Pages)
def year_budget(request, org: str, year: int):
    """Each forum's costs in `year` per account (the secretariat)."""
    organisation = organisation_for(request.auth, org)
    if not is_secretariat(request.auth, organisation) or not 1900 <= year <= 2200:
        raise Http404
    return [
        {
            "forum": entry.forum.short_name,
            "meetings": entry.meetings,
            "totals": [vars(total) for total in entry.accounts],
            "expected": entry.expected,
            "actual": entry.actual,
        }
        for entry in operations.year_budget(organisation, year)
    ]
