"""Pages remembered for their reader until anything in the database changes.

A remembered page is served again only while all of these are what they were when it was made:
the database's revision (ledelsesfora.revision: raised by every committed write, on any app
server), the minute (so deadlines and "now" move on), the reader's session and its CSRF cookie
(so forms on the page carry a token that is theirs), the language, the address and whether htmx
asked. Who may see what is therefore decided exactly as on a fresh page: the remembered copy is
that page, for that reader, at that state of the data.

It is not remembered when the request writes, when a message waits to be shown, when the view
changed the session or issued a new CSRF cookie, when the answer is not a 200, or while the
connection holds uncommitted writes of its own.

What the page held that the security log records (closed items, personal data:
`security.log.logs_use`) is kept with it and logged again each time it is served.

Each app server remembers in its own memory (the "pages" cache); nothing is shared but the
revision number, one indexed read per request.
"""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from ledelsesfora.revision import memo, watch
from ledelsesfora.sessions import REFRESHED

CACHE = "pages"


def remembered(view=None, *, per_session: bool = True):
    """Decorate a read-only view, outside `login_required`: a page remembered for this session
    was allowed to it at this revision, and nothing that decides who is signed in (the person,
    their password, whether they are active) can change without moving the revision, so a
    remembered page does not even load the person. `per_session=False` for addresses that
    carry their own secret and no session (calendar feeds): the address alone names the reader."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            key = _key(request, per_session)
            if key is None:
                return view(request, *args, **kwargs)
            store = caches[CACHE]
            kept = store.get(key)
            if kept is not None:
                return _thaw(kept)
            response = view(request, *args, **kwargs)
            if _keepable(request, response):
                store.set(key, _freeze(response))
            return response

        return wrapped

    return decorate(view) if view is not None else decorate


def _key(request, per_session: bool) -> str | None:
    if request.method not in ("GET", "HEAD") or watch.pending(connection):
        return None
    parts = [
        str(_revision()),
        str(int(timezone.now().timestamp() // 60)),
        get_language() or "",
        request.method,
        request.get_full_path(),
        request.headers.get("HX-Request", ""),
    ]
    if per_session:
        session = request.session
        # Read the session first: loading one that has expired forgets its key.
        contents = sorted((k, repr(v)) for k, v in session.items() if k != REFRESHED)
        if not session.session_key or len(get_messages(request)):
            return None
        parts += [
            session.session_key,
            repr(contents),
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        ]
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _revision() -> int:
    number = memo.revision()  # read once per request, shared with ledelsesfora.revision.memo
    return watch.current(connection) if number is None else number


def _keepable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    # A page that used a CSRF token must have used the one the reader's cookie holds; the only
    # cookie it may set is that same one again (Django renews its expiry).
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    renewed = {name: morsel.value for name, morsel in response.cookies.items()}
    return request.META.get("CSRF_COOKIE") == csrf and renewed in (
        {},
        {settings.CSRF_COOKIE_NAME: csrf},
    )


def _freeze(response) -> tuple:
    return (response.content, list(response.items()), getattr(response, "logged_uses", None))


def _thaw(kept: tuple) -> HttpResponse:
    content, headers, uses = kept
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    if uses:
        response.logged_uses = uses  # the security log records a page served again, too
    return response
