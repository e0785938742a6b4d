"""Reports on a forum's agendas: meeting time per strategy anchor of the charter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ledelsesfora.agenda.operations import Status
from ledelsesfora.forums.models import Forum


@dataclass
class AnchorTime:
    key: str
    title: str
    minutes: int
    items: int


def anchor_report(forum: Forum, start: datetime.date, end: datetime.date) -> list[AnchorTime]:
    """Meeting time per strategy anchor of the charter between two dates: the expected duration
    of the items tagged with each anchor on the agendas published in the period."""
    from ledelsesfora.forums.models import Charter

    charter = Charter.objects.current(forum.organisation)
    titles = {a.key: a.title for a in charter.parsed.anchors} if charter else {}
    items = forum.items.filter(
        meeting__agenda_published_at__isnull=False,
        meeting__start__date__gte=start,
        meeting__start__date__lte=end,
    ).exclude(status__in=[Status.DRAFT, Status.RETURNED, Status.WITHDRAWN])
    totals = {key: AnchorTime(key, titles.get(key, key), 0, 0) for key in forum.charter.anchors}
    for anchors, minutes in items.values_list("anchors", "duration_minutes"):
        for key in anchors or []:
            if key in totals:
                totals[key].minutes += minutes
                totals[key].items += 1
    return list(totals.values())
