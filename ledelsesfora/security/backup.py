"""A whole municipality installation in one file, and back: the database (every app's rows, as
Django's own JSON fixtures, which load into SQLite or PostgreSQL alike) and the attachments.

`write_backup(path)` writes a gzipped tar holding `manifest.json` (format, when, the migrations
it was made at, a checksum of the data), `data.exactjson` (Django's JSON fixtures, with times to
the microsecond) and `media/…`. `restore_backup(path)`
loads one into an empty, migrated database of the same version, in one transaction, and puts
the files back under `MEDIA_ROOT`; anything wrong is said before anything is written."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
# Rows `migrate` makes itself (and sessions, which are not worth restoring): never in a backup.
LEFT_OUT = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why and what to do."""


def _migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def write_backup(path: Path) -> dict:
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data.exactjson"
        with transaction.atomic():  # one consistent moment of every table
            call_command(
                "dumpdata",
                "--natural-foreign",
                "--format=exactjson",
                *[f"--exclude={label}" for label in LEFT_OUT],
                "--output",
                str(data),
                verbosity=0,
            )
        files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
        manifest = {
            "format": FORMAT,
            "made": timezone.now().isoformat(),
            "migrations": _migrations(),
            "data_sha256": hashlib.sha256(data.read_bytes()).hexdigest(),
            "rows": len(json.loads(data.read_text(encoding="utf-8"))),
            "files": len(files),
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(data, arcname="data.exactjson")
            for file in files:
                archive.add(file, arcname=f"media/{file.relative_to(media).as_posix()}")
        partial.replace(path)  # a backup file is whole or not there
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(datetime.datetime.now(tz=datetime.UTC).timestamp())
    archive.addfile(info, io.BytesIO(content))


def restore_backup(path: Path) -> dict:
    from ledelsesfora.organisation.models import Organisation, Person

    if not tarfile.is_tarfile(path):
        raise BackupError(f"{path} is not a backup made by `ledelsesfora backup`.")
    with tarfile.open(path, "r:*") as archive, tempfile.TemporaryDirectory() as work:
        try:
            manifest = json.load(archive.extractfile("manifest.json"))
        except (KeyError, ValueError, TypeError):
            raise BackupError(
                f"{path} has no readable manifest.json: not a backup of ours."
            ) from None
        if manifest.get("format") != FORMAT:
            raise BackupError(
                f"{path} is backup format {manifest.get('format')}; this version reads {FORMAT}."
            )
        if manifest["migrations"] != _migrations():
            raise BackupError(
                "The backup was made by another version of Ledelsesfora (its migrations differ):"
                " restore it with that version, then upgrade and run `ledelsesfora migrate`."
            )
        if Organisation.objects.exists() or Person.objects.exists():
            raise BackupError(
                "This database is not empty. Restore into a new database: create it, run"
                " `ledelsesfora migrate`, then `ledelsesfora restore FILE`."
            )
        archive.extractall(work, filter="data")  # refuses absolute paths, '..' and links out
        data = Path(work) / "data.exactjson"
        if hashlib.sha256(data.read_bytes()).hexdigest() != manifest["data_sha256"]:
            raise BackupError(f"{path} is damaged: its data does not match its checksum.")
        media = Path(settings.MEDIA_ROOT)
        restored = Path(work) / "media"
        clashes = [
            p.relative_to(restored)
            for p in (restored.rglob("*") if restored.exists() else [])
            if p.is_file() and (media / p.relative_to(restored)).exists()
        ]
        if clashes:
            raise BackupError(
                f"MEDIA_ROOT ({media}) already holds {clashes[0]}: restore into an empty MEDIA_ROOT."
            )
        with transaction.atomic():
            call_command("loaddata", str(data), verbosity=0)
        for file in restored.rglob("*") if restored.exists() else []:
            if file.is_file():
                target = media / file.relative_to(restored)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file, target)
    return manifest
