"""Themes where other apps' pages show them, so those apps import nothing of this one: on an
item (the selection it records, or proposing a theme from it), on a meeting (its theme) and on
a forum's page (the link to its themes). Each shows only what the reader may see."""

from __future__ import annotations

from django import template
from django.utils import timezone

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.forums.models import Forum
from ledelsesfora.themes import access, operations
from ledelsesfora.themes.models import Theme

register = template.Library()


@register.inclusion_tag("themes/_item_panel.html", takes_context=True)
def item_themes(context, item: AgendaItem) -> dict:
    """On the selecting forum's item: what it selects, what is selected, and the form for the
    minute-taker; on a proposing forum's item: the way to propose a theme from it."""
    person = context["request"].user
    found: dict = {"item": item}
    if item.theme_for_id is not None:
        target = item.theme_for
        meeting = item.meeting
        follows = access.follows(person, target.forum)
        found.update(
            target=target,
            target_link=follows,
            chosen=list(Theme.objects.filter(selected_by_item=item)) if follows else [],
            choices=operations.selectable(item) if follows else [],
            ready=meeting is not None
            and meeting.agenda_published_at is not None
            and meeting.start <= timezone.now(),
            may_select=operations.may_select(person, item),
        )
    rules = access.rules(item.forum.organisation_id)
    targets = [pk for pk, rule in rules.items() if item.forum_id in rule.proposers]
    if targets:
        found["propose_to"] = [
            forum
            for forum in Forum.objects.filter(pk__in=targets)
            if access.may_propose(person, forum)
        ]
    return found


@register.inclusion_tag("themes/_meeting_theme.html", takes_context=True)
def meeting_themes(context, meeting) -> dict:
    person = context["request"].user
    forum = meeting.forum
    if not access.has_themes(forum) or not access.follows(person, forum):
        return {"shown": False}
    items = (
        AgendaItem.objects.visible_to(person)
        .filter(theme_for=meeting)
        .select_related("forum", "meeting")
    )
    return {
        "shown": True,
        "forum": forum,
        "themes": list(Theme.objects.filter(meeting=meeting, status=Theme.Status.SELECTED)),
        "item": items.first(),
        "can_propose": access.may_propose(person, forum),
    }


@register.inclusion_tag("themes/_forum_link.html", takes_context=True)
def forum_themes_link(context, forum: Forum) -> dict:
    person = context["request"].user
    shown = access.has_themes(forum) and access.follows(person, forum)
    return {"shown": shown, "forum": forum}
