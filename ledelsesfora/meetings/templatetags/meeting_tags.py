from django import template

from ledelsesfora.meetings.models import Meeting

register = template.Library()


@register.filter
def plan_status(status: str) -> str:
    return str(Meeting.Status(status).label) if status in Meeting.Status.values else status
