"""The search page's address."""

from django.urls import path

from ledelsesfora.search import views

urlpatterns = [
    path("<slug:org>/soeg/", views.search_page, name="search"),
]
