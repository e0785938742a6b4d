from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "ledelsesfora.programmes"
    verbose_name = _("Programmes and run sheets")

    def ready(self) -> None:
        from ledelsesfora.meetings.operations import meeting_moved
        from ledelsesfora.minutes.operations import outcome_recorded
        from ledelsesfora.programmes.operations import (
            follow_moved_meeting,
            withdraw_approval_on_other_outcome,
        )

        outcome_recorded.connect(withdraw_approval_on_other_outcome)
        meeting_moved.connect(follow_moved_meeting)
