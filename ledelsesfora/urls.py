from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ledelsesfora.agenda import views as agenda_views
from ledelsesfora.api.endpoints import api
from ledelsesfora.documents import views as document_views
from ledelsesfora.forums import views as forum_views
from ledelsesfora.meetings import views as meeting_views

urlpatterns = [
    path("api/v1/", api.urls),
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
    path("", include("ledelsesfora.minutes.urls")),
    path("punkt/<int:pk>/", agenda_views.item_detail, name="item"),
    path("punkt/<int:pk>/rediger/", agenda_views.item_edit, name="item-edit"),
    path("punkt/<int:pk>/<str:action>/", agenda_views.item_action, name="item-action"),
    path("bilag/<int:pk>/", agenda_views.attachment_download, name="attachment"),
    path("moede/<int:pk>/", agenda_views.meeting_agenda, name="meeting-agenda"),
    path("moede/<int:pk>/sekretariat/", agenda_views.meeting_board, name="meeting-board"),
    path("moede/<int:pk>/dagsorden.pdf", document_views.agenda_pdf_download, name="agenda-pdf"),
    path("moede/<int:pk>/dagsorden.docx", document_views.agenda_docx_download, name="agenda-docx"),
    path("moede/<int:pk>/<str:action>/", agenda_views.meeting_action, name="meeting-action"),
    path("<slug:org>/", forum_views.organisation_forums, name="organisation"),
    path("<slug:org>/punkter/", agenda_views.my_items, name="my-items"),
    path("<slug:org>/punkter/nyt/", agenda_views.item_new, name="item-new"),
    path("<slug:org>/notat/", forum_views.charter_notat, name="notat"),
    path("<slug:org>/notat.pdf", document_views.notat_pdf_download, name="notat-pdf"),
    path("<slug:org>/notat.docx", document_views.notat_docx_download, name="notat-docx"),
    path("<slug:org>/notat.html", forum_views.charter_notat_download, name="notat-download"),
    path("<slug:org>/fora/<str:short_name>/", forum_views.forum_detail, name="forum"),
    path(
        "<slug:org>/fora/<str:short_name>/forankring/",
        agenda_views.anchor_report,
        name="anchor-report",
    ),
    path(
        "<slug:org>/fora/<str:short_name>/arbejdsgrupper/",
        forum_views.working_group_new,
        name="working-group-new",
    ),
    path(
        "arbejdsgruppe/<int:pk>/moede/",
        meeting_views.working_group_meeting,
        name="working-group-meeting",
    ),
    path(
        "<slug:org>/fora/<str:short_name>/kalender.ics", meeting_views.meeting_ics, name="forum-ics"
    ),
    path("<slug:org>/aarsplan/", meeting_views.year_view, name="year"),
    path("<slug:org>/aarsplan/planlaeg/", agenda_views.store_year_page, name="year-apply"),
    path("<slug:org>/moeder/nyt/", meeting_views.ad_hoc_meeting, name="ad-hoc-meeting"),
    path("<slug:org>/aarshjul/", meeting_views.wheel_page, name="wheel"),
    path(
        "<slug:org>/aarshjul/<int:year>.<str:extension>",
        meeting_views.wheel_download,
        name="wheel-download",
    ),
]
