"""`ledelsesfora backup` and `restore`: a whole installation — demo data with approved, locked
minutes, the mails sent, and an attachment of a closed item — goes into one file and comes back into a new
database with no difference. Run as the commands are run, in their own processes and databases
(SQLite here; PostgreSQL in the PostgreSQL run), on the suite's day."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SUITE_DAY

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[3]
CLOCK = "@" + SUITE_DAY.strftime("%Y-%m-%d %H:%M:%S")
ATTACH = """
from django.core.files.base import ContentFile
from ledelsesfora.agenda.models import AgendaItem, Attachment
item = AgendaItem.objects.filter(closed=True).first()
Attachment.objects.create(item=item, file=ContentFile(b"%PDF-1.4 bilag", name="x"),
    name="Bilag.pdf", content_type="application/pdf", size=14)
"""
DUMP = ["dumpdata", "--natural-foreign", "--format=exactjson", "--exclude=contenttypes", "--exclude=auth.permission",
        "--exclude=sessions", "--exclude=admin.logentry"]  # fmt: skip


@pytest.fixture
def installations(tmp_path):
    """Two empty installations (database and attachments folder) of this version."""
    postgres = os.environ.get("DB") == "postgres"
    names = [f"ledelsesfora_backup_{secrets.token_hex(4)}" for _ in range(2)]
    made = []
    for n, name in enumerate(names):
        env = {**os.environ, "MEDIA_ROOT": str(tmp_path / f"media{n}"), "TZ": "Europe/Copenhagen"}
        if postgres:
            subprocess.run(["createdb", name], check=True)
            env.update(DB="postgres", DB_NAME=name)
        else:
            env.update(DB="sqlite", DB_NAME=str(tmp_path / f"{name}.sqlite3"))
        made.append(env)
        run(env, "migrate", "--no-input", "-v", "0")
    yield made
    if postgres:
        for name in names:
            subprocess.run(["dropdb", "--if-exists", name], check=False)


def run(env, *args, check=True):
    done = subprocess.run(
        ["faketime", "-f", CLOCK, str(BIN / "ledelsesfora"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if check and done.returncode != 0:
        pytest.fail(
            f"ledelsesfora {' '.join(args[:2])} exited {done.returncode}:\n{done.stderr[-3000:]}"
        )
    return done


def dump(env) -> list:
    """Every row, but the revision number, which the restore itself raises (as every write
    does, so no page remembered before it is served after it)."""
    return [
        row for row in json.loads(run(env, *DUMP).stdout) if row["model"] != "revision.revision"
    ]


def test_a_backup_restores_into_a_new_database_with_no_difference(installations, tmp_path):
    first, second = installations
    run(first, "demo")
    run(first, "shell", "-c", ATTACH)
    backup = tmp_path / "ledelsesfora.tar.gz"
    written = run(first, "backup", str(backup)).stdout
    assert "1 files" in written

    restored = run(second, "restore", str(backup)).stdout
    assert "Restored" in restored
    before, after = (dump(env) for env in (first, second))
    assert after == before
    minutes = [row for row in after if row["model"] == "minutes.minutes"]
    assert any(row["fields"]["status"] == "approved" for row in minutes)
    assert any(row["model"] == "minutes.minutesversion" for row in after)
    assert any(row["model"] == "outbox.mail" for row in after)
    files = [sorted(Path(env["MEDIA_ROOT"]).rglob("*.*")) or sorted(
        p for p in Path(env["MEDIA_ROOT"]).rglob("*") if p.is_file()) for env in (first, second)]  # fmt: skip
    assert [p.read_bytes() for p in files[1]] == [p.read_bytes() for p in files[0]] != []

    again = run(second, "restore", str(backup), check=False)
    assert again.returncode == 1 and "not empty" in again.stderr
    assert dump(second) == before  # nothing half-written


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    env = {**os.environ, "DB": "sqlite", "DB_NAME": str(tmp_path / "empty.sqlite3")}
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a backup")
    refused = run(env, "restore", str(junk), check=False)
    assert refused.returncode == 1 and "is not a backup" in refused.stderr
    missing = run(env, "restore", str(tmp_path / "none.tar.gz"), check=False)
    assert missing.returncode == 1 and "There is no file" in missing.stderr
