"""The register of the municipality's external representation: who represents it where
(a board, a network, a partnership), since when and until, and when they last reported back
to the forum that coordinates it (the forum whose charter has `[forum.representation]`).

What a person may see is `Representation.objects.visible_to(person)`: the secretariat, the
coordinating forum's members, and each representative their own rows."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ledelsesfora.forums.access import standing
from ledelsesfora.forums.models import Forum
from ledelsesfora.organisation.models import Person


class RepresentationQuerySet(models.QuerySet):
    def visible_to(self, person: Person) -> RepresentationQuerySet:
        who = standing(person)
        if not person.is_authenticated or not person.is_active:
            return self.none()
        if who.superuser:
            return self
        mine = self.filter(forum__organisation_id=who.organisation_id)
        if who.secretariat:
            return mine
        return mine.filter(Q(forum_id__in=who.forums) | Q(representative_id=person.pk))

    def current(self, on: datetime.date) -> RepresentationQuerySet:
        return self.filter(Q(until__isnull=True) | Q(until__gte=on), since__lte=on)


class Representation(models.Model):
    class Kind(models.TextChoices):
        BOARD = "board", _("governing board")
        NETWORK = "network", _("network")
        PARTNERSHIP = "partnership", _("partnership")
        COMMITTEE = "committee", _("committee or council")
        OTHER = "other", _("other")

    forum = models.ForeignKey(Forum, models.PROTECT, related_name="representations")
    body = models.CharField(_("where"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="representations"
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)
    last_report = models.DateField(_("last reported back"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = RepresentationQuerySet.as_manager()

    class Meta:
        ordering = ["body", "since", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="representation_until_after_since",
            )
        ]
        verbose_name = _("external representation")
        verbose_name_plural = _("external representations")

    def __str__(self) -> str:
        return f"{self.body}: {self.representative}"

    def report_due(self) -> datetime.date:
        """When the representative next reports back, by the forum's charter."""
        register = self.forum.charter.representation
        months = register.report_every_months if register else 12
        return (self.last_report or self.since) + relativedelta(months=months)


class Report(models.Model):
    """A representative's report back to the coordinating forum."""

    representation = models.ForeignKey(Representation, models.CASCADE, related_name="reports")
    on = models.DateField(_("date"))
    text = models.TextField(_("report"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.representation} {self.on}"
