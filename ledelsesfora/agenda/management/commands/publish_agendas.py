"""`ledelsesfora publish_agendas`: publish every agenda that is due.

An agenda is due from its publication day (from the charter's time of day, if it gives one),
and never before its submission deadline has passed. Run it every hour (cron or a systemd timer,
see docs/operations.md), so an agenda whose deadline passes late on its publication day comes out
within the hour. An agenda that cannot be published yet is reported here and mailed to the
forum's secretariat with the items that block it. Exit status 0 either way: a blocked agenda is
news, not a crash.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from ledelsesfora.agenda.agendas import publish_due_agendas


class Command(BaseCommand):
    help = "Publish the agendas that are due: publication day come, deadline passed (run hourly)."

    def handle(self, *args, **options) -> None:
        outcomes = publish_due_agendas()
        for meeting, outcome in outcomes:
            when = timezone.localtime(meeting.start).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(
                f"{meeting.forum.organisation.slug} {meeting.forum.short_name} {when}: {outcome}"
            )
        if not outcomes:
            self.stdout.write("No agenda is due for publication now.")
