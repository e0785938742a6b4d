"""`make bench`: the pages through a real HTTP server, measured against a yardstick in the same run.

The demo (plus a published 30-line DIF agenda, bench/prepare.py) goes into a throwaway database —
PostgreSQL when one is running, else SQLite — and gunicorn serves the project in its production
configuration (2 workers, static files collected). `wrk` (Debian package) loads each page for a
few seconds with 8 connections, logged in as the person who reads it, and the page's requests per
second are reported as a ratio to the yardstick: a 30-row Django template page without a database,
served by the same server in the same run (bench/urls.py). Documents are timed one request at a
time.

Pages are remembered per reader until the data changes (ledelsesfora/pagecache.py), so wrk, which
asks for the same page again and again, measures the remembered page. Each page's first view —
the page not remembered, every access check run — is timed too: one request at a time, each
address made new with a query parameter no page reads, the median of several; and once more with
the database's revision raised before each request, as any write anywhere does, so that
memberships are worked out again (ledelsesfora/revision/memo.py). The figures, the
machine and the command go to docs/benchmarks.md. Never an assertion: absolute times vary from
machine to machine; the ratio is what counts.
"""

from __future__ import annotations

import json
import os
import platform
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from report import write_section  # bench/report.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = 8
DATABASE = "ledelsesfora_bench"
REPORT = ROOT / "docs" / "benchmarks.md"


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    work = Path(tempfile.mkdtemp(prefix="ledelsesfora-bench-"))
    env = environment(work)
    run([BIN / "ledelsesfora", "migrate", "--no-input", "-v", "0"], env)
    run([BIN / "ledelsesfora", "demo", "--test-server"], env, quiet=True)
    run([BIN / "ledelsesfora", "collectstatic", "--no-input", "-v", "0"], env)
    data = json.loads(run([BIN / "python", ROOT / "bench" / "prepare.py"], env, capture=True))
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "ledelsesfora.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(f"http://127.0.0.1:{PORT}/bench/yardstick/")
        rows = measure(data, revision_raiser(env))
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(rows, env["DB"], data)


def environment(work: Path) -> dict:
    env = dict(os.environ)
    postgres = shutil.which("pg_isready") and subprocess.run(["pg_isready", "-q"]).returncode == 0
    if postgres:
        subprocess.run(["dropdb", "--if-exists", DATABASE], check=True)
        subprocess.run(["createdb", DATABASE], check=True)
    env.update(
        DB="postgres" if postgres else "sqlite",
        DB_NAME=DATABASE if postgres else str(work / "bench.sqlite3"),
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONPATH=str(ROOT),
        PRODUCTION="true",
        SECURE_SSL_REDIRECT="false",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(work / "static"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    return env


def run(command, env, *, quiet=False, capture=False) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture or quiet else None,
    )
    return result.stdout or ""


def wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"the server did not answer at {url}")


def pages(data: dict) -> list[tuple[str, str, str | None]]:
    """(what, address, whose session)."""
    return [
        ("yardstick: 30-row template, no database", "/bench/yardstick/", None),
        (f"agenda page, {data['agenda_lines']} lines, a member", data["agenda"], "borgmester"),
        ("the secretariat's board of that meeting", data["agenda"] + "sekretariat/", "sekretaer"),
        ("year plan, all forums", "/albertslund/aarsplan/?aar=2027", "leder"),
        ("Mine punkter", "/albertslund/punkter/", "omraadedirektoer"),
        ("Opfølgning", "/albertslund/opfoelgning/", "omraadedirektoer"),
        ("forum page: Lederforum (80 members)", "/albertslund/fora/LF/", "leder"),
        ("minutes page", data["minutes"], "sekretaer"),
        ("personal calendar feed", data["feed"], None),
        ("search, grouped by kind", "/albertslund/soeg/?q=budget", "sekretaer"),
        ("OParl: a public forum's meetings", "/oparl/v1.1/body/albertslund/meetings", None),
    ]


def revision_raiser(env: dict):
    """Raise the database's revision the way any committed write does (ledelsesfora/revision):
    every remembered page and every value kept for the revision is then out of date."""
    sql = "UPDATE ledelsesfora_revision SET number = number + 1 WHERE id = 1"
    if env["DB"] == "postgres":
        import psycopg

        database = psycopg.connect(dbname=env["DB_NAME"], autocommit=True)
    else:
        import sqlite3

        database = sqlite3.connect(env["DB_NAME"], isolation_level=None)
    return lambda: database.execute(sql)


