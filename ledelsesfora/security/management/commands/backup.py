"""`ledelsesfora backup FILE`: the database and the attachments in one file (security/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ledelsesfora.security.backup import write_backup


class Command(BaseCommand):
    help = "Write the whole database and every attachment to FILE (a .tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", metavar="FILE", help="where to write, e.g. ledelsesfora-2026-12-02.tar.gz"
        )

    def handle(self, *args, file, **options) -> None:
        path = Path(file)
        if not path.parent.is_dir():
            raise CommandError(
                f"The folder {path.parent} does not exist; create it or choose another."
            )
        manifest = write_backup(path)
        self.stdout.write(f"Wrote {path}: {manifest['rows']} rows and {manifest['files']} files.")
