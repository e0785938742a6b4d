"""The agenda and the notat as PDF and Word: what the files say, read back with a PDF text
extractor and python-docx, and who may download them."""

import datetime
import io

import docx
import pytest
import time_machine
from django.conf import settings
from pypdf import PdfReader

from ledelsesfora.agenda import agendas, operations
from ledelsesfora.agenda.agendas import build_agenda
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.documents import letterhead
from ledelsesfora.documents.docx import agenda_docx
from ledelsesfora.documents.pdf import agenda_pdf
from ledelsesfora.forums.models import Charter
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.django_db

OPEN_ITEM = "Fælles løsning for vådområder og skovrejsning"
CLOSED_ITEM = "Lukket sag om økonomiaftale"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(lines).split())


def text_of(response) -> str:
    assert response.status_code == 200
    if response["Content-Type"] == "application/pdf":
        assert response.content.startswith(b"%PDF")
        return pdf_text(response.content)
    return docx_text(response.content)


@pytest.fixture
def who(db):
    return lambda handle, org="albertslund": Person.objects.get(username=f"{handle}@{org}")


def dif_meeting(year, month, day, short_name="DIF"):
    return Meeting.objects.get(
        forum__organisation__slug="albertslund",
        forum__short_name=short_name,
        start__date=datetime.date(year, month, day),
    )


def agenda_urls(meeting):
    return [f"/moede/{meeting.pk}/dagsorden.pdf", f"/moede/{meeting.pk}/dagsorden.docx"]


NOTAT_URLS = ["/albertslund/notat.pdf", "/albertslund/notat.docx"]


@pytest.fixture
def published(who):
    """The DIF meeting of 9 March 2027, published with an open item (leder@albertslund
    invited as a guest) and a closed one."""
    with time_machine.travel(datetime.datetime(2027, 3, 1, 10, 0, tzinfo=TIMEZONE), tick=False):
        meeting = dif_meeting(2027, 3, 9)
        director = who("omraadedirektoer")
        for title, closed, guests in (
            (OPEN_ITEM, False, [who("leder")]),
            (CLOSED_ITEM, True, []),
        ):
            item = operations.create_item(
                meeting.forum,
                ItemData(
                    title=title,
                    kind="information",
                    case_number="00.01.00-A00-7-27",
                    closed=closed,
                    responsible_director=director,
                ),
                by=director,
                meeting=meeting,
                guests=guests,
            )
            operations.submit_item(item, by=director)
            operations.review_item(item, by=who("sekretaer"))
            operations.approve_item(item, by=director)
        return agendas.publish_agenda(meeting, by=who("sekretaer"))


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_the_agenda_is_laid_out_like_a_municipal_document(login, extension):
    meeting = dif_meeting(2026, 12, 1)
    response = login("sekretaer").get(f"/moede/{meeting.pk}/dagsorden.{extension}")
    assert response["Content-Disposition"] == (
        f'attachment; filename="dagsorden-DIF-2026-12-01.{extension}"'
    )
    text = text_of(response)
    for expected in (
        "Albertslund Kommune",
        "Økonomi & Stab",
        "Nordmarks Allé 1",
        "2620 Albertslund",
        "Telefon 43 68 68 68",
        "Dagsorden",
        "Direktørforum",
        "tirsdag 1. december 2026",
        "09:00–10:30",
        "Sekretariat Sekretariat for Politik, Jura, Kommunikation & Udvikling (Ole Poulsen)",
        "Status på økonomi og budgetopfølgning",
        "Beslutningspunkt · Sags nr. 00.30.00-S00-3-26",
        "Indstilling",
        "Det indstilles, at forslaget godkendes.",
        "Udkast",
    ):
        assert expected in text, expected
    # The standing items first, then the items with their start times.
    order = [
        "1. Godkendelse af dagsorden og referat",
        "2. Beslutninger i kriseledelsen",
        "3. Gensidige orienteringer",
        "4. Status på økonomi og budgetopfølgning",
    ]
    assert [text.index(title) for title in order] == sorted(text.index(t) for t in order)
    assert "09:15" in text
    # The secretariat's draft shows the closed item, but never a returned one.
    assert "Organisering af et fagområde" in text and "Lukket punkt" in text
    assert "Fælles journaliseringspraksis" not in text


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_a_member_gets_the_closed_item_and_a_guest_only_their_open_item(
    login, published, extension
):
    url = f"/moede/{published.pk}/dagsorden.{extension}"
    member = text_of(login("borgmester").get(url))
    assert OPEN_ITEM in member and CLOSED_ITEM in member and "Lukket punkt" in member
    assert "Gensidige orienteringer" in member and "Udkast" not in member
    assert "Publiceret 1. marts 2027" in member and "tirsdag 9. marts 2027" in member

    guest = text_of(login("leder").get(url))
    assert OPEN_ITEM in guest and "00.01.00-A00-7-27" in guest
    assert CLOSED_ITEM not in guest and "Lukket punkt" not in guest
    assert "Gensidige orienteringer" not in guest

    assert login("afdelingschef").get(url).status_code == 404  # neither member nor invited


