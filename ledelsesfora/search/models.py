"""The search index: one row per thing a person can find — an item, a decision, a minutes
summary, a follow-up action, a theme, a programme, an attachment's text — holding its words,
where it belongs and its date. A row says nothing about who may read it: each search asks the
kind's own `visible_to` (ledelsesfora/search/kinds.py), so the index can never be the place
where a closed item leaks.

On PostgreSQL the table has one more column, `vector`, the words weighted and stemmed with the
`danish` configuration, kept by the database itself (a generated column, migration 0002) and
found through a GIN index. SQLite has neither: there each word's stem is looked for at the
start of the text's words (ledelsesfora/search/finding.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ITEM = "item", _("Agenda items")
    DECISION = "decision", _("Decisions")
    MINUTES = "minutes", _("Minutes")
    FOLLOWUP = "followup", _("Follow-up actions")
    THEME = "theme", _("Themes")
    PROGRAMME = "programme", _("Programmes")
    ATTACHMENT = "attachment", _("Attachments")


class Entry(models.Model):
    kind = models.CharField(max_length=12, choices=Kind)
    object_id = models.PositiveBigIntegerField()
    organisation = models.ForeignKey("organisation.Organisation", models.CASCADE, related_name="+")
    forum = models.ForeignKey("forums.Forum", models.CASCADE, related_name="+")
    # The item a decision, action or attachment belongs to: its case number and its history.
    item = models.ForeignKey("agenda.AgendaItem", models.CASCADE, null=True, related_name="+")
    meeting = models.ForeignKey("meetings.Meeting", models.SET_NULL, null=True, related_name="+")
    day = models.DateField(help_text="The meeting's day, or when it was written.")
    case_number = models.CharField(max_length=40, blank=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_one_entry")
        ]
        indexes = [
            models.Index(fields=["organisation", "-day"], name="search_newest"),
            models.Index(fields=["case_number"], name="search_case"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
