"""The årshjul: the year as a circle, months around, one ring per forum, a mark per meeting.
A pure function returning SVG markup; the year view lists the same meetings as text."""

from __future__ import annotations

import calendar
import datetime
import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils import timezone

from ledelsesfora.meetings.yearplan import PlanEntry

SIZE = 760
CENTRE = SIZE / 2
INNER = 110
OUTER = 320
# Colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphics).
COLOURS = ["#003b6a", "#b5155b", "#00704a", "#8a4b00", "#5b3c99", "#006b7d", "#6b6b00", "#a33500"]
MONTHS_DA = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def colour(index: int) -> str:
    return COLOURS[index % len(COLOURS)]


@dataclass(frozen=True)
class Mark:
    """Something on the wheel besides a meeting: an item of the annual cycle, a theme."""

    forum: str
    day: datetime.date
    label: str


# What apps above this one put on the wheel besides the charter's annual cycle (the themes
# app: the selected themes): each `source(organisation, year, person)` returns the marks that
# person may see. Registered in the app's `ready`, so this module imports none of them.
mark_sources: list = []


def wheel_svg(
    year: int, forums: list, entries: list[PlanEntry], title: str, marks: list[Mark] = ()
) -> str:
    """SVG of `year` with a ring per forum in `forums` (outermost first); `marks` are drawn as
    small diamonds on the inner edge of their forum's ring."""
    days = 366 if calendar.isleap(year) else 365
    rings = max(len(forums), 1)
    width = (OUTER - INNER) / rings
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" role="img" '
        f'aria-labelledby="wheel-title" class="wheel">',
        f'<title id="wheel-title">{escape(title)}</title>',
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{OUTER}" fill="#f5f5f5" stroke="#747474"/>',
    ]
    for index in range(len(forums)):
        radius = OUTER - index * width
        out.append(
            f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{radius:.1f}" fill="none" stroke="#bfbfbf"/>'
        )
    out.append(f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{INNER}" fill="#ffffff" stroke="#747474"/>')
    for month in range(12):
        first = datetime.date(year, month + 1, 1).timetuple().tm_yday - 1
        angle = _angle(first, days)
        x1, y1 = _point(angle, INNER)
        x2, y2 = _point(angle, OUTER + 8)
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#747474"/>'
        )
        middle = _angle(first + calendar.monthrange(year, month + 1)[1] / 2, days)
        lx, ly = _point(middle, OUTER + 24)
        out.append(
            f'<text x="{lx:.1f}" y="{ly + 5:.1f}" text-anchor="middle" font-size="16" '
            f'font-weight="600" fill="#1a1a1a">{MONTHS_DA[month]}</text>'
        )
    position = {forum.short_name: index for index, forum in enumerate(forums)}
    for entry in entries:
        index = position.get(entry.forum.short_name)
        if index is None:
            continue
        local = timezone.localtime(entry.start)
        radius = OUTER - (index + 0.5) * width
        x, y = _point(_angle(local.timetuple().tm_yday - 0.5, days), radius)
        fill = colour(index) if entry.takes_place else "#ffffff"
        label = f"{entry.forum.short_name} {local:%d.%m.%Y %H:%M}, uge {entry.iso_week}"
        if not entry.takes_place:
            label += f" ({entry.note or entry.status})"
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{min(6.0, width / 3):.1f}" fill="{fill}" '
            f'stroke="{colour(index)}" stroke-width="2"><title>{escape(label)}</title></circle>'
        )
    for mark in marks:
        index = position.get(mark.forum)
        if index is None:
            continue
        radius = OUTER - (index + 0.85) * width
        x, y = _point(_angle(mark.day.timetuple().tm_yday - 0.5, days), radius)
        size = min(5.0, width / 4)
        points = f"{x:.1f},{y - size:.1f} {x + size:.1f},{y:.1f} {x:.1f},{y + size:.1f} {x - size:.1f},{y:.1f}"
        out.append(
            f'<polygon points="{points}" fill="#1a1a1a"><title>{escape(mark.label)}</title></polygon>'
        )
    out.append(
        f'<text x="{CENTRE}" y="{CENTRE + 12}" text-anchor="middle" font-size="36" '
        f'font-weight="700" fill="#1a1a1a">{year}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)


def _angle(day_of_year: float, days: int) -> float:
    """Clockwise from twelve o'clock, in radians."""
    return 2 * math.pi * day_of_year / days - math.pi / 2


def _point(angle: float, radius: float) -> tuple[float, float]:
    return CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle)
