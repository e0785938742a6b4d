"""Demo register of external representation, where a forum's charter keeps one: a network, a
board and a partnership, one of them with its report back overdue, all dated from the day the
demo is loaded. Runs once."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from ledelsesfora.organisation.models import Organisation
from ledelsesfora.representation import operations
from ledelsesfora.representation.models import Representation

# Where, kind, who, role, how many years ago it began, and whether they have reported back.
ROWS = [
    ("KL's netværk for kommunaldirektører", "network", "kommunaldirektoer", "Medlem", 3, True),
    ("Bestyrelsen for Vestegnens Erhvervsråd", "board", "omraadedirektoer", "Næstformand", 2, True),
    ("Partnerskab om grøn omstilling på Vestegnen", "partnership", "afdelingschef", "", 1, False),
]


def demo_representation(organisation: Organisation) -> None:
    forum = operations.register_forum(organisation)
    if forum is None or Representation.objects.filter(forum=forum).exists():
        return
    people = {p.username.split("@")[0]: p for p in organisation.people.all()}
    secretary = people["sekretaer"]
    today = timezone.localdate()  # dates from the day the demo is loaded, like its meetings
    for body, kind, handle, role, years, reported in ROWS:
        row = operations.save_representation(
            forum,
            operations.RepresentationData(
                body=body,
                kind=kind,
                representative=people[handle],
                role=role,
                since=today - relativedelta(years=years),
            ),
            by=secretary,
        )
        if reported:
            operations.report_back(
                row,
                by=people[handle],
                text="Status: arbejdet følger planen; intet at tage stilling til.",
                on=today - relativedelta(months=3),
            )
