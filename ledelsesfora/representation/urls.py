"""Addresses of the register of external representation."""

from django.urls import path

from ledelsesfora.representation import views

urlpatterns = [
    path("repraesentation/<int:pk>/rapport/", views.report, name="representation-report"),
    path("repraesentation/<int:pk>/ophoer/", views.end, name="representation-end"),
    path("<slug:org>/repraesentation/", views.register_page, name="representation"),
    path(
        "<slug:org>/repraesentation.<str:extension>",
        views.register_download,
        name="representation-file",
    ),
]
