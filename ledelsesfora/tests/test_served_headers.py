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


def test_every_answer_carries_a_policy_that_runs_only_our_own_scripts(login, client):
    member = login("borgmester")
    for url in ("/albertslund/", "/albertslund/notat/", "/api/v1/docs", "/login/"):
        policy = member.get(url)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert directives["frame-ancestors"] == "'none'", url
        assert "unsafe" not in policy, url


def test_no_page_template_holds_inline_script_or_style():
    """The policy refuses inline script and style, so a page template with either would break
    in the browser. The documents' templates (PDF, and the notat's stand-alone file) may style
    inline: they are never served as a page with the policy."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    documents = {"documents", "wheel_pdf.html", "table.html"}
    problems = []
    templates = list(root.rglob("templates/**/*.html"))
    assert len(templates) > 40  # the search finds the apps' templates
    for template in templates:
        if documents & set(template.parts) or template.name in documents:
            continue
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text):
            problems.append(f"{template}: inline <script>")
        if re.search(r"\sstyle=\"|\bon[a-z]+=\"", text):
            problems.append(f"{template}: style= or on…= attribute")
        if "<style" in text and "{% if standalone %}<style>" not in text:
            problems.append(f"{template}: <style> element")
    assert not problems, "\n".join(problems)
