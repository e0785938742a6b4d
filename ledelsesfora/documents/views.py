"""Downloads: a meeting's agenda and a municipality's charter notat, as PDF and as Word.

An agenda document holds exactly the items the agenda page shows the same person; a meeting the
person may not see, and a forum without an agenda, answer 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from ledelsesfora.agenda.access import can_see_meeting_agenda, visible_items
from ledelsesfora.agenda.operations import Agenda, build_agenda
from ledelsesfora.documents import DOCX, PDF, agenda_filename, notat_filename
from ledelsesfora.documents.docx import agenda_docx, notat_docx
from ledelsesfora.documents.pdf import agenda_pdf, notat_pdf
from ledelsesfora.forums.access import organisation_for
from ledelsesfora.forums.views import _notat_context
from ledelsesfora.meetings.models import Meeting


def _agenda_for(person, pk: int) -> tuple[Meeting, Agenda]:
    meeting = Meeting.objects.select_related("forum", "forum__organisation").filter(pk=pk).first()
    if (
        meeting is None
        or not meeting.forum.charter.agenda
        or not can_see_meeting_agenda(person, meeting)
    ):
        raise Http404
    items = visible_items(person, meeting.forum).filter(meeting=meeting).on_agenda().for_agenda()
    return meeting, build_agenda(meeting, list(items))


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def agenda_pdf_download(request, pk):
    meeting, agenda = _agenda_for(request.user, pk)
    return _attachment(agenda_pdf(meeting, agenda), PDF, agenda_filename(meeting, "pdf"))


@login_required
def agenda_docx_download(request, pk):
    meeting, agenda = _agenda_for(request.user, pk)
    return _attachment(agenda_docx(meeting, agenda), DOCX, agenda_filename(meeting, "docx"))


@login_required
def notat_pdf_download(request, org):
    organisation = organisation_for(request.user, org)
    content = notat_pdf(organisation, _notat_context(organisation))
    return _attachment(content, PDF, notat_filename(organisation, "pdf"))


@login_required
def notat_docx_download(request, org):
    organisation = organisation_for(request.user, org)
    context = _notat_context(organisation)
    content = notat_docx(organisation, context["pages"], context["charter"])
    return _attachment(content, DOCX, notat_filename(organisation, "docx"))
