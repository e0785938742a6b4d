"""What every part of the JSON API shares: text that cannot carry a NUL, the shapes of its
refusals, and the bounds of an id. Each app's `api.py` builds on these; `ledelsesfora.api`
mounts the apps' routers, checks the token and turns refusals into answers."""

from __future__ import annotations

import math
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination
from pydantic import AfterValidator

# Ids outside a 64-bit integer cannot exist; asking the database about them would fail.
LARGEST_ID = 2**63 - 1


def _without_nul(text: str) -> str:
    # PostgreSQL cannot store NUL characters; refuse them here rather than fail there.
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    return text


Text = Annotated[str, AfterValidator(_without_nul)]


class Error(Schema):
    detail: str = Field(description="What is wrong, in words a person can act on.")


class BlockingItem(Schema):
    id: int = Field(description="The item's id.")
    title: str = Field(description="The item's title.")
    reason: str = Field("", description="Why it stands in the way.")


class Refusal(Schema):
    detail: str = Field(description="Why the step is refused, and what to do.")
    items: list[BlockingItem] = Field([], description="The items that stand in the way, if any.")


class Pages(PageNumberPagination):
    """Every list the API answers comes a page at a time, the same way: ask `page` (from 1)
    and `page_size` (1–200, 50 if not given); the answer holds the page's `items`, `count` (of
    all pages together), `page`, `page_size` and `pages`. A page past the last is empty."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000, description="Which page, from 1.")
        page_size: int = Field(50, ge=1, le=200, description="How many on a page (1–200).")

    class Output(Schema):
        items: list[Any] = Field(description="This page's elements, in the list's order.")
        count: int = Field(description="How many there are on all pages together.")
        page: int = Field(description="This page's number.")
        page_size: int = Field(description="How many a page holds.")
        pages: int = Field(description="How many pages there are (at least 1).")

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        count = self._items_count(queryset)
        size = pagination.page_size
        start = (pagination.page - 1) * size
        return {
            "items": queryset[start : start + size],
            "count": count,
            "page": pagination.page,
            "page_size": size,
            "pages": max(1, math.ceil(count / size)),
        }


def in_period(rows: QuerySet, field: str, since, until) -> QuerySet:
    """`rows` whose day `field` lies from `since` to `until` (both included, either open), or
    400 for a period that ends before it begins: a list's date filter, the same everywhere."""
    if since and until and until < since:
        raise HttpError(400, _("The period ends before it begins; swap the two dates."))
    if since:
        rows = rows.filter(**{f"{field}__gte": since})
    if until:
        rows = rows.filter(**{f"{field}__lte": until})
    return rows


def one(queryset: QuerySet, pk: int):
    """The row `pk` of `queryset` (which already holds only what the caller may see), or 404
    for an unknown id, one the caller may not see, or one that cannot be an id."""
    found = queryset.filter(pk=pk).first() if 0 < pk <= LARGEST_ID else None
    if found is None:
        raise Http404
    return found
