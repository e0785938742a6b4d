from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "ledelsesfora.security"
    verbose_name = _("Security")

    def ready(self) -> None:
        from ledelsesfora.security import signals  # noqa: F401  (connects the login signals)
