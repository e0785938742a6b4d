"""The OParl 1.1 API: walked from the System object through every URL it gives (every list
page, object, file), each object — embedded ones too — validated against the OParl 1.1 JSON
schemas (vendored in schema/, see its README), and what is published checked: only the forums
whose charter says `public = true`, never a closed item, an item in process, a decision of
minutes not yet approved, or anything of a forum or municipality that does not publish."""

import datetime
import json
import re
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from jsonschema import Draft7Validator

from ledelsesfora.agenda import agendas
from ledelsesfora.agenda import operations as agenda
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.forums.models import Charter, Forum
from ledelsesfora.forums.operations import load_charter
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.minutes import operations as minutes
from ledelsesfora.organisation.models import Organisation, Person

pytestmark = pytest.mark.django_db
SCHEMAS = {
    path.stem: json.loads(path.read_text(encoding="utf-8"))
    for path in (Path(__file__).parent / "schema").glob("*.json")
}
ROOT = "http://testserver/oparl/v1.1/"
BEFORE = datetime.datetime(2027, 3, 1, 10, tzinfo=TIMEZONE)
DURING = datetime.datetime(2027, 3, 9, 10, tzinfo=TIMEZONE)


def who(handle, org="albertslund"):
    return Person.objects.get(username=f"{handle}@{org}")


def publish(short_name: str, org: str = "albertslund") -> None:
    """The municipality's charter loaded again with `public = true` on one forum."""
    organisation = Organisation.objects.get(slug=org)
    text = Charter.objects.current(organisation).as_toml()
    marker = f'short_name = "{short_name}"\n'
    assert marker in text
    load_charter(text.replace(marker, marker + "public = true\n", 1), source="test")


def ready(meeting, title, *, closed=False):
    director = who("omraadedirektoer")
    item = agenda.create_item(
        meeting.forum,
        ItemData(
            title=title,
            kind="decision",
            background="Baggrund for sagen.",
            recommendation="Det indstilles, at forslaget godkendes.",
            case_number="00.01.00-G01-3-27",
            closed=closed,
            responsible_director=director,
        ),
        by=director,
        meeting=meeting,
    )
    item = agenda.submit_item(item, by=director)
    item = agenda.review_item(item, by=who("sekretaer"))
    return agenda.approve_item(item, by=director)


@pytest.fixture
def published(settings, tmp_path):
    """DIF publishes; on its meeting of 9 March 2027 an open item (with a PDF), a closed one
    and one still in process, decisions recorded in minutes not yet approved. CF does not
    publish, nor does Vejen."""
    settings.MEDIA_ROOT = tmp_path
    publish("DIF")
    meeting = Meeting.objects.get(
        forum__organisation__slug="albertslund",
        forum__short_name="DIF",
        start__date=datetime.date(2027, 3, 9),
    )
    with time_machine.travel(BEFORE, tick=False):
        open_item = ready(meeting, "Åben sag om cykelstier")
        closed_item = ready(meeting, "Lukket personalesag om Zeta", closed=True)
        draft = agenda.create_item(
            meeting.forum,
            ItemData(title="Kladde om Omega", kind="information"),
            by=who("omraadedirektoer"),
            meeting=meeting,
        )
        pdf = SimpleUploadedFile(
            "cykelstier.pdf", b"%PDF-1.4 cykel", content_type="application/pdf"
        )
        agenda.add_attachment(open_item, pdf, by=who("sekretaer"))
        secret = SimpleUploadedFile("zeta.pdf", b"%PDF-1.4 zeta", content_type="application/pdf")
        agenda.add_attachment(closed_item, secret, by=who("sekretaer"))
        agendas.publish_agenda(meeting, by=who("sekretaer"))
    Meeting.objects.filter(pk=meeting.pk).update(place="Rådhuset, mødelokale 2")
    meeting.refresh_from_db()
    with time_machine.travel(DURING, tick=False):
        for item in meeting.items.on_agenda().ready():
            minutes.record_outcome(item, by=who("sekretaer"), outcome="noted")
        minutes.record_outcome(
            open_item.__class__.objects.get(pk=open_item.pk),
            by=who("sekretaer"),
            outcome="decided",
            text="Beslutning om cykelstierne Sigma.",
        )
    return {"meeting": meeting, "open": open_item, "closed": closed_item, "draft": draft}


def validate(obj: dict, problems: list, where: str) -> None:
    """`obj` against the schema its `type` names, and each embedded object against its own."""
    kind = obj.get("type", "").rsplit("/", 1)[-1]
    schema = SCHEMAS.get(kind)
    if schema is None:
        problems.append(f"{where}: unknown type {obj.get('type')!r}")
        return
    for error in Draft7Validator(schema).iter_errors(obj):
        problems.append(f"{where} ({kind}): {error.message}")
    if not obj.get("id", "").startswith(ROOT):
        problems.append(f"{where}: id {obj.get('id')!r} is not one of ours")
    for key, rule in schema["properties"].items():
        value = obj.get(key)
        embedded = rule.get("schema") or rule.get("items", {}).get("schema")
        if value is None or not embedded:
            continue
        for each in value if isinstance(value, list) else [value]:
            if isinstance(each, dict):
                validate(each, problems, f"{where}.{key}")
        for url in [value] if isinstance(value, str) else []:
            if not url.startswith(ROOT):
                problems.append(f"{where}.{key}: {url!r} is not one of ours")


