import pytest

from ledelsesfora.agenda.access import visible_items
from ledelsesfora.agenda.operations import build_agenda
from ledelsesfora.documents.pdf import agenda_pdf, notat_pdf
from ledelsesfora.forums.views import _notat_context
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Organisation, Person

pytestmark = pytest.mark.django_db


def test_explore():
    m = Meeting.objects.get(
        forum__short_name="DIF", forum__organisation__slug="albertslund", start__date="2026-12-01"
    )
    p = Person.objects.get(username="sekretaer@albertslund")
    items = visible_items(p, m.forum).filter(meeting=m).on_agenda().for_agenda()
    open("/tmp/agenda.pdf", "wb").write(agenda_pdf(m, build_agenda(m, list(items))))
    org = Organisation.objects.get(slug="albertslund")
    open("/tmp/notat.pdf", "wb").write(notat_pdf(org, _notat_context(org)))

def test_docx():
    import io, docx
    from ledelsesfora.documents.docx import agenda_docx, notat_docx
    from ledelsesfora.forums.models import Charter
    from ledelsesfora.forums.presenters import present_forums
    m = Meeting.objects.get(forum__short_name="DIF", forum__organisation__slug="albertslund", start__date="2026-12-01")
    p = Person.objects.get(username="sekretaer@albertslund")
    items = visible_items(p, m.forum).filter(meeting=m).on_agenda().for_agenda()
    b = agenda_docx(m, build_agenda(m, list(items)))
    open("/tmp/agenda.docx","wb").write(b)
    d = docx.Document(io.BytesIO(b))
    for t in d.tables:
        for r in t.rows: print([c.text for c in r.cells])
    for para in d.paragraphs: print(para.style.name, "|", para.text)
    print([p.text for p in d.sections[0].footer.paragraphs])
    org = Organisation.objects.get(slug="albertslund")
    b = notat_docx(org, present_forums(org, list(org.forums.active())), Charter.objects.current(org))
    open("/tmp/notat.docx","wb").write(b)
    d = docx.Document(io.BytesIO(b))
    for para in d.paragraphs[:60]: print(para.style.name, "|", para.text)
