"""Downloads of a municipality's charter notat, as PDF and as Word. (A meeting's agenda and
minutes download from their own apps, which decide what the reader may see.)"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required

from ledelsesfora.documents import DOCX, PDF, attachment_response, notat_filename
from ledelsesfora.documents.docx import notat_docx
from ledelsesfora.documents.pdf import notat_pdf
from ledelsesfora.forums.access import organisation_for
from ledelsesfora.forums.presenters import notat_context


@login_required
def notat_pdf_download(request, org):
    organisation = organisation_for(request.user, org)
    content = notat_pdf(organisation, notat_context(organisation))
    return attachment_response(content, PDF, notat_filename(organisation, "pdf"))


@login_required
def notat_docx_download(request, org):
    organisation = organisation_for(request.user, org)
    context = notat_context(organisation)
    content = notat_docx(organisation, context["pages"], context["charter"])
    return attachment_response(content, DOCX, notat_filename(organisation, "docx"))
