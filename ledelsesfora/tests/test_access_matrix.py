"""The authorization matrix: every route of the site and every operation of the API, asked by
an anonymous visitor, by a member of another municipality, and by an employee of the same
municipality who is in no forum and no secretariat (its IT administrator, docs/decisions.md),
with real ids of Albertslund's closed item, its meeting and the other objects a route names.

None of them gets a 5xx or reads or changes what is not theirs; nothing they send is stored.
Every route is listed here with what it shows: a route added without an expectation fails the
test, so access is decided for it on purpose.

The other direction too: each of Albertslund's demo roles asks every page and every API read,
and each opens for exactly the roles written below (READERS, API_READERS). Mails are checked in
agenda/tests/test_mail_access.py; the årshjul's marks at the end of this file."""

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
    "representation-file": "employee", "search": "employee", "ad-hoc-meeting": "closed",
    "year-apply": "closed", "desk": "closed", "desk-remind": "closed",
}  # fmt: skip
# Everything else on the site names an object of the closed kind (an item, a meeting, …).
API_EMPLOYEE = re.compile(
    r"^/api/v1/(organisations/\{org\}(/forums(/\{forum\}(/meetings|/themes)?)?|/venues"
    r"|/overview|/representations|/budget|/search)?|meetings/\{meeting_id\}/answers)$"
)
API_OWN = {"/api/v1/followups"}  # the caller's own follow-up actions, whoever they are
API_PUBLIC = {"/api/v1/openapi.json", "/api/v1/docs", "/api/v1/"}


def routes():
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                # The API has its own matrix below; OParl is open data for everyone, walked
                # whole by ledelsesfora/oparl/tests (only what is published, nothing else).
                if not str(p.pattern).startswith(("admin/", "api/", "oparl/")):
                    yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), str(p.name)

    return list(walk(get_resolver().url_patterns))


