from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "ledelsesfora.themes"
    verbose_name = _("Themes")

    def ready(self) -> None:
        from ledelsesfora.meetings import wheel
        from ledelsesfora.themes.marks import wheel_marks

        wheel.mark_sources.append(wheel_marks)
