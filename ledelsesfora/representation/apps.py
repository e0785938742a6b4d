from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepresentationConfig(AppConfig):
    name = "ledelsesfora.representation"
    verbose_name = _("External representation")
