"""The one kind of refusal every operation raises: a step the rules do not allow now.

Its message says why and what to do, in the reader's language, and is shown as it is: in a
form, as a page message, as the API's `detail` (409, or 400 for input a charter refuses), or on
the command line. `items` names the agenda items that stand in the way, where there are any."""

from __future__ import annotations


class Refused(Exception):
    def __init__(self, message: str, items: list | None = None):
        super().__init__(message)
        self.message = message
        self.items = items or []
