"""Demo register of external representation, where a forum's charter keeps one: a network, a
board and a partnership, one of them with its report back overdue. Runs once."""

from __future__ import annotations

import datetime

from ledelsesfora.organisation.models import Organisation
from ledelsesfora.representation import operations
from ledelsesfora.representation.models import Representation

ROWS = [
    ("KL's netværk for kommunaldirektører", "network", "kommunaldirektoer", "Medlem", 2023),
    ("Bestyrelsen for Vestegnens Erhvervsråd", "board", "omraadedirektoer", "Næstformand", 2024),
    ("Partnerskab om grøn omstilling på Vestegnen", "partnership", "afdelingschef", "", 2025),
]


def demo_representation(organisation: Organisation) -> None:
    forum = operations.register_forum(organisation)
    if forum is None or Representation.objects.filter(forum=forum).exists():
        return
    people = {p.username.split("@")[0]: p for p in organisation.people.all()}
    secretary = people["sekretaer"]
    for body, kind, handle, role, year in ROWS:
        row = operations.save_representation(
            forum,
            operations.RepresentationData(
                body=body,
                kind=kind,
                representative=people[handle],
                role=role,
                since=datetime.date(year, 1, 1),
            ),
            by=secretary,
        )
        if year < 2025:
            operations.report_back(
                row,
                by=people[handle],
                text="Status: arbejdet følger planen; intet at tage stilling til.",
                on=datetime.date(2026, 9, 1),
            )
