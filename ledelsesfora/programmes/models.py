"""A meeting's programme: its blocks with times, speakers and facilitators, and per block the
run sheet's (drejebog) room, responsible, equipment and catering. What a person may read is
`Programme.objects.visible_to(person)`; pages, the API, documents and mails use it."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.history import HistoryEntry
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person
from ledelsesfora.programmes.access import readable_programmes


def product_path(instance: Programme, filename: str) -> str:
    # A random name: the original name is kept in `product_name`, never used on disk.
    return f"products/{uuid.uuid4().hex}"


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, person: Person) -> ProgrammeQuerySet:
        return self.filter(readable_programmes(person))


class Programme(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")

    meeting = models.OneToOneField(Meeting, models.CASCADE, related_name="programme")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    note = models.TextField(
        _("practical information"),
        blank=True,
        help_text=_("For the participants: where, transport, what to bring."),
    )
    approved_by_item = models.ForeignKey(
        AgendaItem, models.SET_NULL, null=True, blank=True, related_name="approved_programmes"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    changed_after_approval = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # What the day produced ("dagene resulterer ofte i et konkret produkt"), shared with the
    # participants afterwards alongside the written summary in the minutes.
    product_title = models.CharField(_("the product"), max_length=200, blank=True)
    product_text = models.TextField(_("about the product"), blank=True)
    product_file = models.FileField(upload_to=product_path, blank=True)
    product_name = models.CharField(max_length=200, blank=True)
    product_type = models.CharField(max_length=100, blank=True)
    product_at = models.DateTimeField(null=True, blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return f"{self.meeting}"


class Block(models.Model):
    """One block of a programme, and its line in the run sheet."""

    class Kind(models.TextChoices):
        THEME = "theme", _("Theme")
        ORIENTATION = "orientation", _("Orientation on current matters")
        PLENARY = "plenary", _("Talk in plenary")
        GROUP_WORK = "group_work", _("Group work")
        BREAK = "break", _("Break")
        MEAL = "meal", _("Meal")
        OTHER = "other", _("Other")

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="blocks")
    start = models.DateTimeField(_("start"))
    minutes = models.PositiveIntegerField(_("duration (minutes)"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    facilitator = models.CharField(_("facilitator"), max_length=200, blank=True)
    across_areas = models.BooleanField(
        _("groups across the areas"),
        default=False,
        help_text=_("The groups mix managers from every area."),
    )
    room = models.CharField(_("room"), max_length=100, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    equipment = models.TextField(_("equipment"), blank=True)
    catering = models.TextField(_("catering"), blank=True)

    class Meta:
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def end(self) -> datetime.datetime:
        return self.start + datetime.timedelta(minutes=self.minutes)


class ProgrammeEvent(HistoryEntry):
    """The programme's history: built, blocks changed, approved, published. Never edited."""

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="events")

    LABELS = {
        "built": _("built from the charter"),
        "block-added": _("block added"),
        "block-changed": _("block changed"),
        "block-removed": _("block removed"),
        "note": _("practical information changed"),
        "approved": _("approved"),
        "approval-withdrawn": _("approval withdrawn"),
        "published": _("published"),
        "product": _("product shared"),
        "moved": _("moved with the meeting"),
    }

    def __str__(self) -> str:
        return f"{self.programme} {self.action}"


class Cost(models.Model):
    """An expected, and later actual, cost of a meeting on one of the accounts its forum's
    charter names (`[[forum.financing]]`)."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="costs")
    account = models.CharField(_("account"), max_length=200)
    description = models.CharField(_("what"), max_length=200)
    expected = models.DecimalField(_("expected (kr.)"), max_digits=12, decimal_places=2)
    actual = models.DecimalField(
        _("actual (kr.)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "account", "pk"]
        verbose_name = _("cost")
        verbose_name_plural = _("costs")

    def __str__(self) -> str:
        return f"{self.description} ({self.account})"
