"""The programme pages as each person sees them: the builder's page with its forms, the
participants' page once published, the run sheet, the downloads, and the approval on DIF's
item."""

import datetime

import pytest
from django.urls import reverse

from ledelsesfora.programmes import operations
from ledelsesfora.programmes.models import Block, Programme
from ledelsesfora.themes.tests.conftest import LEADER, MAYOR, OTHER, SECRETARY

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(lederdag, who):
    return operations.build_programme(lederdag, by=who(SECRETARY))


def published(programme):
    Programme.objects.filter(pk=programme.pk).update(
        status="published",
        approved_at=datetime.datetime(2027, 2, 23, 10, tzinfo=datetime.UTC),
        published_at=datetime.datetime(2027, 2, 24, 10, tzinfo=datetime.UTC),
    )
    return programme


def test_the_secretariat_builds_the_programme_from_the_meeting_page(login, lederdag):
    client = login(SECRETARY)
    meeting_page = client.get(reverse("meeting-agenda", args=[lederdag.pk])).content.decode()
    assert "Byg programmet" in meeting_page
    answer = client.post(reverse("programme-build", args=[lederdag.pk]), follow=True)
    text = answer.content.decode()
    assert "Programmet er bygget ud fra kommissoriet" in text
    assert "Orientering om aktuelle sager og temaer" in text and "15:30–16:00" in text
    assert "Tilføj et programpunkt" in text


def test_a_block_outside_the_meeting_is_explained_and_not_stored(login, lederdag, built):
    answer = login(SECRETARY).post(
        reverse("programme-block-add", args=[lederdag.pk]),
        {
            "new-day": "2027-03-11",
            "new-time": "16:30",
            "new-minutes": "30",
            "new-title": "Efter mødet",
            "new-kind": "meal",
        },
    )
    assert answer.status_code == 400
    assert "Programpunktet skal ligge inden for mødet" in answer.content.decode()
    assert built.blocks.count() == 2


def test_a_form_of_the_wrong_shape_is_explained(login, lederdag, built):
    answer = login(SECRETARY).post(
        reverse("programme-block-add", args=[lederdag.pk]),
        {"new-day": "1999-01-01", "new-time": "nu", "new-minutes": "x", "new-title": ""},
    )
    assert answer.status_code == 400
    assert built.blocks.count() == 2


def test_changing_a_block_by_form(login, lederdag, built, who):
    theme = built.blocks.get(kind="theme")
    answer = login(SECRETARY).post(
        reverse("programme-block", args=[theme.pk]),
        {
            f"b{theme.pk}-day": "2027-03-11",
            f"b{theme.pk}-time": "13:00",
            f"b{theme.pk}-minutes": "150",
            f"b{theme.pk}-title": "Tema: forandringsledelse",
            f"b{theme.pk}-kind": "theme",
            f"b{theme.pk}-speakers": "Anne Jensen",
            f"b{theme.pk}-across_areas": "on",
            f"b{theme.pk}-room": "Store sal",
            f"b{theme.pk}-responsible": LEADER,
        },
    )
    assert answer.status_code == 302
    theme.refresh_from_db()
    assert theme.speakers == "Anne Jensen" and theme.across_areas and theme.room == "Store sal"
    assert theme.responsible == who(LEADER)


def test_a_manager_reads_the_programme_only_once_published(login, lederdag, built):
    client = login(LEADER)
    assert client.get(reverse("programme", args=[lederdag.pk])).status_code == 404
    meeting_page = client.get(reverse("meeting-agenda", args=[lederdag.pk])).content.decode()
    assert reverse("programme", args=[lederdag.pk]) not in meeting_page
    published(built)
    page = client.get(reverse("programme", args=[lederdag.pk])).content.decode()
    assert "Orientering om aktuelle sager og temaer" in page
    assert "Tilføj et programpunkt" not in page and "Drejebog" not in page
    meeting_page = client.get(reverse("meeting-agenda", args=[lederdag.pk])).content.decode()
    assert reverse("programme", args=[lederdag.pk]) in meeting_page
    for name in ("programme-file",):
        pdf = client.get(reverse(name, args=[lederdag.pk, "pdf"]))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        word = client.get(reverse(name, args=[lederdag.pk, "docx"]))
        assert word.status_code == 200 and word.content[:2] == b"PK"
    assert client.get(reverse("programme-file", args=[lederdag.pk, "exe"])).status_code == 404
    assert client.get(reverse("run-sheet", args=[lederdag.pk])).status_code == 404
    assert client.get(reverse("run-sheet-file", args=[lederdag.pk, "pdf"])).status_code == 404


