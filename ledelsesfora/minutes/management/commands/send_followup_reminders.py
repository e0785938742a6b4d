"""`ledelsesfora send_followup_reminders`: e-mail owners their overdue actions and those due
within three days. Run it daily, like `publish_agendas` (docs/operations.md)."""

from django.core.management.base import BaseCommand

from ledelsesfora.minutes.operations import send_followup_reminders


class Command(BaseCommand):
    help = "E-mail owners their overdue follow-up actions and those due within three days."

    def handle(self, *args, **options) -> None:
        count = send_followup_reminders()
        self.stdout.write(f"Reminders sent to {count} owners.")
