"""A programme, a run sheet or a participant list as PDF or Word, for a person who may read
it."""

from __future__ import annotations

from ledelsesfora.agenda.operations import secretariat_text
from ledelsesfora.documents import (
    DOCX,
    PDF,
    in_document_language,
    letterhead,
    participants_document,
    participants_filename,
    programme_document,
    programme_filename,
)
from ledelsesfora.forums.models import Charter
from ledelsesfora.meetings import answers
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.programmes.models import Programme


def programme_file(
    programme: Programme, extension: str, *, run_sheet: bool
) -> tuple[bytes, str, str]:
    """The content, its content type and a file name. The caller has checked the reader."""
    meeting = programme.meeting
    organisation = meeting.forum.organisation
    head = letterhead(organisation, Charter.objects.current(organisation))
    head.secretariat = secretariat_text(meeting.forum)
    with in_document_language():
        document = programme_document(meeting, programme, head, run_sheet=run_sheet)
    name = programme_filename(meeting, extension, run_sheet=run_sheet)
    if extension == "pdf":
        from ledelsesfora.documents.pdf import programme_pdf  # WeasyPrint loads slowly

        return programme_pdf(document), PDF, name
    from ledelsesfora.documents.docx import programme_docx

    return programme_docx(document), DOCX, name


def participants_file(meeting: Meeting, extension: str) -> tuple[bytes, str, str]:
    """The participant list for the venue. The caller has checked the reader (the
    secretariat: the answers hold personal data)."""
    organisation = meeting.forum.organisation
    head = letterhead(organisation, Charter.objects.current(organisation))
    with in_document_language():
        document = participants_document(
            meeting, answers.participants(meeting), answers.asks(meeting), head
        )
    name = participants_filename(meeting, extension)
    if extension == "pdf":
        from ledelsesfora.documents.pdf import table_pdf

        return table_pdf(document), PDF, name
    from ledelsesfora.documents.docx import table_docx

    return table_docx(document), DOCX, name
