from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "ledelsesfora.minutes"
    verbose_name = _("Minutes and follow-up")
