"""`ledelsesfora send_mail`: send the mails that are waiting (docs/operations.md). Once, from a
timer every minute, or `--every SECONDS` as a worker that keeps running."""

import time

from django.core.management.base import BaseCommand, CommandError

from ledelsesfora.outbox.sending import send_due


class Command(BaseCommand):
    help = "Send the mails that are waiting; retry failed ones when their pause is over."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="keep running and look for waiting mail every SECONDS seconds (1-3600)",
        )

    def handle(self, *args, every=None, **options) -> None:
        if every is not None and not 1 <= every <= 3600:
            raise CommandError("--every takes a number of seconds from 1 to 3600, e.g. --every 30")
        while True:
            result = send_due()
            if result.sent or result.retried or result.given_up or every is None:
                self.stdout.write(
                    f"Sent {result.sent}, to retry {result.retried}, given up {result.given_up}."
                )
            if every is None:
                return
            time.sleep(every)
