"""The site's addresses: each app's own, then the API. The apps' lists are tried in order, the
municipality's own pages (`<org>/…`) after the fixed addresses."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from ledelsesfora.api.endpoints import api
from ledelsesfora.security import sso


def favicon(request):
    """For programs that ask /favicon.ico without reading the page (pages link the icon)."""
    return redirect(static("ledelsesfora/favicon.svg"), permanent=True)


urlpatterns = [
    path("favicon.ico", favicon),
    path("api/v1/", api.urls),
    path("oparl/v1.1/", include("ledelsesfora.oparl.urls")),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("oidc/authenticate/", sso.start, name="oidc_authentication_init"),
    path("oidc/callback/", sso.callback, name="oidc_authentication_callback"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("ledelsesfora.meetings.urls")),
    path("", include("ledelsesfora.agenda.urls")),
    path("", include("ledelsesfora.minutes.urls")),
    path("", include("ledelsesfora.documents.urls")),
    path("", include("ledelsesfora.desk.urls")),
    path("", include("ledelsesfora.api.urls")),
    path("", include("ledelsesfora.themes.urls")),
    path("", include("ledelsesfora.programmes.urls")),
    path("", include("ledelsesfora.representation.urls")),
    path("", include("ledelsesfora.search.urls")),
    path("", include("ledelsesfora.forums.urls")),
]
