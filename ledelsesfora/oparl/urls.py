"""The OParl 1.1 API's addresses, under /oparl/v1.1/."""

from django.urls import path

from ledelsesfora.oparl import views

app_name = "oparl"

urlpatterns = [
    path("", views.system, name="system"),
    path("bodies", views.bodies, name="bodies"),
    path("body/<slug:slug>", views.body, name="body"),
    path("body/<slug:slug>/organizations", views.organizations, name="organizations"),
    path("body/<slug:slug>/people", views.people, name="people"),
    path("body/<slug:slug>/memberships", views.memberships, name="memberships"),
    path("body/<slug:slug>/meetings", views.meetings, name="meetings"),
    path("body/<slug:slug>/agenda-items", views.agenda_items, name="agenda-items"),
    path("body/<slug:slug>/papers", views.papers, name="papers"),
    path("body/<slug:slug>/consultations", views.consultations, name="consultations"),
    path("body/<slug:slug>/files", views.files, name="files"),
    path("body/<slug:slug>/locations", views.locations, name="locations"),
    path("organization/<int:pk>", views.organization, name="organization"),
    path("person/<int:pk>", views.person, name="person"),
    path("membership/<int:forum_pk>-<int:person_pk>", views.membership, name="membership"),
    path("meeting/<int:pk>", views.meeting, name="meeting"),
    path("agenda-item/<int:pk>", views.agenda_item, name="agenda-item"),
    path("paper/<int:pk>", views.paper, name="paper"),
    path("paper/<int:pk>/text", views.paper_text, name="paper-text"),
    path("consultation/<int:pk>", views.consultation, name="consultation"),
    path("file/<int:pk>", views.file, name="file"),
    path("file/<int:pk>/download", views.file_download, name="file-download"),
    path("location/<int:pk>", views.location, name="location"),
]
