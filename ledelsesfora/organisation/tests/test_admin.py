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


def test_an_administrator_cannot_reach_people_without_a_municipality_or_other_admins(client):
    from ledelsesfora.organisation.models import Organisation

    root = Person.objects.create_superuser("root", password="x", full_name="Root")
    other_admin = Person.objects.get(username="admin@albertslund")
    admin = Person.objects.get(username="admin@vejen")
    client.force_login(admin)
    # The loophole: saving oneself without a municipality used to list everyone without one.
    response = client.post(
        f"/admin/organisation/person/{admin.pk}/change/",
        {
            "username": admin.username,
            "full_name": admin.full_name,
            "email": admin.email,
            "is_active": "on",
            "organisation": "",
            "last_login_0": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "positions-TOTAL_FORMS": "0",
            "positions-INITIAL_FORMS": "0",
        },
    )
    admin.refresh_from_db()
    assert admin.organisation == Organisation.objects.get(slug="vejen")
    for person in (root, other_admin):
        assert client.get(f"/admin/organisation/person/{person.pk}/change/").status_code == 302
        assert client.get(f"/admin/organisation/person/{person.pk}/password/").status_code in (
            302,
            404,
        )
    listing = client.get("/admin/organisation/person/?q=root&all=").content.decode()
    assert f"/admin/organisation/person/{root.pk}/change/" not in listing
    assert response.status_code in (200, 302)


def test_an_administrator_cannot_make_anyone_staff(client):
    admin = Person.objects.get(username="admin@vejen")
    chef = Person.objects.get(username="afdelingschef@vejen")
    client.force_login(admin)
    page = client.get(f"/admin/organisation/person/{chef.pk}/change/").content.decode()
    assert 'name="is_staff"' not in page and 'name="is_superuser"' not in page


def test_position_types_of_another_municipality_are_not_offered(client):
    client.force_login(Person.objects.get(username="admin@albertslund"))
    chef = Person.objects.get(username="afdelingschef@albertslund")
    page = client.get(f"/admin/organisation/person/{chef.pk}/change/").content.decode()
    assert ">Direktør<" not in page  # Vejen's title for the area director
    assert ">Områdedirektør<" in page


def test_a_unit_cannot_be_its_own_ancestor():
    from django.core.exceptions import ValidationError

    area = Unit.objects.get(organisation__slug="vejen", key="boern-kultur")
    department = area.children.first()
    area.parent = department
    with pytest.raises(ValidationError, match="kan ikke være en del af sig selv"):
        area.clean()
