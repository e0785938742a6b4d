"""A person's own logins page: where they are logged in (ending the others), their API tokens
(revoking them) and their latest logins. It lives with the tokens it lists."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ledelsesfora.api.auth import revoke_tokens
from ledelsesfora.api.models import ApiToken
from ledelsesfora.guards import number
from ledelsesfora.security import logins
from ledelsesfora.security.log import Kind
from ledelsesfora.security.models import Event

LOGIN_KINDS = [Kind.LOGIN, Kind.LOGIN_FAILED, Kind.LOCKED_OUT, Kind.SESSION_ENDED]


@login_required
def my_logins(request):
    """Where one is logged in (ending the others), one's API tokens (revoking them) and the last
    logins and failed logins on one's account."""
    person = request.user
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "end":
            chosen = [number(request.POST.get("session"))]
            count = logins.end_sessions(request, person, chosen)
        elif action == "end-others":
            count = logins.end_sessions(request, person)
        elif action == "revoke":
            count = revoke_tokens(person, [number(request.POST.get("token"))])
            messages.success(
                request,
                ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
                % {"count": count},
            )
            return redirect("my-logins")
        else:
            return HttpResponseBadRequest(_("Choose what to end or revoke with its button."))
        messages.success(
            request,
            ngettext("%(count)d session ended.", "%(count)d sessions ended.", count)
            % {"count": count},
        )
        return redirect("my-logins")
    return render(
        request,
        "api/logins.html",
        {
            "sessions": logins.sessions_of(person),
            "this_session": request.session.session_key,
            "tokens": ApiToken.objects.filter(person=person).order_by("-created_at"),
            "recent": Event.objects.filter(person=person, kind__in=LOGIN_KINDS)[:10],
            "lifetime": settings.SESSION_ABSOLUTE_HOURS,
        },
    )
