"""`ledelsesfora charter check|load|export`: charter files in and out."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from ledelsesfora.forums import charter as charter_format
from ledelsesfora.forums.operations import export_charter, load_charter
from ledelsesfora.organisation.models import Organisation


class Command(BaseCommand):
    help = "Check, load and export charter files (TOML, see docs/charter-format.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        check = actions.add_parser(
            "check", help="Check charter files; exit 1 and list every problem if any."
        )
        check.add_argument("files", nargs="+", metavar="FILE")
        load = actions.add_parser(
            "load", help="Create or update municipalities from charter files."
        )
        load.add_argument("files", nargs="+", metavar="FILE")
        export = actions.add_parser("export", help="Print a municipality's charter as TOML.")
        export.add_argument("organisation", metavar="ORG", help="the municipality's short name")

    def handle(self, *args, action: str, **options) -> None:
        if action == "export":
            self.export(options["organisation"])
            return
        # Every file is checked first. `load` loads all of them in one transaction, or, when
        # any has a problem, none (docs/decisions.md).
        texts, failed = {}, False
        for name in options["files"]:
            try:
                texts[name] = read_charter_file(name)
                parsed = charter_format.parse_charter(texts[name], name)
                if action == "check":
                    self.stdout.write(
                        f"{name}: OK ({parsed.municipality.name}, {len(parsed.forums)} forums)"
                    )
            except charter_format.CharterError as error:
                failed = True
                for problem in error.problems:
                    self.stderr.write(str(problem))
        if failed:
            if action == "load":
                self.stderr.write("Nothing was loaded: fix the problems above and load again.")
            sys.exit(1)
        if action == "load":
            try:
                with transaction.atomic():
                    summaries = [
                        load_charter(text, source=name).summary() for name, text in texts.items()
                    ]
            except charter_format.CharterError as error:
                for problem in error.problems:
                    self.stderr.write(str(problem))
                self.stderr.write("Nothing was loaded: fix the problems above and load again.")
                sys.exit(1)
            for summary in summaries:
                self.stdout.write(summary)

    def export(self, slug: str) -> None:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            known = ", ".join(Organisation.objects.values_list("slug", flat=True)) or "none"
            self.stderr.write(f"{slug}: no such municipality (loaded: {known})")
            sys.exit(1)
        try:
            self.stdout.write(export_charter(organisation), ending="")
        except charter_format.CharterError as error:
            self.stderr.write(str(error))
            sys.exit(1)


def read_charter_file(name: str) -> str:
    """The text of a charter file, or a `CharterError` saying why it cannot be read."""
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        message = "no such file; check the path"
    except IsADirectoryError:
        message = "is a folder; give the path of a .toml file"
    except PermissionError:
        message = "cannot be read (permission denied)"
    except UnicodeDecodeError:
        message = "is not UTF-8 text; save the file as UTF-8"
    except OSError as error:
        message = f"cannot be read ({error.strerror})"
    raise charter_format.CharterError([charter_format.Problem(name, "", message)])
