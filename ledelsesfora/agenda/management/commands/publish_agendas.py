"""`ledelsesfora publish_agendas`: publish every agenda whose publication day has come.

Run it once a day early in the morning (cron or a systemd timer, see docs/operations.md). An
agenda that cannot be published yet is reported here and mailed to the forum's secretariat
with the items that block it. Exit status 0 either way: a blocked agenda is news, not a crash.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from ledelsesfora.agenda.operations import publish_due_agendas


class Command(BaseCommand):
    help = "Publish the agendas whose publication day has come (run daily)."

    def handle(self, *args, **options) -> None:
        outcomes = publish_due_agendas()
        for meeting, outcome in outcomes:
            when = timezone.localtime(meeting.start).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(
                f"{meeting.forum.organisation.slug} {meeting.forum.short_name} {when}: {outcome}"
            )
        if not outcomes:
            self.stdout.write("No agenda is due for publication today.")
