"""Running one step from a page: the operation's refusal becomes the page's error message (with
the items it names), success its confirmation. Each app's views look the object up with their
access check first."""

from __future__ import annotations

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html

from ledelsesfora.errors import Refused


def run_step(request, step, *, done: str = "") -> bool:
    """Call `step()`; say what happened. Returns whether it was taken."""
    try:
        step()
    except Refused as error:
        messages.error(request, error.message)
        for item in error.items:
            messages.error(request, named(item))
        return False
    if done:
        messages.success(request, done)
    return True


def named(item) -> str:
    """An item a refusal names, linked to its page (refusals name only items of the step's own
    meeting, which whoever may take the step may open), with the reason where it has one."""
    reason = getattr(item, "reason", "")
    link = format_html('<a href="{}">{}</a>', reverse("item", args=[item.pk]), item.title)
    return format_html("– {}: {}", link, reason) if reason else format_html("– {}", link)
