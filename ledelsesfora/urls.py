from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ledelsesfora.forums import views as forum_views

urlpatterns = [
    path("", forum_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("<slug:org>/", forum_views.organisation_forums, name="organisation"),
    path("<slug:org>/notat/", forum_views.charter_notat, name="notat"),
    path("<slug:org>/notat.html", forum_views.charter_notat_download, name="notat-download"),
    path("<slug:org>/fora/<str:short_name>/", forum_views.forum_detail, name="forum"),
]
