"""Every mail the system sends is first a row here, written in the same transaction as the step
that causes it: a step that is rolled back mails no one, and a mail server that is down or slow
never loses a mail nor holds up the person who acted (ledelsesfora/outbox/sending.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MailQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(state=Mail.State.WAITING, next_attempt_at__lte=now)


class Mail(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("given up")

    created_at = models.DateTimeField(_("created"), db_index=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept with the mail so the municipality's administrator sees only its own mails.
    organisation = models.ForeignKey(
        "organisation.Organisation",
        verbose_name=_("municipality"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    to = models.EmailField(_("to"))
    from_email = models.CharField(_("from"), max_length=254)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.WAITING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True)

    objects = MailQuerySet.as_manager()

    class Meta:
        verbose_name = _("mail")
        verbose_name_plural = _("mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
