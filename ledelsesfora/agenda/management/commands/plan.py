"""`ledelsesfora plan ORG [--forum SHORT] --year YYYY [--format text|json|ics] [--apply]`.

It prints the year plan; `--apply` stores the year first (`agenda.year.store_year`: meetings,
standing and recurring items), which is why it lives with the agenda."""

from __future__ import annotations

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ledelsesfora.agenda.year import store_year
from ledelsesfora.errors import Refused
from ledelsesfora.meetings import ical
from ledelsesfora.meetings.yearplan import year_plan
from ledelsesfora.organisation.models import Organisation


def year_argument(text: str) -> int:
    import argparse

    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year; write e.g. 2027") from None
    if not 1900 <= year <= 2200:
        raise argparse.ArgumentTypeError(f"{year} is out of range; plan a year from 1900 to 2200")
    return year


def site_link(entry) -> str:
    """The meeting's page on the site (`SITE_URL`), or its forum's page before it is stored.
    The plan is the administrator's and the secretariat's, who may open every meeting."""
    if entry.meeting is not None:
        path = reverse("meeting-agenda", args=[entry.meeting.pk])
    else:
        path = reverse("forum", args=[entry.forum.organisation.slug, entry.forum.short_name])
    return settings.SITE_URL.rstrip("/") + path


class Command(BaseCommand):
    help = (
        "Print the year plan of a municipality (or one forum): stored meetings where they exist,"
        " otherwise what the charter yields. --apply stores it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", metavar="ORG", help="the municipality's short name")
        parser.add_argument("--forum", metavar="SHORT", help="only this forum, e.g. CF")
        parser.add_argument("--year", type=year_argument, required=True, metavar="YYYY")
        parser.add_argument("--format", choices=["text", "json", "ics"], default="text")
        parser.add_argument(
            "--apply", action="store_true", help="store the plan: create, move and cancel meetings"
        )

    def handle(self, *args, organisation, forum, year, format, apply, **options) -> None:
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            known = ", ".join(Organisation.objects.values_list("slug", flat=True)) or "none"
            self.fail(f"{organisation}: no such municipality (loaded: {known})")
        chosen = None
        if forum:
            chosen = org.forums.active().filter(short_name=forum).first()
            if chosen is None:
                known = ", ".join(org.forums.active().values_list("short_name", flat=True))
                self.fail(f"{forum}: {org.name} has no such forum (forums: {known})")
        if apply:
            try:
                stored = store_year(org, year, forum=chosen, progress=self.progress)
            except Refused as error:
                self.fail(error.message)
            self.stderr.write(stored.plan.summary())
            if stored.items_made:
                self.stderr.write(
                    f"{stored.items_made} standing and recurring items put on the agendas"
                )
        entries = year_plan(org, year, chosen)
        if format == "json":
            self.stdout.write(
                json.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=2)
            )
        elif format == "ics":
            name = f"{org.name}: {chosen.name if chosen else 'ledelsesfora'} {year}"
            self.stdout.write(ical.feed(entries, name=name, url=site_link).decode(), ending="")
        else:
            self.stdout.write(self.table(entries))

    def progress(self, done: int, total: int) -> None:
        self.stderr.write(f"planning… {done}/{total}")

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(1)

    @staticmethod
    def table(entries) -> str:
        rows = [
            ("week", "date", "time", "forum", "kind", "status", "deadline", "published", "note")
        ]
        for e in entries:
            start, end = timezone.localtime(e.start), timezone.localtime(e.end)
            same_day = start.date() == end.date()
            rows.append(
                (
                    str(e.iso_week),
                    f"{start:%a %d.%m.%Y}",
                    f"{start:%H:%M}–{end:%H:%M}"
                    if same_day
                    else f"{start:%H:%M}–{end:%d.%m. %H:%M}",
                    e.forum.short_name,
                    e.kind,
                    e.status,
                    _day(e.submission_deadline, e.deadline_time),
                    _day(e.publication, e.publication_time),
                    "; ".join(
                        filter(
                            None,
                            [
                                e.note,
                                _("compressed: published once the deadline has passed")
                                if e.compressed
                                else "",
                                *e.warnings,
                                *e.conflicts,
                            ],
                        )
                    ),
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
            + "  "
            + row[-1]
            for row in rows
        ]
        return "\n".join(line.rstrip() for line in lines)


def _day(day, time) -> str:
    if day is None:
        return ""
    return f"{day:%d.%m.}" + (f" {time:%H:%M}" if time else "")
