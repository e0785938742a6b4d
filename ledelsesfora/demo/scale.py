"""A scale set for benchmarks: many municipalities, each with a charter like Albertslund's, its
people, its planned years and a full agenda on every meeting that has one — 98 municipalities
over 10 years are some 80 000 meetings (Albertslund's charter gives about 80 a year) and 1.5
million items (`ledelsesfora demo-scale`; about 7 seconds a municipality on PostgreSQL).

The charters, people and meetings are made through the real operations; the items, which are
nearly all of the rows, are written in bulk as the real operations would leave them: items of
past meetings published and treated, later ones quality-assured and approved. Never on a real
server: it is demo data."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.year import store_year
from ledelsesfora.demo.people import DEMO_PASSWORD, DemoPeople
from ledelsesfora.forums.operations import load_charter
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Organisation

# Made-up municipalities, named like Danish towns, for the scale set.
TOWNS = [
    "Aabæk",
    "Aakirke",
    "Aalund",
    "Abild",
    "Agerby",
    "Agersø",
    "Allerup",
    "Als",
    "Ansager",
    "Arnum",
    "Asaa",
    "Askov",
    "Assens",
    "Auning",
    "Avnø",
    "Bakkebølle",
    "Balle",
    "Barrit",
    "Bedsted",
    "Billum",
    "Birkelse",
    "Bjerre",
    "Blåhøj",
    "Boeslunde",
    "Bogense",
    "Borre",
    "Bredsten",
    "Brejning",
    "Brenderup",
    "Brovst",
    "Bryrup",
    "Bække",
    "Bølling",
    "Dalby",
    "Dalmose",
    "Dianalund",
    "Dronninglund",
    "Egebjerg",
    "Egtved",
    "Ejby",
    "Elling",
    "Engesvang",
    "Errindlev",
    "Esbønderup",
    "Farsø",
    "Fjerritslev",
    "Flemløse",
    "Føvling",
    "Gadbjerg",
    "Gamst",
    "Gedser",
    "Gislev",
    "Gjern",
    "Glamsbjerg",
    "Glud",
    "Gram",
    "Grindsted",
    "Gudbjerg",
    "Hadsund",
    "Hald",
    "Halk",
    "Hammel",
    "Hasle",
    "Havdrup",
    "Hejls",
    "Herning",
    "Hjallerup",
    "Holme",
    "Horslunde",
    "Hovborg",
    "Hurup",
    "Hvalsø",
    "Hørve",
    "Idestrup",
    "Jebjerg",
    "Jelling",
    "Jordrup",
    "Kalvehave",
    "Karby",
    "Kerteminde",
    "Kirkeby",
    "Klejs",
    "Knebel",
    "Kolind",
    "Kvols",
    "Langå",
    "Lemvig",
    "Lintrup",
    "Lunde",
    "Lyngby",
    "Lønborg",
    "Madum",
    "Marstal",
    "Mejrup",
    "Mesinge",
    "Nim",
    "Nustrup",
    "Nørre",
    "Odder",
]
ITEMS_PER_MEETING = 20
BATCH = 5000


def demo_scale(
    municipalities: int,
    years: int,
    *,
    first_year: int | None = None,
    items_per_meeting: int = ITEMS_PER_MEETING,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict:
    """Make the scale set and return what it made. Idempotent per municipality: one already
    made is skipped."""
    progress = progress or (lambda what, done, total: None)
    first_year = first_year or timezone.localdate().year - years // 2
    template = (settings.BUNDLED_CHARTERS_DIR / "albertslund.toml").read_text(encoding="utf-8")
    password = make_password(DEMO_PASSWORD)  # one slow hash for them all
    made = {"municipalities": 0, "meetings": 0, "items": 0}
    names = _town_names(municipalities)
    for index, name in enumerate(names):
        progress("municipalities", index, len(names))
        slug = f"skala-{index + 1:03d}"
        if Organisation.objects.filter(slug=slug).exists():
            continue
        text = template.replace('slug = "albertslund"', f'slug = "{slug}"', 1).replace(
            'name = "Albertslund Kommune"', f'name = "{name} Kommune"', 1
        )
        organisation = load_charter(text, source=f"{slug}.toml").organisation
        with transaction.atomic():
            DemoPeople(organisation, like="albertslund", password=password).populate()
        for year in range(first_year, first_year + years):
            store_year(organisation, year)
        made["municipalities"] += 1
        made["meetings"] += Meeting.objects.filter(forum__organisation=organisation).count()
        made["items"] += _fill_agendas(organisation, items_per_meeting)
    progress("municipalities", len(names), len(names))
    return made


def _town_names(count: int) -> list[str]:
    names = list(TOWNS)
    suffixes = itertools.count(2)
    while len(names) < count:
        suffix = next(suffixes)
        names += [f"{town} {suffix}" for town in TOWNS]
    return names[:count]


def _fill_agendas(organisation: Organisation, per_meeting: int) -> int:
    """Items on every held meeting of a forum with an agenda, as published agendas leave them."""
    people = {p.username.split("@")[0]: p for p in organisation.people.all()}
    author, director = people["afdelingschef"], people["omraadedirektoer"]
    now = timezone.now()
    rows: list[AgendaItem] = []
    published: list[int] = []
    made = 0
    meetings = (
        Meeting.objects.held().filter(forum__organisation=organisation).select_related("forum")
    )
    for meeting in meetings.iterator(chunk_size=2000):
        spec = meeting.forum.charter
        if not spec.agenda or not spec.item_kinds:
            continue
        past = meeting.start < now
        if past:
            published.append(meeting.pk)
        for number in range(1, per_meeting + 1):
            kind = spec.item_kinds[number % len(spec.item_kinds)]
            rows.append(
                AgendaItem(
                    forum_id=meeting.forum_id,
                    meeting_id=meeting.pk,
                    title=f"{_TOPICS[(meeting.pk + number) % len(_TOPICS)]} ({number})",
                    kind=kind,
                    background="Baggrund for punktet.",
                    recommendation="Det indstilles, at forslaget godkendes."
                    if kind == "decision"
                    else "",
                    author=author,
                    responsible_director=director,
                    needs_approval=spec.approval != "none",
                    status=AgendaItem.Status.TREATED if past else AgendaItem.Status.APPROVED,
                    closed=number % 7 == 0,
                    position=number,
                    duration_minutes=10,
                )
            )
        if len(rows) >= BATCH:
            made += _flush(rows)
    made += _flush(rows)
    for start in range(0, len(published), BATCH):
        Meeting.objects.filter(pk__in=published[start : start + BATCH]).update(
            agenda_published_at=now
        )
    return made


def _flush(rows: list[AgendaItem]) -> int:
    count = len(rows)
    if rows:
        AgendaItem.objects.bulk_create(rows, batch_size=BATCH)
        rows.clear()
    return count


_TOPICS = (
    "Budgetopfølgning",
    "Sygefraværsindsats",
    "Rekruttering på tværs",
    "Dashboard for anlæg",
    "Økonomirapport",
    "Digital post og journalisering",
    "Klimaplan",
    "Byudvikling",
    "Intro for nye ledere",
    "Tværgående uddannelsesinitiativ",
    "Arbejdsmiljø og trivsel",
    "Styringskoncept",
)
