"""Addresses of the forums' pages."""

from django.urls import path

from ledelsesfora.forums import views

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:org>/", views.organisation_forums, name="organisation"),
    path("<slug:org>/notat/", views.charter_notat, name="notat"),
    path("<slug:org>/notat.html", views.charter_notat_download, name="notat-download"),
    path("<slug:org>/fora/<str:short_name>/", views.forum_detail, name="forum"),
    path(
        "<slug:org>/fora/<str:short_name>/arbejdsgrupper/",
        views.working_group_new,
        name="working-group-new",
    ),
]
