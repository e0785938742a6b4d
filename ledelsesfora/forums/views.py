"""Pages of the forums app: a municipality's forums, one forum's charter, and the notat."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledelsesfora.forums.access import forum_for, organisation_for
from ledelsesfora.forums.models import Charter
from ledelsesfora.forums.operations import ForumError, form_working_group
from ledelsesfora.forums.presenters import notat_context, present_forums
from ledelsesfora.guards import number
from ledelsesfora.organisation.models import Organisation, Person
from ledelsesfora.pagecache import remembered


@remembered
@login_required
def home(request):
    """Straight to one's own municipality; a superuser without one chooses."""
    person = request.user
    if person.organisation_id and not person.is_superuser:
        return redirect("organisation", org=person.organisation.slug)
    organisations = (
        Organisation.objects.all() if person.is_superuser else Organisation.objects.none()
    )
    return render(request, "forums/home.html", {"organisations": organisations})


@remembered
@login_required
def organisation_forums(request, org):
    organisation = organisation_for(request.user, org)
    forums = organisation.forums.active()
    return render(
        request,
        "forums/organisation.html",
        {
            "organisation": organisation,
            "pages": present_forums(organisation, list(forums)),
            "charter": Charter.objects.current(organisation),
        },
    )


@remembered
@login_required
def forum_detail(request, org, short_name):
    forum = forum_for(request.user, org, short_name)
    (page,) = present_forums(forum.organisation, [forum])
    group_modes = [m for m in forum.charter.working_modes if m.min_members]
    members = {m.person.pk: m.person for _heading, g in page.member_groups for m in g.memberships}
    return render(
        request,
        "forums/forum.html",
        {
            "organisation": forum.organisation,
            "forum": forum,
            "page": page,
            "siblings": forum.organisation.forums.active(),
            "group_modes": group_modes,
            "groups": (
                forum.working_groups.prefetch_related("members", "meetings") if group_modes else []
            ),
            "can_form_group": request.user.pk in members,
            "forum_members": sorted(members.values(), key=lambda p: p.full_name),
        },
    )


@remembered
@login_required
def charter_notat(request, org):
    organisation = organisation_for(request.user, org)
    return render(request, "forums/notat.html", notat_context(organisation))


@login_required
def charter_notat_download(request, org):
    """The notat as a standalone HTML file (PDF and Word: ledelsesfora/documents)."""
    organisation = organisation_for(request.user, org)
    html = render_to_string(
        "forums/notat.html", {**notat_context(organisation), "standalone": True}, request=request
    )
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="ledelsesfora-{organisation.slug}.html"'
    )
    return response


@login_required
@require_POST
def working_group_new(request, org, short_name):
    """Members form a working group around a joint task, as the charter's working mode allows."""
    forum = forum_for(request.user, org, short_name)
    chosen = Person.objects.filter(
        pk__in=[pk for pk in map(number, request.POST.getlist("members")) if pk],
        organisation=forum.organisation,
    )
    try:
        group = form_working_group(
            forum,
            by=request.user,
            mode=request.POST.get("mode", ""),
            title=request.POST.get("title", ""),
            task=request.POST.get("task", ""),
            members=list(chosen),
        )
    except ForumError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The working group %(title)s is formed.") % {"title": group.title}
        )
    return redirect(reverse("forum", args=[org, short_name]) + "#arbejdsgrupper")
