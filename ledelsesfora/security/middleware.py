"""What the security log learns from each answer: every refused request (401, 403 and 429 for
anyone, 404 for a logged-in person: what another municipality's or a closed object's address
answers them), and the closed items and personal data a page or export held (`logs_use`)."""

from django.conf import settings

from ledelsesfora.security.log import Kind, record, write_uses

REFUSALS = {401, 403, 429}


class SecurityLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.static = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request):
        response = self.get_response(request)
        status = response.status_code
        refused = status in REFUSALS or (status == 404 and _logged_in(request))
        if refused and not request.path.startswith(self.static):
            record(request, Kind.REFUSED)
        uses = getattr(response, "logged_uses", None)
        if uses:
            write_uses(request, uses)
        return response


def _logged_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
