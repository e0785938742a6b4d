"""The authorization matrix: every route of the site and every operation of the API, asked by
an anonymous visitor, by a member of another municipality, and by an employee of the same
municipality who is in no forum and no secretariat (its IT administrator, docs/decisions.md),
with real ids of Albertslund's closed item, its meeting and the other objects a route names.

None of them gets a 5xx or reads or changes what is not theirs; nothing they send is stored.
Every route is listed here with what it shows: a route added without an expectation fails the
test, so access is decided for it on purpose."""

import io
import re

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from ledelsesfora.agenda.models import AgendaItem, Attachment
from ledelsesfora.api.auth import create_token
from ledelsesfora.api.endpoints import api
from ledelsesfora.forums.models import WorkingGroup
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.models import FollowUp
from ledelsesfora.organisation.models import Person
from ledelsesfora.programmes.models import Block, Cost
from ledelsesfora.programmes.operations import build_programme
from ledelsesfora.representation.models import Representation
from ledelsesfora.themes.models import Theme

pytestmark = pytest.mark.django_db

# What a route shows, deciding who may open it:
#   public: anyone (logging in, the API's description, addresses carrying their own secret);
#   own: any logged-in person, who sees their own (their calendars, logins, start page);
#   employee: any person of the municipality (its year plan, årshjul, notat, their own pages);
#   closed: only those the object's rules name: members, the secretariat, the invited.
PAGES = {
    "login": "public", "logout": "public", "set_language": "public", "None": "public",
    "meeting-answer-link": "public", "personal-feed": "public", "forum-feed": "public",
    "oidc_authentication_init": "public", "oidc_authentication_callback": "public",
    "openapi-json": "public", "openapi-view": "public", "api-root": "public",
    "calendars": "own", "my-logins": "own", "home": "own", "followup-status": "employee",
    "meeting-answer": "employee", "year": "employee", "wheel": "employee",
    "wheel-download": "employee", "forum-ics": "employee", "my-items": "employee",
    "item-new": "employee", "followups": "employee", "notat-pdf": "employee",
    "notat-docx": "employee", "mine": "employee", "forum-themes": "employee",
    "theme-propose": "employee", "anchor-report": "employee", "venues": "employee",
    "organisation": "employee", "forum": "employee", "notat": "employee",
    "notat-download": "employee", "working-group-new": "employee", "representation": "employee",
    "representation-pdf": "employee", "representation-docx": "employee", "year-budget": "employee",
    "representation-file": "employee", "ad-hoc-meeting": "closed",
    "year-apply": "closed", "desk": "closed", "desk-remind": "closed",
}  # fmt: skip
# Everything else on the site names an object of the closed kind (an item, a meeting, …).
API_EMPLOYEE = re.compile(
    r"^/api/v1/(organisations/\{org\}(/forums(/\{forum\}(/meetings|/themes)?)?|/venues"
    r"|/overview|/representations|/budget)?|meetings/\{meeting_id\}/answers)$"
)
API_OWN = {"/api/v1/followups"}  # the caller's own follow-up actions, whoever they are
API_PUBLIC = {"/api/v1/openapi.json", "/api/v1/docs", "/api/v1/"}


def routes():
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if not str(p.pattern).startswith(("admin/", "api/")):
                    yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), str(p.name)

    return list(walk(get_resolver().url_patterns))


@pytest.fixture
def objects(db):
    """Real ids of Albertslund's objects, the closed item and its meeting first."""
    org = "albertslund"
    closed = AgendaItem.objects.filter(closed=True, forum__organisation__slug=org).first()
    lederdag = Meeting.objects.filter(forum__short_name="LF", forum__organisation__slug=org)
    group = WorkingGroup.objects.filter(forum__organisation__slug=org).first()
    secretary = Person.objects.get(username="sekretaer@albertslund")
    if not Block.objects.filter(programme__meeting=lederdag.first()).exists():
        build_programme(lederdag.first(), by=secretary)
    if not Cost.objects.filter(meeting=lederdag.first()).exists():
        Cost.objects.create(
            meeting=lederdag.first(),
            account="x",
            description="Forplejning",
            expected=100,
            by=secretary,
        )
    ids = {
        "item": closed.pk,
        "meeting": closed.meeting_id,
        "lederdag": lederdag.first().pk,
        "theme": Theme.objects.filter(forum__organisation__slug=org).first().pk,
        "block": Block.objects.filter(programme__meeting=lederdag.first()).first().pk,
        "cost": Cost.objects.filter(meeting=lederdag.first()).first().pk,
        "row": Representation.objects.filter(forum__organisation__slug=org).first().pk,
        "followup": FollowUp.objects.filter(item__forum__organisation__slug=org).first().pk,
        "group": (group or WorkingGroup.objects.first()).pk,
    }
    if not Attachment.objects.filter(item=closed).exists():
        Attachment.objects.create(
            item=closed,
            file="attachments/none",
            name="x.pdf",
            content_type="application/pdf",
            size=1,
        )
    ids["attachment"] = Attachment.objects.filter(item=closed).first().pk
    return ids


