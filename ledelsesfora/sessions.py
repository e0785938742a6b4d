"""A sliding inactivity timeout without a database write on every request.

The session expires `SESSION_COOKIE_AGE` seconds after its last save. Saving it on every request
(Django's `SESSION_SAVE_EVERY_REQUEST`) keeps that sliding, at the cost of a write per page;
this saves it again only once `SESSION_REFRESH_SECONDS` (5 minutes by default) have passed since
the last save, so the timeout slides with that granularity and most requests only read. A session
past its absolute lifetime is ended here first (ledelsesfora/security/logins.py)."""

from __future__ import annotations

import time

from django.conf import settings

from ledelsesfora.security import logins

REFRESHED = "_refreshed"


class RefreshSessionMiddleware:
    """Place it after `SessionMiddleware`, which does the saving."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and logins.outlived(session):
            logins.end_outlived(request)  # past its absolute lifetime: logged out
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or session.modified:
            return response
        now = int(time.time())
        if now - session.get(REFRESHED, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[REFRESHED] = now  # marks it modified: SessionMiddleware saves it
        return response
