"""Input no page can use: a NUL character anywhere in a request, or an id that is no id.

PostgreSQL refuses NUL in text, so such a value would otherwise surface as a 500 wherever it
reaches a query. It is never legitimate input; answer 400 before any view runs."""

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
