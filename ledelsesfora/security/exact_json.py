"""Django's JSON fixtures, but with times to the microsecond (Django's own encoder keeps
milliseconds), so that a backup restores every timestamp exactly. Registered as the
serialization format "exactjson" (settings.SERIALIZATION_MODULES)."""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = django_json.Deserializer
