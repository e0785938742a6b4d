"""Test set-up shared by every app: the suite's clock, fast password hashing, and both demo
municipalities loaded once into the test database (tests run in transactions that roll back, so
they stay intact)."""

import datetime
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

# The whole suite runs on one day, whatever the machine's clock says: the session-wide demo, and
# every test that does not travel elsewhere itself, see 23 November 2026 at 10:00. The day keeps
# the cases the calendar rules are about within the demo's two years (2026 and 2027): Christmas
# and New Year 2026, Easter 2027 (which falls on the change to summer time, 28 March),
# Ascension (6 May 2027) and the change back to winter time (31 October 2027). A test that needs
# another moment travels there explicitly with time_machine; nothing reads the real clock.
SUITE_DAY = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
_suite_clock = time_machine.travel(SUITE_DAY, tick=False)


def pytest_configure(config):
    _suite_clock.start()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def pytest_unconfigure(config):
    _suite_clock.stop()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo plans "this year and the next" from the suite's day: 2026 and 2027."""
    from ledelsesfora.demo.load import load_demo

    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture(autouse=True)
def _forget_remembered_pages():
    """Each test starts with no page or value remembered (ledelsesfora/pagecache.py,
    ledelsesfora/revision/memo.py): a test's revision numbers roll back with it and would
    otherwise meet another test's pages."""
    from django.core.cache import caches

    from ledelsesfora.revision import memo

    caches["pages"].clear()
    memo.forget()


@pytest.fixture
def commit(db):
    """What a commit does after the test's writes: runs what waits for it (the revision is
    raised) and forgets it. The test's transaction still rolls back at the end."""

    def run():
        from django.db import connection

        waiting = list(connection.run_on_commit)
        connection.run_on_commit.clear()
        for _, callback, _ in waiting:
            callback()

    return run


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
    from ledelsesfora.sessions import REFRESHED

    def as_(name, org="albertslund"):
        username = name if "@" in name else f"{name}@{org}"
        client.force_login(Person.objects.get(username=username))
        # As a login's first page would: pages measured after this only read the session.
        session = client.session
        session[REFRESHED] = int(time.time())
        session.save()
        return client

    return as_
