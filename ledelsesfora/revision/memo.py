"""Values computed from the database, kept in this process while the revision stands still.

Who is a member of which forum is asked by nearly every page, feed and mail, and it changes
only when someone changes positions, people or a charter — each of which raises the revision.
So a request reads the revision once (the first time anything asks) and every value computed
under that number is shared with the requests after it, until any write anywhere moves the
number. Outside a request (commands, the operations a test calls directly) nothing is kept,
and a connection holding its own uncommitted writes computes afresh, since it sees data no
other connection does yet.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.db import connection

from ledelsesfora.revision import watch

T = TypeVar("T")

# The revision the values were computed at, and the values; one revision at a time, so a
# write frees everything kept before it.
_kept: tuple[int, dict] = (-1, {})
_lock = threading.Lock()
UNKNOWN = watch.UNREAD


def request_started(**kwargs) -> None:
    connection.ledelsesfora_revision = UNKNOWN


def request_finished(**kwargs) -> None:
    connection.ledelsesfora_revision = None  # outside a request: nothing kept


def forget(**kwargs) -> None:
    """Drop everything (after a flush or migration, where numbers may start over)."""
    global _kept
    with _lock:
        _kept = (-1, {})


def revision() -> int | None:
    """The revision this request reads by, fetched once per request; None outside a request or
    while this connection has writes of its own that no other connection sees yet."""
    number = getattr(connection, "ledelsesfora_revision", None)
    if number is None or watch.pending(connection):
        return None
    if number is UNKNOWN:
        number = connection.ledelsesfora_revision = watch.current(connection)
    return number


def kept(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned before at this revision. The value is shared between
    requests: never change it."""
    global _kept
    number = revision()
    if number is None:
        return compute()
    at, values = _kept
    if at == number and key in values:
        return values[key]
    value = compute()
    with _lock:
        if _kept[0] != number:
            _kept = (number, {})
        _kept[1][key] = value
    return value


class ByContent:
    """Values kept by everything they depend on (the key), whatever the revision: a rendered row
    or a serialised calendar event for an entry that did not change is the same text after any
    write. The oldest go first once `size` are kept."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        value = self._values.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            self.put(key, value)
        return value

    def put(self, key: Hashable, value: object) -> None:
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)


_MISSING = object()
