"""A link is shown only to someone who may open it: every link on the pages a person reaches
from the navigation opens for that person (the secretariat, a director, a manager, a guest
invited to one item, and the secretariat of another municipality)."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.django_db

# Not pages: leaving, switching language, downloads of files served by the web server.
SKIPPED = ("/logout/", "/i18n/", "/static/", "/media/", "/admin/", "/api/v1/docs")
PAGES_PER_PERSON = 150
# Addresses of one shape (the year plan of each year, each meeting's minutes …): a few stand
# for the rest, so the walk reaches every kind of page.
PER_SHAPE = 6
# Documents take a while to make.
DOCUMENTS = (".pdf", ".docx", ".ics", ".svg")
DOCUMENTS_PER_SHAPE = 1


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.found.append(href)


def links_on(page: str, base: str) -> list[str]:
    parser = Links()
    parser.feed(page)
    out = []
    for href in parser.found:
        parts = urlsplit(urljoin(base, href))
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue  # mail, calendars' webcal and other sites
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path and not path.startswith(SKIPPED):
            out.append(path)
    return out


def walk(client, start: list[str]) -> dict[str, tuple[int, str]]:
    """Open the start pages and every link on them, then the links on those, breadth first,
    up to PAGES_PER_PERSON pages: each address with its status and the page it was found on."""
    seen: dict[str, tuple[int, str]] = {}
    shapes: dict[str, int] = {}
    queue = [(path, "(start)") for path in start]
    while queue and len(seen) < PAGES_PER_PERSON:
        path, found_on = queue.pop(0)
        if path in seen:
            continue
        shape = re.sub(r"\d+", "N", path)
        shapes[shape] = shapes.get(shape, 0) + 1
        document = urlsplit(path).path.endswith(DOCUMENTS)
        if shapes[shape] > (DOCUMENTS_PER_SHAPE if document else PER_SHAPE):
            continue
        answer = client.get(path)
        seen[path] = (answer.status_code, found_on)
        if answer.status_code == 200 and answer.get("Content-Type", "").startswith("text/html"):
            queue += [(link, path) for link in links_on(answer.content.decode(), path)]
    return seen


def start_pages(org: str) -> list[str]:
    return ["/", f"/{org}/overblik/", f"/{org}/punkter/", f"/{org}/aarsplan/"]


@pytest.fixture
def guest():
    """A manager invited as guest to one item on a published DIF agenda, and nothing else."""
    item = (
        AgendaItem.objects.filter(
            forum__short_name="DIF",
            forum__organisation__slug="albertslund",
            meeting__agenda_published_at__isnull=False,
            standing=False,
            closed=False,
        )
        .order_by("-meeting__start")
        .first()
    )
    person = Person.objects.get(username="leder-by-miljoe-3-4@albertslund")
    item.guests.add(person)
    return person.username


def reached(walked, pattern: str) -> bool:
    return any(re.fullmatch(pattern, path) for path in walked)


@pytest.mark.parametrize(
    "username, kinds",
    [
        (
            "sekretaer@albertslund",
            [r"/albertslund/sekretariat/", r"/moede/\d+/sekretariat/", r"/punkt/\d+/"],
        ),
        ("omraadedirektoer@albertslund", [r"/moede/\d+/", r"/punkt/\d+/"]),
        ("leder@albertslund", [r"/moede/\d+/", r"/albertslund/opfoelgning/"]),
        ("sekretaer@vejen", [r"/vejen/sekretariat/", r"/moede/\d+/"]),
    ],
)
def test_every_link_a_person_is_shown_opens_for_them(login, username, kinds):
    client = login(username)
    walked = walk(client, start_pages(username.split("@")[1]))
    assert all(reached(walked, kind) for kind in kinds), sorted(walked)
    broken = {path: found for path, found in walked.items() if found[0] not in (200, 302)}
    assert broken == {}


def test_every_link_a_guest_is_shown_opens_for_them(login, guest):
    client = login(guest)
    walked = walk(client, start_pages("albertslund"))
    broken = {path: found for path, found in walked.items() if found[0] not in (200, 302)}
    assert broken == {}
