"""The selected themes on the årshjul (registered with `meetings.wheel.mark_sources`)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ledelsesfora.meetings.wheel import Mark
from ledelsesfora.organisation.models import Organisation, Person
from ledelsesfora.themes.models import Theme


def wheel_marks(organisation: Organisation, year: int, person: Person | None) -> list:
    """The selected themes of the year on the årshjul, for those who follow them."""
    if person is None:
        return []
    themes = (
        Theme.objects.visible_to(person)
        .filter(forum__organisation=organisation, status=Theme.Status.SELECTED)
        .filter(meeting__start__year=year)
        .select_related("forum", "meeting")
    )
    return [
        Mark(
            theme.forum.short_name,
            timezone.localtime(theme.meeting.start).date(),
            _("%(forum)s: theme »%(title)s«")
            % {"forum": theme.forum.short_name, "title": theme.title},
        )
        for theme in themes
    ]