def page_url(route: str, ids: dict) -> str:
    """The route filled in with Albertslund's objects."""
    prefix = route.split("<", 1)[0]
    pk = {
        "punkt/": ids["item"], "moede/": ids["meeting"], "tema/": ids["theme"],
        "programblok/": ids["block"], "bilag/": ids["attachment"], "opfoelgning/": ids["followup"],
        "arbejdsgruppe/": ids["group"], "repraesentation/": ids["row"], "udgift/": ids["cost"],
    }.get(prefix, ids["item"])  # fmt: skip
    if "program" in route or "drejebog" in route or "deltagere" in route or "budget" in route:
        pk = ids["lederdag"] if prefix == "moede/" else pk
    values = {
        "pk": str(pk), "org": "albertslund", "short_name": "DIF", "year": "2027",
        "extension": "pdf", "token": "not-a-real-token-0123456789",
    }  # fmt: skip
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)


def api_url(path: str, ids: dict) -> str:
    values = {
        "org": "albertslund", "forum": "DIF", "meeting_id": ids["meeting"], "item_id": ids["item"],
        "theme_id": ids["theme"], "block_id": ids["block"], "cost_id": ids["cost"],
        "row_id": ids["row"], "extension": "pdf",
    }  # fmt: skip
    if "programme" in path or "budget" in path or "costs" in path or "answers" in path:
        values["meeting_id"] = ids["lederdag"]
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path)


