"""The JSON API of themes: a forum's themes, proposing one, input, withdrawing, and the
selecting forum's item recording its selection. The same reads (`Theme.objects.visible_to`)
and operations as the pages."""

import datetime
from typing import Literal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from ledelsesfora.agenda.api import item_for
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.errors import Refused
from ledelsesfora.forums.access import forum_for
from ledelsesfora.organisation.models import Person
from ledelsesfora.schemas import Error, Pages, Refusal, Text, in_period, one
from ledelsesfora.themes import access, operations
from ledelsesfora.themes.models import Theme

router = Router(tags=["themes"])
ANSWERS = {404: Error, 409: Refusal, 422: dict}


class InputOut(Schema):
    author: str = Field(description="The author's name.")
    text: str = Field(description="The input.")
    at: datetime.datetime = Field(description="When it was given.")


class SelectionOut(Schema):
    meeting: int = Field(description="The meeting the theme is selected for.")
    start: datetime.datetime = Field(
        description="When the meeting the theme was selected for begins."
    )
    item: int | None = Field(
        description="The selecting forum's item whose decision selected it, where the caller"
        " may see the item."
    )


class ThemeOut(Schema):
    id: int = Field(description="The theme's id.")
    forum: str = Field(description="The short name of the forum the theme is for.")
    title: str = Field(description="The theme.")
    description: str = Field(description="Why and what.")
    status: str = Field(description="proposed, selected or withdrawn.")
    proposed_by: str | None = Field(description="The proposer's name.")
    via: str | None = Field(
        description="The short name of the forum the proposal comes through; null for the"
        " secretariat."
    )
    source_item: int | None = Field(
        description="The item whose outcome the proposal is, where the caller may see it."
    )
    selection: SelectionOut | None = Field(
        description="Where and when it was selected, once it is."
    )
    inputs: list[InputOut] = Field(description="The input given on it.")


class ThemeIn(Schema):
    title: Text = Field(max_length=400, description="The theme, one line.")
    description: Text = Field("", description="Why and what.")
    source_item: int | None = Field(
        None, description="An item of a proposing forum whose outcome the theme is."
    )


class InputIn(Schema):
    text: Text = Field(description="The input.")


class SelectIn(Schema):
    theme: int = Field(description="The id of a proposed theme of the forum the item selects for.")
    note: Text = Field("", description="Added to the decision in the minutes.")


def _visible_items(person: Person, ids) -> set[int]:
    return set(
        AgendaItem.objects.visible_to(person)
        .filter(pk__in=[pk for pk in ids if pk])
        .values_list("pk", flat=True)
    )


def _out(person: Person, themes: list[Theme]) -> list[dict]:
    items = _visible_items(
        person, [t.source_item_id for t in themes] + [t.selected_by_item_id for t in themes]
    )
    return [
        {
            "id": t.pk,
            "forum": t.forum.short_name,
            "title": t.title,
            "description": t.description,
            "status": t.status,
            "proposed_by": t.proposed_by.full_name if t.proposed_by else None,
            "via": t.via.short_name if t.via else None,
            "source_item": t.source_item_id if t.source_item_id in items else None,
            "selection": {
                "meeting": t.meeting_id,
                "start": t.meeting.start,
                "item": t.selected_by_item_id if t.selected_by_item_id in items else None,
            }
            if t.meeting_id
            else None,
            "inputs": [
                {"author": i.author.full_name, "text": i.text, "at": i.at} for i in t.inputs.all()
            ],
        }
        for t in themes
    ]


def _themes(person: Person):
    return (
        Theme.objects.visible_to(person)
        .select_related("forum", "proposed_by", "via", "meeting")
        .prefetch_related("inputs__author")
    )


def _one(person: Person, theme_id: int) -> dict:
    return _out(person, [one(_themes(person), theme_id)])[0]


class ThemeFilters(Schema):
    status: Literal["proposed", "selected", "withdrawn"] | None = Field(
        None, description="Only themes in this state."
    )
    since: datetime.date | None = Field(None, description="Proposed on or after this day.")
    until: datetime.date | None = Field(None, description="Proposed on or before this day.")


@router.get(
    "/organisations/{org}/forums/{forum}/themes",
    response={200: list[ThemeOut], 400: Error, 404: Error},
)
@paginate(Pages)
def forum_themes(request, org: str, forum: str, filters: Query[ThemeFilters]):
    """The forum's themes, newest first, optionally of one `status` and proposed between
    `since` and `until` (both included); 404 for a forum without themes or whose themes the
    caller does not follow."""
    found = forum_for(request.auth, org, forum)
    if not access.has_themes(found) or not access.follows(request.auth, found):
        raise Http404
    status, since, until = filters.status, filters.since, filters.until
    themes = _themes(request.auth).filter(forum=found)
    if status:
        themes = themes.filter(status=status)
    themes = in_period(themes, "created_at__date", since, until)
    return _out(request.auth, list(themes))


@router.post(
    "/organisations/{org}/forums/{forum}/themes",
    response={201: ThemeOut, 400: Error, **ANSWERS},
)
def propose(request, org: str, forum: str, body: ThemeIn):
    """Propose a theme, as the charter's flows allow (409 naming who may otherwise)."""
    found = forum_for(request.auth, org, forum)
    if not access.has_themes(found) or not access.follows(request.auth, found):
        raise Http404
    source = item_for(request.auth, body.source_item) if body.source_item else None
    try:
        theme = operations.propose_theme(
            found,
            by=request.auth,
            title=body.title,
            description=body.description,
            source_item=source,
        )
    except operations.ThemeInvalid as error:
        raise HttpError(400, error.message) from error
    return Status(201, _one(request.auth, theme.pk))


@router.get("/themes/{theme_id}", response={200: ThemeOut, 404: Error})
def theme(request, theme_id: int):
    """One theme with its input and, once selected, the meeting it was selected for; 404 for a
    theme the caller does not follow."""
    return _one(request.auth, theme_id)


@router.post("/themes/{theme_id}/inputs", response={201: ThemeOut, 400: Error, **ANSWERS})
def add_input(request, theme_id: int, body: InputIn):
    """Give input on a proposed theme (those who follow the forum's themes)."""
    found = one(Theme.objects.visible_to(request.auth).select_related("forum"), theme_id)
    try:
        operations.add_input(found, by=request.auth, text=body.text)
    except operations.ThemeInvalid as error:
        raise HttpError(400, error.message) from error
    return Status(201, _one(request.auth, theme_id))


@router.post("/themes/{theme_id}/withdraw", response={200: ThemeOut, **ANSWERS})
def withdraw(request, theme_id: int):
    """Withdraw a proposed theme: its proposer or the secretariat (409 once it is selected)."""
    found = one(Theme.objects.visible_to(request.auth).select_related("forum"), theme_id)
    operations.withdraw_theme(found, by=request.auth)
    return _one(request.auth, theme_id)


@router.post("/items/{item_id}/select-theme", response={200: ThemeOut, 400: Error, **ANSWERS})
def select(request, item_id: int, body: SelectIn):
    """Record the selecting forum's decision on the item: the theme of the meeting it selects
    for, written into the minutes (409 before the meeting, or with the minutes locked)."""
    item = item_for(request.auth, item_id)
    if not operations.may_select(request.auth, item):
        raise Refused(_("Only the minute-taker or the secretariat records the selection."))
    found = next((t for t in operations.selectable(item) if t.pk == body.theme), None)
    if found is None:
        raise HttpError(
            400, _("Choose one of the proposed themes of the forum the item selects for.")
        )
    operations.select_theme(item, found, by=request.auth, note=body.note)
    return _one(request.auth, found.pk)
