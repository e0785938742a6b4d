from django import template

from ledelsesfora.forums import describe

register = template.Library()


@register.filter
def role_label(role: str) -> str:
    return str(describe.ROLES.get(role, role))


@register.filter
def duration(text: str) -> str:
    return describe.duration(text)
