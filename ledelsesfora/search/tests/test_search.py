"""Search: Danish words in their forms and compounds, every access rule in hits, snippets and
counts, a case's history, filters and order, the same answers on the page, in the API and on
the command line, refusals that say what to change, the security log, and the index kept
current with every step."""

import datetime
import io
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from ledelsesfora.agenda import agendas
from ledelsesfora.agenda import operations as agenda
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.api.auth import create_token
from ledelsesfora.forums.models import Forum
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.minutes import operations as minutes
from ledelsesfora.organisation.models import Organisation, Person
from ledelsesfora.search import finding
from ledelsesfora.search.finding import Query
from ledelsesfora.search.models import Entry
from ledelsesfora.security.models import Event

pytestmark = pytest.mark.django_db
BEFORE = datetime.datetime(2027, 3, 1, 10, tzinfo=TIMEZONE)
DURING = datetime.datetime(2027, 3, 9, 10, tzinfo=TIMEZONE)
CASE = "00.01.00-G01-3-27"
SECRET = "Fortrolig sag om sygefraværsindsatsen og lønindplaceringen i Ejendomme"


def who(handle, org="albertslund"):
    return Person.objects.get(username=f"{handle}@{org}")


def forum(short_name):
    return Forum.objects.get(organisation__slug="albertslund", short_name=short_name)


def ready(meeting, title, *, closed=False, background="", guests=(), case="", writer=None):
    director = who("omraadedirektoer")
    writer = writer or director
    item = agenda.create_item(
        meeting.forum,
        ItemData(
            title=title,
            kind="decision",
            background=background,
            recommendation="Det indstilles, at forslaget godkendes.",
            case_number=case,
            closed=closed,
            responsible_director=director,
        ),
        by=writer,
        meeting=meeting,
        guests=guests,
    )
    item = agenda.submit_item(item, by=writer)
    item = agenda.review_item(item, by=who("sekretaer"))
    return agenda.approve_item(item, by=director) if item.needs_approval else item


@pytest.fixture
def held():
    """The DIF meeting of 9 March 2027: an open item on the budget (with a case number and a
    guest) and a closed one on sick leave, published; decisions recorded, minutes not sent."""
    meeting = Meeting.objects.get(forum=forum("DIF"), start__date=datetime.date(2027, 3, 9))
    with time_machine.travel(BEFORE, tick=False):
        open_item = ready(
            meeting,
            "Ny model for budgetopfølgning",
            background="Budgetterne for 2028 følges op månedligt i stedet for kvartalsvis.",
            guests=[who("leder")],
            case=CASE,
        )
        closed_item = ready(meeting, SECRET, closed=True, background="Fraværet er steget.")
        agendas.publish_agenda(meeting, by=who("sekretaer"))
    meeting.refresh_from_db()
    open_item.refresh_from_db()
    closed_item.refresh_from_db()
    with time_machine.travel(DURING, tick=False):
        secretary = who("sekretaer")
        for item in meeting.items.on_agenda().ready():
            minutes.record_outcome(item, by=secretary, outcome="noted")
        minutes.record_outcome(
            open_item, by=secretary, outcome="decided", text="Budgetmodellen indføres fra 2028."
        )
        minutes.record_outcome(
            closed_item, by=secretary, outcome="decided", text="Lønindplaceringen ændres."
        )
        yield meeting


def find(person, text="", **filters):
    return finding.find(person, person.organisation, Query(text=text, **filters))


def titles(results):
    return [hit.title for hit in results.hits]


def test_danish_words_are_found_in_their_forms_and_compounds(held):
    secretary = who("sekretaer")
    for word in ("budget", "budgetter", "Budgetopfølgning", "BUDGET"):
        assert "Ny model for budgetopfølgning" in titles(find(secretary, word, kind="item")), word
    assert SECRET in titles(find(secretary, "sygefravær", kind="item"))
    assert SECRET in titles(find(secretary, "sygefravær ejendomme", kind="item"))
    assert titles(find(secretary, "sygefravær budget", kind="item")) == []  # every word counts
    hits = find(secretary, "budgetter", kind="item").hits
    hit = next(hit for hit in hits if hit.title == "Ny model for budgetopfølgning")
    assert hit.title_html == "Ny model for <mark>budgetopfølgning</mark>"
    assert "<mark>Budgetterne</mark>" in hit.snippet_html