def walk(client: Client) -> tuple[dict[str, object], list[str]]:
    """Every URL the API gives, from the System object: url → its JSON (or bytes)."""
    seen: dict[str, object] = {}
    problems: list[str] = []
    waiting = [ROOT]
    while waiting:
        url = waiting.pop()
        if url in seen:
            continue
        answer = client.get(url.removeprefix("http://testserver"))
        if answer.status_code != 200:
            problems.append(f"{url}: {answer.status_code}")
            seen[url] = None
            continue
        if not answer["Content-Type"].startswith("application/json"):
            seen[url] = b"".join(answer.streaming_content) if answer.streaming else answer.content
            continue
        data = seen[url] = answer.json()
        if "data" in data and "pagination" in data:
            for index, obj in enumerate(data["data"]):
                validate(obj, problems, f"{url}[{index}]")
            found = json.dumps(data)
        else:
            validate(data, problems, url)
            found = json.dumps(data)
        waiting += [u for u in re.findall(r'"(http://testserver/oparl/v1\.1/[^"]*)"', found)]
    return seen, problems


def test_walking_the_whole_api_finds_only_valid_published_objects(published):
    seen, problems = walk(Client())
    assert not problems, "\n".join(problems[:30])
    text = json.dumps([v for v in seen.values() if isinstance(v, dict)], ensure_ascii=False)
    everything = text + b"".join(v for v in seen.values() if isinstance(v, bytes)).decode("latin-1")
    assert "Åben sag om cykelstier" in text  # the open item: agenda item, paper, consultation
    assert "Sigma" not in text  # its decision waits for the minutes' approval
    for secret in ("Zeta", "Omega", "zeta.pdf"):
        assert secret not in everything, secret
    assert "Albertslund Kommune" in text and "Vejen" not in text
    forums = {obj["shortName"] for obj in _objects(seen, "Organization")}
    assert forums == {"DIF"}
    assert b"%PDF-1.4 cykel" in [v for v in seen.values() if isinstance(v, bytes)]
    kinds = {obj["type"].rsplit("/", 1)[-1] for obj in _objects(seen)}
    assert kinds >= {
        "System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem",
        "Paper", "Consultation", "File", "Location",
    }  # fmt: skip


def _objects(seen, kind=None):
    for value in seen.values():
        if not isinstance(value, dict):
            continue
        for obj in value.get("data", [value]):
            if kind is None or obj.get("type", "").endswith("/" + kind):
                yield obj


def test_a_decision_is_published_once_the_minutes_are_approved(published):
    meeting = published["meeting"]
    with time_machine.travel(DURING, tick=False):
        minutes.send_minutes(meeting, by=who("sekretaer"))
        assert "Sigma" not in Client().get(f"/oparl/v1.1/meeting/{meeting.pk}").content.decode()
    with time_machine.travel(datetime.datetime(2027, 3, 16, 10, tzinfo=TIMEZONE), tick=False):
        minutes.approve_minutes(meeting, by=who("sekretaer"))
    item = Client().get(f"/oparl/v1.1/agenda-item/{published['open'].pk}").json()
    assert item["resolutionText"] == "Beslutning om cykelstierne Sigma."
    assert item["result"] == "Besluttet"


def test_nothing_is_published_until_a_forum_is_made_public():
    assert Client().get("/oparl/v1.1/bodies").json()["data"] == []
    assert Client().get("/oparl/v1.1/body/albertslund").status_code == 404


def test_the_closed_and_the_unpublished_answer_404_at_their_own_address(published):
    client = Client()
    cf = Forum.objects.get(organisation__slug="albertslund", short_name="CF")
    cf_meeting = Meeting.objects.filter(forum=cf, agenda_published_at__isnull=False).first()
    for address in (
        f"/oparl/v1.1/agenda-item/{published['closed'].pk}",
        f"/oparl/v1.1/paper/{published['closed'].pk}",
        f"/oparl/v1.1/paper/{published['draft'].pk}",
        f"/oparl/v1.1/organization/{cf.pk}",
        f"/oparl/v1.1/meeting/{cf_meeting.pk}",
        "/oparl/v1.1/body/vejen",
    ):
        answer = client.get(address)
        assert answer.status_code == 404, address
        assert answer.json() == {"detail": "Not found, or not published."}
    assert client.post("/oparl/v1.1/bodies").status_code == 405
    assert client.get("/oparl/v1.1/body/albertslund/meetings?page=999").status_code == 400


def test_lists_come_in_pages_that_link_to_each_other(published):
    first = Client().get("/oparl/v1.1/body/albertslund/people").json()
    assert first["pagination"]["currentPage"] == 1
    assert "next" not in first["links"] or first["links"]["next"].endswith("page=2")
    total = first["pagination"]["totalElements"]
    assert total == len({m.person.pk for m in Forum.objects.get(
        organisation__slug="albertslund", short_name="DIF").members()})  # fmt: skip
    names = [person["name"] for person in first["data"]]
    assert names and not any("@" in name for name in names)  # names only, no contact data


def test_a_page_of_meetings_costs_the_same_queries_with_more_items(published):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    address = "/oparl/v1.1/body/albertslund/meetings"
    client.get(address)
    with CaptureQueriesContext(connection) as before:
        client.get(address)
    meeting = published["meeting"]
    with time_machine.travel(BEFORE, tick=False):
        for number in range(6):
            ready(meeting, f"Endnu et punkt {number}")  # approved after publication: shown
    with CaptureQueriesContext(connection) as after:
        answer = client.get(address)
    assert "Endnu et punkt 5" in answer.content.decode()
    assert len(after.captured_queries) <= len(before.captured_queries)
