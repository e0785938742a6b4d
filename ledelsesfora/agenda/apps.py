from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "ledelsesfora.agenda"
    verbose_name = _("Agenda")

    def ready(self) -> None:
        from ledelsesfora.agenda.year import follow_moved_meeting
        from ledelsesfora.meetings.operations import meeting_moved

        meeting_moved.connect(follow_moved_meeting)
