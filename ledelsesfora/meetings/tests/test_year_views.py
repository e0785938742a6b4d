"""The year plan, the årshjul and ad hoc meetings on the web: content and access."""

import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from ledelsesfora.meetings.models import Meeting
from ledelsesfora.meetings.planning import TIMEZONE

pytestmark = pytest.mark.django_db

PAGES = [
    "/albertslund/aarsplan/?aar=2027",
    "/albertslund/aarsplan/?aar=2027&forum=CF",
    "/albertslund/aarshjul/?aar=2027",
    "/albertslund/aarshjul/2027.svg",
    "/albertslund/aarshjul/2027.pdf",
    "/albertslund/moeder/nyt/",
]


@pytest.mark.parametrize("url", PAGES)
def test_an_outsider_is_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("url", PAGES)
def test_another_municipality_sees_nothing(login, url):
    response = login("sekretaer@vejen").get(url)
    assert response.status_code == 404


def test_the_year_plan_lists_meetings_with_week_numbers(login):
    page = (
        login("leder@albertslund").get("/albertslund/aarsplan/?aar=2027&forum=LF").content.decode()
    )
    assert "Årsplan 2027: Lederforum (lederdage)" in page
    assert '<td data-title="Uge">10</td>' in page  # 11 March 2027
    assert "tor 11. mar, 13:00–16:00" in page
    assert "Gem planen" not in page  # a manager does not plan


def test_skipped_meetings_show_only_when_asked_for(login):
    client = login("leder@albertslund")
    hidden = client.get("/albertslund/aarsplan/?aar=2026&forum=LF").content.decode()
    shown = client.get("/albertslund/aarsplan/?aar=2026&forum=LF&vis=alle").content.decode()
    assert "Lederdøgn holdes i 4. kvartal" not in hidden
    assert "3 møder · 1, der udgår eller er aflyst, vises ikke" in hidden
    assert "Lederdøgn holdes i 4. kvartal" in shown


def test_an_unknown_forum_or_a_bad_year(login):
    client = login("leder@albertslund")
    assert client.get("/albertslund/aarsplan/?forum=XYZ").status_code == 404
    with time_machine.travel(datetime.datetime(2029, 3, 1, 12, tzinfo=TIMEZONE)):
        client = login("leder@albertslund")  # the earlier session has expired by 2029
        page = client.get("/albertslund/aarsplan/?aar=abc").content.decode()
    assert "Årsplan 2029" in page


def test_the_secretariat_stores_a_year(login):
    client = login("sekretaer@albertslund")
    assert "Gem planen for 2032" in client.get("/albertslund/aarsplan/?aar=2032").content.decode()
    response = client.post("/albertslund/aarsplan/planlaeg/", {"aar": "2032"}, follow=True)
    assert "Planen for 2032 er gemt:" in response.content.decode()
    assert (
        Meeting.objects.filter(forum__organisation__slug="albertslund").in_year(2032).count() > 60
    )


@pytest.mark.parametrize("username, status", [("leder@albertslund", 403), ("sekretaer@vejen", 404)])
def test_only_the_own_secretariat_stores_a_year(login, username, status):
    response = login(username).post("/albertslund/aarsplan/planlaeg/", {"aar": "2032"})
    assert response.status_code == status
    assert not Meeting.objects.in_year(2032).exists()


def test_the_administrator_manages_people_but_does_not_run_the_forums(login):
    """docs/decisions.md: an administrator is no secretariat by being one."""
    admin = login("admin@vejen")
    assert admin.post("/vejen/aarsplan/planlaeg/", {"aar": "2033"}).status_code == 403
    assert not Meeting.objects.in_year(2033).exists()
    assert admin.get("/vejen/sekretariat/").status_code == 404
    assert admin.get("/admin/organisation/person/").status_code == 200


def test_a_bad_year_is_refused_with_a_message(login):
    response = login("sekretaer@albertslund").post(
        "/albertslund/aarsplan/planlaeg/", {"aar": "99999"}, follow=True
    )
    assert "Vælg et år mellem 1900 og 2200." in response.content.decode()


