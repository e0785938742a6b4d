"""The database guards what the forms also check, on SQLite and on PostgreSQL alike."""

import datetime

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction

from ledelsesfora.organisation.models import Person, Position, PositionType, Unit

pytestmark = pytest.mark.django_db


def test_the_suite_runs_on_the_database_it_was_asked_for():
    assert connection.vendor == {"sqlite": "sqlite", "postgres": "postgresql"}[settings.DB]


def test_a_position_cannot_end_before_it_starts():
    person = Person.objects.get(username="leder@albertslund")
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(
            person=person,
            unit=Unit.objects.get(organisation__slug="albertslund", key="pjku"),
            position_type=PositionType.objects.get(
                organisation__slug="albertslund", key="konsulent"
            ),
            start=datetime.date(2026, 5, 1),
            end=datetime.date(2026, 4, 30),
        )


def test_unit_keys_are_unique_within_a_municipality():
    organisation = Unit.objects.get(organisation__slug="vejen", key="direktionen").organisation
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(organisation=organisation, key="direktionen", name="Igen")
    # … but another municipality may use the same key.
    assert Unit.objects.filter(key="direktionen").count() == 2
