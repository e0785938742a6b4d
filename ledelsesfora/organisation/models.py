"""The municipality's organisation: units (areas hold departments), position types, people and
the positions they hold over time. Forum membership is computed from these."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A municipality (kommune). One deployment serves many; nothing of one is shown to another."""

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True, help_text=_("One line per line."))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    @property
    def address_lines(self) -> list[str]:
        return [line for line in self.address.splitlines() if line.strip()]


class Unit(models.Model):
    """An organisational unit: the executive board, an area (direktørområde), a department, a
    secretariat. Areas hold departments through `parent`."""

    class Kind(models.TextChoices):
        EXECUTIVE = "executive", _("executive board")
        AREA = "area", _("area")
        DEPARTMENT = "department", _("department")
        SECRETARIAT = "secretariat", _("secretariat")
        UNIT = "unit", _("unit")

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="units")
    key = models.SlugField(_("key"), help_text=_("Stable key that charters refer to."))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.UNIT)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="unit_key_unique")
        ]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def area(self) -> Unit | None:
        """The area (direktørområde) this unit belongs to, itself if it is one."""
        unit: Unit | None = self
        seen: set[int] = set()
        while unit is not None and unit.kind != Unit.Kind.AREA and unit.pk not in seen:
            seen.add(unit.pk)
            unit = unit.parent
        return unit if unit is not None and unit.kind == Unit.Kind.AREA else None

    def clean(self) -> None:
        parent, seen = self.parent, {self.pk}
        while parent is not None:
            if parent.pk in seen:
                raise ValidationError({"parent": _("A unit cannot be part of itself.")})
            if parent.organisation_id != self.organisation_id:
                raise ValidationError({"parent": _("The parent belongs to another municipality.")})
            seen.add(parent.pk)
            parent = parent.parent


class PositionType(models.Model):
    """A kind of post: kommunaldirektør, områdedirektør, afdelingschef, leder, konsulent …
    Forum charters select members by these keys and by `staff_responsibility`."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="position_types")
    key = models.SlugField(_("key"))
    title = models.CharField(_("title"), max_length=200)
    title_plural = models.CharField(_("title, plural"), max_length=200, blank=True)
    staff_responsibility = models.BooleanField(_("staff responsibility"), default=False)
    director = models.BooleanField(
        _("director"),
        default=False,
        help_text=_("Holders can be the responsible director of an agenda item."),
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=100, help_text=_("Lower ranks are listed first.")
    )

    class Meta:
        ordering = ["organisation", "rank", "title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="position_type_key_unique")
        ]
        verbose_name = _("position type")
        verbose_name_plural = _("position types")

    def __str__(self) -> str:
        return self.title


class Person(AbstractUser):
    """A person who can log in. Belongs to one municipality; a superuser may belong to none."""

    organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("municipality"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    initials = models.CharField(_("initials"), max_length=10, blank=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username


class PositionQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None) -> PositionQuerySet:
        """Positions held on `on` (today by default): started, and not yet ended."""
        on = on or timezone.localdate()
        return self.filter(start__lte=on).filter(Q(end__isnull=True) | Q(end__gte=on))


class Position(models.Model):
    """A person's post in a unit, from `start` to `end` (inclusive; open-ended when empty)."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="positions")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="positions")
    position_type = models.ForeignKey(
        PositionType, models.PROTECT, related_name="positions", verbose_name=_("position type")
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_(
            "The post's own title when it differs from the type, e.g. 'Chef for Økonomi & Stab'."
        ),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["position_type__rank", "person__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="position_ends_after_start",
                violation_error_message=_("A position cannot end before it starts."),
            )
        ]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return f"{self.person} – {self.display_title}, {self.unit}"

    @property
    def display_title(self) -> str:
        return self.title or self.position_type.title

    def clean(self) -> None:
        organisations = {
            self.person.organisation_id if self.person_id else None,
            self.unit.organisation_id if self.unit_id else None,
            self.position_type.organisation_id if self.position_type_id else None,
        } - {None}
        if len(organisations) > 1:
            raise ValidationError(
                _(
                    "The person, the unit and the position type must belong to the same municipality."
                )
            )
