"""Storing a year: what the secretariat does each autumn, as one operation that the year-plan
page, `ledelsesfora plan --apply` and the demo all call."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from ledelsesfora.agenda.agendas import ensure_standing_items_on
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import log_event
from ledelsesfora.forums.models import Forum
from ledelsesfora.meetings.operations import PlanResult, apply_plan
from ledelsesfora.meetings.planning import annual_cycle
from ledelsesfora.organisation.models import Organisation, Person


@dataclass
class StoredYear:
    plan: PlanResult
    items_made: int


def store_year(
    organisation: Organisation,
    year: int,
    *,
    forum: Forum | None = None,
    by: Person | None = None,
    now: datetime.datetime | None = None,
    progress=None,
) -> StoredYear:
    """Store `year` for the municipality's active forums (or one forum), in one transaction:
    the meetings the charter yields (`meetings.operations.apply_plan`, which says what it moves
    and cancels), the charter's standing items on every meeting with an agenda, and the annual
    cycle's recurring items as drafts. Idempotent. Two runs for the same municipality at once
    wait for each other rather than collide. Raises `PlanningError` when nothing can be
    planned (no charter)."""
    with transaction.atomic():
        # One at a time per municipality: the row lock serialises concurrent runs.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).exists()
        plan = apply_plan(organisation, year, forum=forum, now=now, progress=progress)
        forums = [forum] if forum is not None else list(organisation.forums.active())
        made = sum(_prepare_agendas(f, year, by) for f in forums if f.charter.agenda)
        made += len(create_flow_items(organisation, year, by=by, now=now))
    return StoredYear(plan, made)


def _prepare_agendas(forum: Forum, year: int, by: Person | None) -> int:
    made = ensure_standing_items_on(forum, list(forum.meetings.held().of_year(year)))
    return len(made) + len(create_recurring_items(forum, year, by=by))


def create_recurring_items(
    forum: Forum, year: int, *, by: Person | None = None
) -> list[AgendaItem]:
    """Draft items from the charter's annual cycle, each on the first meeting on or after its
    date. Idempotent: an item already made for a meeting is not made again."""
    spec = forum.charter
    if not spec.agenda or not spec.recurring_items:
        return []
    meetings = list(
        forum.meetings.held().filter(start__year__in=[year, year + 1]).order_by("start")
    )
    made = []
    for recurring, day, meeting in annual_cycle(spec, year, meetings):
        if meeting is None:
            continue
        item, created = AgendaItem.objects.get_or_create(
            meeting=meeting,
            recurring_key=f"{recurring.title}/{day.isoformat()}",
            defaults={
                "forum": forum,
                "title": recurring.title,
                "kind": recurring.kind,
                "needs_approval": spec.approval != "none",
                "background": recurring.note,
            },
        )
        if created:
            log_event(item, by, "created", note=_("From the charter's annual cycle"))
            made.append(item)
    return made


# The field of an item made by a flow, naming the meeting it concerns; and what it asks.
FLOW_FIELDS = {"selects_theme": "theme_for", "approves_programme": "programme_for"}
FLOW_RECOMMENDATIONS = {
    "selects_theme": gettext_noop(
        "%(forum)s selects the theme of %(target)s on %(day)s among the themes proposed."
    ),
    "approves_programme": gettext_noop(
        "%(forum)s approves the programme of %(target)s on %(day)s."
    ),
}
FLOW_NOTES = {
    "selects_theme": gettext_noop("From the charter's flow: selects the theme"),
    "approves_programme": gettext_noop("From the charter's flow: approves the programme"),
}


def create_flow_items(
    organisation: Organisation,
    year: int,
    *,
    by: Person | None = None,
    now: datetime.datetime | None = None,
) -> list[AgendaItem]:
    """For each of the year's coming meetings whose theme another forum selects, or whose
    programme it approves (a charter flow of kind `selects_theme` or `approves_programme` with
    an `item`), a draft item on that forum's last meeting at least `weeks_before` weeks before
    it: "Valg af tema til lederdagen 11. marts 2027". The item's outcome selects the theme
    (`themes.operations.select_theme`) or approves the programme
    (`programmes.operations.approve_programme`). Idempotent: a meeting that has its item gets no
    second one."""
    charter = organisation.charters.current(organisation)
    if charter is None:
        return []
    now = now or timezone.now()
    forums = {f.short_name: f for f in organisation.forums.active()}
    made = []
    for flow in charter.parsed.flows:
        selector, target = forums.get(flow.from_forum), forums.get(flow.to)
        if flow.item is None or selector is None or target is None or not selector.charter.agenda:
            continue
        field = FLOW_FIELDS[flow.kind]
        wanted = list(
            target.meetings.held()
            .of_year(year)
            .filter(start__gt=now)
            .exclude(**{f"{field.removesuffix('_for')}_items__forum": selector})
            .order_by("start")
        )
        if not wanted:
            continue
        earliest = min(m.start for m in wanted) - datetime.timedelta(
            weeks=flow.item.weeks_before + 8
        )
        choices = list(
            selector.meetings.held()
            .filter(working_group__isnull=True)
            .filter(start__gte=max(earliest, now), start__lt=max(m.start for m in wanted))
            .order_by("start")
        )
        spec = selector.charter
        for meeting in wanted:
            on = _in_time(choices, meeting, flow.item.weeks_before)
            if on is None:
                continue  # no meeting of the selector in time: the year plan shows the gap
            title, recommendation = _flow_texts(flow, selector, target, meeting)
            with override(settings.LANGUAGE_CODE):
                note = _(FLOW_NOTES[flow.kind])
            item = AgendaItem.objects.create(
                forum=selector,
                meeting=on,
                title=title,
                kind=flow.item.kind,
                needs_approval=spec.approval != "none",
                recommendation=recommendation,
                background=flow.note,
                **{field: meeting},
            )
            log_event(item, by, "created", note=note)
            made.append(item)
    return made


def _in_time(choices: list, meeting, weeks_before: int):
    """The last of the selector's meetings at least `weeks_before` weeks before `meeting`."""
    latest = meeting.start - datetime.timedelta(weeks=weeks_before)
    on = [m for m in choices if m.start <= latest]
    return on[-1] if on else None


