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
- 422: a body or query of the wrong shape (a missing field, a wrong type, a text too long), or an
  `Idempotency-Key` used before for another request.

Any POST, PUT, PATCH or DELETE may carry `Idempotency-Key: <unique value>`: sent again with the
same key and body it gets the first answer again (`Idempotent-Replayed: true`) and does nothing
more. `GET /items/{id}` gives the item's `version`; a `PATCH` that sends it back is refused with
409 if someone changed the item since.
"""

from __future__ import annotations

from django.http import Http404
from ninja import NinjaAPI

from ledelsesfora.agenda.api import router as agenda_router
from ledelsesfora.api.auth import TokenAuth
from ledelsesfora.desk.api import router as desk_router
from ledelsesfora.errors import Refused
from ledelsesfora.forums.api import router as forums_router
from ledelsesfora.meetings.api import router as meetings_router
from ledelsesfora.minutes.api import router as minutes_router
from ledelsesfora.programmes.api import router as programmes_router
from ledelsesfora.representation.api import router as representation_router
from ledelsesfora.search.api import router as search_router
from ledelsesfora.themes.api import router as themes_router

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# The answers every operation may give, by the rules above, written into each operation's own
# entry of the OpenAPI document so that a client (or schemathesis) finds each answer described.
COMMON = {
    "401": ("all", "No token, or an unknown, expired or revoked one."),
    "422": ("all", "A body, query or address part of the wrong shape."),
    "404": ("named", "Not there, or not shown to the caller."),
    "400": ("writes", "The request cannot make what it asks for."),
    "409": ("writes", "Refused in the present state, or to this caller; `detail` says why."),
}


class DocumentedAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                answers = operation.setdefault("responses", {})
                for code, (where, text) in COMMON.items():
                    applies = (
                        where == "all"
                        or (where == "named" and "{" in path)
                        or (where == "writes" and method != "get")
                    )
                    if applies and code not in answers and int(code) not in answers:
                        answers[code] = {
                            "description": text,
                            "content": {"application/json": {"schema": DETAIL}},
                        }
        # A page of a list (schemas.Pages): ninja names it Paged… and types its items itself.
        for name, component in schema.get("components", {}).get("schemas", {}).items():
            items = component.get("properties", {}).get("items")
            if name.startswith("Paged") and items is not None:
                items.setdefault("description", "This page's elements, in the list's order.")
        return schema


api = DocumentedAPI(
    title="Ledelsesfora",
    version="1",
    urls_namespace="api",
    auth=TokenAuth(),
    description=__doc__.split("\n\n", 1)[1],
)
api.add_router("", forums_router)
api.add_router("", meetings_router)
api.add_router("", agenda_router)
api.add_router("", minutes_router)
api.add_router("", desk_router)
api.add_router("", themes_router)
api.add_router("", programmes_router)
api.add_router("", representation_router)
api.add_router("", search_router)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(Refused)
def refused(request, error: Refused):
    body = {"detail": error.message}
    if error.items:
        body["items"] = [
            {"id": item.pk, "title": item.title, "reason": getattr(item, "reason", "")}
            for item in error.items
        ]
    return api.create_response(request, body, status=409)
