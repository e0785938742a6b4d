from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RevisionConfig(AppConfig):
    name = "ledelsesfora.revision"
    verbose_name = _("Revision")

    def ready(self):
        from ledelsesfora.revision import memo, watch

        connection_created.connect(watch.attach, dispatch_uid="ledelsesfora.revision")
        request_started.connect(memo.request_started, dispatch_uid="ledelsesfora.revision")
        request_finished.connect(memo.request_finished, dispatch_uid="ledelsesfora.revision")
        post_migrate.connect(memo.forget, dispatch_uid="ledelsesfora.revision")
