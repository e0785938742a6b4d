"""Addresses of the agenda's pages and steps."""

from django.urls import path

from ledelsesfora.agenda import views

urlpatterns = [
    path("punkt/<int:pk>/", views.item_detail, name="item"),
    path("punkt/<int:pk>/rediger/", views.item_edit, name="item-edit"),
    path("punkt/<int:pk>/submit/", views.item_submit, name="item-submit"),
    path("punkt/<int:pk>/review/", views.item_review, name="item-review"),
    path("punkt/<int:pk>/approve/", views.item_approve, name="item-approve"),
    path("punkt/<int:pk>/return/", views.item_return, name="item-return"),
    path("punkt/<int:pk>/comment/", views.item_comment, name="item-comment"),
    path("punkt/<int:pk>/attach/", views.item_attach, name="item-attach"),
    path("punkt/<int:pk>/place/", views.item_place, name="item-place"),
    path("punkt/<int:pk>/move/", views.item_move, name="item-move"),
    path("punkt/<int:pk>/naeste-moede/", views.item_submit_next, name="item-submit-next"),
    path("punkt/<int:pk>/traek-tilbage/", views.item_withdraw, name="item-withdraw"),
    path("punkt/<int:pk>/for-sent/", views.item_ask_late, name="item-ask-late"),
    path("bilag/<int:pk>/", views.attachment_download, name="attachment"),
    path("moede/<int:pk>/", views.meeting_agenda, name="meeting-agenda"),
    path("moede/<int:pk>/sekretariat/", views.meeting_board, name="meeting-board"),
    path("moede/<int:pk>/publish/", views.meeting_publish, name="meeting-publish"),
    path("moede/<int:pk>/order/", views.meeting_order, name="meeting-order"),
    path("moede/<int:pk>/flyt-punkter/", views.meeting_move_items, name="meeting-move-items"),
    path("moede/<int:pk>/topic/", views.meeting_topic, name="meeting-topic"),
    path("moede/<int:pk>/dagsorden.pdf", views.agenda_pdf_download, name="agenda-pdf"),
    path("moede/<int:pk>/dagsorden.docx", views.agenda_docx_download, name="agenda-docx"),
    path("<slug:org>/punkter/", views.my_items, name="my-items"),
    path("<slug:org>/punkter/nyt/", views.item_new, name="item-new"),
    path("<slug:org>/aarsplan/planlaeg/", views.store_year_page, name="year-apply"),
    path("<slug:org>/fora/<str:short_name>/forankring/", views.anchor_report, name="anchor-report"),
]