def test_what_is_found_is_only_what_the_person_may_read(held):
    """The closed item and its decision: for the secretariat (who writes the minutes) now; for
    DIF's members once the minutes are sent; never for the guest of the open item, a manager
    outside the forum, or anyone of Vejen — in hits, snippets and counts alike."""
    everyone = ["sekretaer", "kommunaldirektoer", "leder", "afdelingschef", "admin"]

    def found(handle, org="albertslund"):
        results = find(who(handle, org), "lønindplacering")
        text = " ".join(hit.title + hit.snippet_text for hit in results.hits).lower()
        return results.counts, "lønindplacering" in text

    assert found("sekretaer") == ({"item": 1, "decision": 1}, True)
    assert found("kommunaldirektoer") == ({"item": 1}, True)  # the decision waits for sending
    for handle in everyone[2:]:
        assert found(handle) == ({}, False), handle
    for handle in everyone:
        assert found(handle, "vejen") == ({}, False), handle
    minutes.send_minutes(held, by=who("sekretaer"))
    assert found("kommunaldirektoer") == ({"item": 1, "decision": 1}, True)
    assert found("leder") == ({}, False)
    # The guest finds the open item they are invited to, never its decision (members' minutes).
    assert [hit.title for hit in find(who("leder"), "budget model").hits] == [
        "Ny model for budgetopfølgning"
    ]


def test_a_case_number_finds_the_case_across_forums_and_kinds(held):
    later = Meeting.objects.filter(forum=forum("CF"), start__date__gt=datetime.date(2027, 3, 9))
    with time_machine.travel(BEFORE, tick=False):
        followed = ready(
            later.first(),
            "Budgetmodellen: første erfaringer",
            case=CASE,
            writer=who("afdelingschef"),
        )
    budget = held.items.get(title="Ny model for budgetopfølgning")
    minutes.add_followup(
        budget, by=who("sekretaer"), title="Ny skabelon til budgetopfølgning", owner=None,
        due=datetime.date(2027, 4, 1),
    )  # fmt: skip
    secretary = who("sekretaer")
    for results in (find(secretary, CASE), find(secretary, "", case_number=CASE)):
        assert results.counts == {"item": 2, "decision": 1, "followup": 1}
    history = find(secretary, CASE, order="newest")
    assert {(hit.kind, hit.forum) for hit in history.hits} == {
        ("item", "CF"), ("decision", "DIF"), ("item", "DIF"), ("followup", "DIF")
    }  # fmt: skip
    assert [hit.day for hit in history.hits] == sorted((h.day for h in history.hits), reverse=True)
    assert history.hits[0].title == followed.title
    assert find(secretary, "erfaringer", case_number=CASE).counts == {"item": 1}


def test_filters_narrow_by_forum_period_and_kind(held):
    secretary = who("sekretaer")
    assert find(secretary, "budget", forum="DIF").counts.keys() >= {"item", "decision"}
    assert "Ny model for budgetopfølgning" not in titles(find(secretary, "budget", forum="CF"))
    march = {"since": datetime.date(2027, 3, 1), "until": datetime.date(2027, 3, 31)}
    assert "Ny model for budgetopfølgning" in titles(find(secretary, "budget", **march))
    assert all(
        datetime.date(2027, 3, 1) <= hit.day <= datetime.date(2027, 3, 31)
        for hit in find(secretary, "budget", kind="item", **march).hits
    )
    after = find(secretary, "budget", since=datetime.date(2027, 4, 1), kind="item")
    assert "Ny model for budgetopfølgning" not in titles(after)
    newest = find(secretary, "budget", kind="item", order="newest").hits
    assert [hit.day for hit in newest] == sorted((hit.day for hit in newest), reverse=True)


def test_relevance_puts_the_words_in_the_title_first(held):
    with time_machine.travel(BEFORE, tick=False):
        ready(held, "Kvalitetsrevision af tilsynene")
        ready(held, "Orientering om anlæg", background="Nævner kvalitetsrevisionen i en bisætning.")
    secretary = who("sekretaer")
    newest = titles(find(secretary, "kvalitetsrevision", kind="item", order="newest"))
    assert newest == ["Orientering om anlæg", "Kvalitetsrevision af tilsynene"]  # same day
    relevant = titles(find(secretary, "kvalitetsrevision", kind="item"))
    assert relevant == ["Kvalitetsrevision af tilsynene", "Orientering om anlæg"]


