"""Addresses of the overviews."""

from django.urls import path

from ledelsesfora.desk import views

urlpatterns = [
    path("<slug:org>/overblik/", views.mine, name="mine"),
    path("<slug:org>/sekretariat/", views.desk, name="desk"),
    path("<slug:org>/sekretariat/paamind/", views.remind, name="desk-remind"),
]
