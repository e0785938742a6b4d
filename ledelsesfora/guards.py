"""Requests no page can serve: a NUL character in the path, query or form.

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
