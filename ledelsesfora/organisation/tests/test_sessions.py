"""Sessions slide with activity, but a page that only reads does not write the session."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]


def test_reading_pages_does_not_write_the_session_but_activity_keeps_it_alive(login, settings):
    client = login("leder")
    start = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        client.get("/albertslund/")  # the first request after login refreshes it
        with CaptureQueriesContext(connection) as queries:
            client.get("/albertslund/")
            client.get("/albertslund/aarsplan/")
        assert writes(queries.captured_queries) == []
    session = Session.objects.get()
    expires = session.expire_date
    later = start + datetime.timedelta(seconds=settings.SESSION_REFRESH_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        client.get("/albertslund/")
    assert Session.objects.get().expire_date > expires  # activity moved the timeout on
    too_late = later + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)
    with time_machine.travel(too_late, tick=False):
        response = client.get("/albertslund/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_login_page_names_the_product_not_the_address_it_is_reached_at(client):
    page = client.get("/login/", HTTP_HOST="127.0.0.1:8001").content.decode()
    assert "<title>Log ind – Ledelsesfora</title>" in page
    assert "127.0.0.1" not in page
