"""Pages of a municipality: who sees what, and that they show the computed charter."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.django_db

PAGES = [
    "/albertslund/",
    "/albertslund/fora/CF/",
    "/albertslund/fora/DIF-R/",
    "/albertslund/notat/",
    "/albertslund/notat.html",
]


@pytest.mark.parametrize("url", [*PAGES, "/"])
def test_an_outsider_is_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("url", PAGES)
def test_a_person_of_the_other_municipality_sees_nothing(login, url):
    response = login("afdelingschef@vejen").get(url)
    assert response.status_code == 404
    assert b"Albertslund" not in response.content
    assert "Siden findes ikke, eller du har ikke adgang til den." in response.content.decode()


@pytest.mark.parametrize("url", ["/atlantis/", "/atlantis/fora/CF/", "/albertslund/fora/XYZ/"])
def test_unknown_municipalities_and_forums_are_404(login, url):
    assert login("afdelingschef@albertslund").get(url).status_code == 404


def test_a_person_without_a_municipality_sees_none(login):
    Person.objects.create(username="nobody@ingen", full_name="Ingen Kommune")
    client = login("nobody@ingen")
    assert client.get("/albertslund/").status_code == 404
    assert "ikke knyttet til en kommune" in client.get("/").content.decode()


def test_home_goes_to_ones_own_municipality(login):
    response = login("leder@vejen").get("/")
    assert response.status_code == 302
    assert response["Location"] == "/vejen/"


def test_the_forum_list_shows_each_forum_with_its_rhythm(login):
    page = login("leder@albertslund").get("/albertslund/").content.decode()
    for name in (
        "Direktørforum",
        "DIF Refleksion",
        "Chefforum",
        "Lederforum (lederdage)",
        "Lederdøgn",
    ):
        assert name in page
    assert "1. onsdag og 3. onsdag i måneden, kl. 09:00–12:00, 3 timer" in page
    assert "hvert andet år" in page


def test_the_chefforum_page_is_laid_out_like_the_notat(login):
    page = login("afdelingschef@albertslund").get("/albertslund/fora/CF/").content.decode()
    positions = [
        page.index(h)
        for h in (
            "Formål",
            "Faste medlemmer",
            "Indhold og form",
            "Møder og betjening",
            "Snitflader til de øvrige fora",
        )
    ]
    assert positions == sorted(positions)
    chair = Person.objects.get(username="kommunaldirektoer@albertslund")
    chef = Person.objects.get(username="afdelingschef@albertslund")
    assert chair.full_name in page and chef.full_name in page
    assert "(formand)" in page and "(protokolfører)" in page
    assert "Den formelle indstilling af et punkt skrives af: Afdelingschef." in page
    assert "<svg" in page and "foreslår temaer til" in page


def test_the_lederforum_page_lists_the_managers_it_computes(login):
    page = login("leder@albertslund").get("/albertslund/fora/LF/").content.decode()
    assert "Alle ledere med personaleansvar" in page
    for username in ("leder@albertslund", "leder-by-miljoe-2-3@albertslund"):
        assert Person.objects.get(username=username).full_name in page
    assert "Medlemmerne af Lederforum (lederdage) foreslår temaer til" in page
    assert "Direktørforum</a> udvælger tema til" in page


def test_the_reflection_forum_says_there_is_no_agenda(login):
    page = login("kommunaldirektoer@albertslund").get("/albertslund/fora/DIF-R/").content.decode()
    assert "Der produceres ikke dagsorden." in page
    assert "Der føres ikke referat." in page


def test_vejen_shows_its_four_ways_of_working_and_rhythms(login):
    page = login("afdelingschef@vejen").get("/vejen/fora/CF/").content.decode()
    assert "Fælles opgaveløsning" in page and "Sparring på konkrete problemstillinger" in page
    assert "Driftsmøde 1 t. 30 min, Koordinering 1 time" in page
    assert "Direktionens strategiplan" in page


def test_the_notat_download_is_a_standalone_html_file(login):
    response = login("sekretaer@albertslund").get("/albertslund/notat.html")
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ledelsesfora-albertslund.html"'
    page = response.content.decode()
    assert "<h1>Ledelsesfora i Albertslund Kommune: Formål og indhold</h1>" in page
    assert "00.00.00-P15-1-24" in page and "SFZ" in page and "19. juni 2024" in page
    assert "Nordmarks Allé 1" in page
    for number, name in enumerate(("Direktørforum", "DIF Refleksion", "Chefforum"), start=1):
        assert f"{number}. {name}" in page
    assert "Tilbage til forummerne" not in page  # no links back into the site
    assert "Chef for Økonomi &amp; Stab (protokolfører)" in page


def test_english_is_the_second_language(login):
    client = login("afdelingschef@albertslund")
    client.post("/i18n/setlang/", {"language": "en", "next": "/albertslund/fora/CF/"})
    page = client.get("/albertslund/fora/CF/").content.decode()
    assert "Standing members" in page and "Faste medlemmer" not in page


def test_the_forum_page_costs_the_same_queries_for_a_big_forum(login):
    """DIF's page, and Lederforum's with its hundred members and its themes (whose link asks
    who follows them: four queries more, however many there are), cost the same as the
    forum grows."""
    from ledelsesfora.organisation.models import Person, Position, PositionType

    client = login("leder@albertslund")

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    small, lederforum = count("/albertslund/fora/DIF/"), count("/albertslund/fora/LF/")
    leader = Person.objects.get(username="leder@albertslund")
    unit = leader.positions.first().unit
    for n in range(30):
        person = Person.objects.create(
            username=f"ny-leder-{n}@albertslund",
            full_name=f"Ny Leder {n}",
            organisation=leader.organisation,
        )
        Position.objects.create(
            person=person,
            unit=unit,
            position_type=PositionType.objects.get(organisation=leader.organisation, key="leder"),
            start=datetime.date(2020, 1, 1),
        )
    assert count("/albertslund/fora/LF/") == lederforum <= small + 4
    assert small <= 13


@pytest.mark.parametrize(
    "url",
    [
        "/albertslund/fora/C%00F/",
        "/albertslund/aarsplan/?forum=C%00F",
        "/kalender/ab%00c/personlig.ics",
    ],
)
def test_a_nul_character_is_a_clear_400(login, url):
    response = login("leder@albertslund").get(url)
    assert response.status_code == 400
    assert b"NUL" in response.content


def test_every_other_page_and_action_sends_an_outsider_to_the_login(client):
    from ledelsesfora.forums.models import WorkingGroup
    from ledelsesfora.meetings.models import Meeting

    meeting = Meeting.objects.filter(agenda_published_at__isnull=False).first()
    group = WorkingGroup.objects.first()
    pages = [
        "/kalender/",
        "/albertslund/notat.pdf",
        "/albertslund/notat.docx",
        "/vejen/fora/CF/forankring/",
        f"/moede/{meeting.pk}/referat.pdf",
        f"/moede/{meeting.pk}/dagsorden.pdf",
        "/albertslund/opfoelgning/",
    ]
    actions = [
        "/vejen/fora/CF/arbejdsgrupper/",
        f"/arbejdsgruppe/{group.pk}/moede/",
        f"/moede/{meeting.pk}/referat/send/",
        "/opfoelgning/1/status/",
        "/albertslund/aarsplan/planlaeg/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    for url in actions:
        response = client.post(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
