"""Test set-up shared by every app: fast password hashing, and both demo municipalities loaded
once into the test database (tests run in transactions that roll back, so they stay intact)."""

import pytest
from django.conf import settings


def pytest_configure(config):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from ledelsesfora.organisation.demo import load_demo

    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture
def person(db):
    """Look up a demo person by login, e.g. person("afdelingschef@albertslund")."""
    from ledelsesfora.organisation.models import Person

    return lambda username: Person.objects.get(username=username)
