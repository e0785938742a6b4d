"""Searching: the one operation behind the search page, the API and `ledelsesfora search`, so
the three give the same answers.

A search looks in one municipality's index rows (ledelsesfora/search/models.py) and keeps only
those the person may read, kind by kind (`kinds.readable`): the hits, their snippets and the
counts all come from what is left.

Words are found in their forms and compounds: each word of the query is reduced to its Danish
stem and matched as the start of a word, so "budgetter" (stem "budget") finds "budget" and
"budgetopfølgning", and "sygefravær" finds "sygefraværsindsatsen". On PostgreSQL this is full
text search with the `danish` configuration and prefix queries through a GIN index; on SQLite
the stems are looked for at the start of the text's words. A query that is a case number (KLE,
e.g. 00.01.00-G01-3-25) finds that case's whole history across forums: its items, decisions,
actions and attachments.

What it costs stays bounded however common a word is: counts stop at `CAP` ("500+"), and
ordering by relevance ranks the newest `CAP` hits (a word on most rows would otherwise rank all
of them)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from functools import cache

import snowballstemmer
from django.db import connection
from django.db.models import BooleanField, Case, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.errors import Refused
from ledelsesfora.forums.charter import CASE_NUMBER_PATTERN
from ledelsesfora.minutes.models import Minutes
from ledelsesfora.organisation.models import Organisation, Person
from ledelsesfora.search.kinds import KINDS, Context
from ledelsesfora.search.models import Entry, Kind

PAGE = 20  # hits on a page
GROUP = 5  # hits of each kind in the overview
CAP = 500  # counted and ranked at most
MAX_TERMS = 8
MAX_LENGTH = 200
MAX_PAGE = 1000
ORDERS = ("relevance", "newest")


class SearchError(Refused):
    """A query that cannot be searched; the message says what to change."""


@dataclass(frozen=True)
class Query:
    text: str = ""
    kind: str | None = None
    forum: str | None = None  # a forum's short name
    since: datetime.date | None = None
    until: datetime.date | None = None
    case_number: str = ""
    order: str = "relevance"
    page: int = 1

    def terms(self) -> list[str]:
        """The words searched for, lower case, at most MAX_TERMS."""
        return re.findall(r"[^\W_]+", self.text.lower())[:MAX_TERMS]

    def case(self) -> str:
        """The case number searched for: the filter, or the whole query when it is one."""
        text = self.text.strip()
        return self.case_number.strip() or (text if re.fullmatch(CASE_NUMBER_PATTERN, text) else "")


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    forum: str
    forum_name: str
    day: datetime.date
    case_number: str
    url: str
    item_id: int | None
    closed: bool
    snippet: tuple[tuple[str, bool], ...] = ()

    title_parts: tuple[tuple[str, bool], ...] = ()

    @property
    def kind_label(self) -> str:
        return str(ONE[self.kind])

    @property
    def title_html(self) -> SafeString:
        return _marked(self.title_parts)

    @property
    def snippet_text(self) -> str:
        return "".join(part for part, _marked in self.snippet)

    @property
    def snippet_html(self) -> SafeString:
        return _marked(self.snippet)


def _marked(parts: tuple[tuple[str, bool], ...]) -> SafeString:
    # Every part is escaped; only the marks are ours.
    return mark_safe(
        "".join(
            f"<mark>{escape(part)}</mark>" if marked else escape(part) for part, marked in parts
        )
    )


ONE = {
    Kind.ITEM: gettext_lazy("Agenda item"),
    Kind.DECISION: gettext_lazy("Decision"),
    Kind.MINUTES: gettext_lazy("Minutes"),
    Kind.FOLLOWUP: gettext_lazy("Follow-up action"),
    Kind.THEME: gettext_lazy("Theme"),
    Kind.PROGRAMME: gettext_lazy("Programme"),
    Kind.ATTACHMENT: gettext_lazy("Attachment"),
}


@dataclass(frozen=True)
class Results:
    query: Query
    hits: list[Hit]
    counts: dict[str, int] = field(default_factory=dict)
    more: bool = False  # a next page
    capped: bool = False  # more rows matched than the newest CAP the counts are made of

    @property
    def facets(self) -> list[tuple[str, str, int, bool]]:
        """Each kind found: its name, label, count and whether there may be more."""
        return [
            (kind, str(Kind(kind).label), count, self.capped) for kind, count in self.counts.items()
        ]


@dataclass(frozen=True)
class Group:
    kind: str
    count: int
    capped: bool
    hits: list[Hit]

    @property
    def label(self) -> str:
        return str(Kind(self.kind).label)


# --- the operation --------------------------------------------------------------------------


def check(organisation: Organisation, query: Query) -> Query:
    """The query as searched, or `SearchError` saying what to change."""
    if len(query.text) > MAX_LENGTH:
        raise SearchError(
            _("Search for at most %(count)d characters; shorten the search.")
            % {"count": MAX_LENGTH}
        )
    if not query.terms() and not query.case():
        raise SearchError(_("Write one or more words, or a case number, to search for."))
    if query.kind and query.kind not in KINDS:
        raise SearchError(
            _("%(kind)s is not a kind of result; choose one of %(kinds)s.")
            % {"kind": query.kind[:40], "kinds": ", ".join(KINDS)}
        )
    if query.forum and not organisation.forums.filter(short_name=query.forum).exists():
        raise SearchError(
            _("%(municipality)s has no forum called %(forum)s.")
            % {"municipality": organisation.name, "forum": query.forum[:40]}
        )
    if query.since and query.until and query.since > query.until:
        raise SearchError(_("The period ends before it begins; swap the two dates."))
    if query.order not in ORDERS:
        raise SearchError(_("Order by relevance or newest."))
    if not 1 <= query.page <= MAX_PAGE:
        raise SearchError(_("There is no page %(page)d.") % {"page": query.page})
    if query.case_number and not re.fullmatch(CASE_NUMBER_PATTERN, query.case_number.strip()):
        raise SearchError(_("Write the case number in the KLE pattern, e.g. 00.00.00-P15-1-24."))
    return query


def find(person: Person, organisation: Organisation, query: Query) -> Results:
    """One page of hits of `query` that `person` may read, with the counts of each kind."""
    query = check(organisation, query)
    found, capped = _found(person, organisation, query)
    counts = _counts(found)
    chosen = found
    if query.kind:  # its own window of the newest rows of that kind: older ones come within reach
        chosen, capped = _found(person, organisation, query, kind=query.kind)
        counts[query.kind] = len(chosen)
        counts = {kind: counts[kind] for kind in KINDS if counts.get(kind)}
    start = (query.page - 1) * PAGE
    page = _ordered(chosen, query)[start : start + PAGE]
    hits = _hits(person, organisation, query, _rows(page))
    return Results(query, hits, counts, len(chosen) > start + PAGE, capped)


def overview(person: Person, organisation: Organisation, query: Query) -> list[Group]:
    """The first hits of each kind, for a search of every kind: grouped by kind, each group as
    `find` of that kind would begin."""
    query = check(organisation, replace(query, kind=None, page=1))
    found, capped = _found(person, organisation, query)
    counts = _counts(found)
    firsts = {
        kind: _ordered([c for c in found if c.kind == kind], query)[:GROUP] for kind in counts
    }
    rows = _rows([c for chosen in firsts.values() for c in chosen])
    hits = iter(_hits(person, organisation, query, rows))
    return [
        Group(kind, counts[kind], capped, [next(hits) for _ in firsts[kind]])
        for kind in KINDS
        if kind in counts
    ]


def shown_closed_items(hits: list[Hit]) -> list[AgendaItem]:
    """The closed items `hits` showed something of (the item, or its decision, action or
    attachment), each once, for the security log."""
    seen = dict.fromkeys(hit.item_id for hit in hits if hit.closed)
    return [AgendaItem(pk=pk) for pk in seen]


# --- how ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """A matching row, as much of it as ordering and access need."""

    pk: int
    kind: str
    object_id: int
    item_id: int | None
    day: datetime.date
    rank: float


def _found(
    person: Person, organisation: Organisation, query: Query, kind: str | None = None
) -> tuple[list[_Found], bool]:
    """The newest CAP rows that match, then those `person` may read, asked of each kind's own
    rule among just these rows (`kinds.KINDS[…].readable`); and whether CAP was reached.
    However common the words, no query touches more than CAP rows beyond the match.

    "More matched" is said only when every row looked at was readable: otherwise it would tell
    the person that text they may not read holds their words."""
    rows = Entry.objects.filter(organisation=organisation)
    if kind:
        rows = rows.filter(kind=kind)
    case = query.case()
    if case:
        rows = rows.filter(case_number=case)
    words = query.terms() if not (case and query.text.strip() == case) else []
    if words:
        rows = rows.filter(_words_match(words))
    if query.forum:
        rows = rows.filter(forum__short_name=query.forum)
    if query.since:
        rows = rows.filter(day__gte=query.since)
    if query.until:
        rows = rows.filter(day__lte=query.until)
    rows = rows.order_by("-day", "-pk").annotate(rank=_rank(words))
    values = rows.values_list("pk", "kind", "object_id", "item_id", "day", "rank")[: CAP + 1]
    matched = [_Found(*row) for row in values]
    capped = len(matched) > CAP
    matched = matched[:CAP]
    asked: dict[str, set[int]] = {}
    for row in matched:
        asked.setdefault(row.kind, set()).add(_asked_id(row))
    allowed = {
        kind: set(KINDS[kind].readable(person).filter(pk__in=ids).values_list("pk", flat=True))
        for kind, ids in asked.items()
    }
    readable = [row for row in matched if _asked_id(row) in allowed[row.kind]]
    return readable, capped and len(readable) == len(matched)


def _asked_id(row: _Found) -> int | None:
    return row.item_id if KINDS[row.kind].by_item else row.object_id


def _counts(found: list[_Found]) -> dict[str, int]:
    """How many of each kind, in the kinds' order."""
    counts: dict[str, int] = {}
    for row in found:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    return {kind: counts[kind] for kind in KINDS if kind in counts}


