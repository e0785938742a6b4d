"""`{% once %}` in a form that creates something: a one-time token, so that the form sent twice
creates it once (ledelsesfora/security/once.py)."""

import secrets

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def once():
    return format_html('<input type="hidden" name="once" value="{}">', secrets.token_urlsafe(16))
