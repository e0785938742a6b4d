"""Direktørforum's register of external representation: who keeps it, who sees what, reports
back, the standing item on DIF's agenda, the page, the documents and the API."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.api.tests.test_api import Caller
from ledelsesfora.representation import operations
from ledelsesfora.representation.models import Representation

pytestmark = pytest.mark.django_db
URL = reverse("representation", args=["albertslund"])
MAYOR, CHEF, LEADER = "borgmester@albertslund", "afdelingschef@albertslund", "leder@albertslund"
SECRETARY, OTHER = "sekretaer@albertslund", "leder@vejen"


def row(body_start: str) -> Representation:
    return Representation.objects.get(body__startswith=body_start)


def test_dif_gets_the_standing_item_twice_a_year():
    items = AgendaItem.objects.filter(
        forum__organisation__slug="albertslund",
        forum__short_name="DIF",
        title="Status for kommunens eksterne repræsentation",
        meeting__start__year=2027,
    )
    assert sorted(i.meeting.start.month for i in items.select_related("meeting")) == [3, 9]


def test_dif_and_the_secretariat_see_the_register(login):
    for username in (MAYOR, SECRETARY):
        page = login(username).get(URL).content.decode()
        assert "netværk for kommunaldirektører" in page
        assert "Tilføj en repræsentation" in page
    # the partnership's report back is overdue: since 1 January 2025, every 6 months
    assert "En tilbagemelding skulle være kommet" in login(SECRETARY).get(URL).content.decode()


def test_a_representative_outside_dif_sees_their_own_row_only(login):
    page = login(CHEF).get(URL).content.decode()
    assert "Partnerskab om grøn omstilling" in page
    assert "netværk for kommunaldirektører" not in page and "Tilføj en repræsentation" not in page
    assert login(LEADER).get(URL).status_code == 404
    assert login(OTHER).get(URL).status_code == 404


def test_the_representative_reports_back_and_the_next_report_moves(login, person):
    partnership = row("Partnerskab")
    login(CHEF).post(
        reverse("representation-report", args=[partnership.pk]),
        {"text": "Vi har holdt to møder.", "on": "2026-11-20"},
    )
    partnership.refresh_from_db()
    assert partnership.last_report == datetime.date(2026, 11, 20)
    assert partnership.report_due() == datetime.date(2027, 5, 20)
    assert partnership.reports.get().text == "Vi har holdt to møder."


def test_keeping_the_register_and_bad_input(login, person):
    client = login(MAYOR)
    client.post(
        URL,
        {
            "body": "Region Hovedstadens sundhedsudvalg",
            "kind": "committee",
            "representative": CHEF,
            "since": "2026-01-01",
        },
    )
    assert row("Region Hovedstadens").representative.username == CHEF
    bad = client.post(
        URL,
        {
            "body": "Baglæns",
            "kind": "board",
            "representative": CHEF,
            "since": "2026-05-01",
            "until": "2026-01-01",
        },
        follow=True,
    )
    assert "Slutdatoen ligger før starten" in bad.content.decode()
    wrong_date = client.post(
        URL, {"body": "X", "kind": "board", "representative": CHEF, "since": "i går"}, follow=True
    )
    assert "er ikke en dato" in wrong_date.content.decode()
    assert not Representation.objects.filter(body__in=["Baglæns", "X"]).exists()
    with translation.override("en"), pytest.raises(operations.RepresentationError):
        operations.save_representation(
            row("KL").forum,
            operations.RepresentationData("Y", "board", person(LEADER), datetime.date(2026, 1, 1)),
            by=person(LEADER),
        )


def test_ending_a_representation(login):
    network = row("KL")
    login(SECRETARY).post(reverse("representation-end", args=[network.pk]), {"until": "2026-11-01"})
    network.refresh_from_db()
    assert network.until == datetime.date(2026, 11, 1)
    page = login(SECRETARY).get(URL).content.decode()
    assert "Ophørt" in page


def test_the_register_as_documents(login):
    pdf = login(MAYOR).get(reverse("representation-file", args=["albertslund", "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    word = login(CHEF).get(reverse("representation-file", args=["albertslund", "docx"]))
    assert word.status_code == 200 and word.content[:2] == b"PK"
    assert (
        login(LEADER).get(reverse("representation-file", args=["albertslund", "pdf"])).status_code
        == 404
    )


def test_the_api(client):
    mayor = Caller(client, MAYOR)
    rows = mayor.get("/organisations/albertslund/representations").json()["items"]
    assert len(rows) == 3
    made = mayor.post(
        "/organisations/albertslund/representations",
        {"body": "Nyt netværk", "kind": "network", "representative": LEADER, "since": "2026-06-01"},
    )
    assert made.status_code == 201 and made.json()["report_due"] == "2026-12-01"
    assert (
        mayor.post(
            "/organisations/albertslund/representations",
            {"body": "Z", "kind": "network", "representative": "ingen", "since": "2026-06-01"},
        ).status_code
        == 400
    )
    chef = Caller(client, CHEF)
    assert [
        r["body"] for r in chef.get("/organisations/albertslund/representations").json()["items"]
    ] == ["Partnerskab om grøn omstilling på Vestegnen"]
    partnership = row("Partnerskab")
    assert (
        chef.post(f"/representations/{partnership.pk}/reports", {"text": "OK"}).status_code == 201
    )
    assert chef.post(f"/representations/{row('KL').pk}/reports", {"text": "OK"}).status_code == 404
    assert (
        Caller(client, OTHER).get("/organisations/albertslund/representations").status_code == 404
    )


def test_far_dates_are_refused_and_the_register_stays_readable(login, client):
    answer = Caller(client, MAYOR).post(
        "/organisations/albertslund/representations",
        {"body": "Fremtiden", "kind": "other", "representative": CHEF, "since": "9999-12-01"},
    )
    assert answer.status_code == 400
    assert not Representation.objects.filter(body="Fremtiden").exists()
    assert login(MAYOR).get(URL).status_code == 200


def test_an_overdue_report_is_flagged_even_with_an_end_ahead(login, person):
    operations.save_representation(
        row("KL").forum,
        operations.RepresentationData(
            "Langt udvalg",
            "committee",
            person(CHEF),
            datetime.date(2020, 1, 1),
            until=datetime.date(2099, 1, 1),
        ),
        by=person(SECRETARY),
    )
    page = login(SECRETARY).get(URL).content.decode()
    assert "En tilbagemelding skulle være kommet 1. juli 2020." in page
