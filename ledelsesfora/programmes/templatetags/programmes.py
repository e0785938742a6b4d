"""The programme where other apps' pages show it: the link on a meeting's page, and on the
approving forum's item the approval it records."""

from __future__ import annotations

from django import template
from django.utils import timezone

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.programmes import access, operations
from ledelsesfora.programmes.models import Programme

register = template.Library()


@register.inclusion_tag("programmes/_meeting_link.html", takes_context=True)
def meeting_programme(context, meeting) -> dict:
    person = context["request"].user
    if not access.meeting_has_programme(meeting):
        return {"shown": False}
    programme = Programme.objects.filter(meeting=meeting).first()
    readable = programme is not None and (
        Programme.objects.visible_to(person).filter(pk=programme.pk).exists()
    )
    builder = access.may_build(person, meeting.forum)
    return {
        "shown": readable or builder,
        "meeting": meeting,
        "programme": programme,
        "builder": builder,
    }


@register.inclusion_tag("programmes/_item_panel.html", takes_context=True)
def item_programme(context, item: AgendaItem) -> dict:
    if item.programme_for_id is None:
        return {"shown": False}
    person = context["request"].user
    target = item.programme_for
    programme = Programme.objects.filter(meeting=target).first()
    readable = programme is not None and (
        Programme.objects.visible_to(person).filter(pk=programme.pk).exists()
    )
    meeting = item.meeting
    return {
        "shown": True,
        "item": item,
        "target": target,
        "programme": programme if readable else None,
        "blocks": list(programme.blocks.all()) if readable else [],
        "may_approve": operations.may_approve(person, item),
        "ready": meeting is not None
        and meeting.agenda_published_at is not None
        and meeting.start <= timezone.now(),
    }
