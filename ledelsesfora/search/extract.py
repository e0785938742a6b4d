"""The text of an attachment, for search: a PDF's with pypdf, a Word document's with
python-docx. Other kinds (spreadsheets, slides, pictures) are found by their name only. A file
that cannot be read is found by its name too; reading never stops the upload it follows."""

from __future__ import annotations

import logging

from ledelsesfora.documents import DOCX, PDF

logger = logging.getLogger(__name__)

MAX_PAGES = 300
MAX_CHARACTERS = 200_000


def text_of(attachment) -> str:
    try:
        with attachment.file.open("rb") as file:
            if attachment.content_type == PDF:
                return _pdf(file)[:MAX_CHARACTERS]
            if attachment.content_type == DOCX:
                return _word(file)[:MAX_CHARACTERS]
    except Exception as error:  # a damaged or strange file: found by its name, and logged
        logger.warning("The text of attachment %s could not be read: %s", attachment.pk, error)
    return ""


def _pdf(file) -> str:
    from pypdf import PdfReader

    reader = PdfReader(file)
    parts, length = [], 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length > MAX_CHARACTERS:
            break
    return "\n".join(parts)


def _word(file) -> str:
    from docx import Document

    document = Document(file)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(part for part in parts if part.strip())