@pytest.fixture
def objects(db, settings, tmp_path):
    """Real ids of Albertslund's objects, the closed item and its meeting first."""
    settings.MEDIA_ROOT = tmp_path
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
        (tmp_path / "bilag.pdf").write_bytes(b"%PDF-1.4 fortroligt")
        Attachment.objects.create(
            item=closed,
            file="bilag.pdf",
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
    if any(word in path for word in ("programme", "budget", "costs", "answers", "run-sheet")):
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
    item.title = "Omorganisering af Zetaområdet"
    item.save()  # a title no other item has, to search for
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
            found = b"Zetaomr" in client.get("/albertslund/soeg/?q=zetaområdet").content
            if username in allowed:
                if (page, api_answer, found) != (200, 200, org == "albertslund"):
                    problems.append(f"{username} may read it but got {page}, {api_answer}")
                continue
            if found:
                problems.append(f"{username} finds it in a search")
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


# Who opens each page that answers a GET, among Albertslund's demo roles, with the objects above:
# the closed DIF item in process (written by the area director), its DIF meeting, and an
# unpublished lederdag programme. A page not named here opens for all seven roles.
SECRETARIAT = {"sekretaer"}
DIF = {"sekretaer", "kommunaldirektoer", "omraadedirektoer", "borgmester"}
READERS = {
    # The closed item on its way: its author and the secretariat (see the test below).
    "item": {"sekretaer", "omraadedirektoer"}, "item-edit": {"sekretaer", "omraadedirektoer"},
    "attachment": {"sekretaer", "omraadedirektoer"},
    # The DIF meeting: its members; its minutes are a draft, so the file is the secretariat's.
    "meeting-agenda": DIF, "agenda-pdf": DIF, "agenda-docx": DIF, "minutes": DIF,
    "minutes-download": SECRETARIAT,
    # An unpublished programme: the forum that approves it (DIF) and the secretariat.
    "programme": DIF, "programme-file": DIF,
    # The secretariat's tools.
    "meeting-settings": SECRETARIAT, "ad-hoc-meeting": SECRETARIAT, "venues": SECRETARIAT,
    "meeting-board": SECRETARIAT, "desk": SECRETARIAT, "run-sheet": SECRETARIAT,
    "run-sheet-file": SECRETARIAT, "participants": SECRETARIAT,
    "participants-file": SECRETARIAT, "budget": SECRETARIAT, "year-budget": SECRETARIAT,
    # The register of representation: the coordinating forum, the chiefs, the secretariat.
    "representation": DIF | {"afdelingschef"}, "representation-file": DIF | {"afdelingschef"},
    # Lederforum's themes: every manager; the IT administrator is in no forum.
    "theme": DIF | {"afdelingschef", "leder"}, "forum-themes": DIF | {"afdelingschef", "leder"},
}  # fmt: skip
# Pages that need what the demo cannot name in a route: a secret of the address's owner, a
# product file not yet uploaded, a configured identity provider; each has its own tests.
ELSEWHERE = {
    "logout", "oidc_authentication_init", "oidc_authentication_callback",
    "meeting-answer-link", "personal-feed", "forum-feed", "product-file", "anchor-report",
}  # fmt: skip
READER_URLS = {"item-new": "?forum=DIF", "forum-themes": ("/DIF/", "/LF/"),
               "year-budget": "?aar=2027", "search": "?q=leder"}  # fmt: skip


def test_every_page_opens_for_those_it_is_for(objects):
    """Each Albertslund demo role asks every page: it opens for exactly the roles above, and
    every page that only takes a POST says so (405) to all of them."""
    from ledelsesfora.demo.people import DEMO_ROLES

    clients = {}
    for role in DEMO_ROLES:
        clients[role] = Client()
        clients[role].force_login(Person.objects.get(username=f"{role}@albertslund"))
    problems = []
    for route, name in routes():
        if name in ELSEWHERE:
            continue
        url = page_url(route, objects)
        extra = READER_URLS.get(name, "")
        url = url.replace(*extra) if isinstance(extra, tuple) else url + extra
        answers = {role: client.get(url).status_code for role, client in clients.items()}
        if set(answers.values()) == {405}:
            assert name not in READERS, name
            continue
        opened = {role for role, status in answers.items() if status < 400}
        expected = READERS.get(name, set(DEMO_ROLES))
        if opened != expected or any(status >= 500 for status in answers.values()):
            problems.append(f"{url}: opened for {sorted(opened)}, expected {sorted(expected)}")
    assert not problems, "\n".join(problems)


def test_anchoring_opens_for_every_employee_of_a_municipality_that_anchors(client):
    """Vejen's charter anchors decisions (Albertslund's does not): its report opens for each of
    Vejen's roles and for nobody of Albertslund."""
    from ledelsesfora.demo.people import DEMO_ROLES

    for org in ("vejen", "albertslund"):
        for role in DEMO_ROLES:
            client.force_login(Person.objects.get(username=f"{role}@{org}"))
            status = client.get("/vejen/fora/CF/forankring/").status_code
            assert status == (200 if org == "vejen" else 404), (role, org, status)


# The API's reads, as the same roles ask them; a read not named here answers all seven. A
# list answers everyone but holds only what the asker may see (Representation.visible_to).
API_READERS = {
    "/api/v1/items/{item_id}": READERS["item"],
    "/api/v1/meetings/{meeting_id}/agenda": DIF, "/api/v1/meetings/{meeting_id}/minutes": DIF,
    "/api/v1/meetings/{meeting_id}/agenda.{extension}": DIF,
    "/api/v1/meetings/{meeting_id}/minutes.{extension}": SECRETARIAT,
    "/api/v1/meetings/{meeting_id}/programme": DIF,
    "/api/v1/meetings/{meeting_id}/programme.{extension}": DIF,
    "/api/v1/meetings/{meeting_id}/run-sheet.{extension}": SECRETARIAT,
    "/api/v1/meetings/{meeting_id}/budget": SECRETARIAT,
    "/api/v1/organisations/{org}/budget": SECRETARIAT,
    "/api/v1/organisations/{org}/venues": SECRETARIAT,
    "/api/v1/organisations/{org}/desk": SECRETARIAT,
    "/api/v1/organisations/{org}/forums/{forum}/themes": READERS["forum-themes"],
    "/api/v1/themes/{theme_id}": READERS["theme"],
}  # fmt: skip
API_QUERIES = {
    "/api/v1/organisations/{org}/budget": "?year=2027",
    "/api/v1/organisations/{org}/search": "?q=leder",
}


def test_every_api_read_answers_those_it_is_for(objects, client):
    from ledelsesfora.demo.people import DEMO_ROLES

    tokens = {
        role: create_token(Person.objects.get(username=f"{role}@albertslund"))
        for role in DEMO_ROLES
    }
    problems = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        if "get" not in operations or path in API_PUBLIC:
            continue
        url = api_url(path, objects) + API_QUERIES.get(path, "")
        if path.endswith("/themes"):
            url = url.replace("/DIF/", "/LF/")
        answers = {
            role: client.get(url, headers={"authorization": f"Bearer {token}"}).status_code
            for role, token in tokens.items()
        }
        opened = {role for role, status in answers.items() if status == 200}
        expected = API_READERS.get(path, set(DEMO_ROLES))
        if opened != expected or not set(answers.values()) <= {200, 404}:
            problems.append(f"{url}: {answers}, expected {sorted(expected)}")
    assert not problems, "\n".join(problems)


def test_the_wheel_marks_only_what_its_reader_follows(client):
    """The årshjul of 2027, as page and file, asked by every demo role of both municipalities:
    a selected Lederforum theme is marked for those who follow the forum's themes and for no
    one else; no item's title, closed or open, is ever on it; the other municipality gets 404."""
    from ledelsesfora.demo.people import DEMO_ROLES

    lederforum = Meeting.objects.filter(
        forum__organisation__slug="albertslund", forum__short_name="LF", start__year=2027
    ).first()
    theme = Theme.objects.filter(forum=lederforum.forum).first()
    Theme.objects.filter(pk=theme.pk).update(
        status=Theme.Status.SELECTED, meeting=lederforum, title="Valgt tema om tillid"
    )
    closed = objects_closed_item()
    assert AgendaItem.objects.filter(pk=closed).update(title="Lukket titel om en leder") == 1
    problems, followers = [], set()
    for org in ("albertslund", "vejen"):
        for role in DEMO_ROLES:
            person = Person.objects.get(username=f"{role}@{org}")
            client.force_login(person)
            follows = Theme.objects.visible_to(person).filter(pk=theme.pk).exists()
            followers |= {role} if follows else set()
            for url in ("/albertslund/aarshjul/?aar=2027", "/albertslund/aarshjul/2027.svg"):
                answer = client.get(url)
                if org == "vejen":
                    if answer.status_code != 404:
                        problems.append(f"{person} {url}: {answer.status_code}")
                    continue
                body = answer.content.decode()
                if ("Valgt tema om tillid" in body) != follows or "Lukket titel" in body:
                    problems.append(f"{person} {url}: theme shown {not follows}")
    assert not problems, "\n".join(problems)
    assert "leder" in followers and "admin" not in followers


def objects_closed_item() -> int:
    return (
        AgendaItem.objects.filter(closed=True, forum__organisation__slug="albertslund")
        .filter(meeting__start__year=2027)
        .values_list("pk", flat=True)
        .first()
    )
