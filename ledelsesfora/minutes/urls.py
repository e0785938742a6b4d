from django.urls import path

from ledelsesfora.minutes import views

urlpatterns = [
    path("moede/<int:pk>/referat/", views.minutes_page, name="minutes"),
    path("moede/<int:pk>/referat/<str:action>/", views.minutes_action, name="minutes-action"),
    path("moede/<int:pk>/referat.<str:extension>", views.minutes_download, name="minutes-download"),
    path("opfoelgning/<int:pk>/status/", views.followup_status, name="followup-status"),
    path("<slug:org>/opfoelgning/", views.followups, name="followups"),
]
