"""Search in the JSON API: the same operation, and so the same answers, as the search page and
`ledelsesfora search`."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from ledelsesfora.forums.access import organisation_for
from ledelsesfora.schemas import Error
from ledelsesfora.search import finding
from ledelsesfora.search.models import Kind
from ledelsesfora.security.log import record_search

router = Router(tags=["search"])

KindName = Literal[tuple(Kind.values)]  # type: ignore[valid-type]


class SearchParams(Schema):
    q: str = Field("", max_length=finding.MAX_LENGTH, description="Words to find.")
    kind: KindName | None = Field(None, description="Only hits of this kind.")
    forum: str | None = Field(None, max_length=40, description="A forum's short name.")
    since: datetime.date | None = Field(None, description="Meetings on or after this day.")
    until: datetime.date | None = Field(None, description="Meetings on or before this day.")
    case_number: str = Field(
        "", max_length=40, description="A case number (KLE): that case's whole history."
    )
    order: Literal["relevance", "newest"] = Field(
        "relevance", description="relevance (among the hits counted) or newest."
    )
    page: int = Field(1, ge=1, le=finding.MAX_PAGE, description="Which page, from 1.")


class HitOut(Schema):
    kind: KindName = Field(description="The kind of thing found.")
    id: int = Field(description="The found object's id, of its kind.")
    item: int | None = Field(description="The agenda item it belongs to, if any.")
    title: str = Field(description="Its title (an attachment's file name).")
    forum: str = Field(description="The forum's short name.")
    day: datetime.date = Field(description="The meeting's day, or when it was written.")
    case_number: str = Field(description="The case number of the item it belongs to, if any.")
    closed: bool = Field(description="Part of a closed item (only shown to its readers).")
    url: str = Field(description="The page that shows it, on this site.")
    snippet: str = Field(description="Text around the first word found.")
    marks: list[tuple[int, int]] = Field(
        description="Where the words found are in `snippet`: [start, end) character offsets."
    )


class SearchOut(Schema):
    counts: dict[KindName, int] = Field(
        description="Hits of each kind among the newest `count_limit` matching rows."
    )
    more_than_counted: bool = Field(
        description="More rows matched than the newest `count_limit` the counts and hits come"
        " from: narrow the search (forum, period, kind) to see the older ones."
    )
    count_limit: int = Field(
        finding.CAP, description="How many of the newest matching rows a search looks at."
    )
    page: int = Field(description="This page's number.")
    more: bool = Field(description="Whether a next page has hits.")
    hits: list[HitOut] = Field(description="This page's hits (20 at most).")


@router.get("/organisations/{org}/search", response={200: SearchOut, 400: Error, 404: Error})
def search(request, org: str, params: Query[SearchParams]):
    """Search the municipality's items, decisions, minutes, follow-up actions, themes,
    programmes and attachments: only what the caller may read, `page` by page (20 hits),
    newest first or by relevance, among the newest `count_limit` matching rows. A query that is a
    case number finds the case's history. 400 says what to change in a query that cannot be
    searched."""
    organisation = organisation_for(request.auth, org)
    query = finding.Query(
        text=params.q.strip(),
        kind=params.kind,
        forum=params.forum,
        since=params.since,
        until=params.until,
        case_number=params.case_number.strip(),
        order=params.order,
        page=params.page,
    )
    try:
        results = finding.find(request.auth, organisation, query)
    except finding.SearchError as refusal:
        raise HttpError(400, refusal.message) from refusal
    terms = " ".join(part for part in (query.text, query.case_number) if part)
    record_search(request, terms, finding.shown_closed_items(results.hits), person=request.auth)
    return {
        "counts": results.counts,
        "page": query.page,
        "more": results.more,
        "more_than_counted": results.capped,
        "hits": [_out(hit) for hit in results.hits],
    }


def _out(hit: finding.Hit) -> dict:
    marks, at = [], 0
    for part, marked in hit.snippet:
        if marked:
            marks.append((at, at + len(part)))
        at += len(part)
    return {
        "kind": hit.kind,
        "id": hit.object_id,
        "item": hit.item_id,
        "title": hit.title,
        "forum": hit.forum,
        "day": hit.day,
        "case_number": hit.case_number,
        "closed": hit.closed,
        "url": hit.url,
        "snippet": hit.snippet_text,
        "marks": marks,
    }
