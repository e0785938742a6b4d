"""Venues with the charter's rule for the Lederdøgn (outside the municipality, at most an
hour's drive, rooms for the night), and the budget on the accounts the charter names."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from ledelsesfora.api.tests.test_api import Caller
from ledelsesfora.meetings.models import Venue
from ledelsesfora.meetings.operations import PlanningError, VenueData, choose_venue, save_venue
from ledelsesfora.programmes import operations
from ledelsesfora.programmes.models import Cost
from ledelsesfora.themes.tests.conftest import LEADER, OTHER, SECRETARY

pytestmark = pytest.mark.django_db


def venue(name):
    return Venue.objects.get(organisation__slug="albertslund", name=name)


def test_the_demo_register_and_the_lederdag_at_the_town_hall(lederdag):
    names = set(
        Venue.objects.filter(organisation__slug="albertslund").values_list("name", flat=True)
    )
    assert {"Rådhuset, Store sal", "Kursuscenter Skovbrynet", "Hotel Vestkysten"} <= names
    lederdag.refresh_from_db()
    assert lederdag.venue == venue("Rådhuset, Store sal")
    assert lederdag.place.startswith("Rådhuset, Store sal")


def test_the_lederdoegn_venue_follows_the_charter(lederdoegn, who):
    secretary = who(SECRETARY)
    with translation.override("en"):
        with pytest.raises(PlanningError, match="outside the municipality"):
            choose_venue(lederdoegn, venue("Rådhuset, Store sal"), by=secretary)
        with pytest.raises(PlanningError, match=r"150 minutes' drive.*at most 60"):
            choose_venue(lederdoegn, venue("Hotel Vestkysten"), by=secretary)
        no_beds = save_venue(
            lederdoegn.forum.organisation,
            VenueData("Mødecenter Syd", 30),
            by=secretary,
        )
        with pytest.raises(PlanningError, match="no rooms for the night"):
            choose_venue(lederdoegn, no_beds, by=secretary)
    choose_venue(lederdoegn, venue("Kursuscenter Skovbrynet"), by=secretary)
    lederdoegn.refresh_from_db()
    assert lederdoegn.venue.name == "Kursuscenter Skovbrynet"
    assert lederdoegn.place == "Kursuscenter Skovbrynet, Skovvejen 12"


def test_only_the_secretariat_keeps_the_register(login, who):
    with pytest.raises(PlanningError):
        save_venue(who(LEADER).organisation, VenueData("Mit sted", 5), by=who(LEADER))
    assert login(LEADER).get(reverse("venues", args=["albertslund"])).status_code == 404
    assert login(OTHER).get(reverse("venues", args=["albertslund"])).status_code == 404
    page = login(SECRETARY).post(
        reverse("venues", args=["albertslund"]),
        {"name": "Idrætshallen", "drive_minutes": "5", "in_municipality": "on"},
        follow=True,
    )
    assert "Idrætshallen" in page.content.decode()
    bad = login(SECRETARY).post(
        reverse("venues", args=["albertslund"]),
        {"name": "Et sted", "drive_minutes": "lang"},
        follow=True,
    )
    assert "som et helt tal" in bad.content.decode()
    assert not Venue.objects.filter(name="Et sted").exists()


def test_the_settings_page_says_why_a_venue_does_not_suit(login, lederdoegn):
    page = login(SECRETARY).get(reverse("meeting-settings", args=[lederdoegn.pk])).content.decode()
    assert "uden for kommunen" in page and "højst 60" in page


def test_the_budget_uses_the_charters_accounts(lederdag, lederdoegn, who):
    assert operations.accounts_for(lederdag) == []  # Lederforum's charter names none
    accounts = operations.accounts_for(lederdoegn)
    assert accounts == ["HR: konto til lederudvikling", "Kommunaldirektørens konsulentkonto"]
    secretary = who(SECRETARY)
    with translation.override("en"):
        with pytest.raises(operations.ProgrammeInvalid, match="Choose one of the accounts"):
            operations.save_cost(
                lederdoegn, by=secretary, account="Min konto", description="X", expected=1
            )
        with pytest.raises(operations.ProgrammeInvalid, match="not an amount"):
            operations.save_cost(
                lederdoegn, by=secretary, account=accounts[0], description="X", expected="mange"
            )
        with pytest.raises(operations.ProgrammeError):
            operations.save_cost(
                lederdoegn, by=who(LEADER), account=accounts[0], description="X", expected=1
            )
    operations.save_cost(
        lederdoegn, by=secretary, account=accounts[0], description="Ophold", expected="120.000,00"
    )
    cost = operations.save_cost(
        lederdoegn, by=secretary, account=accounts[1], description="Facilitator", expected="40000"
    )
    operations.save_cost(
        lederdoegn,
        by=secretary,
        account=accounts[1],
        description="Facilitator",
        expected="40000",
        actual="38.500",
        cost=cost,
    )
    found = operations.budget(lederdoegn)
    assert found.expected == Decimal("160000.00") and found.actual == Decimal("38500.00")
    assert [a.open for a in found.accounts] == [1, 0]


def test_cost_per_participant(lederdoegn, who):
    from ledelsesfora.meetings import answers

    secretary = who(SECRETARY)
    account = operations.accounts_for(lederdoegn)[0]
    operations.save_cost(
        lederdoegn, by=secretary, account=account, description="Ophold", expected=3000
    )
    assert operations.budget(lederdoegn).per_participant is None
    for username in (LEADER, "afdelingschef@albertslund"):
        person = who(username)
        answers.answer_meeting(
            lederdoegn, person, attending=True, overnight=True, by=person, via="page"
        )
    assert operations.budget(lederdoegn).per_participant == Decimal("1500.00")


def test_budget_pages_and_api(login, client, lederdoegn, who):
    url = reverse("budget", args=[lederdoegn.pk])
    secretary = login(SECRETARY)
    secretary.post(
        url,
        {"account": "HR: konto til lederudvikling", "description": "Ophold", "expected": "120.000"},
    )
    page = secretary.get(url).content.decode()
    assert "Ophold" in page and "120.000,00 kr." in page
    year = secretary.get(
        reverse("year-budget", args=["albertslund"]) + "?aar=2028"
    ).content.decode()
    assert "Lederdøgn" in year and "120.000,00 kr." in year
    assert login(LEADER).get(url).status_code == 404
    assert login(OTHER).get(url).status_code == 404
    assert login(LEADER).get(reverse("year-budget", args=["albertslund"])).status_code == 404
    api = Caller(client, SECRETARY)
    made = api.post(
        f"/meetings/{lederdoegn.pk}/costs",
        {"account": "Kommunaldirektørens konsulentkonto", "description": "Bus", "expected": 4500.5},
    )
    assert made.status_code == 201 and made.json()["expected"] == 124500.5
    wrong = api.post(
        f"/meetings/{lederdoegn.pk}/costs", {"account": "Ukendt", "description": "X", "expected": 1}
    )
    assert wrong.status_code == 400
    assert Caller(client, LEADER).get(f"/meetings/{lederdoegn.pk}/budget").status_code == 404
    totals = api.get("/organisations/albertslund/budget", {"year": 2028}).json()["items"]
    assert totals[0]["forum"] == "LD" and totals[0]["expected"] == 124500.5
    assert Cost.objects.filter(meeting=lederdoegn).count() == 2


def test_choosing_a_venue_through_the_api(client, lederdoegn):
    api = Caller(client, SECRETARY)
    town_hall = venue("Rådhuset, Store sal")
    refused = api.post(f"/meetings/{lederdoegn.pk}/venue", {"venue": town_hall.pk})
    assert refused.status_code == 409 and "uden for kommunen" in refused.json()["detail"]
    ok = api.post(
        f"/meetings/{lederdoegn.pk}/venue", {"venue": venue("Kursuscenter Skovbrynet").pk}
    )
    assert ok.status_code == 200 and ok.json()["place"].startswith("Kursuscenter")
    assert api.post(f"/meetings/{lederdoegn.pk}/venue", {"venue": 10**15}).status_code == 400
    assert Caller(client, LEADER).get("/organisations/albertslund/venues").status_code == 404
    assert (
        Caller(client, OTHER)
        .post(f"/meetings/{lederdoegn.pk}/venue", {"venue": town_hall.pk})
        .status_code
        == 404
    )
