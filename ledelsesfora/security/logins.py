"""A person's sessions: an absolute lifetime, and the list in which they end the others.

A session ends `SESSION_ABSOLUTE_HOURS` after its login, however busy it has been (the sliding
inactivity timeout of ledelsesfora/sessions.py ends an idle one sooner). Every login is listed
for its person with when, from where and in which browser it began."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone

from ledelsesfora.organisation.models import Person
from ledelsesfora.security.log import Kind, client_address, record
from ledelsesfora.security.models import SessionRecord

STARTED = "_started"


def begin(request, person) -> None:
    """At login (the session has its new key)."""
    session = request.session
    session[STARTED] = int(time.time())
    if not session.session_key:
        session.save()
    SessionRecord.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "person": person,
            "started_at": timezone.now(),
            "address": client_address(request),
            "user_agent": request.headers.get("User-Agent", "")[:200],
        },
    )


def finish(session_key: str | None) -> None:
    if session_key:
        SessionRecord.objects.filter(session_key=session_key).delete()


def outlived(session) -> bool:
    """Whether this session has passed its absolute lifetime (a session from before the lifetime
    was introduced starts counting now)."""
    started = session.get(STARTED)
    if started is None:
        if session.get(SESSION_KEY) is not None:
            session[STARTED] = int(time.time())
        return False
    return time.time() - started > settings.SESSION_ABSOLUTE_HOURS * 3600


def end_outlived(request) -> None:
    """Log out a session past its lifetime, before anything reads who is logged in."""
    session = request.session
    person_id = session.get(SESSION_KEY)
    key = session.session_key
    session.flush()
    finish(key)
    # Written like every entry, with the person's login and municipality, so that their
    # administrator finds it.
    record(request, Kind.SESSION_ENDED, person=Person.objects.filter(pk=person_id).first())


def sessions_of(person):
    """The person's sessions that are still alive, newest first."""
    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return SessionRecord.objects.filter(person=person, session_key__in=alive)


def end_sessions(request, person, pks=None) -> int:
    """End the person's own sessions (`pks`, or all the others), never the one asking."""
    chosen = sessions_of(person).exclude(session_key=request.session.session_key)
    if pks is not None:
        chosen = chosen.filter(pk__in=pks)
    keys = list(chosen.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    SessionRecord.objects.filter(session_key__in=keys).delete()
    for _ in keys:
        record(request, Kind.SESSION_ENDED)
    return len(keys)


def forget_ended() -> int:
    """Records of sessions that have expired or are gone (the daily housekeeping)."""
    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    deleted, _ = SessionRecord.objects.exclude(session_key__in=alive).delete()
    return deleted
