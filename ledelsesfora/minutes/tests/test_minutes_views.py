"""The minutes and follow-up pages: who sees them, and that the minute-taker can work there."""

import pytest

from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.models import FollowUp, Minutes

pytestmark = pytest.mark.django_db


def approved():
    return Minutes.objects.filter(
        meeting__forum__short_name="DIF",
        status="approved",
        meeting__forum__organisation__slug="albertslund",
    ).get()


def test_outsiders_go_to_the_login(client):
    meeting = approved().meeting
    for url in (f"/moede/{meeting.pk}/referat/", "/albertslund/opfoelgning/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("username", ["leder@vejen", "afdelingschef@albertslund"])
def test_minutes_are_for_the_forums_members_and_secretariat_only(login, username):
    meeting = approved().meeting
    assert login(username).get(f"/moede/{meeting.pk}/referat/").status_code == 404
    assert login(username).post(f"/moede/{meeting.pk}/referat/send/").status_code == 404


def test_a_member_reads_approved_minutes_with_their_decisions(login):
    minutes = approved()
    page = (
        login("borgmester@albertslund")
        .get(f"/moede/{minutes.meeting.pk}/referat/")
        .content.decode()
    )
    assert "Beslutningsreferat: Direktørforum" in page
    assert "Godkendt på mødet" in page
    assert "Indstillingen blev godkendt." in page
    assert "Registrér" not in page  # members read; the minute-taker records


def test_the_reflection_forum_has_no_minutes_page(login):
    reflection = Meeting.objects.filter(forum__short_name="DIF-R").first()
    assert (
        login("kommunaldirektoer@albertslund").get(f"/moede/{reflection.pk}/referat/").status_code
        == 404
    )


def test_the_secretariat_sees_minutes_still_to_write(login):
    latest = (
        Meeting.objects.filter(
            forum__short_name="DIF",
            agenda_published_at__isnull=False,
            forum__organisation__slug="albertslund",
        )
        .order_by("-start")
        .first()
    )
    page = login("sekretaer@albertslund").get(f"/moede/{latest.pk}/referat/").content.decode()
    assert "Ikke skrevet endnu" in page and "Registrér" in page and "Gem fremmøde" in page


def test_what_my_area_owes_lists_overdue_actions(login):
    page = login("omraadedirektoer@albertslund").get("/albertslund/opfoelgning/").content.decode()
    assert "Orientér afdelingerne" in page and "overskredet" in page
    assert "Alle åbne handlinger" not in page  # that overview is the secretariat's
    secretariat = login("sekretaer@albertslund").get("/albertslund/opfoelgning/").content.decode()
    assert "Alle åbne handlinger" in secretariat
    assert login("leder@vejen").get("/albertslund/opfoelgning/").status_code == 404


def test_the_owner_marks_an_action_done(login):
    action = FollowUp.objects.filter(
        item__forum__organisation__slug="albertslund", status="open"
    ).first()
    login("leder@vejen").post(f"/opfoelgning/{action.pk}/status/", {"status": "done"})
    action.refresh_from_db()
    assert action.status == "open"
    login(action.owner.username).post(f"/opfoelgning/{action.pk}/status/", {"status": "done"})
    action.refresh_from_db()
    assert action.status == "done"


def test_the_minutes_as_pdf_and_word(login):
    import io

    import docx
    from pypdf import PdfReader

    meeting = approved().meeting
    client = login("borgmester@albertslund")
    pdf = client.get(f"/moede/{meeting.pk}/referat.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Beslutningsreferat" in text and "Albertslund Kommune" in text
    assert "Indstillingen blev godkendt." in text and "Godkendt på mødet" in text
    word = client.get(f"/moede/{meeting.pk}/referat.docx")
    paragraphs = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "Beslutningsreferat" in paragraphs and "Indstillingen blev godkendt." in paragraphs
    assert (
        login("afdelingschef@albertslund").get(f"/moede/{meeting.pk}/referat.pdf").status_code
        == 404
    )
    assert login("leder@vejen").get(f"/moede/{meeting.pk}/referat.docx").status_code == 404
    assert client.get(f"/moede/{meeting.pk}/referat.exe").status_code == 404


def test_the_minutes_document_says_who_was_there_who_wrote_and_what_follows(login):
    import io

    from pypdf import PdfReader

    record = approved()
    meeting = record.meeting
    pdf = login("borgmester@albertslund").get(f"/moede/{meeting.pk}/referat.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    text = " ".join(text.split())
    absent = record.attendance.get(kind="absent").person.full_name
    assert f"Afbud {absent}" in text  # one line per kind, not a row per person
    assert text.count("Til stede") == 1
    assert "Referent" in text
    action = FollowUp.objects.filter(item__meeting=meeting).order_by("due").first()
    assert f"{action.title} – {action.owner.full_name}, senest {action.due:%d.%m.%Y}" in text
