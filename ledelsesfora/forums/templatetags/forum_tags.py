import functools

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

from ledelsesfora.forums import describe

register = template.Library()


@register.filter
def role_label(role: str) -> str:
    return str(describe.ROLES.get(role, role))


@register.filter
def duration(text: str) -> str:
    return describe.duration(text)


@register.simple_tag
@functools.cache
def notat_css() -> str:
    """The notat's style sheet, for a copy that stands alone (the HTML file, the PDF); the page
    links the same file, as the Content-Security-Policy allows no inline style there."""
    with open(finders.find("ledelsesfora/notat.css"), encoding="utf-8") as sheet:
        return mark_safe(sheet.read())  # our own static file
