"""The page that lists a person's logins and API tokens (the JSON API is mounted in urls.py)."""

from django.urls import path

from ledelsesfora.api import views

urlpatterns = [
    path("logins/", views.my_logins, name="my-logins"),
]
