"""`make bench-scale`: server times on the scale set (`ledelsesfora demo-scale`, 98 municipalities
over 10 years) in PostgreSQL database `ledelsesfora_scale`, made first when it is missing (some
twenty minutes). Measures, as the median of several requests through Django's handler (server
time, no network): an agenda page, a personal calendar feed and a year plan in one of the
municipalities, and storing a year (`plan --apply`, already stored: what a re-run costs) for all
of them. Appends the figures to docs/benchmarks.md."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from report import write_section  # bench/report.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "ledelsesfora_scale"
os.environ.update(DB="postgres", DB_NAME=DATABASE, DJANGO_SETTINGS_MODULE="ledelsesfora.settings")
sys.path.insert(0, str(ROOT))


def ensure_scale_set() -> None:
    exists = subprocess.run(
        ["psql", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'", "postgres"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    command = ROOT / ".venv" / "bin" / "ledelsesfora"
    if not exists:
        subprocess.run(["createdb", DATABASE], check=True)
    subprocess.run([command, "migrate", "--no-input", "-v", "0"], check=True)
    if not exists:
        subprocess.run(
            [command, "demo-scale", "--municipalities", "98", "--years", "10"], check=True
        )
    indexed = subprocess.run(
        ["psql", "-tAc", "SELECT EXISTS (SELECT 1 FROM search_entry)", DATABASE],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if indexed != "t":  # demo-scale writes in bulk, past the index's receivers
        subprocess.run([command, "search", "--rebuild"], check=True)


# A mix of words as people search: on every item of the scale set ("baggrund", "punktet"), on a
# twelfth of them ("budget", "sygefravær", "klimaplan"), on none ("kvalitetsrevision").
SEARCH_TERMS = (
    "baggrund",
    "punktet",
    "forslaget godkendes",
    "budget",
    "sygefravær",
    "klimaplan",
    "nye ledere",
    "digital journalisering",
    "kvalitetsrevision",
    "xylofon",
)


def search_times(client, organisation, people) -> tuple[list[str], float, float]:
    """Each term searched by each person, on the page grouped by kind and on the page of one
    kind: the table's rows, the 95th percentile of every request and the slowest term."""
    samples, table, slowest = [], [], 0.0
    for term in SEARCH_TERMS:
        cells = []
        for person in people:
            client.force_login(person)
            for extra in ("", "&type=item"):
                times = []
                for _ in range(7):
                    started = time.perf_counter()
                    answer = client.get(f"/{organisation.slug}/soeg/?q={term}{extra}")
                    times.append((time.perf_counter() - started) * 1000)
                    assert answer.status_code == 200, (term, answer.status_code)
                samples += times
                slowest = max(slowest, statistics.median(times))
                cells.append(f"{statistics.median(times):.0f} ms")
        table.append(f"| {term} | {' | '.join(cells)} |")
    samples.sort()
    return table, samples[int(len(samples) * 0.95) - 1], slowest


def median_ms(function, runs: int = 7, before=None) -> float:
    function()
    samples = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main() -> None:
    ensure_scale_set()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from ledelsesfora.agenda.models import AgendaItem
    from ledelsesfora.agenda.year import store_year
    from ledelsesfora.meetings.models import CalendarFeed, Meeting
    from ledelsesfora.organisation.models import Organisation, Person
    from ledelsesfora.revision import watch

    meetings = Meeting.objects.count()
    items = AgendaItem.objects.count()
    organisation = Organisation.objects.filter(slug__startswith="skala-").order_by("slug")[49]
    member = Person.objects.get(username=f"borgmester@{organisation.slug}")
    director = Person.objects.get(username=f"omraadedirektoer@{organisation.slug}")
    meeting = (
        Meeting.objects.filter(
            forum__organisation=organisation,
            forum__short_name="DIF",
            agenda_published_at__isnull=False,
        )
        .order_by("-start")
        .first()
    )
    feed = CalendarFeed.objects.filter(
        person=director, revoked_at__isnull=True
    ).first() or CalendarFeed.objects.create(person=director)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(member)
    year = timezone.localdate().year
    client.get("/kalender/")  # the browser's CSRF cookie, as after the login form
    pages = [
        ("agenda page (a member)", f"/moede/{meeting.pk}/?"),
        ("personal calendar feed", f"/kalender/{feed.token}/personlig.ics?"),
        ("year plan, all forums", f"/{organisation.slug}/aarsplan/?aar={year}&"),
    ]
    fresh = iter(range(10**6))
    rows = []
    for what, address in pages:
        # First view: an address nothing is remembered for (a parameter no page reads).
        rows.append((what, median_ms(lambda a=address: client.get(f"{a}bench={next(fresh)}"))))
        rows.append(
            (
                f"{what}, after a write",
                median_ms(
                    lambda a=address: client.get(f"{a}bench={next(fresh)}"),
                    before=lambda: watch.bump(connection),
                ),
            )
        )
        rows.append((f"{what}, again", median_ms(lambda a=address: client.get(a))))
    everyone = list(Organisation.objects.filter(slug__startswith="skala-"))
    started = time.perf_counter()
    for each in everyone:
        store_year(each, year)
    rows.append(
        (
            f"plan --apply for all {len(everyone)} municipalities",
            (time.perf_counter() - started) * 1000,
        )
    )
    feed.delete()
    secretary = Person.objects.get(username=f"sekretaer@{organisation.slug}")
    search_rows, p95, slowest = search_times(client, organisation, [member, secretary])
    lines = [
        "",
        f"## Scale set, {time.strftime('%Y-%m-%d')}: {len(everyone)} municipalities,"
        f" {meetings} meetings, {items} items (PostgreSQL, `make bench-scale`)",
        "",
        "Server time, median of 7 requests through Django's handler (no network): each page's",
        "first view (the page not remembered), the same right after the revision was raised as any",
        "write does (memberships worked out again, ledelsesfora/revision/memo.py), and the same",
        "page again (remembered, pagecache.py).",
        "",
        "| what | time |",
        "|---|---:|",
        *[f"| {what} | {ms:.0f} ms |" for what, ms in rows],
        "",
        f"Search in {organisation.name} ({items // len(everyone)} items on average per"
        " municipality), the search page through Django's handler, median of 7: grouped by kind"
        " (every kind counted, the first five of each), and one kind's first page (items).",
        f"Over all {len(SEARCH_TERMS) * 2 * 2 * 7} requests: **p95 {p95:.0f} ms**, slowest term"
        f" (median) **{slowest:.0f} ms**.",
        "",
        "| words | a member, grouped | a member, items | the secretariat, grouped"
        " | the secretariat, items |",
        "|---|---:|---:|---:|---:|",
        *search_rows,
        "",
    ]
    write_section("make bench-scale", lines)
    print(f"search: p95 {p95:.0f} ms, slowest term {slowest:.0f} ms")
    for what, ms in rows:
        print(f"{what:<45} {ms:8.0f} ms")


if __name__ == "__main__":
    main()
