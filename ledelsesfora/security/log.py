"""Writing the security log (ledelsesfora/security/models.py). `record` is the one way in."""

from __future__ import annotations

import datetime
import functools
import ipaddress

from django.conf import settings
from django.db import models
from django.utils import timezone

from ledelsesfora.security.models import Event

Kind = Event.Kind


def client_address(request) -> str | None:
    """The visitor's address: behind the proxy (`BEHIND_PROXY`) the last address it added to
    X-Forwarded-For, which the visitor cannot forge; otherwise the connection's."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            address = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def record(
    request,
    kind: str,
    obj: models.Model | None = None,
    *,
    person=None,
    username: str = "",
    terms: str = "",
) -> None:
    """Log one use: by `person` (the request's logged-in person when not given), of `obj`
    (named by kind and number only), with `terms` for a search."""
    _event(request, kind, obj, person=person, username=username, terms=terms).save()


def record_search(request, terms: str, objs=(), *, person=None) -> None:
    """Log a search by its terms, and each closed item among what it showed, in one query."""
    events = [_event(request, Kind.SEARCH, person=person, terms=terms)]
    events += [_event(request, Kind.SEARCH, obj, person=person, terms=terms) for obj in objs]
    Event.objects.bulk_create(events)


def record_each(request, kind: str, objs) -> None:
    """Log one use of each of `objs` by the request's person, in one query however many."""
    write_uses(request, uses_of(request, kind, objs))


def uses_of(request, kind: str, objs) -> list[tuple]:
    """What `write_uses` writes: the use, who, and each object by kind and number. Plain
    values, so that a remembered page can keep them (`logs_use`)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    who = (user.pk, user.get_username(), user.organisation_id)
    return [(kind, *who, obj._meta.label_lower, str(obj.pk)) for obj in objs]


def _event(request, kind, obj=None, *, person=None, username="", terms="") -> Event:
    if person is None and request is not None:
        user = getattr(request, "user", None)
        person = user if user is not None and user.is_authenticated else None
    return Event(
        at=timezone.now(),
        kind=kind,
        person=person,
        username=(username or (person.get_username() if person else ""))[:150],
        organisation_id=getattr(person, "organisation_id", None),
        address=client_address(request),
        method=(getattr(request, "method", None) or "")[:8],
        path=(request.get_full_path() if request is not None else "")[:500],
        object_kind=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        terms=terms[:300],
    )


def forget_old(days: int) -> int:
    """Entries older than `days` are deleted (the daily housekeeping)."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _ = Event.objects.filter(at__lt=cutoff).delete()
    return deleted


def logs_use(kind: str, find):
    """A view decorator: a successful answer names, for the security log, each object
    `find(request, *args, **kwargs)` returns — the closed items or personal data it held — as
    `response.logged_uses`; `SecurityLogMiddleware` writes them. Put it inside `remembered`
    (ledelsesfora/pagecache.py), which keeps them with the page, so that a remembered page
    served again is logged again without working out what it held."""

    def decorate(view):
        @functools.wraps(view)
        def logged(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                response.logged_uses = uses_of(request, kind, find(request, *args, **kwargs))
            return response

        return logged

    return decorate


def write_uses(request, uses) -> None:
    """Write what `logs_use` named, in one query however many there are."""
    now, address = timezone.now(), client_address(request)
    path, method = request.get_full_path()[:500], (request.method or "")[:8]
    Event.objects.bulk_create(
        Event(
            at=now,
            kind=kind,
            person_id=person_id,
            username=username,
            organisation_id=organisation_id,
            address=address,
            method=method,
            path=path,
            object_kind=label,
            object_id=pk,
        )
        for kind, person_id, username, organisation_id, label, pk in uses
    )