def test_the_run_sheet_for_the_secretariat_and_the_responsible(login, lederdag, built, who):
    block = built.blocks.first()
    Block.objects.filter(pk=block.pk).update(
        room="Store sal", catering="Kaffe og kage", responsible=who(LEADER)
    )
    page = login(SECRETARY).get(reverse("run-sheet", args=[lederdag.pk])).content.decode()
    assert "Store sal" in page and "Kaffe og kage" in page
    published(built)
    page = login(LEADER).get(reverse("run-sheet", args=[lederdag.pk])).content.decode()
    assert "Kaffe og kage" in page
    word = login(LEADER).get(reverse("run-sheet-file", args=[lederdag.pk, "docx"]))
    assert word.status_code == 200


def test_outsiders_find_nothing(client, login, lederdag, built, consultant):
    published(built)
    urls = [
        reverse("programme", args=[lederdag.pk]),
        reverse("run-sheet", args=[lederdag.pk]),
        reverse("programme-file", args=[lederdag.pk, "pdf"]),
    ]
    other = login(OTHER)
    assert [other.get(url).status_code for url in urls] == [404, 404, 404]
    client.force_login(consultant)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    assert client.post(reverse("programme-build", args=[lederdag.pk])).status_code == 404
    client.logout()
    assert all(client.get(url).status_code == 302 for url in urls)


def test_a_member_cannot_change_the_programme(login, lederdag, built):
    block = built.blocks.first()
    published(built)
    client = login(LEADER)
    assert client.post(reverse("programme-block-delete", args=[block.pk])).status_code == 404
    assert client.post(reverse("programme-publish", args=[lederdag.pk])).status_code == 404
    assert built.blocks.filter(pk=block.pk).exists()


def test_dif_reads_the_draft_and_approves_on_its_item(
    login, theme_selected, approval_item, lederdag, built
):
    import time_machine

    from ledelsesfora.themes.tests.conftest import publish_item

    assert login(MAYOR).get(reverse("programme", args=[lederdag.pk])).status_code == 200
    publish_item(approval_item)
    with time_machine.travel(approval_item.meeting.start + datetime.timedelta(hours=1), tick=False):
        client = login(SECRETARY)
        page = client.get(reverse("item", args=[approval_item.pk])).content.decode()
        assert "Registrér godkendelsen i referatet" in page
        answer = client.post(
            reverse("item-approve-programme", args=[approval_item.pk]), follow=True
        )
        assert "Godkendelsen er registreret i referatet." in answer.content.decode()
    built.refresh_from_db()
    assert built.status == Programme.Status.APPROVED


def test_the_builders_page_reads_a_constant_number_of_queries(login, lederdag, built, who):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ledelsesfora.revision import memo

    client = login(SECRETARY)
    url = reverse("programme", args=[lederdag.pk])
    client.get(url)

    def count() -> int:
        memo.forget()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    start = built.blocks.first().start
    for n in range(8):
        operations.save_block(
            built,
            operations.BlockData(
                start=start, minutes=15, title=f"Blok {n}", responsible=who(LEADER)
            ),
            by=who(SECRETARY),
        )
    assert count() == few


PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_after_the_day_the_product_is_shared_with_the_participants(
    login, lederdag, built, who, commit
):
    import time_machine
    from django.core import mail
    from django.core.files.uploadedfile import SimpleUploadedFile

    published(built)
    url = reverse("programme-product", args=[lederdag.pk])
    form = {"title": "Principper for tværfagligt samarbejde", "text": "Fem principper."}
    refused = login(SECRETARY).post(url, form, follow=True)
    assert "efter, at dagen er begyndt" in refused.content.decode()
    with time_machine.travel(lederdag.end + datetime.timedelta(hours=2), tick=False):
        client = login(SECRETARY)
        bad = {**form, "file": SimpleUploadedFile("produkt.pdf", b"MZ not a pdf")}
        answer = client.post(url, bad, follow=True)
        assert "er ikke en PDF-fil" in answer.content.decode()
        built.refresh_from_db()
        assert built.product_at is None
        mail.outbox.clear()
        good = {**form, "file": SimpleUploadedFile("Principper.pdf", PDF_BYTES)}
        answer = client.post(url, good, follow=True)
        commit()
        assert "Produktet er delt med deltagerne." in answer.content.decode()
        assert len(mail.outbox) > 50
        reader = login(LEADER)
        page = reader.get(reverse("programme", args=[lederdag.pk])).content.decode()
        assert "Principper for tværfagligt samarbejde" in page and "Hent Principper.pdf" in page
        download = reader.get(reverse("product-file", args=[lederdag.pk]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF_BYTES
        assert login(OTHER).get(reverse("product-file", args=[lederdag.pk])).status_code == 404
        assert reader.post(url, form).status_code == 404  # a participant shares nothing
