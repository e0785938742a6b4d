"""The overviews: a person's own page (what they owe next) and the secretariat's desk."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ledelsesfora.agenda.operations import remind_approver
from ledelsesfora.desk.overview import owed_by_person, secretariat_desk
from ledelsesfora.errors import Refused
from ledelsesfora.forums.access import is_secretariat, organisation_for
from ledelsesfora.guards import number
from ledelsesfora.minutes.operations import hidden_followups
from ledelsesfora.organisation.models import Person
from ledelsesfora.pagecache import remembered


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
