"""Addresses of the minutes' pages and steps, and of follow-up."""

from django.urls import path

from ledelsesfora.minutes import views

urlpatterns = [
    path("moede/<int:pk>/referat/", views.minutes_page, name="minutes"),
    path("moede/<int:pk>/referat/outcome/", views.minutes_outcome, name="minutes-outcome"),
    path("moede/<int:pk>/referat/attendance/", views.minutes_attendance, name="minutes-attendance"),
    path("moede/<int:pk>/referat/summary/", views.minutes_summary, name="minutes-summary"),
    path("moede/<int:pk>/referat/send/", views.minutes_send, name="minutes-send"),
    path("moede/<int:pk>/referat/approve/", views.minutes_approve, name="minutes-approve"),
    path("moede/<int:pk>/referat/amend/", views.minutes_amend, name="minutes-amend"),
    path("moede/<int:pk>/referat/followup/", views.minutes_followup, name="minutes-followup"),
    path("moede/<int:pk>/referat.<str:extension>", views.minutes_download, name="minutes-download"),
    path("opfoelgning/<int:pk>/status/", views.followup_status, name="followup-status"),
    path("<slug:org>/opfoelgning/", views.followups, name="followups"),
]
