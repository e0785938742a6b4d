"""What a thing's history is made of: who did what, when, and what changed. An item's history
(agenda.ItemEvent) and a meeting's (meetings.MeetingEvent) are both this, each with its own
words for its actions. Never edited."""

from django.conf import settings
from django.db import models


class HistoryEntry(models.Model):
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    note = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)

    # The words each action is shown with; an action without one is shown as it is stored.
    LABELS: dict = {}

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    @property
    def label(self) -> str:
        return str(self.LABELS.get(self.action, self.action))
