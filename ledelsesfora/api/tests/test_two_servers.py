"""Two app servers in the production configuration share one PostgreSQL: an item submitted
through one is quality-assured, approved and published through the other, and read on the first.

It makes its own database (the suite's test database lives in transactions the servers cannot
see), loads the demo there, and runs gunicorn twice, each under `faketime` at the suite's day, so
nothing reads the real clock. It runs in the PostgreSQL run of `make test` (marker `postgres`)."""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from conftest import SUITE_DAY

pytestmark = pytest.mark.postgres

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[3]
# "@": start at the suite's day and let the clock run (servers need time to pass).
CLOCK = "@" + SUITE_DAY.strftime("%Y-%m-%d %H:%M:%S")


@pytest.fixture(scope="module")
def servers():
    for tool in ("faketime", "createdb", "gunicorn"):
        assert shutil.which(tool) or (BIN / tool).exists(), f"{tool} is needed (see .ci/run)"
    database = f"ledelsesfora_two_{secrets.token_hex(4)}"
    subprocess.run(["createdb", database], check=True)
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)},
        "DB": "postgres",
        "DB_NAME": database,
        "PRODUCTION": "true",
        "SECURE_SSL_REDIRECT": "false",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(ROOT / "var" / f"static-{database}"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "TZ": "Europe/Copenhagen",
    }

    def command(*args, capture=False):
        result = subprocess.run(
            ["faketime", "-f", CLOCK, str(BIN / "ledelsesfora"), *args],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip() if capture else None

    processes = []
    try:
        command("migrate", "--no-input", "-v", "0")
        command("collectstatic", "--no-input", "-v", "0")
        command("demo", "--test-server")
        tokens = {
            who: command("token", "create", f"{who}@albertslund", capture=True)
            for who in ("omraadedirektoer", "sekretaer", "borgmester")
        }
        ports = [_free_port(), _free_port()]
        for port in ports:
            processes.append(
                subprocess.Popen(
                    [
                        "faketime",
                        "-f",
                        CLOCK,
                        str(BIN / "gunicorn"),
                        "--workers",
                        "2",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "ledelsesfora.wsgi:application",
                    ],
                    env=env,
                    cwd=ROOT,
                    start_new_session=True,  # its own process group: stopped with its workers
                )
            )
        for port in ports:
            _wait(f"http://127.0.0.1:{port}/login/")
        yield Servers([f"http://127.0.0.1:{port}/api/v1" for port in ports], tokens, database, env)
    finally:
        for process in processes:
            # The server and its workers at once; under faketime a polite stop can hang.
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        subprocess.run(["dropdb", "--if-exists", database], check=False)
        shutil.rmtree(env["STATIC_ROOT"], ignore_errors=True)


@dataclass
class Servers:
    bases: list[str]
    tokens: dict[str, str]
    database: str
    env: dict[str, str]

    def count(self, sql: str, *params) -> int:
        with psycopg.connect(dbname=self.database) as connection:
            return connection.execute(sql, params).fetchone()[0]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(url):
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.2)
    pytest.fail(f"no answer from {url}")


def call(base, token, path, body=None, headers=None, *, answer=False):
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode() if body is not None else None,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            **(headers or {}),
        },
        method="POST" if body is not None else "GET",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        read = json.loads(response.read())
        return (response.status, dict(response.headers), read) if answer else read


def test_a_workflow_across_two_app_servers_on_one_database(servers):
    (first, second), tokens = servers.bases, servers.tokens
    director, secretary, member = (
        tokens["omraadedirektoer"],
        tokens["sekretaer"],
        tokens["borgmester"],
    )
    meetings = call(first, director, "/organisations/albertslund/forums/DIF/meetings")["items"]
    meeting = next(
        m for m in meetings[3:] if m["status"] == "planned" and not m["agenda_published"]
    )
    title = "Fælles indkøbsaftale på tværs af områderne"
    item = call(
        first,
        director,
        f"/meetings/{meeting['id']}/items",
        {
            "title": title,
            "kind": "information",
            "responsible_director": "omraadedirektoer@albertslund",
        },
    )
    assert call(first, director, f"/items/{item['id']}/submit", {})["status"] == "submitted"
    assert call(second, secretary, f"/items/{item['id']}/review", {})["status"] == "reviewed"
    assert call(second, director, f"/items/{item['id']}/approve", {})["status"] == "approved"
    published = call(second, secretary, f"/meetings/{meeting['id']}/publish", {})
    assert published["agenda_published"] is True
    agenda = call(first, member, f"/meetings/{meeting['id']}/agenda")
    assert agenda["published"] and title in [line["title"] for line in agenda["items"]]


