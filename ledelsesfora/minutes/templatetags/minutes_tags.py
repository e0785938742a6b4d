"""What the minutes add to a meeting's agenda page: the link to its minutes, and the follow-up
from earlier meetings that the meeting reviews. The agenda app's template loads these, so the
agenda's views need not know about minutes; each decides here who may see it."""

from django import template

from ledelsesfora.forums.access import is_member, is_secretariat
from ledelsesfora.minutes.models import FollowUp
from ledelsesfora.minutes.operations import may_read

register = template.Library()


@register.inclusion_tag("minutes/_minutes_link.html", takes_context=True)
def minutes_link(context, meeting):
    """A link to the minutes, for those who may read them, once the agenda is published."""
    person = context["request"].user
    shown = meeting.agenda_published_at is not None and may_read(person, meeting)
    return {"meeting": meeting, "shown": shown}


@register.inclusion_tag("minutes/_open_followups.html", takes_context=True)
def open_followups(context, meeting):
    """The forum's open follow-up actions from earlier meetings, for its members and the
    secretariat."""
    person = context["request"].user
    forum = meeting.forum
    shown = forum.charter.agenda and (
        is_member(person, forum) or is_secretariat(person, forum.organisation)
    )
    return {"followups": FollowUp.objects.before(meeting) if shown else []}
