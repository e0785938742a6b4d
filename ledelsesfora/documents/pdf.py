"""The agenda and the notat as PDF: Django templates printed by WeasyPrint on A4, with the
municipality's name and the page number in every page's footer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from ledelsesfora.documents import (
    PAGE,
    PAGES,
    Agenda,
    Letterhead,
    MinutesRecord,
    agenda_document,
    in_document_language,
    minutes_document,
    page_label,
)

if TYPE_CHECKING:
    from ledelsesfora.meetings.models import Meeting
    from ledelsesfora.organisation.models import Organisation

# The web pages' typeface (installed with the design system's static files); where it is
# missing the templates fall back to the system's sans-serif.
FONT_FILE = "vendor/dkfds/fonts/IBMPlexSans/complete/otf/IBMPlexSans-{}.otf"
FONT_FACES = (
    ("Regular", 400, "normal"),
    ("Italic", 400, "italic"),
    ("SemiBold", 600, "normal"),
    ("Bold", 700, "normal"),
)

# The notat template is made for the screen; on paper it takes the page's full width.
NOTAT_PRINT_CSS = """
@page {
  size: A4;
  margin: 20mm 20mm 24mm 25mm;
  @bottom-left { content: %(footer)s; font-size: 8pt; color: #595959; }
  @bottom-right { content: %(page_label)s; font-size: 8pt; color: #595959; }
}
html { font-family: "IBM Plex Sans", "Liberation Sans", Arial, sans-serif; }
body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; line-height: 1.45; }
/* A letter's layout: the sender block at the top right, the title below it. */
header.notat { flex-direction: column-reverse; flex-wrap: nowrap; gap: 8mm; }
header.notat .sender { align-self: flex-end; width: 62mm; font-size: 8.5pt; line-height: 1.4; }
h1 { font-size: 18pt; margin: 0; }
h2 { font-size: 14pt; margin-top: 10mm; break-after: avoid; }
h3, h4 { break-after: avoid; }
h2 + *, h3 + * { break-before: avoid; }
"""


def agenda_pdf(meeting: Meeting, agenda: Agenda, head: Letterhead) -> bytes:
    """The agenda of `meeting` as a PDF. `agenda` (from `agenda_for`) holds only the items
    the reader may see."""
    with in_document_language():
        return _agenda_like(agenda_document(meeting, agenda, head))


def minutes_pdf(meeting: Meeting, agenda: Agenda, head: Letterhead, record: MinutesRecord) -> bytes:
    """The minutes of `meeting` as a PDF, with the items in `agenda` (the ones the reader may
    see) and their outcomes in `record`."""
    with in_document_language():
        return _agenda_like(minutes_document(meeting, agenda, head, record))


def programme_pdf(document) -> bytes:
    """A programme or run sheet (`documents.programme_document`) as a PDF."""
    with in_document_language():
        return _agenda_like(document)


def _agenda_like(document) -> bytes:
    """An agenda, minutes or programme document printed from the one template."""
    html = render_to_string(
        "documents/agenda.html",
        {
            "document": document,
            "footer": css_string(document.footer),
            "page_label": _page_counter(),
        },
    )
    return _print(html)


def table_pdf(document) -> bytes:
    """A list (`documents.TableDocument`) as a PDF."""
    with in_document_language():
        html = render_to_string(
            "documents/table.html",
            {
                "document": document,
                "footer": css_string(document.footer),
                "page_label": _page_counter(),
            },
        )
    return _print(html)


def notat_pdf(organisation: Organisation, context: dict) -> bytes:
    """The charter notat as a PDF. `context` is the notat page's context (the forums' pages,
    the charter and its document header)."""
    with in_document_language():
        html = render_to_string("forums/notat.html", {**context, "standalone": True})
        document = context.get("document")
        footer = f"{organisation.name} · {document.title}" if document else organisation.name
        css = NOTAT_PRINT_CSS % {"footer": css_string(footer), "page_label": _page_counter()}
    return _print(html, css)


def css_string(text: str) -> SafeString:
    """`text` as a quoted CSS string, safe inside a <style> element."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    )
    return mark_safe(f'"{escaped}"')


def _page_counter() -> SafeString:
    counters = {PAGE: "counter(page)", PAGES: "counter(pages)"}
    return mark_safe(" ".join(counters.get(part) or css_string(part) for part in page_label()))


def _fonts_css() -> str:
    rules = []
    for name, weight, style in FONT_FACES:
        path = finders.find(FONT_FILE.format(name))
        if path:
            rules.append(
                f'@font-face {{ font-family: "IBM Plex Sans"; src: url("{Path(path).as_uri()}");'
                f" font-weight: {weight}; font-style: {style}; }}"
            )
    return "\n".join(rules)


def _print(html: str, css: str = "") -> bytes:
    # Imported here: loading Pango costs a second, which only a PDF download should pay.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    stylesheet = CSS(string=_fonts_css() + css, font_config=fonts)
    # Tagged PDF/UA-1: a structure tree, the document language and title, so screen readers
    # read the headings, lists and tables in order.
    return HTML(string=html).write_pdf(
        stylesheets=[stylesheet], font_config=fonts, pdf_variant="pdf/ua-1"
    )
