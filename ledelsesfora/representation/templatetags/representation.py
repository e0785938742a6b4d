"""The register's link on its forum's page, for those who may open it."""

from __future__ import annotations

from django import template

from ledelsesfora.representation import operations
from ledelsesfora.representation.models import Representation

register = template.Library()


@register.inclusion_tag("representation/_link.html", takes_context=True)
def representation_link(context, forum) -> dict:
    person = context["request"].user
    if forum.charter.representation is None:
        return {"shown": False}
    shown = operations.may_keep(person, forum) or (
        Representation.objects.visible_to(person).filter(forum=forum).exists()
    )
    return {"shown": shown, "forum": forum}
