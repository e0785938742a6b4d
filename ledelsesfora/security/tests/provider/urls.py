from django.contrib.auth import views as auth_views
from django.urls import include, path


def userinfo(claims, user):
    """The claims the provider gives about a person: their e-mail address and name."""
    claims["email"] = user.email
    claims["name"] = f"{user.first_name} {user.last_name}".strip()
    return claims


urlpatterns = [
    path("login/", auth_views.LoginView.as_view()),
    path("openid/", include("oidc_provider.urls", namespace="oidc_provider")),
]
