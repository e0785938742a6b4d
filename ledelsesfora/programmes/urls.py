"""Addresses of the programme's pages and steps."""

from django.urls import path

from ledelsesfora.programmes import views

urlpatterns = [
    path("moede/<int:pk>/program/", views.programme_page, name="programme"),
    path("moede/<int:pk>/program/opret/", views.programme_build, name="programme-build"),
    path("moede/<int:pk>/program/blok/", views.block_add, name="programme-block-add"),
    path("moede/<int:pk>/program/praktisk/", views.programme_note, name="programme-note"),
    path("moede/<int:pk>/program/publicer/", views.programme_publish, name="programme-publish"),
    path("moede/<int:pk>/drejebog/", views.run_sheet_page, name="run-sheet"),
    path("moede/<int:pk>/program/produkt/", views.programme_product, name="programme-product"),
    path("moede/<int:pk>/program/produkt/fil/", views.product_download, name="product-file"),
    path("moede/<int:pk>/program.<str:extension>", views.programme_download, name="programme-file"),
    path(
        "moede/<int:pk>/drejebog.<str:extension>", views.run_sheet_download, name="run-sheet-file"
    ),
    path("programblok/<int:pk>/", views.block_edit, name="programme-block"),
    path("programblok/<int:pk>/slet/", views.block_delete, name="programme-block-delete"),
    path(
        "punkt/<int:pk>/godkend-program/",
        views.item_approve_programme,
        name="item-approve-programme",
    ),
    path("moede/<int:pk>/deltagere/", views.participants_page, name="participants"),
    path(
        "moede/<int:pk>/deltagere.<str:extension>",
        views.participants_download,
        name="participants-file",
    ),
    path("moede/<int:pk>/deltagere/paamind/", views.remind_unanswered, name="remind-unanswered"),
    path("moede/<int:pk>/budget/", views.budget_page, name="budget"),
    path("<slug:org>/budget/", views.year_budget_page, name="year-budget"),
]
