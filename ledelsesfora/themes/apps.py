from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "ledelsesfora.themes"
    verbose_name = _("Themes")

    def ready(self) -> None:
        from ledelsesfora.meetings import wheel
        from ledelsesfora.minutes.operations import outcome_recorded
        from ledelsesfora.themes.marks import wheel_marks
        from ledelsesfora.themes.operations import release_on_other_outcome

        wheel.mark_sources.append(wheel_marks)
        outcome_recorded.connect(release_on_other_outcome)