def _flow_texts(flow, selector: Forum, target: Forum, meeting) -> tuple[str, str]:
    with override(settings.LANGUAGE_CODE):
        day = date_format(timezone.localtime(meeting.start), "j. F Y")
        recommendation = _(FLOW_RECOMMENDATIONS[flow.kind]) % {
            "forum": selector.name,
            "target": target.name,
            "day": day,
        }
    return f"{flow.item.title} {day}", recommendation


def follow_moved_meeting(sender, meeting, before, **kwargs) -> None:
    """A meeting moved by hand: the draft items a flow made for it take its new date in their
    title and go on the selector's last meeting in time for it (connected to
    `meetings.operations.meeting_moved`). An item already submitted stays where the secretariat
    put it."""
    items = AgendaItem.objects.filter(
        Q(theme_for=meeting) | Q(programme_for=meeting), status=AgendaItem.Status.DRAFT
    ).select_related("forum")
    charter = meeting.forum.organisation.charters.current(meeting.forum.organisation)
    for item in items:
        kind = "selects_theme" if item.theme_for_id == meeting.pk else "approves_programme"
        flow = next(
            (
                f
                for f in charter.parsed.flows
                if f.kind == kind and f.to == meeting.forum.short_name and f.item is not None
            ),
            None,
        )
        if flow is None:
            continue
        title, recommendation = _flow_texts(flow, item.forum, meeting.forum, meeting)
        choices = list(
            item.forum.meetings.held()
            .filter(working_group__isnull=True, start__gt=timezone.now(), start__lt=meeting.start)
            .order_by("start")
        )
        on = _in_time(choices, meeting, flow.item.weeks_before) or item.meeting
        changes = {"title": [item.title, title]} if item.title != title else {}
        if on is not None and on.pk != item.meeting_id:
            changes["meeting"] = [item.meeting_id, on.pk]
        if not changes:
            continue
        item.title, item.recommendation, item.meeting = title, recommendation, on
        item.save(update_fields=["title", "recommendation", "meeting"])
        log_event(item, None, "moved", note=title, changes=changes)
