"""The overviews: a person's own page (what they owe next), the secretariat's desk, and the
person's own logins."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ledelsesfora.agenda.operations import remind_approver
from ledelsesfora.api.auth import revoke_tokens
from ledelsesfora.api.models import ApiToken
from ledelsesfora.desk.overview import owed_by_person, secretariat_desk
from ledelsesfora.errors import Refused
from ledelsesfora.forums.access import is_secretariat, organisation_for
from ledelsesfora.guards import number
from ledelsesfora.minutes.operations import hidden_followups
from ledelsesfora.organisation.models import Person
from ledelsesfora.pagecache import remembered
from ledelsesfora.security import logins
from ledelsesfora.security.log import Kind
from ledelsesfora.security.models import Event


@remembered
@login_required
def mine(request, org):
    organisation = organisation_for(request.user, org)
    owed = owed_by_person(organisation, request.user)
    return render(
        request,
        "desk/mine.html",
        {
            "organisation": organisation,
            "owed": owed,
            "hidden": hidden_followups(request.user, owed.followups),
            "secretariat": is_secretariat(request.user, organisation),
        },
    )


def _secretariat_of(request, org):
    organisation = organisation_for(request.user, org)
    if not is_secretariat(request.user, organisation):
        raise Http404
    return organisation


@remembered
@login_required
def desk(request, org):
    organisation = _secretariat_of(request, org)
    return render(
        request,
        "desk/secretariat.html",
        {"organisation": organisation, "desk": secretariat_desk(organisation)},
    )


@login_required
@require_POST
def remind(request, org):
    organisation = _secretariat_of(request, org)
    approver = get_object_or_404(
        Person.objects.filter(organisation=organisation), pk=number(request.POST.get("approver"))
    )
    try:
        count = remind_approver(organisation, approver, by=request.user)
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext(
                "%(name)s is reminded of %(count)d item.",
                "%(name)s is reminded of %(count)d items.",
                count,
            )
            % {"name": approver.full_name, "count": count},
        )
    return redirect("desk", org=organisation.slug)


# --- the person's own logins: sessions, API tokens and recent logins ----------------------------

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
        "desk/logins.html",
        {
            "sessions": logins.sessions_of(person),
            "this_session": request.session.session_key,
            "tokens": ApiToken.objects.filter(person=person).order_by("-created_at"),
            "recent": Event.objects.filter(person=person, kind__in=LOGIN_KINDS)[:10],
            "lifetime": settings.SESSION_ABSOLUTE_HOURS,
        },
    )
