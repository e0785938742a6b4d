from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "ledelsesfora.programmes"
    verbose_name = _("Programmes and run sheets")

    def ready(self) -> None:
        from ledelsesfora.minutes.operations import outcome_recorded
        from ledelsesfora.programmes.operations import withdraw_approval_on_other_outcome

        outcome_recorded.connect(withdraw_approval_on_other_outcome)
