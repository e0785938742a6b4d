"""The JSON API of the register of external representation: the same reads and steps as its
page."""

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from ledelsesfora.forums.access import organisation_for
from ledelsesfora.organisation.models import Person
from ledelsesfora.representation import operations
from ledelsesfora.representation.models import Representation
from ledelsesfora.schemas import Error, Pages, Refusal, Text, one

router = Router(tags=["representation"])
ANSWERS = {404: Error, 409: Refusal, 422: dict}


class RepresentationOut(Schema):
    id: int = Field(description="The row's id.")
    body: str = Field(description="The board, network or partnership.")
    kind: str = Field(description="board, network, partnership, committee or other.")
    representative: str = Field(description="The representative's username.")
    role: str = Field(description="The representative's role.")
    since: datetime.date = Field(description="Since when.")
    until: datetime.date | None = Field(description="Until when.")
    last_report: datetime.date | None = Field(
        description="When the representative last reported back."
    )
    report_due: datetime.date = Field(
        description="The day the next report back is due, as the charter asks."
    )
    note: str = Field(description="A note.")


class RepresentationIn(Schema):
    body: Text = Field(max_length=400, description="The board, network or partnership.")
    kind: Text = Field(max_length=20, description="The kind of body.")
    representative: Text = Field(max_length=150, description="A username.")
    since: datetime.date = Field(description="Since when.")
    until: datetime.date | None = Field(None, description="Until when, if it ends.")
    role: Text = Field("", max_length=200, description="The representative's role there.")
    note: Text = Field("", description="A note for the register.")


class ReportIn(Schema):
    text: Text = Field(description="What the representative reports.")
    on: datetime.date | None = Field(
        None, description="The day of the report (today if not given)."
    )


def _out(row: Representation) -> dict:
    return {
        "id": row.pk,
        "body": row.body,
        "kind": row.kind,
        "representative": row.representative.username,
        "role": row.role,
        "since": row.since,
        "until": row.until,
        "last_report": row.last_report,
        "report_due": row.report_due(),
        "note": row.note,
    }


def _forum(person: Person, org: str):
    organisation = organisation_for(person, org)
    forum = operations.register_forum(organisation)
    if forum is None:
        raise Http404
    return organisation, forum


class RegisterFilters(Schema):
    on: datetime.date | None = Field(None, description="Only the rows current on this day.")


@router.get(
    "/organisations/{org}/representations",
    response={200: list[RepresentationOut], 404: Error},
)
@paginate(Pages)
def representations(request, org: str, filters: Query[RegisterFilters]):
    """The register as the caller may see it: all of it for the coordinating forum's members
    and the secretariat, a representative's own rows for them; with `on`, only the rows
    current that day (begun, and not ended before it)."""
    _organisation, forum = _forum(request.auth, org)
    rows = Representation.objects.visible_to(request.auth).filter(forum=forum)
    if filters.on:
        rows = rows.current(filters.on)
    return [_out(row) for row in rows.select_related("representative", "forum")]


@router.post(
    "/organisations/{org}/representations",
    response={201: RepresentationOut, 400: Error, **ANSWERS},
)
def add(request, org: str, body: RepresentationIn):
    """Add a row to the register of external representation (the coordinating forum's members
    and the secretariat)."""
    organisation, forum = _forum(request.auth, org)
    if not operations.may_keep(request.auth, forum):
        raise Http404
    person = Person.objects.filter(organisation=organisation, username=body.representative).first()
    if person is None:
        raise HttpError(400, _("Unknown representative: %(name)s.") % {"name": body.representative})
    data = operations.RepresentationData(**{**body.dict(), "representative": person})
    try:
        row = operations.save_representation(forum, data, by=request.auth)
    except operations.RepresentationInvalid as error:
        raise HttpError(400, error.message) from error
    return Status(201, _out(row))


@router.post(
    "/representations/{row_id}/reports",
    response={201: RepresentationOut, 400: Error, **ANSWERS},
)
def add_report(request, row_id: int, body: ReportIn):
    """Report back from a representation: its representative, the coordinating forum's members
    or the secretariat."""
    row = one(Representation.objects.visible_to(request.auth).select_related("forum"), row_id)
    try:
        operations.report_back(row, by=request.auth, text=body.text, on=body.on)
    except operations.RepresentationInvalid as error:
        raise HttpError(400, error.message) from error
    row.refresh_from_db()
    return Status(201, _out(row))
