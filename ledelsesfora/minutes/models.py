"""Decision minutes (beslutningsreferat) or a written summary (opsamling), their approved
versions, and the follow-up actions that decisions carry."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Unit


def _minutes_read_by(person, prefix: str = "") -> Q | None:
    """Which minutes' content `person` reads, as a condition on fields under `prefix`: a
    forum's minutes are read by its members and the secretariat of its municipality, and while
    they are a draft only by those who write them (the secretariat, the forum's minute-taker;
    `operations.draft_hidden`). None: all of them (a superuser); Q(pk__in=[]): none."""
    from ledelsesfora.forums.access import standing

    who = standing(person)
    if not person.is_authenticated or not person.is_active:
        return Q(pk__in=[])
    if who.superuser:
        return None
    forum = f"{prefix}meeting__forum"
    if who.secretariat:
        return Q(**{f"{forum}__organisation_id": who.organisation_id})
    writes = [pk for pk, roles in who.roles.items() if "minute_taker" in roles]
    draft = Q(**{f"{prefix}status": "draft"})
    return Q(**{f"{forum}_id__in": who.forums}) & (~draft | Q(**{f"{forum}_id__in": writes}))


class MinutesQuerySet(models.QuerySet):
    def visible_to(self, person) -> MinutesQuerySet:
        """The minutes whose content (summary, decisions) `person` may read — the one rule for
        pages, the API, documents and search (`_minutes_read_by`)."""
        rule = _minutes_read_by(person)
        return self if rule is None else self.filter(rule)


class Minutes(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent to the members")
        APPROVED = "approved", _("approved")

    meeting = models.OneToOneField(Meeting, models.PROTECT, related_name="minutes")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("summary"), blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_note = models.CharField(max_length=200, blank=True)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{self.meeting}"

    @property
    def version(self) -> int:
        return self.versions.count()


class MinutesEvent(models.Model):
    """The minutes' history: who recorded, sent, approved or corrected them, and when."""

    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.minutes} {self.action}"


class OutcomeQuerySet(models.QuerySet):
    def public(self) -> OutcomeQuerySet:
        """The decisions anyone may read (OParl): of public items, in approved minutes."""
        return self.filter(
            minutes__status=Minutes.Status.APPROVED, item__in=AgendaItem.objects.public()
        )

    def visible_to(self, person) -> OutcomeQuerySet:
        """The decisions `person` may read: in minutes they read, on items they may see (a
        closed item's decision only for those who see the closed item)."""
        rule = _minutes_read_by(person, "minutes__")
        mine = self.filter(item__in=AgendaItem.objects.visible_to(person))
        return mine if rule is None else mine.filter(rule)


class Outcome(models.Model):
    class Kind(models.TextChoices):
        DECIDED = "decided", _("decided")
        NOTED = "noted", _("noted")
        DEFERRED = "deferred", _("deferred")

    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="outcomes")
    item = models.ForeignKey(AgendaItem, models.PROTECT, related_name="outcomes")
    outcome = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField(blank=True)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["minutes", "item"], name="one_outcome_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_outcome_display()}"


class Attendance(models.Model):
    class Kind(models.TextChoices):
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")
        GUEST = "guest", _("guest")

    minutes = models.ForeignKey(Minutes, models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200, blank=True, help_text=_("For a guest from outside."))
    kind = models.CharField(max_length=10, choices=Kind.choices)

    def __str__(self) -> str:
        return f"{self.person or self.name} ({self.kind})"


class MinutesVersion(models.Model):
    """An approved version of the minutes, frozen: the database refuses to change it (a trigger,
    see the migration), so a correction is always a new version with a reason."""

    minutes = models.ForeignKey(Minutes, models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["minutes", "number"], name="version_once")]

    def __str__(self) -> str:
        return f"{self.minutes} v{self.number}"


class FollowUpQuerySet(models.QuerySet):
    def visible_to(self, person) -> FollowUpQuerySet:
        """The follow-up actions `person` may read: all of the municipality's for the
        secretariat; for others those of decisions they may read, and their own, but never
        the text of one on a closed item they may not see (`operations.hidden_followups`)."""
        from ledelsesfora.forums.access import standing

        who = standing(person)
        if not person.is_authenticated or not person.is_active:
            return self.none()
        if who.superuser:
            return self
        if who.secretariat:
            return self.filter(item__forum__organisation_id=who.organisation_id)
        items = AgendaItem.objects.visible_to(person)
        # Read with the decision that carries the action: in the minutes that record it, which
        # after a deferral are not those of the meeting the item is on now.
        readers = Outcome.objects.filter(item=OuterRef("item"), outcome=Outcome.Kind.DECIDED)
        decided = Q(item__in=items) & Q(
            Exists(readers.filter(_minutes_read_by(person, "minutes__")))
        )
        own = Q(owner_id=person.pk) & (Q(item__closed=False) | Q(item__in=items))
        return self.filter(item__forum__organisation_id=who.organisation_id).filter(decided | own)

    def open(self) -> FollowUpQuerySet:
        return self.filter(status=FollowUp.Status.OPEN)

    def overdue_first(self) -> FollowUpQuerySet:
        return self.order_by("due", "pk")

    def before(self, meeting: Meeting) -> FollowUpQuerySet:
        """The forum's open actions from earlier meetings: the follow-up a meeting reviews."""
        return (
            self.open()
            .filter(item__forum=meeting.forum, item__meeting__start__lt=meeting.start)
            .select_related("owner", "item")
            .with_overdue()
            .overdue_first()
        )

    def overdue(self, today: datetime.date | None = None) -> FollowUpQuerySet:
        return self.filter(_overdue(today))

    def with_overdue(self, today: datetime.date | None = None) -> FollowUpQuerySet:
        """Each action with `overdue`: open and past its due date."""
        return self.annotate(overdue=ExpressionWrapper(_overdue(today), BooleanField()))


def _overdue(today: datetime.date | None = None) -> Q:
    return Q(status=FollowUp.Status.OPEN, due__lt=today or timezone.localdate())


class FollowUp(models.Model):
    """An action a decision carries: who owes it (a person, and their unit), by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    item = models.ForeignKey(AgendaItem, models.PROTECT, related_name="followups")
    title = models.CharField(_("action"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="followups", verbose_name=_("owner")
    )
    unit = models.ForeignKey(
        Unit, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    due = models.DateField(_("due"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.title
