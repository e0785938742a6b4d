"""Danish first: the UI is Danish unless the person chose English with the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, which on most municipal
PCs says English; a secretariat expects the Danish product."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class DanishFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
