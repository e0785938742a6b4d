"""The register page (and its PDF and Word), and its steps. Each looks up through
`Representation.objects.visible_to` (404 for what the person may not see)."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledelsesfora.documents import attachment_response
from ledelsesfora.forums.access import organisation_for
from ledelsesfora.organisation.models import Person
from ledelsesfora.representation import operations
from ledelsesfora.representation.files import register_file
from ledelsesfora.representation.models import Representation
from ledelsesfora.steps import run_step


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        raise operations.RepresentationInvalid(
            _("%(value)s is not a date; write it as YYYY-MM-DD.") % {"value": value[:20]}
        ) from None


def _register(person: Person, org: str):
    organisation = organisation_for(person, org)
    forum = operations.register_forum(organisation)
    if forum is None:
        raise Http404
    rows = Representation.objects.visible_to(person).filter(forum=forum)
    if not operations.may_keep(person, forum) and not rows.exists():
        raise Http404
    return organisation, forum, rows


@login_required
def register_page(request, org):
    person = request.user
    organisation, forum, rows = _register(person, org)
    keeper = operations.may_keep(person, forum)
    if request.method == "POST":
        if not keeper:
            raise Http404

        def step():
            data = _data(request.POST, organisation)
            operations.save_representation(forum, data, by=person)

        run_step(request, step, done=_("The representation is added to the register."))
        return redirect("representation", org=org)
    today = timezone.localdate()
    rows = list(rows.select_related("representative", "forum"))
    for row in rows:
        row.due = row.report_due()
        row.overdue = (row.until is None or row.until >= today) and row.due < today
    current = [r for r in rows if r.until is None or r.until >= today]
    return render(
        request,
        "representation/register.html",
        {
            "organisation": organisation,
            "forum": forum,
            "current": current,
            "ended": [r for r in rows if r not in current],
            "keeper": keeper,
            "kinds": Representation.Kind.choices,
            "people": Person.objects.filter(organisation=organisation, is_active=True)
            .only("username", "full_name")
            .order_by("full_name")
            if keeper
            else [],
            "every": forum.charter.representation.report_every_months,
            "today": today,
        },
    )


def _data(post, organisation) -> operations.RepresentationData:
    username = post.get("representative", "").strip()
    person = Person.objects.filter(organisation=organisation, username=username).first()
    return operations.RepresentationData(
        body=post.get("body", ""),
        kind=post.get("kind", ""),
        representative=person,
        role=post.get("role", ""),
        since=_date(post.get("since", "")),
        until=_date(post.get("until", "")),
        note=post.get("note", ""),
    )


def _row(person: Person, pk: int) -> Representation:
    row = (
        Representation.objects.visible_to(person)
        .select_related("forum", "forum__organisation")
        .filter(pk=pk)
        .first()
    )
    if row is None:
        raise Http404
    return row


@require_POST
@login_required
def report(request, pk):
    row = _row(request.user, pk)
    run_step(
        request,
        lambda: operations.report_back(
            row,
            by=request.user,
            text=request.POST.get("text", ""),
            on=_date(request.POST.get("on", "")),
        ),
        done=_("The report is recorded."),
    )
    return redirect(reverse("representation", args=[row.forum.organisation.slug]) + f"#r{pk}")


@require_POST
@login_required
def end(request, pk):
    row = _row(request.user, pk)
    run_step(
        request,
        lambda: operations.end_representation(
            row, by=request.user, until=_date(request.POST.get("until", ""))
        ),
        done=_("The representation is ended."),
    )
    return redirect("representation", org=row.forum.organisation.slug)


@login_required
def register_download(request, org, extension):
    organisation, forum, rows = _register(request.user, org)
    if extension not in ("pdf", "docx"):
        raise Http404
    return attachment_response(*register_file(organisation, forum, rows, extension))
