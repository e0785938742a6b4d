"""Benchmarks, run on demand (`make bench`), never as assertions in the test suite.

Loads the demo into a throwaway SQLite database and times what people wait for most: parsing a
charter, planning a year, the year plan, the forum page of Lederforum (80 computed members), an
agenda page and its PDF. Prints the median of several runs; write notable results down in
bench/RESULTS.md with the date and the machine."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ledelsesfora.settings")
database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DB_NAME"] = str(database)
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from ledelsesfora.forums.charter import parse_charter  # noqa: E402
from ledelsesfora.meetings.models import Meeting  # noqa: E402
from ledelsesfora.meetings.planning import plan_charter  # noqa: E402
from ledelsesfora.organisation.models import Person  # noqa: E402

RUNS = 7


def timed(name, function):
    function()  # warm up caches and imports
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    print(f"{name:<45} {statistics.median(samples) * 1000:8.1f} ms (median of {RUNS})")


def main():
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("demo", stdout=quiet)
    text = (settings.BUNDLED_CHARTERS_DIR / "albertslund.toml").read_text()
    charter = parse_charter(text)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(Person.objects.get(username="sekretaer@albertslund"))
    meeting = (
        Meeting.objects.filter(
            forum__short_name="DIF",
            agenda_published_at__isnull=False,
            forum__organisation__slug="albertslund",
        )
        .order_by("-start")
        .first()
    )
    timed("parse and validate the Albertslund charter", lambda: parse_charter(text))
    timed("plan a year for Albertslund (5 forums)", lambda: plan_charter(charter, 2027))
    timed("page: year plan, all forums", lambda: client.get("/albertslund/aarsplan/?aar=2027"))
    timed("page: Lederforum (80 computed members)", lambda: client.get("/albertslund/fora/LF/"))
    timed("page: a published DIF agenda", lambda: client.get(f"/moede/{meeting.pk}/"))
    timed("document: that agenda as PDF", lambda: client.get(f"/moede/{meeting.pk}/dagsorden.pdf"))
    timed(
        "feed: Chefforum calendar (.ics)", lambda: client.get("/albertslund/fora/CF/kalender.ics")
    )


if __name__ == "__main__":
    main()
