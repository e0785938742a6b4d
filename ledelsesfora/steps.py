"""Running one step from a page: the operation's refusal becomes the page's error message (with
the items it names), success its confirmation. Each app's views look the object up with their
access check first."""

from __future__ import annotations

from django.contrib import messages

from ledelsesfora.errors import Refused


def run_step(request, step, *, done: str = "") -> bool:
    """Call `step()`; say what happened. Returns whether it was taken."""
    try:
        step()
    except Refused as error:
        messages.error(request, error.message)
        for item in error.items:
            messages.error(request, f"– {item.title}")
        return False
    if done:
        messages.success(request, done)
    return True