def test_one_item_sent_at_once_to_both_servers_under_one_key_is_made_once(servers):
    """A client retrying in a hurry: eight copies of one request, with one Idempotency-Key, at
    the same moment through both servers. One item is made; every copy answers with it."""
    director = servers.tokens["omraadedirektoer"]
    meetings = call(servers.bases[0], director, "/organisations/albertslund/forums/DIF/meetings")[
        "items"
    ]
    meeting = next(m for m in meetings[4:] if m["status"] == "planned")
    title = "Samme anmodning otte gange"
    body = {"title": title, "kind": "information"}
    key = {"Idempotency-Key": secrets.token_hex(16)}

    def send(n):
        base = servers.bases[n % 2]
        return call(base, director, f"/meetings/{meeting['id']}/items", body, key, answer=True)

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(send, range(8)))
    assert {status for status, _headers, _body in answers} == {answers[0][0]}
    assert answers[0][0] < 300
    assert len({read["id"] for _status, _headers, read in answers}) == 1
    replayed = [headers.get("Idempotent-Replayed") for _status, headers, _read in answers]
    assert replayed.count("true") == 7
    assert servers.count("SELECT count(*) FROM agenda_agendaitem WHERE title = %s", title) == 1

    other = {"title": "Noget andet", "kind": "information"}
    with pytest.raises(urllib.error.HTTPError) as refused:
        call(servers.bases[1], director, f"/meetings/{meeting['id']}/items", other, key)
    assert refused.value.code == 422


def test_storing_a_year_twice_at_once_stores_it_once(servers):
    """Two secretaries store the same year at the same moment (here: two processes on the
    shared database). Both succeed; the meetings and items are there once."""
    run = [
        "faketime", "-f", CLOCK, str(BIN / "ledelsesfora"),
        "plan", "albertslund", "--year", "2029", "--apply",
    ]  # fmt: skip
    both = [
        subprocess.Popen(
            run, env=servers.env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    results = [(process.wait(timeout=300), process.stderr.read().decode()) for process in both]
    assert [code for code, _err in results] == [0, 0], results
    meetings = (
        "SELECT count(*) FROM meetings_meeting WHERE start >= '2029-01-01' AND start < '2030-01-01'"
    )
    distinct = (
        "SELECT count(DISTINCT (forum_id, start)) FROM meetings_meeting"
        " WHERE start >= '2029-01-01' AND start < '2030-01-01'"
    )
    stored = servers.count(meetings)
    assert stored > 20 and servers.count(distinct) == stored
    items = (
        "SELECT count(*) FROM agenda_agendaitem WHERE meeting_id IN"
        " (SELECT id FROM meetings_meeting WHERE start >= '2029-01-01')"
    )
    made = servers.count(items)
    subprocess.run(run, env=servers.env, cwd=ROOT, check=True, capture_output=True)
    assert (servers.count(meetings), servers.count(items)) == (stored, made)


def test_a_publication_cut_off_by_the_database_leaves_no_half_state(servers):
    """The database connection dies in the middle of publishing an agenda: the server answers
    500, nothing of the publication is stored, and the next attempt publishes it whole."""
    base, _other = servers.bases
    director, secretary = servers.tokens["omraadedirektoer"], servers.tokens["sekretaer"]
    meetings = call(base, director, "/organisations/albertslund/forums/DIF/meetings")["items"]
    meeting = next(
        m for m in meetings[6:] if m["status"] == "planned" and not m["agenda_published"]
    )
    body = {
        "title": "Afbrudt offentliggørelse",
        "kind": "information",
        "responsible_director": "omraadedirektoer@albertslund",
    }
    item = call(base, director, f"/meetings/{meeting['id']}/items", body)
    call(base, director, f"/items/{item['id']}/submit", {})
    call(base, secretary, f"/items/{item['id']}/review", {})
    call(base, director, f"/items/{item['id']}/approve", {})
    published = (
        "SELECT count(*) FROM meetings_meeting WHERE id = %s AND agenda_published_at IS NOT NULL"
    )
    statuses = (
        "SELECT count(*) FROM agenda_agendaitem WHERE meeting_id = %s AND status = 'published'"
    )

    def publish():
        try:
            return call(base, secretary, f"/meetings/{meeting['id']}/publish", {}, answer=True)[0]
        except urllib.error.HTTPError as error:
            return error.code

    mails_before = servers.count("SELECT count(*) FROM outbox_mail")
    # The publication's last writes are its mails: hold the outbox, so it stops there.
    with psycopg.connect(dbname=servers.database) as blocker:
        blocker.execute("LOCK TABLE outbox_mail IN ACCESS EXCLUSIVE MODE")
        with ThreadPoolExecutor(max_workers=1) as pool:
            answer = pool.submit(publish)
            waiting = None
            for _ in range(100):
                waiting = blocker.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
                    (servers.database,),
                ).fetchone()
                if waiting:
                    break
                time.sleep(0.1)
            assert waiting, "the publication never reached the outbox"
            with psycopg.connect(dbname=servers.database, autocommit=True) as killer:
                killer.execute("SELECT pg_terminate_backend(%s)", waiting)
            status = answer.result(timeout=60)
        blocker.rollback()
    assert status == 500
    assert servers.count(published, meeting["id"]) == 0
    assert servers.count(statuses, meeting["id"]) == 0
    assert servers.count("SELECT count(*) FROM outbox_mail") == mails_before

    assert publish() == 200  # the server reconnects; the publication is whole
    assert servers.count(published, meeting["id"]) == 1
    assert servers.count(statuses, meeting["id"]) >= 1
    assert servers.count("SELECT count(*) FROM outbox_mail") > mails_before
