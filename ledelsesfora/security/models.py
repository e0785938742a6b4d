"""The security log, as Datatilsynet's logging measure describes it: who did what, when, from
where and to which object — logins and failed logins, refused access, and every read, search and
export of closed items and personal data. It names objects by kind and number, never by their
content, so the administrator who reads the log does not read the closed items through it. It is
kept `SECURITY_LOG_DAYS` days (six months by default) and then deleted by `housekeeping`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("login")
        LOGIN_FAILED = "login-failed", _("failed login")
        LOCKED_OUT = "locked-out", _("locked out")
        UNLOCKED = "unlocked", _("unlocked")
        LOGOUT = "logout", _("logout")
        SESSION_ENDED = "session-ended", _("session ended")
        REFUSED = "refused", _("refused access")
        READ = "read", _("read")
        EXPORT = "export", _("export")
        SEARCH = "search", _("search")

    at = models.DateTimeField(_("time"), db_index=True)
    kind = models.CharField(_("kind of use"), max_length=20, choices=Kind)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # As typed at a failed login (there may be no such person), else the person's login.
    username = models.CharField(_("username"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "organisation.Organisation",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    method = models.CharField(max_length=8, blank=True)
    path = models.CharField(_("address in the system"), max_length=500, blank=True)
    object_kind = models.CharField(_("object"), max_length=60, blank=True)
    object_id = models.CharField(_("object number"), max_length=40, blank=True)
    terms = models.CharField(_("search terms"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("security log entry")
        verbose_name_plural = _("security log")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["person", "at"], name="security_person_at"),
            models.Index(fields=["object_kind", "object_id", "at"], name="security_object_at"),
            models.Index(fields=["username", "at"], name="security_username_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.username}"


class SessionRecord(models.Model):
    """A login's session, so the person can see where they are logged in and end the others.
    Written at login, removed at logout; the session itself is Django's."""

    session_key = models.CharField(max_length=40, unique=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_records"
    )
    started_at = models.DateTimeField()
    address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.started_at:%Y-%m-%d %H:%M}"


class Submission(models.Model):
    """A form or API request that creates something, remembered for a day so that sending it
    again — a double click, a retried request — creates nothing twice (security/once.py)."""

    caller = models.CharField(max_length=64)  # the person, or the API token's hash
    key = models.CharField(max_length=150)  # the form's one-time token or the Idempotency-Key
    fingerprint = models.CharField(max_length=64)  # what was sent
    created_at = models.DateTimeField(db_index=True)
    status = models.PositiveSmallIntegerField(null=True)
    location = models.CharField(max_length=500, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["caller", "key"], name="one_submission_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.caller[:8]} {self.key[:20]}"