def test_the_documents_are_danish_whatever_language_the_reader_chose(login):
    meeting = dif_meeting(2026, 12, 1)
    client = login("sekretaer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Download as PDF" in client.get(f"/moede/{meeting.pk}/").content.decode()
    text = text_of(client.get(f"/moede/{meeting.pk}/dagsorden.pdf"))
    assert "Dagsorden" in text and "1. december 2026" in text and "Indstilling" in text


def test_a_cancelled_meeting_says_so_on_its_agenda():
    meeting = dif_meeting(2026, 11, 10)
    meeting.status = Meeting.Status.CANCELLED
    agenda = build_agenda(meeting, list(meeting.items.on_agenda().for_agenda()))
    organisation = meeting.forum.organisation
    head = letterhead(organisation, Charter.objects.current(organisation))
    for text in (
        pdf_text(agenda_pdf(meeting, agenda, head)),
        docx_text(agenda_docx(meeting, agenda, head)),
    ):
        assert "Status Aflyst" in text and "Opfølgning på handleplan" in text


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_the_notat_has_the_charters_sections(login, who, extension):
    response = login("afdelingschef").get(f"/albertslund/notat.{extension}")
    assert (
        response["Content-Disposition"] == f'attachment; filename="notat-albertslund.{extension}"'
    )
    text = text_of(response)
    for expected in (
        "Ledelsesfora i Albertslund Kommune: Formål og indhold",
        "Nordmarks Allé 1",
        "00.00.00-P15-1-24",
        "Sagsbehandler",
        "1. Direktørforum",
        "Formål",
        "Faste medlemmer",
        "Områdedirektører",
        "Indhold og form",
        "Møder og betjening",
        "Lederdøgn",
    ):
        assert expected in text, expected
    # The member rules, not the people who hold the posts today.
    assert who("borgmester").full_name not in text


def test_outsiders_are_sent_to_the_login(client):
    meeting = dif_meeting(2026, 12, 1)
    for url in [*agenda_urls(meeting), *NOTAT_URLS]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url


def test_another_municipality_gets_nothing(login):
    client = login("leder", "vejen")
    for url in [*agenda_urls(dif_meeting(2026, 11, 17)), *NOTAT_URLS]:
        assert client.get(url).status_code == 404, url


def test_a_forum_without_an_agenda_has_no_agenda_document(login):
    reflection = dif_meeting(2026, 12, 3, short_name="DIF-R")
    for handle in ("sekretaer", "kommunaldirektoer"):
        for url in agenda_urls(reflection):
            assert login(handle).get(url).status_code == 404, (handle, url)
    page = login("kommunaldirektoer").get(f"/moede/{reflection.pk}/").content.decode()
    assert "dagsorden.pdf" not in page


def test_the_pages_link_to_the_documents(login):
    meeting = dif_meeting(2026, 11, 17)
    page = login("borgmester").get(f"/moede/{meeting.pk}/").content.decode()
    assert f"/moede/{meeting.pk}/dagsorden.pdf" in page and "Hent som Word" in page
    notat = login("borgmester").get("/albertslund/notat/").content.decode()
    assert "/albertslund/notat.pdf" in notat and "/albertslund/notat.docx" in notat


def test_the_pdfs_are_tagged_for_screen_readers(login):
    """PDF/UA-1: a structure tree, marked content and the document's language."""
    import io

    from pypdf import PdfReader

    meeting = dif_meeting(2026, 12, 1)
    client = login("sekretaer")
    for url in (f"/moede/{meeting.pk}/dagsorden.pdf", "/albertslund/notat.pdf"):
        response = client.get(url)
        assert response.status_code == 200, url
        root = PdfReader(io.BytesIO(response.content)).trailer["/Root"]
        assert "/StructTreeRoot" in root, url
        assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "da", url
