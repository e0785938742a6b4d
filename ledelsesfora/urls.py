from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ledelsesfora.forums import views as forum_views
from ledelsesfora.meetings import views as meeting_views

urlpatterns = [
    path("", forum_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("kalender/", meeting_views.calendars, name="calendars"),
    path("kalender/<str:token>/personlig.ics", meeting_views.personal_feed, name="personal-feed"),
    path(
        "kalender/<str:token>/<slug:org>/<str:short_name>.ics",
        meeting_views.forum_feed,
        name="forum-feed",
    ),
    path("<slug:org>/", forum_views.organisation_forums, name="organisation"),
    path("<slug:org>/notat/", forum_views.charter_notat, name="notat"),
    path("<slug:org>/notat.html", forum_views.charter_notat_download, name="notat-download"),
    path("<slug:org>/fora/<str:short_name>/", forum_views.forum_detail, name="forum"),
    path(
        "<slug:org>/fora/<str:short_name>/kalender.ics", meeting_views.meeting_ics, name="forum-ics"
    ),
    path("<slug:org>/aarsplan/", meeting_views.year_view, name="year"),
    path("<slug:org>/aarsplan/planlaeg/", meeting_views.apply_year, name="year-apply"),
    path("<slug:org>/moeder/nyt/", meeting_views.ad_hoc_meeting, name="ad-hoc-meeting"),
    path("<slug:org>/aarshjul/", meeting_views.wheel_page, name="wheel"),
    path(
        "<slug:org>/aarshjul/<int:year>.<str:extension>",
        meeting_views.wheel_download,
        name="wheel-download",
    ),
]
