"""Themes of the forums that meet around one (a lederdag, the Lederdøgn): proposed by the
forums the charter lets propose, given input by the same people, and selected for a meeting by
the forum that selects, as the outcome of an item on its agenda (`operations.select_theme`).

What a person may see of themes is `Theme.objects.visible_to(person)`; pages, the API, the
årshjul and mails use it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.forums.models import Forum
from ledelsesfora.history import HistoryEntry
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person
from ledelsesfora.themes.access import theme_forums


class ThemeQuerySet(models.QuerySet):
    def visible_to(self, person: Person) -> ThemeQuerySet:
        """The themes of the forums whose themes `person` follows (`access.theme_forums`):
        the secretariat sees its municipality's; nobody sees another municipality's."""
        return self.filter(forum_id__in=theme_forums(person))

    def open(self) -> ThemeQuerySet:
        return self.filter(status=Theme.Status.PROPOSED)


class Theme(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        SELECTED = "selected", _("selected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    forum = models.ForeignKey(Forum, models.PROTECT, related_name="themes")
    title = models.CharField(_("theme"), max_length=200)
    description = models.TextField(_("why and what"), blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    via = models.ForeignKey(
        Forum,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The forum the proposal comes from (empty: the secretariat)."),
    )
    source_item = models.ForeignKey(
        AgendaItem,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_themes",
        help_text=_("The item whose outcome the proposal is, e.g. a theme discussion in CF."),
    )
    meeting = models.ForeignKey(
        Meeting,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="themes",
        help_text=_("The meeting the theme is selected for."),
    )
    selected_by_item = models.ForeignKey(
        AgendaItem, models.SET_NULL, null=True, blank=True, related_name="selected_themes"
    )
    selected_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="selected") | models.Q(meeting__isnull=False),
                name="theme_selected_has_meeting",
            )
        ]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.title


class ThemeInput(models.Model):
    """A member's input to a proposed theme ("Medlemmerne … kan ligeledes komme med inputs")."""

    theme = models.ForeignKey(Theme, models.CASCADE, related_name="inputs")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.text[:40]


class ThemeEvent(HistoryEntry):
    """The theme's history: proposed, input, withdrawn, selected, released. Never edited."""

    theme = models.ForeignKey(Theme, models.CASCADE, related_name="events")

    LABELS = {
        "proposed": _("proposed"),
        "input": _("input given"),
        "withdrawn": _("withdrawn"),
        "selected": _("selected"),
        "released": _("back among the proposals"),
    }

    def __str__(self) -> str:
        return f"{self.theme} {self.action}"
