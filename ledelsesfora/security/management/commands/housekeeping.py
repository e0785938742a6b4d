"""`ledelsesfora housekeeping`: the daily clean-up (docs/operations.md). Deletes the security log
older than `SECURITY_LOG_DAYS`, sent mails older than `MAIL_KEEP_DAYS`, expired sessions and
failed-login counts whose lock-out time is over."""

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone

from ledelsesfora.outbox.sending import forget_sent
from ledelsesfora.security import logins, once
from ledelsesfora.security.log import forget_old


class Command(BaseCommand):
    help = "Delete what has been kept long enough: old security log, sent mail, expired sessions."

    def handle(self, *args, **options) -> None:
        log = forget_old(settings.SECURITY_LOG_DAYS)
        mails = forget_sent(settings.MAIL_KEEP_DAYS)
        sessions, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
        logins.forget_ended()
        once.forget_old()
        over = timezone.now() - datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        attempts, _ = AccessAttempt.objects.filter(attempt_time__lt=over).delete()
        self.stdout.write(
            f"Deleted {log} security log entries older than {settings.SECURITY_LOG_DAYS} days,"
            f" {mails} sent mails, {sessions} expired sessions, {attempts} old login failures."
        )