def _ordered(found: list[_Found], query: Query) -> list[_Found]:
    """Newest first (`found` comes so), or by relevance: the rank, then the newest."""
    if query.order == "newest" or not query.terms():
        return found
    return sorted(found, key=lambda row: -row.rank)  # stable: the newest first among equals


def _rows(found: list[_Found]) -> list[Entry]:
    entries = Entry.objects.select_related("forum", "item").in_bulk([row.pk for row in found])
    return [entries[row.pk] for row in found]


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _tsquery(words: list[str]) -> str:
    return " & ".join(f"{word}:*" for word in words)


def _words_match(words: list[str]) -> Q:
    if _postgres():
        return Q(
            RawSQL(
                "vector @@ to_tsquery('danish'::regconfig, %s)",
                [_tsquery(words)],
                output_field=BooleanField(),
            )
        )
    condition = Q()
    for word in words:
        starts = _word_start(word)
        condition &= Q(title__iregex=starts) | Q(body__iregex=starts)
    return condition


def _word_start(word: str) -> str:
    """A word of the text that begins with `word`'s stem, as SQLite's (Python's) REGEXP reads
    it: case-blind for æ, ø and å too, as PostgreSQL's prefix search is."""
    return rf"(^|\W){re.escape(stem_of(word))}"


def _rank(words: list[str]):
    """How well a row matches: PostgreSQL's ts_rank (the title weighs more than the text);
    on SQLite, how many of the words' stems the title holds."""
    if not words:
        return Value(0.0, output_field=FloatField())
    if _postgres():
        return RawSQL(
            "ts_rank(vector, to_tsquery('danish'::regconfig, %s))",
            [_tsquery(words)],
            output_field=FloatField(),
        )
    in_title = [
        Case(When(title__iregex=_word_start(word), then=1.0), default=0.0) for word in words
    ]
    return sum(in_title[1:], in_title[0])


