"""What answers say about themselves: no page, export or API answer that can hold a closed item
is kept by a browser or proxy, and the API docs load nothing from another server."""

import pytest

from ledelsesfora.api.tests.test_api import Caller

pytestmark = pytest.mark.django_db


def test_pages_exports_and_the_api_say_no_store(login, client):
    member = login("borgmester")
    for url in ("/albertslund/", "/albertslund/aarshjul/2027.svg", "/login/"):
        assert "no-store" in member.get(url)["Cache-Control"], url
    api = Caller(client, "borgmester@albertslund")
    assert api.get("/organisations/albertslund/forums")["Cache-Control"] == "no-store"


def test_the_calendar_feeds_keep_their_own_caching(login):
    from ledelsesfora.meetings.models import CalendarFeed
    from ledelsesfora.organisation.models import Person

    feed = CalendarFeed.objects.create(person=Person.objects.get(username="leder@albertslund"))
    answer = login("leder").get(f"/kalender/{feed.token}/personlig.ics")
    assert answer["Cache-Control"] == "private, max-age=900"


def test_the_api_docs_load_swagger_from_our_own_server(login):
    page = login("borgmester").get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
