"""The themes pages: a forum's themes (proposals, selections, the coming meetings) with the
form to propose one; a theme with its input; and the steps (propose, input, withdraw, select).
Each looks up through `Theme.objects.visible_to` (404 for what the person may not see) and
calls one operation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledelsesfora.agenda.access import agenda_meetings, may_open_agenda
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.forums.access import forum_for, is_secretariat
from ledelsesfora.forums.models import Forum
from ledelsesfora.guards import number
from ledelsesfora.organisation.models import Person
from ledelsesfora.pagecache import remembered
from ledelsesfora.steps import run_step
from ledelsesfora.themes import access, operations
from ledelsesfora.themes.models import Theme

UPCOMING = 8  # meetings shown on a forum's themes page


def _themed_forum(person: Person, org: str, short_name: str) -> Forum:
    forum = forum_for(person, org, short_name)
    if not access.has_themes(forum) or not access.follows(person, forum):
        raise Http404
    return forum


def _theme_for(person: Person, pk: int) -> Theme:
    theme = (
        Theme.objects.visible_to(person)
        .select_related("forum", "forum__organisation", "proposed_by", "via", "meeting")
        .filter(pk=pk)
        .first()
    )
    if theme is None:
        raise Http404
    return theme


def _visible_item(person: Person, item: AgendaItem | None) -> AgendaItem | None:
    if item is None or not AgendaItem.objects.visible_to(person).filter(pk=item.pk).exists():
        return None
    return item


@remembered
@login_required
def forum_themes(request, org, short_name):
    person = request.user
    forum = _themed_forum(person, org, short_name)
    themes = list(
        Theme.objects.filter(forum=forum)
        .select_related("proposed_by", "via", "meeting")
        .prefetch_related("inputs")
    )
    meetings = list(
        forum.meetings.held().filter(start__gte=timezone.now()).order_by("start")[:UPCOMING]
    )
    openable = set(
        agenda_meetings(person).filter(pk__in=[m.pk for m in meetings]).values_list("pk", flat=True)
    )
    selecting = {
        item.theme_for_id: item
        for item in AgendaItem.objects.visible_to(person)
        .filter(theme_for__in=meetings)
        .select_related("meeting", "forum")
    }
    chosen: dict[int, list[Theme]] = {}
    for theme in themes:
        if theme.status == Theme.Status.SELECTED:
            chosen.setdefault(theme.meeting_id, []).append(theme)
    source = None
    if request.GET.get("punkt"):
        source = _visible_item(
            person, AgendaItem.objects.filter(pk=number(request.GET["punkt"])).first()
        )
    return render(
        request,
        "themes/forum_themes.html",
        {
            "organisation": forum.organisation,
            "forum": forum,
            "who_proposes": access.who_proposes(forum),
            "selector": Forum.objects.filter(pk=access.rule_of(forum).selector).first(),
            "rows": [
                (m, chosen.get(m.pk, []), selecting.get(m.pk), m.pk in openable) for m in meetings
            ],
            "proposed": [t for t in themes if t.status == Theme.Status.PROPOSED],
            "selected": [t for t in themes if t.status == Theme.Status.SELECTED],
            "withdrawn": [t for t in themes if t.status == Theme.Status.WITHDRAWN],
            "can_propose": access.may_propose(person, forum),
            "source": source,
        },
    )


@remembered
@login_required
def theme_detail(request, pk):
    person = request.user
    theme = _theme_for(person, pk)
    return render(
        request,
        "themes/theme.html",
        {
            "organisation": theme.forum.organisation,
            "forum": theme.forum,
            "theme": theme,
            "inputs": theme.inputs.select_related("author"),
            "source_item": _visible_item(person, theme.source_item),
            "selected_by": _visible_item(person, theme.selected_by_item),
            "meeting_link": theme.meeting is not None and may_open_agenda(person, theme.meeting),
            "can_input": theme.status != Theme.Status.WITHDRAWN
            and access.may_propose(person, theme.forum),
            "can_withdraw": theme.status == Theme.Status.PROPOSED
            and (
                theme.proposed_by_id == person.pk
                or is_secretariat(person, theme.forum.organisation)
            ),
        },
    )


@require_POST
@login_required
def theme_propose(request, org, short_name):
    person = request.user
    forum = _themed_forum(person, org, short_name)
    source = None
    if request.POST.get("source_item"):
        source = _visible_item(
            person, AgendaItem.objects.filter(pk=number(request.POST["source_item"])).first()
        )
        if source is None:
            raise Http404
    made = []

    def step():
        made.append(
            operations.propose_theme(
                forum,
                by=person,
                title=request.POST.get("title", ""),
                description=request.POST.get("description", ""),
                source_item=source,
            )
        )

    if run_step(request, step, done=_("The theme is proposed.")):
        return redirect("theme", made[0].pk)
    back = reverse("forum-themes", args=[org, short_name])
    return redirect(back + (f"?punkt={source.pk}" if source else "") + "#foreslaa")


@require_POST
@login_required
def theme_input(request, pk):
    theme = _theme_for(request.user, pk)
    run_step(
        request,
        lambda: operations.add_input(theme, by=request.user, text=request.POST.get("text", "")),
        done=_("Your input is added."),
    )
    return redirect(reverse("theme", args=[pk]) + "#input")


@require_POST
@login_required
def theme_withdraw(request, pk):
    theme = _theme_for(request.user, pk)
    run_step(
        request,
        lambda: operations.withdraw_theme(theme, by=request.user),
        done=_("The theme is withdrawn."),
    )
    return redirect("theme", pk)


@require_POST
@login_required
def item_select_theme(request, pk):
    person = request.user
    item = _visible_item(
        person,
        AgendaItem.objects.select_related("forum", "meeting", "theme_for", "theme_for__forum")
        .filter(pk=pk)
        .first(),
    )
    if item is None:
        raise Http404
    wanted = number(request.POST.get("theme"))
    chosen = None
    if operations.may_select(person, item):
        chosen = next((t for t in operations.selectable(item) if t.pk == wanted), None)
    if chosen is None:
        messages.error(request, _("Choose one of the proposed themes."))
        return redirect(reverse("item", args=[pk]) + "#tema")
    run_step(
        request,
        lambda: operations.select_theme(item, chosen, by=person, note=request.POST.get("note", "")),
        done=_("The selection is recorded in the minutes: »%(title)s«.") % {"title": chosen.title},
    )
    return redirect(reverse("item", args=[pk]) + "#tema")