def measure(data: dict, raise_revision) -> list[dict]:
    rows = []
    for what, address, who in pages(data):
        url = f"http://127.0.0.1:{PORT}{address}"
        cookie = f"sessionid={data['sessions'][who]}" if who else ""
        status, csrf = fetch_status(url, cookie)
        if csrf:  # as a browser would after its first page with a form
            cookie += f"; csrftoken={csrf}"
        headers = ["-H", f"Cookie: {cookie}"] if cookie else []
        first = timed(url, cookie, fresh=True)
        written = timed(url, cookie, fresh=True, before=raise_revision)
        output = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", *headers, url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rows.append(
            {"what": what, "status": status, "first": first, "written": written} | parse_wrk(output)
        )
        print(
            f"{what:<45} first view {first * 1000:6.1f} ms   after a write {written * 1000:6.1f} ms"
            f"   again {rows[-1]['rps']:8.1f} req/s"
            f"  p50 {rows[-1]['p50']}  p99 {rows[-1]['p99']}"
        )
    for what, address, who in (
        ("agenda as PDF", data["agenda"] + "dagsorden.pdf", "borgmester"),
        ("agenda as Word", data["agenda"] + "dagsorden.docx", "borgmester"),
    ):
        url = f"http://127.0.0.1:{PORT}{address}"
        seconds = timed(url, f"sessionid={data['sessions'][who]}", fresh=True)
        rows.append({"what": what, "status": 200, "single": seconds})
        print(f"{what:<45} {seconds * 1000:8.0f} ms per document")
    return rows


def fetch_status(url: str, cookie: str) -> tuple[int, str]:
    """The page's status and the CSRF cookie it hands out, if any."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        set_cookie = " ".join(response.headers.get_all("Set-Cookie") or [])
        csrf = re.search(r"csrftoken=([^;]+)", set_cookie)
        return response.status, csrf.group(1) if csrf else ""


def timed(url: str, cookie: str, runs: int = 7, *, fresh: bool = False, before=None) -> float:
    """Median seconds of one request; with `fresh`, each to an address nothing is remembered for;
    `before` runs ahead of each request, untimed."""
    headers = {"Cookie": cookie} if cookie else {}
    samples = []
    for run in range(runs + 1):
        if before is not None:
            before()
        address = f"{url}{'&' if '?' in url else '?'}bench={secrets.token_hex(4)}" if fresh else url
        request = urllib.request.Request(address, headers=headers)
        started = time.perf_counter()
        urllib.request.urlopen(request, timeout=60).read()
        if run:  # the first only warms the worker
            samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def parse_wrk(output: str) -> dict:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    return {"rps": rps, "p50": latency.get("50", "?"), "p99": latency.get("99", "?")}


def report(rows: list[dict], database: str, data: dict) -> None:
    yardstick = rows[0]["rps"]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    lines = [
        "Written by `make bench` (bench/run.py); read its docstring for the method. Each page is",
        "served by gunicorn (2 workers, production settings) and loaded with",
        f"`wrk -t2 -c{CONNECTIONS} -d{SECONDS}s --latency` on loopback, logged in as its reader.",
        "The ratio to the yardstick — a 30-row Django template page without a database, served by",
        "the same server in the same run — is what counts; absolute figures vary by machine.",
        "*Again* is the page asked for over and over, as wrk does: remembered for its reader until",
        "the data changes (ledelsesfora/pagecache.py). *First view* is one request to an address",
        "nothing is remembered for (median of 7, through the network, one at a time): the page is",
        "made and every access check run, with memberships worked out at this revision already",
        "kept (ledelsesfora/revision/memo.py). *After a write* is the same right after the",
        "database's revision was raised, as any write does: memberships are worked out again;",
        "only what is kept by its content (calendar events, year-plan rows, a charter's plan) stays.",
        "",
        f"## {time.strftime('%Y-%m-%d')}: {os.cpu_count()} cores ({cpu}), {database}",
        "",
        "| page | first view | after a write | again: req/s | ratio to yardstick | p50 | p99 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        if "rps" in row:
            lines.append(
                f"| {row['what']} | {row['first'] * 1000:.1f} ms | {row['written'] * 1000:.1f} ms"
                f" | {row['rps']:.0f} |"
                f" {row['rps'] / yardstick:.2f} | {row['p50']} | {row['p99']} |"
            )
    lines += ["", "| document | one request |", "|---|---:|"]
    for row in rows:
        if "single" in row:
            lines.append(
                f"| {row['what']} ({data['agenda_lines']} lines) | {row['single'] * 1000:.0f} ms |"
            )
    write_section("make bench", lines, REPORT)
    print(f"written to {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
