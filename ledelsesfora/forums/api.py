"""The JSON API of forums: what a municipality's charter says about each forum that a client
needs before it acts, e.g. which kinds of item a forum takes and what each needs."""

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from ledelsesfora.forums import describe
from ledelsesfora.forums.access import forum_for
from ledelsesfora.forums.models import Forum
from ledelsesfora.schemas import Error, Pages

router = Router(tags=["forums"])


class ItemKindOut(Schema):
    key: str = Field(description="What `kind` takes when an item is made.")
    label: str = Field(description="The kind's name in the caller's language.")
    needs_recommendation: bool = Field(
        description="An item of the kind is not submitted or published without a recommendation."
    )
    decision: bool = Field(description="The forum decides on items of the kind.")


class ForumOut(Schema):
    short_name: str = Field(description="The forum's short name (DIF, CF …), used in addresses.")
    name: str = Field(description="The forum's name.")
    domain: str = Field(description="production, reflection or dialogue, as the charter says.")
    active: bool = Field(description="False for a forum a later charter left out.")
    agenda: bool = Field(description="The forum has agendas and takes items.")
    minutes: str = Field(description="decision_minutes, summary or none.")
    item_kinds: list[ItemKindOut] = Field(description="The kinds of item the forum takes.")


def _forum_out(forum: Forum) -> dict:
    spec = forum.charter
    return {
        "short_name": forum.short_name,
        "name": forum.name,
        "domain": forum.domain,
        "active": forum.active,
        "agenda": spec.agenda,
        "minutes": spec.minutes,
        "item_kinds": [
            {
                "key": key,
                "label": describe.item_kind(spec, key),
                "needs_recommendation": spec.needs_recommendation(key),
                "decision": spec.decides(key),
            }
            for key in spec.item_kinds
        ],
    }


@router.get("/organisations/{org}/forums", response={200: list[ForumOut], 404: Error})
@paginate(Pages)
def forums(request, org: str):
    """The municipality's forums, in the charter's order; 404 for a municipality the caller
    does not belong to."""
    found = list(Forum.objects.visible_to(request.auth).filter(organisation__slug=org))
    if not found:
        raise Http404
    return [_forum_out(forum) for forum in found]


@router.get("/organisations/{org}/forums/{forum}", response={200: ForumOut, 404: Error})
def forum(request, org: str, forum: str):
    """One forum of the municipality, with the kinds of item it takes; 404 for one the caller
    cannot see."""
    return _forum_out(forum_for(request.auth, org, forum))