def rows():
    """Every table's count of rows, and every status: what refused requests must leave as it was."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in ("sessions", "security", "axes", "admin", "revision"):
            continue
        state[model._meta.label] = model.objects.count()
        if any(f.name == "status" for f in model._meta.fields):
            state[f"{model._meta.label}.status"] = sorted(model.objects.values_list("pk", "status"))
    return state


REFUSED = {403, 404, 405}


def test_every_route_has_an_expectation():
    unknown = [
        (route, name)
        for route, name in routes()
        if name not in PAGES and not re.match(r"^(punkt|moede|tema|programblok|bilag|opfoelgning"
                                              r"|arbejdsgruppe|repraesentation|udgift|svar)/", route)
    ]  # fmt: skip
    assert not unknown, f"routes with no access expectation: {unknown}"


def test_pages_refuse_what_is_not_theirs(objects, client):
    before = rows()
    outsider = Client()
    outsider.force_login(Person.objects.get(username="admin@albertslund"))
    elsewhere = Client()
    elsewhere.force_login(Person.objects.get(username="leder@vejen"))
    problems = []
    for route, name in routes():
        level = PAGES.get(name, "closed")
        url = page_url(route, objects)
        for method in ("get", "post") if level != "own" else ("get",):
            anonymous = getattr(Client(), method)(url)
            if anonymous.status_code >= 500:
                problems.append(f"anonymous {method} {url}: {anonymous.status_code}")
            if level != "public" and not (
                anonymous.status_code in (302, 405)
                and (anonymous.status_code == 405 or "/login/" in anonymous["Location"])
            ):
                problems.append(f"anonymous {method} {url}: {anonymous.status_code}")
            if name == "logout":
                continue  # it would log the identities below out for the rest of the walk
            for who, client_, must_refuse in (
                ("leder@vejen", elsewhere, level in ("employee", "closed")),
                ("admin@albertslund", outsider, level == "closed"),
            ):
                answer = getattr(client_, method)(url)
                if answer.status_code >= 500 or (must_refuse and answer.status_code not in REFUSED):
                    problems.append(f"{who} {method} {url}: {answer.status_code}")
    assert not problems, "\n".join(problems)
    assert rows() == before


def test_the_api_refuses_what_is_not_theirs(objects, client):
    tokens = {
        "leder@vejen": create_token(Person.objects.get(username="leder@vejen")),
        "admin@albertslund": create_token(Person.objects.get(username="admin@albertslund")),
    }
    before = rows()
    schema = api.get_openapi_schema()
    problems = []
    assert len(schema["paths"]) > 50
    for path, operations in schema["paths"].items():
        public = path in API_PUBLIC
        employee = bool(API_EMPLOYEE.match(path))
        url = api_url(path, objects)
        for method in operations:
            send = getattr(client, method)
            anonymous = send(url, content_type="application/json")
            if not public and anonymous.status_code != 401:
                problems.append(f"anonymous {method} {url}: {anonymous.status_code}")
            for who, token in tokens.items():
                must_refuse = path not in API_OWN and (who == "leder@vejen" or not employee)
                body = {} if method == "get" else "{}"
                answer = send(url, body, content_type="application/json",
                              headers={"authorization": f"Bearer {token}"})  # fmt: skip
                if answer.status_code >= 500 or (
                    must_refuse and answer.status_code not in (*REFUSED, 400, 409, 422)
                ):
                    problems.append(f"{who} {method} {url}: {answer.status_code}")
    assert not problems, "\n".join(problems)
    assert rows() == before


def test_a_closed_item_on_its_way_is_for_its_author_and_the_secretariat_alone(objects):
    """Every demo role of both municipalities, members of its forum included, asks every
    address of a closed item not yet on a published agenda, and the API: only its author and
    the secretariat get it."""
    from ledelsesfora.demo.people import DEMO_ROLES

    item = AgendaItem.objects.get(pk=objects["item"])
    allowed = {item.author.username, "sekretaer@albertslund"}
    item_routes = [
        page_url(route, objects)
        for route, _name in routes()
        if route.startswith(("punkt/", "bilag/"))
    ]
    problems = []
    for org in ("albertslund", "vejen"):
        for role in DEMO_ROLES:
            username = f"{role}@{org}"
            client = Client()
            client.force_login(Person.objects.get(username=username))
            token = create_token(Person.objects.get(username=username))
            api_answer = client.get(
                f"/api/v1/items/{item.pk}", headers={"authorization": f"Bearer {token}"}
            ).status_code
            page = client.get(f"/punkt/{item.pk}/").status_code
            if username in allowed:
                if (page, api_answer) != (200, 200):
                    problems.append(f"{username} may read it but got {page}, {api_answer}")
                continue
            if api_answer != 404:
                problems.append(f"{username} API: {api_answer}")
            for url in item_routes:
                for method in ("get", "post"):
                    status = getattr(client, method)(url).status_code
                    if status not in REFUSED:
                        problems.append(f"{username} {method} {url}: {status}")
    assert not problems, "\n".join(problems)


def test_an_invited_guest_never_meets_the_closed_item_beside_theirs(client):
    """A manager invited as guest to one item of a published DIF agenda that also holds a
    closed item asks every address of that meeting, the closed item and the API: the closed
    item's title appears in no answer (pages, JSON, the agenda's PDF), and its own addresses
    are refused."""
    from pypdf import PdfReader

    meeting = (
        Meeting.objects.filter(
            forum__short_name="DIF",
            forum__organisation__slug="albertslund",
            agenda_published_at__isnull=False,
            items__standing=False,
            items__status="published",
        )
        .order_by("-start")
        .first()
    )
    on_agenda = meeting.items.filter(standing=False, closed=False, status="published")
    theirs, hidden = on_agenda.order_by("pk")[:2]
    AgendaItem.objects.filter(pk=hidden.pk).update(closed=True, title="Fortroligt personalepunkt")
    guest = Person.objects.get(username="leder-by-miljoe-3-4@albertslund")
    theirs.guests.add(guest)
    client.force_login(guest)
    token = create_token(guest)
    assert client.get(f"/punkt/{theirs.pk}/").status_code == 200  # what they are invited to
    assert theirs.title in client.get(f"/moede/{meeting.pk}/").content.decode()
    ids = {"item": hidden.pk, "meeting": meeting.pk, "lederdag": meeting.pk, "theme": 0, "block": 0,
           "cost": 0, "row": 0, "followup": 0, "group": 0, "attachment": 0}  # fmt: skip
    problems = []
    for route, _name in routes():
        if not route.startswith(("moede/", "punkt/")):
            continue
        url = page_url(route, ids)
        answer = client.get(url)
        body = answer.content
        if answer.get("Content-Type", "").startswith("application/pdf"):
            body = "".join(
                page.extract_text() for page in PdfReader(io.BytesIO(body)).pages
            ).encode()
        if b"Fortroligt personalepunkt" in body:
            problems.append(f"{url} shows the closed item")
        if route.startswith("punkt/") and answer.status_code not in REFUSED:
            problems.append(f"{url}: {answer.status_code}")
    for path in (f"/api/v1/meetings/{meeting.pk}/agenda", f"/api/v1/items/{hidden.pk}"):
        answer = client.get(path, headers={"authorization": f"Bearer {token}"})
        if b"Fortroligt personalepunkt" in answer.content or (
            "items/" in path and answer.status_code != 404
        ):
            problems.append(f"{path}: {answer.status_code}")
    assert not problems, "\n".join(problems)