def test_attachments_are_found_by_the_text_inside_them(held, settings, tmp_path):
    from docx import Document
    from weasyprint import HTML

    settings.MEDIA_ROOT = tmp_path
    budget = held.items.get(title="Ny model for budgetopfølgning")
    pdf = HTML(string="<p>Bilaget beskriver kvartalsregnskabet for Ejendomme.</p>").write_pdf()
    word = io.BytesIO()
    document = Document()
    document.add_paragraph("Tidsplan for implementeringsfasen")
    document.save(word)
    for name, data, kind in (
        ("regnskab.pdf", pdf, "application/pdf"),
        ("plan.docx", word.getvalue(), "application/msword"),
    ):
        agenda.add_attachment(
            budget, SimpleUploadedFile(name, data, content_type=kind), by=who("sekretaer")
        )
    secretary = who("sekretaer")
    assert titles(find(secretary, "kvartalsregnskab", kind="attachment")) == ["regnskab.pdf"]
    assert titles(find(secretary, "implementering", kind="attachment")) == ["plan.docx"]
    hit = find(secretary, "kvartalsregnskab", kind="attachment").hits[0]
    assert "<mark>kvartalsregnskabet</mark>" in hit.snippet_html
    assert Client().get(hit.url).status_code == 302  # to the login, then the file
    assert find(who("leder", "vejen"), "kvartalsregnskab").counts == {}


def test_the_page_the_api_and_the_command_give_the_same_answers(held, client):
    secretary = who("sekretaer")
    client.force_login(secretary)
    token = create_token(secretary)
    for params in ({"q": "budget", "type": "item"}, {"q": "lønindplacering", "type": "decision"}):
        expected = [hit.url for hit in find(secretary, params["q"], kind=params["type"]).hits]
        assert expected
        page = client.get("/albertslund/soeg/", params).content.decode()
        on_page = re.findall(r'<h4 class="search-hit-title"><a href="([^"]+)"', page)
        answer = client.get(
            "/api/v1/organisations/albertslund/search",
            {"q": params["q"], "kind": params["type"]},
            headers={"authorization": f"Bearer {token}"},
        ).json()
        out = io.StringIO()
        call_command(
            "search", params["q"], "--as", secretary.username, "--kind", params["type"], stdout=out
        )
        on_command_line = re.findall(r"^  (/\S+)$", out.getvalue(), re.MULTILINE)
        assert on_page == [hit["url"] for hit in answer["hits"]] == on_command_line == expected


def test_without_a_kind_the_page_groups_the_hits_by_kind(held, client):
    client.force_login(who("sekretaer"))
    page = client.get("/albertslund/soeg/", {"q": "lønindplacering"}).content.decode()
    assert 'Dagsordenspunkter <span class="search-count">(1)</span>' in page
    assert 'Beslutninger <span class="search-count">(1)</span>' in page
    assert "Fortrolig sag" in page and "lukket punkt" in page


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": ""}, None),
        ({"q": "x" * 201}, "200 tegn"),
        ({"q": "budget", "fra": "2027-04-01", "til": "2027-03-01"}, "byt om på de to datoer"),
        ({"q": "budget", "sag": "123"}, "KLE"),
        ({"q": "budget", "forum": "XYZ"}, None),
    ],
)
def test_a_search_that_cannot_be_made_says_why(params, message, client):
    client.force_login(who("sekretaer"))
    answer = client.get("/albertslund/soeg/", params)
    if params["q"] == "":
        assert answer.status_code == 200 and "Resultater" not in answer.content.decode()
        return
    assert answer.status_code == 400
    if message:
        assert message in answer.content.decode()