def _hits(person: Person, organisation: Organisation, query: Query, rows: list[Entry]) -> list[Hit]:
    meetings = {row.meeting_id for row in rows if row.kind == Kind.FOLLOWUP and row.meeting_id}
    context = Context(
        organisation.slug,
        frozenset(
            Minutes.objects.visible_to(person)
            .filter(meeting_id__in=meetings)
            .values_list("meeting_id", flat=True)
        )
        if meetings
        else frozenset(),
    )
    stems = _stems(query.terms())
    return [
        Hit(
            kind=row.kind,
            object_id=row.object_id,
            title=row.title,
            forum=row.forum.short_name,
            forum_name=row.forum.name,
            day=row.day,
            case_number=row.case_number,
            url=KINDS[row.kind].link(row, context),
            item_id=row.item_id,
            closed=bool(row.item_id and row.item.closed),
            snippet=snippet(row.body or row.title, stems),
            title_parts=snippet(row.title, stems, whole=True),
        )
        for row in rows
    ]


# --- words ----------------------------------------------------------------------------------

_stemmer = snowballstemmer.stemmer("danish")


@cache
def stem_of(word: str) -> str:
    """A word's Danish stem, lower case ("budgetter" → "budget"); a short word as it is."""
    word = word.lower()
    return _stemmer.stemWord(word) if len(word) > 3 else word


def _stems(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted({stem_of(word) for word in words}, key=len, reverse=True))


SNIPPET = 220  # characters around the first hit


def snippet(text: str, stems: tuple[str, ...], whole: bool = False) -> tuple[tuple[str, bool], ...]:
    """A piece of `text` around its first word that begins with one of `stems` (all of it,
    `whole`), as parts (text, marked): every such word in the piece is marked."""
    text = " ".join(text.split())
    if not stems:
        return ((text if whole else _cut(text), False),)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")\w*", re.IGNORECASE)
    first = pattern.search(text)
    start = 0 if first is None or whole else max(0, first.start() - SNIPPET // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    piece = text if whole else text[start : start + SNIPPET]
    if not whole and start + SNIPPET < len(text):
        piece = piece.rsplit(" ", 1)[0] + " …"
    parts, at = [], 0
    if start:
        parts.append(("… ", False))
    for match in pattern.finditer(piece):
        if match.start() > at:
            parts.append((piece[at : match.start()], False))
        parts.append((match.group(), True))
        at = match.end()
    if at < len(piece):
        parts.append((piece[at:], False))
    return tuple(parts)


def _cut(text: str) -> str:
    return text if len(text) <= SNIPPET else text[:SNIPPET].rsplit(" ", 1)[0] + " …"
