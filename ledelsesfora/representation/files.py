"""The register as PDF or Word: a list on the municipality's paper."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ledelsesfora.documents import (
    DOCX,
    PDF,
    TableDocument,
    in_document_language,
    letterhead,
)
from ledelsesfora.forums.models import Charter


def register_file(organisation, forum, rows, extension: str) -> tuple[bytes, str, str]:
    """The rows the reader may see (`Representation.objects.visible_to`), current first."""
    head = letterhead(organisation, Charter.objects.current(organisation))
    today = timezone.localdate()
    with in_document_language():

        def day(value):
            return date_format(value, "j. F Y") if value else ""

        ordered = sorted(
            rows.select_related("representative", "forum"),
            key=lambda r: (r.until is not None and r.until < today, r.body),
        )
        document = TableDocument(
            letterhead=head,
            title=_("External representation"),
            forum=forum.name,
            day=day(today),
            facts=[(_("Coordinated by"), forum.name), (_("As of"), day(today))],
            columns=[_("Where"), _("Representative"), _("Role"), _("Period"), _("Reports back")],
            rows=[
                [
                    f"{r.body} ({r.get_kind_display()})",
                    r.representative.full_name,
                    r.role,
                    f"{day(r.since)} – {day(r.until)}",
                    day(r.report_due()) if r.until is None or r.until >= today else "",
                ]
                for r in ordered
            ],
            footer=f"{head.name} · {_('External representation')} · {day(today)}",
            empty=_("The register is empty."),
        )
    name = f"repraesentation-{organisation.slug}-{today.isoformat()}.{extension}"
    if extension == "pdf":
        from ledelsesfora.documents.pdf import table_pdf

        return table_pdf(document), PDF, name
    from ledelsesfora.documents.docx import table_docx

    return table_docx(document), DOCX, name
