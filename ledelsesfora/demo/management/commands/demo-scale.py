"""`ledelsesfora demo-scale --municipalities 98 --years 10`: the scale set for benchmarks
(ledelsesfora/demo/scale.py), with progress on stderr. Demo data: never on a real server."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from ledelsesfora.demo.scale import ITEMS_PER_MEETING, demo_scale


class Command(BaseCommand):
    help = "Many municipalities with their plans and full agendas, for benchmarks (demo data)."

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, default=98)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--first-year", type=int, default=None)
        parser.add_argument("--items-per-meeting", type=int, default=ITEMS_PER_MEETING)

    def handle(self, *args, municipalities, years, first_year, items_per_meeting, **options):
        if not 1 <= municipalities <= 500 or not 1 <= years <= 30:
            raise CommandError("give 1–500 municipalities and 1–30 years")
        if not 0 <= items_per_meeting <= 50:
            raise CommandError("give 0–50 items per meeting")
        started = time.monotonic()
        made = demo_scale(
            municipalities,
            years,
            first_year=first_year,
            items_per_meeting=items_per_meeting,
            progress=self.progress,
        )
        self.stderr.write("")
        self.stdout.write(
            f"{made['municipalities']} municipalities, {made['meetings']} meetings,"
            f" {made['items']} items in {time.monotonic() - started:.0f} s"
        )

    def progress(self, what: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        self.stderr.write(f"\r{what} [{bar}] {done}/{total}", ending="")
        sys.stderr.flush()
