"""Test set-up shared by every app: fast password hashing, and both demo municipalities loaded
once into the test database (tests run in transactions that roll back, so they stay intact)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings


def pytest_configure(config):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# The demo plans "this year and the next" and its items relative to today; tests name dates in
# 2026 and 2027, so the demo is loaded as of a fixed day, whatever the real clock says.
DEMO_DAY = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from ledelsesfora.organisation.demo import load_demo

    with django_db_blocker.unblock(), time_machine.travel(DEMO_DAY, tick=False):
        load_demo()


@pytest.fixture
def person(db):
    """Look up a demo person by login, e.g. person("afdelingschef@albertslund")."""
    from ledelsesfora.organisation.models import Person

    return lambda username: Person.objects.get(username=username)


@pytest.fixture
def login(client, db):
    """The test client logged in as a demo person: login("leder@vejen"), or by role and
    municipality, login("leder", "vejen") (Albertslund when left out)."""
    from ledelsesfora.organisation.models import Person

    def as_(name, org="albertslund"):
        username = name if "@" in name else f"{name}@{org}"
        client.force_login(Person.objects.get(username=username))
        return client

    return as_
