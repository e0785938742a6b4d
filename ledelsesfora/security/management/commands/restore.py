"""`ledelsesfora restore FILE`: a backup into an empty, migrated database (security/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ledelsesfora.security.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Load a backup made by `ledelsesfora backup` into an empty database of this version."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="a backup made by `ledelsesfora backup`")

    def handle(self, *args, file, **options) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {path}; give the path of a backup.")
        try:
            manifest = restore_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {path} (made {manifest['made']}): {manifest['rows']} rows and"
            f" {manifest['files']} files."
        )