def test_the_secretariat_makes_an_ad_hoc_meeting(login):
    client = login("sekretaer@albertslund")
    response = client.post(
        "/albertslund/moeder/nyt/",
        {
            "forum": "DIF-R",
            "date": "2027-02-03",
            "time": "14:00",
            "minutes": "75",
            "title": "",
            "place": "Rådhuset",
            "online_link": "teams.example.invalid/l/meetup-join/1",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(forum__short_name="DIF-R", start__year=2027)
    assert meeting.end - meeting.start == datetime.timedelta(minutes=75)
    assert meeting.place == "Rådhuset"
    assert meeting.online_link == "https://teams.example.invalid/l/meetup-join/1"


def test_an_ad_hoc_meeting_on_a_holiday_is_explained(login):
    response = login("sekretaer@albertslund").post(
        "/albertslund/moeder/nyt/",
        {
            "forum": "DIF-R",
            "date": "2027-05-06",
            "time": "14:00",
            "minutes": "60",
        },
    )
    assert response.status_code == 200
    assert "6/5 er ikke en arbejdsdag (Kristi himmelfartsdag)" in response.content.decode()
    assert not Meeting.objects.filter(forum__short_name="DIF-R", start__year=2027).exists()


@pytest.mark.parametrize(
    "data, error",
    [
        ({"forum": "DIF-R", "date": "2027-02-30", "time": "14:00", "minutes": "60"}, "date"),
        ({"forum": "DIF-R", "date": "2027-02-03", "time": "14:00", "minutes": "5"}, "minutes"),
        ({"forum": "NOPE", "date": "2027-02-03", "time": "14:00", "minutes": "60"}, "forum"),
        (
            {
                "forum": "DIF-R",
                "date": "2027-02-03",
                "time": "14:00",
                "minutes": "60",
                "online_link": "javascript:alert(1)",
            },
            "online_link",
        ),
    ],
)
def test_bad_ad_hoc_input_is_a_form_error(login, data, error):
    response = login("sekretaer@albertslund").post("/albertslund/moeder/nyt/", data)
    assert response.status_code == 200
    assert error in response.context["form"].errors
    assert not Meeting.objects.filter(forum__short_name="DIF-R", start__year=2027).exists()


def test_a_manager_cannot_make_meetings(login):
    assert login("leder@albertslund").get("/albertslund/moeder/nyt/").status_code == 403


def test_the_wheel_page_and_its_downloads(login):
    client = login("leder@albertslund")
    page = client.get("/albertslund/aarshjul/?aar=2026").content.decode()
    assert "<svg" in page and "Året 2026 for ledelsesfora i Albertslund Kommune" in page
    assert "LF 12.11.2026 13:00, uge 46 (Lederdøgn holdes i 4. kvartal)" in page
    # The charter's annual cycle is on the wheel too, e.g. DIF's economy report.
    assert "<polygon" in page and "DIF: Gennemgang af økonomirapport" in page
    svg = client.get("/albertslund/aarshjul/2026.svg")
    assert svg["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert svg["Content-Disposition"] == 'attachment; filename="aarshjul-albertslund-2026.svg"'
    assert svg.content.startswith(b"<svg")
    pdf = client.get("/albertslund/aarshjul/2026.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Årshjul 2026" in text and "Lederforum (lederdage)" in text


def test_the_year_plan_costs_the_same_queries_whatever_is_stored(login):
    """One membership query per forum for the conflict check, nothing per meeting."""
    client = login("leder@albertslund")
    with CaptureQueriesContext(connection) as stored:
        client.get("/albertslund/aarsplan/?aar=2027")  # about a hundred stored meetings
    with CaptureQueriesContext(connection) as preview:
        client.get("/albertslund/aarsplan/?aar=2035")  # nothing stored
    assert len(stored.captured_queries) == len(preview.captured_queries) <= 18


def test_agenda_links_only_for_those_who_may_open_them(login, client):
    dif = Meeting.objects.filter(
        forum__organisation__slug="albertslund", forum__short_name="DIF", start__year=2027
    ).first()
    link = f'href="/moede/{dif.pk}/"'
    assert link not in login("leder").get("/albertslund/aarsplan/?aar=2027").content.decode()
    assert client.get(f"/moede/{dif.pk}/").status_code == 404  # what the link would have given
    assert link in login("borgmester").get("/albertslund/aarsplan/?aar=2027").content.decode()
    assert client.get(f"/moede/{dif.pk}/").status_code == 200


def test_the_wheel_shows_the_charters_annual_cycle_never_an_items_own_title(login):
    """A recurring item that the secretariat has retitled and closed stays what the charter
    calls it on the wheel, for everyone: the wheel tells nothing an item does not show."""
    from ledelsesfora.agenda.models import AgendaItem

    item = (
        AgendaItem.objects.filter(
            forum__organisation__slug="albertslund", meeting__start__year=2027
        )
        .exclude(recurring_key="")
        .first()
    )
    charter_title = item.title
    item.title, item.closed = "Fortroligt: besparelser på lønområdet", True
    item.save()
    client = login("leder@albertslund")
    for url in ["/albertslund/aarshjul/?aar=2027", "/albertslund/aarshjul/2027.svg"]:
        body = client.get(url).content.decode()
        assert "besparelser på lønområdet" not in body
        assert charter_title in body


def test_the_wheel_downloads_only_as_svg_and_pdf(login):
    client = login("leder")
    assert client.get("/albertslund/aarshjul/2027.exe").status_code == 404
    assert client.get('/albertslund/aarshjul/2027.pdf"x').status_code == 404
    svg = client.get("/albertslund/aarshjul/2027.svg")
    assert svg["Content-Disposition"] == 'attachment; filename="aarshjul-albertslund-2027.svg"'
