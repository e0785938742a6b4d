"""A municipality's administrator manages its own organisation, and nothing of another."""

import pytest

from ledelsesfora.organisation.models import Person, Position, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(Person.objects.get(username="admin@vejen"))
    return client


def test_the_people_list_holds_only_the_own_municipality(admin_client):
    page = admin_client.get("/admin/organisation/person/?all=").content.decode()
    assert "afdelingschef@vejen" in page
    assert "@albertslund" not in page


def test_a_person_of_another_municipality_cannot_be_opened(admin_client):
    other = Person.objects.get(username="afdelingschef@albertslund")
    response = admin_client.get(f"/admin/organisation/person/{other.pk}/change/")
    assert response.status_code == 302  # Django admin redirects a missing object to the index
    assert other.full_name not in admin_client.get(response["Location"]).content.decode()


def test_units_of_another_municipality_are_not_offered(admin_client):
    page = admin_client.get("/admin/organisation/unit/add/").content.decode()
    assert "Direktionssekretariatet" in page
    assert "Sekretariat for Politik, Jura" not in page


def test_a_new_position_is_kept_within_one_municipality(admin_client):
    person = Person.objects.get(username="leder@vejen")
    unit = Unit.objects.get(organisation__slug="albertslund", key="pjku")
    response = admin_client.post(
        "/admin/organisation/position/add/",
        {
            "person": person.pk,
            "unit": unit.pk,
            "position_type": person.positions.get().position_type_id,
            "start": "2026-01-01",
        },
    )
    assert response.status_code == 200  # the form is shown again with an error
    assert not Position.objects.filter(person=person, unit=unit).exists()


def test_an_outsider_is_sent_to_the_admin_login(client):
    response = client.get("/admin/organisation/person/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_ordinary_member_has_no_admin(client):
    client.force_login(Person.objects.get(username="afdelingschef@vejen"))
    assert client.get("/admin/organisation/person/").status_code == 302