def test_the_api_and_the_command_refuse_with_the_same_words(client):
    token = create_token(who("sekretaer"))
    answer = client.get(
        "/api/v1/organisations/albertslund/search",
        {"q": "budget", "since": "2027-04-01", "until": "2027-03-01"},
        headers={"authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 400
    assert "byt om på de to datoer" in answer.json()["detail"]
    for args in (["budget", "--as", "ingen@albertslund"], ["--as", "sekretaer@albertslund"]):
        err = io.StringIO()
        with pytest.raises(SystemExit) as exit:
            call_command("search", *args, stderr=err)
        assert exit.value.code == 2 and err.getvalue().strip()


def test_the_other_municipality_and_visitors_cannot_search_here(client):
    assert client.get("/albertslund/soeg/?q=budget").status_code == 302
    client.force_login(who("leder", "vejen"))
    assert client.get("/albertslund/soeg/?q=budget").status_code == 404
    token = create_token(who("leder", "vejen"))
    answer = client.get(
        "/api/v1/organisations/albertslund/search?q=budget",
        headers={"authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 404
    assert Client().get("/api/v1/organisations/albertslund/search?q=x").status_code == 401


def test_every_search_is_logged_with_its_terms_and_the_closed_items_it_showed(held, client):
    client.force_login(who("sekretaer"))
    client.get("/albertslund/soeg/", {"q": "lønindplacering"})
    events = Event.objects.filter(kind="search", person=who("sekretaer"))
    assert {(e.terms, e.object_kind) for e in events} == {
        ("lønindplacering", ""),
        ("lønindplacering", "agenda.agendaitem"),
    }
    closed = held.items.get(title=SECRET)
    assert events.get(object_kind="agenda.agendaitem").object_id == str(closed.pk)


def test_the_index_follows_every_change_and_nothing_of_a_rolled_back_one(held):
    secretary = who("sekretaer")
    budget = held.items.get(title="Ny model for budgetopfølgning")
    changed = ItemData(
        title="Ny model for økonomistyring", kind="decision", case_number=CASE,
        responsible_director=who("omraadedirektoer"),
    )  # fmt: skip
    agenda.update_item(budget, changed, by=secretary)
    assert "Ny model for økonomistyring" in titles(find(secretary, "økonomistyring"))
    assert budget.pk not in [h.object_id for h in find(secretary, "budgetopfølgning").hits]
    decision = find(secretary, "budgetmodellen", kind="decision").hits[0]
    assert decision.title == "Ny model for økonomistyring"  # the decision shows the new title
    held.start += datetime.timedelta(days=1)
    held.end += datetime.timedelta(days=1)
    held.save()  # the meeting moves a day: what is found of it carries the new day
    assert {hit.day for hit in find(secretary, "økonomistyring").hits} == {
        datetime.date(2027, 3, 10)
    }
    with pytest.raises(RuntimeError), transaction.atomic():
        agenda.update_item(
            budget, ItemData(**{**vars(changed), "title": "Forkastet"}), by=secretary
        )
        raise RuntimeError
    assert titles(find(secretary, "forkastet")) == []


def test_a_rebuild_writes_the_same_index(held):
    before = sorted(Entry.objects.values_list("kind", "object_id", "title", "body", "day"))
    out = io.StringIO()
    call_command("search", "--rebuild", stdout=out)
    assert "item: " in out.getvalue()
    assert sorted(Entry.objects.values_list("kind", "object_id", "title", "body", "day")) == before


def test_the_queries_of_a_search_do_not_grow_with_the_hits(held, django_assert_max_num_queries):
    secretary = who("sekretaer")
    Organisation.objects.get(slug="albertslund")
    find(secretary, "budget")  # memberships worked out once
    with django_assert_max_num_queries(12) as few:
        find(secretary, "leder", kind="item")
    with time_machine.travel(BEFORE, tick=False):
        for number in range(15):
            ready(held, f"Lederudvikling {number}", background="Ledere og ledelse.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        find(secretary, "leder", kind="item")


def test_more_matched_is_never_said_of_rows_the_person_may_not_read(held, monkeypatch):
    """With a window of two rows: the secretariat, who reads every match, hears that more
    matched; a guest, for whom the newest matches are closed or in minutes not yet sent, is not
    told that text they may not read holds the word."""
    monkeypatch.setattr(finding, "CAP", 2)
    assert find(who("sekretaer"), "forslaget").capped  # on many items, all readable to them
    assert not find(who("leder"), "forslaget").capped
    assert find(who("sekretaer"), "budget", kind="decision").counts["decision"] >= 1


def test_a_word_is_found_at_the_start_of_words_whatever_its_case(held):
    secretary = who("sekretaer")
    assert SECRET in titles(find(secretary, "LØNINDPLACERING", kind="item"))  # Ø as ø
    assert SECRET not in titles(find(secretary, "indplacering", kind="item"))  # not mid-word
