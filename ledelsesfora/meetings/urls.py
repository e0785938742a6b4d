"""Addresses of the year plan, the årshjul, ad hoc meetings and the calendars."""

from django.urls import path

from ledelsesfora.meetings import views

urlpatterns = [
    path("kalender/", views.calendars, name="calendars"),
    path("moede/<int:pk>/indstillinger/", views.meeting_settings, name="meeting-settings"),
    path("moede/<int:pk>/indstillinger/ret/", views.meeting_change, name="meeting-change"),
    path("moede/<int:pk>/indstillinger/aflys/", views.meeting_cancel, name="meeting-cancel"),
    path("moede/<int:pk>/indstillinger/genaabn/", views.meeting_reopen, name="meeting-reopen"),
    path("moede/<int:pk>/svar/", views.meeting_answer, name="meeting-answer"),
    path("svar/<str:token>/", views.meeting_answer_link, name="meeting-answer-link"),
    path("kalender/<str:token>/personlig.ics", views.personal_feed, name="personal-feed"),
    path(
        "kalender/<str:token>/<slug:org>/<str:short_name>.ics",
        views.forum_feed,
        name="forum-feed",
    ),
    path(
        "arbejdsgruppe/<int:pk>/moede/", views.working_group_meeting, name="working-group-meeting"
    ),
    path("<slug:org>/fora/<str:short_name>/kalender.ics", views.meeting_ics, name="forum-ics"),
    path("<slug:org>/aarsplan/", views.year_view, name="year"),
    path("<slug:org>/moeder/nyt/", views.ad_hoc_meeting, name="ad-hoc-meeting"),
    path("<slug:org>/aarshjul/", views.wheel_page, name="wheel"),
    path(
        "<slug:org>/aarshjul/<int:year>.<str:extension>",
        views.wheel_download,
        name="wheel-download",
    ),
    path("<slug:org>/steder/", views.venues_page, name="venues"),
    path("moede/<int:pk>/sted/", views.meeting_venue, name="meeting-venue"),
]
