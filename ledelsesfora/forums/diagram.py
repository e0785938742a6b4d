"""The interfaces (snitflader) of one forum drawn as a small SVG: the forum in the middle, the
forums that act on it to the left, the forums it acts on to the right. A pure function returning
markup; the page also lists the same interfaces as text for screen readers and for print."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str


BOX_WIDTH = 170
BOX_HEIGHT = 44
ROW = 84
MARGIN = 12
WIDTH = 800


def interfaces_svg(centre: str, edges: list[Edge], names: dict[str, str], title: str) -> str:
    """SVG markup for `edges` touching `centre` (a forum's short name). Edges from the forum to
    itself (its members propose themes to it) are drawn from a 'members' box on the left."""
    incoming = [e for e in edges if e.target == centre]
    outgoing = [e for e in edges if e.source == centre and e.target != centre]
    left = _grouped(incoming, lambda e: e.source)
    right = _grouped(outgoing, lambda e: e.target)
    rows = max(len(left), len(right), 1)
    height = rows * ROW + 2 * MARGIN
    centre_y = height / 2
    centre_x = (WIDTH - BOX_WIDTH) / 2
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'role="img" aria-labelledby="diagram-title" class="interfaces-diagram">',
        f'<title id="diagram-title">{escape(title)}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'fill="#1a1a1a"/></marker></defs>',
    ]
    out.append(
        _box(centre_x, centre_y - BOX_HEIGHT / 2, names.get(centre, centre), centre, emphasis=True)
    )
    for index, (other, labels) in enumerate(left):
        y = MARGIN + index * ROW + (ROW - BOX_HEIGHT) / 2 + (rows - len(left)) * ROW / 2
        out.append(_box(MARGIN, y, names.get(other, other), other))
        out.append(
            _arrow(
                MARGIN + BOX_WIDTH, y + BOX_HEIGHT / 2, centre_x, centre_y, labels, anchor="start"
            )
        )
    for index, (other, labels) in enumerate(right):
        y = MARGIN + index * ROW + (ROW - BOX_HEIGHT) / 2 + (rows - len(right)) * ROW / 2
        x = WIDTH - MARGIN - BOX_WIDTH
        out.append(_box(x, y, names.get(other, other), other))
        out.append(
            _arrow(centre_x + BOX_WIDTH, centre_y, x, y + BOX_HEIGHT / 2, labels, anchor="end")
        )
    out.append("</svg>")
    return "\n".join(out)


def _grouped(edges: list[Edge], key) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for edge in edges:
        groups.setdefault(key(edge), []).append(edge.label)
    return list(groups.items())


def _box(x: float, y: float, name: str, short: str, emphasis: bool = False) -> str:
    fill = "#003b6a" if emphasis else "#ffffff"
    colour = "#ffffff" if emphasis else "#1a1a1a"
    label = name if len(name) <= 24 else short
    return (
        f'<g><rect x="{x:.0f}" y="{y:.0f}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="4" '
        f'fill="{fill}" stroke="#1a1a1a" stroke-width="1.5"/>'
        f'<text x="{x + BOX_WIDTH / 2:.0f}" y="{y + BOX_HEIGHT / 2 + 5:.0f}" text-anchor="middle" '
        f'font-size="14" font-weight="600" fill="{colour}">{escape(label)}</text></g>'
    )


def _arrow(x1: float, y1: float, x2: float, y2: float, labels: list[str], anchor: str) -> str:
    """A line with its labels written along the box it starts from (incoming edges) or ends at
    (outgoing edges), so that labels of edges meeting at the centre never overlap."""
    label_x = x1 + 8 if anchor == "start" else x2 - 8
    label_y = (y1 if anchor == "start" else y2) - 8 - 14 * (len(labels) - 1)
    text = "".join(
        f'<tspan x="{label_x:.0f}" dy="{0 if i == 0 else 14}">{escape(label)}</tspan>'
        for i, label in enumerate(labels)
    )
    return (
        f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#1a1a1a" '
        f'stroke-width="1.5" marker-end="url(#arrow)"/>'
        f'<text x="{label_x:.0f}" y="{label_y:.0f}" text-anchor="{anchor}" font-size="13" '
        f'fill="#1a1a1a" paint-order="stroke" stroke="#ffffff" stroke-width="4">{text}</text>'
    )
