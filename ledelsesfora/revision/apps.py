from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class RevisionConfig(AppConfig):
    name = "ledelsesfora.revision"
    verbose_name = _("Revision")

    def ready(self):
        from ledelsesfora.revision import watch

        connection_created.connect(watch.attach, dispatch_uid="ledelsesfora.revision")
