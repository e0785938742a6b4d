"""The agenda and the notat as Word documents (python-docx), laid out like the PDF: the sender
block at the top right, the title, the particulars as a table, then the content; the footer
names the municipality and counts the pages."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ledelsesfora.documents import (
    PAGE,
    PAGES,
    Agenda,
    Letterhead,
    MinutesRecord,
    agenda_document,
    in_document_language,
    letterhead,
    minutes_document,
    page_label,
)
from ledelsesfora.forums import describe

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from ledelsesfora.forums.models import Charter
    from ledelsesfora.forums.presenters import ForumPage
    from ledelsesfora.meetings.models import Meeting
    from ledelsesfora.organisation.models import Organisation

# Arial is on every reader's machine; the web typeface may not be.
FONT = "Arial"
INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x59, 0x59, 0x59)
LEFT_MARGIN, RIGHT_MARGIN = Mm(25), Mm(20)
TEXT_WIDTH = Mm(210) - LEFT_MARGIN - RIGHT_MARGIN


def agenda_docx(meeting: Meeting, agenda: Agenda, head: Letterhead) -> bytes:
    """The agenda of `meeting` as a Word document. `agenda` (from `agenda_for`) holds only the
    items the reader may see."""
    with in_document_language():
        return _agenda_like(agenda_document(meeting, agenda, head))


def minutes_docx(
    meeting: Meeting, agenda: Agenda, head: Letterhead, record: MinutesRecord
) -> bytes:
    """The minutes of `meeting` as a Word document, with the items the reader may see."""
    with in_document_language():
        return _agenda_like(minutes_document(meeting, agenda, head, record))


def _agenda_like(document) -> bytes:
    doc = _new_document(
        document.letterhead,
        title=f"{document.title} – {document.forum} – {document.day}",
        footer=document.footer,
    )
    doc.add_heading(document.title, level=0)
    forum = document.forum + (f" · {document.subtitle}" if document.subtitle else "")
    doc.add_paragraph(forum, style="Subtitle")
    if document.draft:
        doc.add_paragraph().add_run(_("Draft").upper()).bold = True
    _facts(doc, document.facts)
    if document.summary:
        doc.add_heading(document.summary_heading or _("Written summary"), level=1)
        _paragraphs(doc, document.summary)
    if document.attendance:
        doc.add_heading(_("Attendance"), level=1)
        _facts(doc, document.attendance)
    doc.add_heading(document.items_heading or _("Items"), level=1)
    for item in document.items:
        doc.add_heading(f"{item.number}. {item.title}", level=2)
        details = doc.add_paragraph()
        details.add_run(" · ".join([item.time, *item.details])).font.color.rgb = GREY
        for flag in item.flags:
            details.add_run(" · ").font.color.rgb = GREY
            details.add_run(flag).bold = True
        _labelled(doc, _("Presenters"), item.presenters)
        for label, text in item.sections:
            _labelled(doc, label, text)
        _labelled(doc, _("Background"), item.background)
        _labelled(doc, _("Recommendation"), item.recommendation)
        _labelled(doc, _("Outcome"), item.decision)
        if item.followups:
            _label(doc, _("Follow-up actions"))
            _bullets(doc, item.followups)
        if item.attachments:
            _label(doc, _("Attachments"))
            _bullets(doc, item.attachments)
    if not document.items:
        doc.add_paragraph(
            document.empty or _("There is nothing on the agenda that you can see yet.")
        )
    return _bytes(doc)


def notat_docx(
    organisation: Organisation, pages: list[ForumPage], charter: Charter | None
) -> bytes:
    """The charter notat as a Word document: the same sections as the notat page, with the
    member rules (not the people who hold the posts today). `pages` from `present_forums`."""
    with in_document_language():
        head = letterhead(organisation, charter)
        header = charter.parsed.document if charter else None
        title = header.title if header else organisation.name
        doc = _new_document(head, title=title, footer=f"{organisation.name} · {title}")
        doc.add_heading(title, level=0)
        if header:
            _facts(
                doc,
                [
                    (label, value)
                    for label, value in (
                        (_("Date"), date_format(header.date, "j. F Y") if header.date else ""),
                        (_("Case no."), header.case_number or ""),
                        (_("Caseworker"), header.caseworker or ""),
                    )
                    if value
                ],
            )
            if header.introduction:
                doc.add_paragraph(header.introduction.strip())
        for number, page in enumerate(pages, start=1):
            doc.add_heading(f"{number}. {page.forum.name}", level=1)
            _charter_sections(doc, page)
            if page.interfaces:
                doc.add_heading(_("Interfaces with the other forums"), level=2)
                _bullets(doc, [_interface(interface) for interface in page.interfaces])
        return _bytes(doc)


def _charter_sections(doc: DocxDocument, page: ForumPage) -> None:
    """One forum as forums/_charter_sections.html lays it out without the people."""
    spec = page.spec
    doc.add_heading(_("Purpose"), level=2)
    doc.add_paragraph(spec.purpose)

    doc.add_heading(_("Standing members"), level=2)
    _bullets(
        doc,
        [
            heading
            + (
                f" ({describe.ROLES.get(group.rule.role, group.rule.role)})"
                if group.rule.role != "member"
                else ""
            )
            for heading, group in page.member_groups
        ],
    )
    _paragraphs(doc, spec.members_note, page.guests)

    doc.add_heading(_("Content and form"), level=2)
    _paragraphs(doc, spec.content)
    if page.item_kinds:
        doc.add_paragraph(_("Kinds of item:") + f" {', '.join(page.item_kinds)}.")
    if spec.standing_items:
        doc.add_paragraph(_("Standing items on the agenda:"))
        _bullets(doc, spec.standing_items)
    _bullets(doc, page.rules)
    if spec.working_modes:
        doc.add_paragraph(_("The members work together in these ways:"))
        for mode in spec.working_modes:
            paragraph = doc.add_paragraph(style="List Number")
            paragraph.add_run(mode.title).bold = True
            if mode.description:
                paragraph.add_run(f": {mode.description}")
    if page.recurring_items:
        doc.add_paragraph(_("Items the annual cycle puts on the agenda:"))
        _bullets(doc, page.recurring_items)
    if page.anchors:
        doc.add_paragraph(_("The work is anchored in:") + f" {', '.join(page.anchors)}.")
    if spec.examples:
        doc.add_paragraph((spec.examples_heading or _("Examples")) + ":")
        _bullets(doc, spec.examples)
    for section in spec.sections:
        doc.add_heading(section.heading, level=3)
        doc.add_paragraph(section.body)

    doc.add_heading(_("Meetings and servicing"), level=2)
    for rhythm, title, text in page.rhythms:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{title}:").bold = True
        paragraph.add_run(f" {_rhythm(rhythm, text)}")
    _paragraphs(doc, page.non_working_day)
    if page.deadline:
        doc.add_paragraph(_("Deadline for items:") + f" {page.deadline}.")
    if page.publication:
        doc.add_paragraph(_("The agenda is published:") + f" {page.publication}.")
    _paragraphs(doc, spec.servicing, page.secretariat)
    _paragraphs(doc, *(f"{financing}." for financing in page.financing))


def _rhythm(rhythm, text: str) -> str:
    if rhythm.parts:
        parts = ", ".join(
            f"{part.title} {describe.duration(part.duration)}" for part in rhythm.parts
        )
        text += f" ({parts})"
    text += "."
    if rhythm.venue:
        text += f" {rhythm.venue.description}"
        if rhythm.venue.max_drive_minutes:
            text += ", " + _("at most %(minutes)s minutes' drive away") % {
                "minutes": rhythm.venue.max_drive_minutes
            }
        text += "."
    if rhythm.note:
        text += f" {rhythm.note}"
    return text


def _interface(interface) -> str:
    if interface.source == interface.target:
        source = _("The members of %(forum)s") % {"forum": interface.source_name}
    else:
        source = interface.source_name
    text = f"{source} {interface.verb} {interface.target_name}."
    return f"{text} {interface.note}" if interface.note else text


# --- layout --------------------------------------------------------------------------------


def _new_document(head: Letterhead, *, title: str, footer: str) -> DocxDocument:
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(24)
    section.left_margin, section.right_margin = LEFT_MARGIN, RIGHT_MARGIN
    section.footer_distance = Mm(10)
    _footer(section.footer.paragraphs[0], footer)
    properties = doc.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = head.name
    properties.language = "da-DK"
    properties.created = properties.modified = timezone.now()
    properties.revision = 1
    _letterhead(doc, head)
    return doc


def _styles(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    _font(normal, FONT)
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = INK
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    properties = normal.element.get_or_add_rPr()
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), "da-DK")
    for name, size, before in (
        ("Title", 20, 0),
        ("Subtitle", 13, 0),
        ("Heading 1", 14, 18),
        ("Heading 2", 11.5, 12),
        ("Heading 3", 10.5, 8),
    ):
        style = doc.styles[name]
        _font(style, FONT)
        style.font.size = Pt(size)
        style.font.color.rgb = INK
        style.font.italic = False
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
    # The default title is underlined in blue; a municipal document's is not.
    title = doc.styles["Title"].element.pPr
    border = title.find(qn("w:pBdr")) if title is not None else None
    if border is not None:
        border.getparent().remove(border)
    doc.styles["Title"].font.bold = True
    doc.styles["Subtitle"].paragraph_format.space_after = Pt(12)
    footer = doc.styles["Footer"]
    # The template's tab stops are for US Letter; the footer sets its own.
    footer.paragraph_format.tab_stops.clear_all()
    footer.font.size = Pt(8)
    footer.font.color.rgb = GREY


def _font(style, name: str) -> None:
    """Set the typeface for every script, replacing the theme's fonts (Calibri) that headings
    otherwise keep."""
    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)


def _letterhead(doc: DocxDocument, head: Letterhead) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    name_cell, sender_cell = table.rows[0].cells
    name_cell.width, sender_cell.width = TEXT_WIDTH - Mm(62), Mm(62)
    name = name_cell.paragraphs[0].add_run(head.name)
    name.bold, name.font.size = True, Pt(15)
    lines = [(line, True) for line in head.department]
    lines += [(head.name, False)] + [(line, False) for line in head.address + head.contact]
    paragraph = sender_cell.paragraphs[0]
    for number, (line, bold) in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold, run.font.size = bold, Pt(8.5)
        if number < len(lines) - 1:
            run.add_break()
    doc.add_paragraph().paragraph_format.space_after = Pt(18)


def _facts(doc: DocxDocument, facts: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=0, cols=2)
    table.autofit = False
    for label, value in facts:
        label_cell, value_cell = table.add_row().cells
        label_cell.width, value_cell.width = Mm(35), TEXT_WIDTH - Mm(35)
        label_cell.paragraphs[0].add_run(label).bold = True
        value_cell.paragraphs[0].add_run(value)
        for cell in (label_cell, value_cell):
            cell.paragraphs[0].paragraph_format.space_after = Pt(2)
    doc.add_paragraph()


def _footer(paragraph, text: str) -> None:
    paragraph.style = "Footer"
    paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(f"{text}\t")
    for part in page_label():
        if part in (PAGE, PAGES):
            _field(paragraph, "PAGE" if part == PAGE else "NUMPAGES")
        else:
            paragraph.add_run(part)


def _field(paragraph, code: str) -> None:
    """A page field Word fills in (the "1" shows until it does)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _label(doc: DocxDocument, label: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(1)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(label).bold = True


def _labelled(doc: DocxDocument, label: str, text: str) -> None:
    if text:
        _label(doc, label)
        doc.add_paragraph(text)


def _paragraphs(doc: DocxDocument, *texts: str) -> None:
    for text in texts:
        if text:
            doc.add_paragraph(text)


def _bullets(doc: DocxDocument, lines) -> None:
    for line in lines:
        doc.add_paragraph(str(line), style="List Bullet")


def _bytes(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def programme_docx(document) -> bytes:
    """A programme or run sheet (`documents.programme_document`) as a Word document."""
    with in_document_language():
        return _agenda_like(document)


def table_docx(document) -> bytes:
    """A list (`documents.TableDocument`) as a Word document, its rows in a Word table."""
    with in_document_language():
        doc = _new_document(
            document.letterhead,
            title=f"{document.title} – {document.forum} – {document.day}",
            footer=document.footer,
        )
        doc.add_heading(document.title, level=0)
        doc.add_paragraph(document.forum, style="Subtitle")
        _facts(doc, document.facts)
        if not document.rows:
            doc.add_paragraph(document.empty)
            return _bytes(doc)
        table = doc.add_table(rows=1, cols=len(document.columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, document.columns, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in document.rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
        return _bytes(doc)
