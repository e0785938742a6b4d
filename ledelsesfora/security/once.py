"""A request that creates something takes effect once, however often it is sent.

- A form carries a one-time token (`{% once %}`, ledelsesfora/security/templatetags). Sent
  again with the same content — a double click, a reload of the answer, a second tab — it
  creates nothing more: the person is taken to what the first made, with a message. The same
  token with other content (two tabs showing one remembered form, filled in differently) is a
  new submission.
- An API request may carry an `Idempotency-Key` header. Sent again with the same key and body,
  the first answer is given again (`Idempotent-Replayed: true`) and nothing more happens; the
  same key with another body or address is refused (422).

The submission is written first, in the request's transaction, under a unique key: a second
copy sent at the same moment waits for the first to commit and then finds it. A refused or
failed first attempt (an answer that is not a redirect for a form, a 5xx for the API) is
forgotten, so it may be sent again. Kept a day, then deleted by `housekeeping`."""

from __future__ import annotations

import datetime
import hashlib
import json

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ledelsesfora.security.models import Submission

FIELD = "once"
HEADER = "Idempotency-Key"
WRITES = ("POST", "PUT", "PATCH", "DELETE")
KEPT = datetime.timedelta(days=1)


class OnceMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in WRITES:
            return self.get_response(request)
        if request.path.startswith("/api/") and request.headers.get(HEADER):
            return self._api(request)
        form = request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data")
        if form and request.POST.get(FIELD) and request.user.is_authenticated:
            return self._form(request)
        return self.get_response(request)

    def _form(self, request):
        sent = sorted(
            (name, values)
            for name, values in request.POST.lists()
            if name not in (FIELD, "csrfmiddlewaretoken")
        )
        files = sorted((name, f.name, f.size) for name, f in request.FILES.items())
        fingerprint = _hash(request.path, json.dumps([sent, files]))
        token = request.POST[FIELD][:80] + ":" + fingerprint[:16]
        with transaction.atomic():
            first = _claim(f"person:{request.user.pk}", token, fingerprint)
            if first is not None:
                messages.info(
                    request, _("That form had already been sent; nothing was made twice.")
                )
                return HttpResponseRedirect(first.location or request.path)
            response = self.get_response(request)
            if isinstance(response, HttpResponseRedirect):
                Submission.objects.filter(caller=f"person:{request.user.pk}", key=token).update(
                    status=response.status_code, location=response["Location"][:500]
                )
            else:
                Submission.objects.filter(caller=f"person:{request.user.pk}", key=token).delete()
        return response

    def _api(self, request):
        key = request.headers[HEADER].strip()
        if not 1 <= len(key) <= 150:
            return JsonResponse(
                {"detail": _("Idempotency-Key must be 1 to 150 characters, e.g. a UUID.")},
                status=400,
            )
        caller = _hash(request.headers.get("Authorization", ""))
        if request.content_type == "multipart/form-data":  # an upload: not read twice
            fingerprint = _hash(request.method, request.path, request.META.get("CONTENT_LENGTH"))
        else:
            fingerprint = _hash(request.method, request.path, request.body)
        with transaction.atomic():
            first = _claim(caller, key, fingerprint)
            if first is not None:
                if first.fingerprint != fingerprint:
                    return JsonResponse(
                        {
                            "detail": _(
                                "This Idempotency-Key was used for another request; use a new"
                                " key for each new request."
                            )
                        },
                        status=422,
                    )
                replay = HttpResponse(
                    bytes(first.body), status=first.status, content_type=first.content_type
                )
                replay["Idempotent-Replayed"] = "true"
                return replay
            response = self.get_response(request)
            if response.status_code >= 500 or response.streaming:
                Submission.objects.filter(caller=caller, key=key).delete()
            else:
                Submission.objects.filter(caller=caller, key=key).update(
                    status=response.status_code,
                    body=response.content,
                    content_type=response.get("Content-Type", "")[:100],
                )
        return response


def _claim(caller: str, key: str, fingerprint: str) -> Submission | None:
    """Write the submission, or return the one already written under this key."""
    try:
        with transaction.atomic():
            Submission.objects.create(
                caller=caller, key=key, fingerprint=fingerprint, created_at=timezone.now()
            )
    except IntegrityError:
        return Submission.objects.get(caller=caller, key=key)
    return None


def _hash(*parts) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else str(part).encode())
        digest.update(b"\x1f")
    return digest.hexdigest()


def forget_old() -> int:
    deleted, _ = Submission.objects.filter(created_at__lt=timezone.now() - KEPT).delete()
    return deleted
