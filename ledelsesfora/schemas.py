"""What every part of the JSON API shares: text that cannot carry a NUL, the shapes of its
refusals, and the bounds of an id. Each app's `api.py` builds on these; `ledelsesfora.api`
mounts the apps' routers, checks the token and turns refusals into answers."""

from __future__ import annotations

from typing import Annotated

from django.db.models import QuerySet
from django.http import Http404
from ninja import Schema
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
    detail: str


class BlockingItem(Schema):
    id: int
    title: str
    reason: str = ""


class Refusal(Schema):
    detail: str
    items: list[BlockingItem] = []


def one(queryset: QuerySet, pk: int):
    """The row `pk` of `queryset` (which already holds only what the caller may see), or 404
    for an unknown id, one the caller may not see, or one that cannot be an id."""
    found = queryset.filter(pk=pk).first() if 0 < pk <= LARGEST_ID else None
    if found is None:
        raise Http404
    return found
