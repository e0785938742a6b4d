"""Input no page can use: a NUL character anywhere in a request, or an id that is no id.

PostgreSQL refuses NUL in text, so such a value would otherwise surface as a 500 wherever it
reaches a query. It is never legitimate input; answer 400 before any view runs."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path, *(v for _k, vs in request.GET.lists() for v in vs)]
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            values += [v for _k, vs in request.POST.lists() for v in vs]
        if any("\x00" in value for value in values):
            return HttpResponseBadRequest(
                "NUL characters are not allowed in a request.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def number(value) -> int | None:
    """A form's id as an int, or None: ids that cannot be ids find nothing (a 404 or a form
    error), never a 500."""
    try:
        result = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return result if 0 < result < 2**63 else None


class IdChoiceField(forms.ModelChoiceField):
    """A choice of one row by id: a value that cannot be an id is an invalid choice, not an
    OverflowError from the database (SQLite's integers end at 2**63)."""

    def to_python(self, value):
        if value not in self.empty_values and number(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """A choice of rows by id, each checked as `IdChoiceField` checks one."""

    def _check_values(self, value):
        for pk in value:
            if number(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)[:20]},
                )
        return super()._check_values(value)


class NoStoreMiddleware:
    """Nothing a signed-in page, export or API answer holds is kept by the browser or a proxy
    (`Cache-Control: no-store`, OWASP ASVS V14.3.2): a shared computer's history or cache must
    not show a closed item. An answer that says otherwise keeps its own word (the calendar
    feeds, which clients poll), and so do the static files."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.static = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and not request.path.startswith(self.static):
            response["Cache-Control"] = "no-store"
        return response
