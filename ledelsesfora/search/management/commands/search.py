"""`ledelsesfora search --as USER WORDS…`: search as a person would on the search page and in
the API (the same operation, the same answers); `--rebuild` writes the index again."""

from __future__ import annotations

import argparse
import datetime
import sys

from django.core.management.base import BaseCommand, CommandParser, no_translations

from ledelsesfora.organisation.models import Person
from ledelsesfora.search import finding, index
from ledelsesfora.search.models import Kind
from ledelsesfora.security.log import record_search


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date; write it as YYYY-MM-DD"
        ) from None


class Command(BaseCommand):
    help = "Search as a person (what they may read, nothing more), or rebuild the index."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("words", nargs="*", help="words to find, or a case number")
        parser.add_argument("--as", dest="person", metavar="USER", help="the login to search as")
        parser.add_argument("--kind", choices=Kind.values, help="only hits of this kind")
        parser.add_argument("--forum", help="a forum's short name")
        parser.add_argument("--since", type=_day, help="meetings on or after (YYYY-MM-DD)")
        parser.add_argument("--until", type=_day, help="meetings on or before (YYYY-MM-DD)")
        parser.add_argument("--case", default="", help="a case number: its whole history")
        parser.add_argument("--newest", action="store_true", help="newest first")
        parser.add_argument("--page", type=int, default=1)
        parser.add_argument(
            "--rebuild", action="store_true", help="write the whole index again and stop"
        )

    @no_translations  # in English, like the other commands
    def handle(self, *args, **options) -> None:
        if options["rebuild"]:
            for kind, count in index.rebuild().items():
                self.stdout.write(f"{kind}: {count}")
            return
        username = options["person"]
        person = Person.objects.filter(username=username).first() if username else None
        if person is None or person.organisation is None:
            self.stderr.write(
                f"{username}: no such person in a municipality; give --as with a login"
                if username
                else "Give --as USER: a search shows what that person may read."
            )
            sys.exit(2)
        query = finding.Query(
            text=" ".join(options["words"]).strip(),
            kind=options["kind"],
            forum=options["forum"],
            since=options["since"],
            until=options["until"],
            case_number=options["case"].strip(),
            order="newest" if options["newest"] else "relevance",
            page=options["page"],
        )
        try:
            results = finding.find(person, person.organisation, query)
        except finding.SearchError as refusal:
            self.stderr.write(refusal.message)
            sys.exit(2)
        terms = " ".join(part for part in (query.text, query.case_number) if part)
        record_search(None, terms, finding.shown_closed_items(results.hits), person=person)
        counts = ", ".join(
            f"{label.lower()}: {count}{'+' if capped else ''}"
            for _kind, label, count, capped in results.facets
        )
        self.stdout.write(counts or "Nothing found.")
        for hit in results.hits:
            closed = " (closed)" if hit.closed else ""
            case = f" {hit.case_number}" if hit.case_number else ""
            self.stdout.write(
                f"\n{hit.kind_label} · {hit.forum} · {hit.day:%Y-%m-%d}{case}{closed}\n"
                f"  {hit.title}\n  {hit.url}\n  "
                + "".join(f"[{part}]" if marked else part for part, marked in hit.snippet)
            )
        if results.more:
            self.stdout.write(f"\nMore on page {query.page + 1} (--page {query.page + 1}).")
