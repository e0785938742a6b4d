"""Addresses of the charter notat's documents."""

from django.urls import path

from ledelsesfora.documents import views

urlpatterns = [
    path("<slug:org>/notat.pdf", views.notat_pdf_download, name="notat-pdf"),
    path("<slug:org>/notat.docx", views.notat_docx_download, name="notat-docx"),
]
