"""Single sign-on: people log in with their municipality's identity provider (Entra ID and the
like) over OpenID Connect, through mozilla-django-oidc.

It is on when `OIDC_RP_CLIENT_ID` is set (settings.py and docs/operations.md). The provider
vouches for who someone is; who they are here — their municipality and positions, and so their
forums — is kept in Ledelsesfora, where the administrator keeps it. A login is matched to an
active person by the claim `OIDC_MATCH_CLAIM` (their e-mail address by default); nobody is
created from a login, and a login that matches no one is refused. Password logins stay for
those the provider does not know."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from ledelsesfora.organisation.backends import PersonBackend


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


class MunicipalSignOn(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        value = str(claims.get(settings.OIDC_MATCH_CLAIM, "")).strip()
        if not value:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=value, is_active=True)

    def verify_claims(self, claims):
        return bool(claims.get(settings.OIDC_MATCH_CLAIM))

    def describe_user_by_claims(self, claims):
        return f"{settings.OIDC_MATCH_CLAIM} {claims.get(settings.OIDC_MATCH_CLAIM)}"

    def update_user(self, user, claims):
        return user  # positions are kept here, not taken from the provider

    def get_user(self, user_id):
        return PersonBackend().get_user(user_id)


def start(request):
    """To the provider's login; 404 where single sign-on is not set up."""
    if not enabled():
        raise Http404
    return OIDCAuthenticationRequestView.as_view()(request)


def callback(request):
    if not enabled():
        raise Http404
    return OIDCAuthenticationCallbackView.as_view()(request)


def context(request) -> dict:
    """For the login page: whether to offer the municipality's own login."""
    return {"sso_enabled": enabled()}
