"""The agenda pages: each role's page, and who is turned away."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ledelsesfora.agenda import agendas, operations
from ledelsesfora.agenda.models import AgendaItem, Attachment
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.forums.models import WorkingGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(clock, who, forum, meeting):
    director = who("omraadedirektoer")
    created = operations.create_item(
        forum("DIF"),
        ItemData(
            title="Lukket omorganisering",
            kind="information",
            closed=True,
            responsible_director=director,
        ),
        by=director,
        meeting=meeting("DIF", 2027, 3, 9),
    )
    return operations.submit_item(created, by=director)


def test_outsiders_are_sent_to_the_login(client, item):
    for url in (
        f"/punkt/{item.pk}/",
        f"/moede/{item.meeting_id}/",
        f"/moede/{item.meeting_id}/sekretariat/",
        "/albertslund/punkter/",
        "/albertslund/punkter/nyt/?forum=DIF",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url


def test_another_municipality_sees_nothing(login, item):
    client = login("sekretaer", "vejen")
    for url in (
        f"/punkt/{item.pk}/",
        f"/moede/{item.meeting_id}/",
        f"/moede/{item.meeting_id}/sekretariat/",
        "/albertslund/punkter/",
        "/albertslund/punkter/nyt/?forum=DIF",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/punkt/{item.pk}/review/").status_code == 404
    assert client.post(f"/moede/{item.meeting_id}/publish/").status_code == 404


def test_a_closed_item_is_hidden_from_non_members_even_when_published(login, who, item, meeting):
    operations.review_item(item, by=who("sekretaer"))
    operations.approve_item(AgendaItem.objects.get(pk=item.pk), by=who("omraadedirektoer"))
    agendas.publish_agenda(meeting("DIF", 2027, 3, 9), by=who("sekretaer"))
    assert login("afdelingschef").get(f"/punkt/{item.pk}/").status_code == 404
    page = login("afdelingschef").get(f"/moede/{item.meeting_id}/")
    assert page.status_code == 404  # not a member of DIF, invited to nothing
    member = login("borgmester").get(f"/moede/{item.meeting_id}/").content.decode()
    assert "Lukket omorganisering" in member and "lukket punkt" in member


def test_the_submitter_sees_my_items_and_the_director_what_awaits_approval(login, who, item):
    operations.review_item(item, by=who("sekretaer"), sparring="Godt.")
    page = login("omraadedirektoer").get("/albertslund/punkter/").content.decode()
    assert "Afventer min godkendelse" in page and "Lukket omorganisering" in page
    detail = login("omraadedirektoer").get(f"/punkt/{item.pk}/").content.decode()
    assert "Godkend" in detail and "Godt." in detail


def test_the_director_approves_through_the_page(login, who, item):
    operations.review_item(item, by=who("sekretaer"))
    login("omraadedirektoer").post(f"/punkt/{item.pk}/approve/")
    assert AgendaItem.objects.get(pk=item.pk).status == "approved"


def test_a_refused_step_is_explained_on_the_page(login, item):
    response = login("omraadedirektoer").post(f"/punkt/{item.pk}/review/", follow=True)
    assert "Kun sekretariatet kan kvalitetssikre punkter." in response.content.decode()


def test_an_unknown_action_is_404(login, item):
    assert login("sekretaer").post(f"/punkt/{item.pk}/explode/").status_code == 404
    assert login("sekretaer").post(f"/moede/{item.meeting_id}/explode/").status_code == 404


def test_a_manager_cannot_publish_or_order(login, item):
    client = login("leder")
    assert client.post(f"/moede/{item.meeting_id}/publish/").status_code == 404  # cannot see it
    client = login("borgmester")  # a DIF member, but not the secretariat
    assert client.post(f"/moede/{item.meeting_id}/publish/").status_code == 403
    assert client.post(f"/moede/{item.meeting_id}/order/", {"order": "[]"}).status_code == 403


def test_new_item_form_and_its_errors(login, meeting):
    client = login("omraadedirektoer")
    page = client.get("/albertslund/punkter/nyt/?forum=DIF").content.decode()
    assert "Beslutningspunkt" in page and "Temadrøftelse" not in page
    response = client.post(
        "/albertslund/punkter/nyt/?forum=DIF",
        {
            "title": "Nyt punkt",
            "kind": "decision",
            "case_number": "forkert",
            "duration_minutes": "20",
        },
    )
    assert response.status_code == 200
    assert "følger ikke KLE-mønstret" in response.content.decode()
    assert not AgendaItem.objects.filter(title="Nyt punkt").exists()


def test_the_reflection_forum_form_explains_the_charter(login):
    page = login("kommunaldirektoer").get("/albertslund/punkter/nyt/?forum=DIF-R").content.decode()
    assert "Der laves ingen dagsorden" in page
    assert '<form method="post" novalidate>' not in page


def test_attachments_are_checked_and_served_only_to_who_may_see_the_item(login, item):
    client = login("omraadedirektoer")
    fake = SimpleUploadedFile("budget.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(f"/punkt/{item.pk}/attach/", {"file": fake}, follow=True)
    assert "budget.pdf er ikke en PDF-fil" in response.content.decode()
    pdf = SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget", content_type="application/pdf")
    client.post(f"/punkt/{item.pk}/attach/", {"file": pdf})
    attachment = Attachment.objects.get(item=item)
    assert attachment.file.name.startswith("attachments/") and "budget" not in attachment.file.name
    download = client.get(f"/bilag/{attachment.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 budget"
    assert login("afdelingschef").get(f"/bilag/{attachment.pk}/").status_code == 404
    assert login("leder", "vejen").get(f"/bilag/{attachment.pk}/").status_code == 404
    attachment.file.delete(save=False)  # a restore that brought the rows but not the files
    missing = login("omraadedirektoer").get(f"/bilag/{attachment.pk}/")
    assert missing.status_code == 404 and "Siden findes ikke" in missing.content.decode()
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = login("omraadedirektoer").post(
        f"/punkt/{item.pk}/attach/", {"file": exe}, follow=True
    )
    assert (
        "vedhæft PDF-, Word-, Excel-, PowerPoint-, PNG- eller JPEG-filer"
        in response.content.decode()
    )


def test_the_agenda_page_costs_the_same_queries_for_more_items(login, who, forum, meeting, clock):
    dif_meeting = meeting("DIF", 2027, 3, 9)
    director = who("omraadedirektoer")

    def add(n):
        for index in range(n):
            created = operations.create_item(
                forum("DIF"),
                ItemData(title=f"Punkt {index}", kind="information", responsible_director=director),
                by=director,
                meeting=dif_meeting,
                presenters=[director],
            )
            operations.submit_item(created, by=director)

    client = login("sekretaer")
    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get(f"/moede/{dif_meeting.pk}/")
    add(8)
    with CaptureQueriesContext(connection) as many:
        client.get(f"/moede/{dif_meeting.pk}/")
    assert len(many.captured_queries) == len(few.captured_queries)
    assert b"Punkt 7" in client.get(f"/moede/{dif_meeting.pk}/").content


def test_the_board_lets_the_secretariat_reorder_with_buttons(login, who, forum, meeting, clock):
    dif_meeting = meeting("DIF", 2027, 3, 9)
    director = who("omraadedirektoer")
    for title in ("A", "B"):
        created = operations.create_item(
            forum("DIF"),
            ItemData(title=title, kind="information", responsible_director=director),
            by=director,
            meeting=dif_meeting,
        )
        operations.submit_item(created, by=director)
    client = login("sekretaer")
    b = AgendaItem.objects.get(title="B", meeting=dif_meeting)
    client.post(f"/punkt/{b.pk}/move/", {"direction": "up"})
    order = list(
        dif_meeting.items.filter(standing=False, title__in=["A", "B"])
        .in_order()
        .values_list("title", flat=True)
    )
    assert order == ["B", "A"]
    page = client.get(f"/moede/{dif_meeting.pk}/sekretariat/").content.decode()
    assert "Flyt B op" in page
    response = client.post(f"/moede/{dif_meeting.pk}/order/", {"order": "not json"}, follow=True)
    assert response.status_code == 200


def test_notifications_reach_a_real_smtp_server(
    who, forum, meeting, clock, settings, django_capture_on_commit_callbacks
):
    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append((envelope.rcpt_tos, envelope.content.decode()))
            return "250 OK"

    import socket

    with socket.socket() as probe:  # a free port on this machine
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = (
            "127.0.0.1",
            controller.server.sockets[0].getsockname()[1],
        )
        director = who("omraadedirektoer")
        created = operations.create_item(
            forum("DIF"),
            ItemData(title="Via SMTP", kind="information", responsible_director=director),
            by=director,
            meeting=meeting("DIF", 2027, 3, 9),
        )
        with django_capture_on_commit_callbacks(execute=True):
            operations.submit_item(created, by=director)
    finally:
        controller.stop()
    assert [rcpt for rcpt, _body in received] == [["sekretaer@albertslund.demo.invalid"]]
    assert "Nyt punkt til DIF: Via SMTP" in received[0][1]


def test_members_form_a_working_group_and_plan_its_meeting(login, who):
    client = login("afdelingschef", "vejen")
    chef, director = who("afdelingschef", "vejen"), who("omraadedirektoer", "vejen")
    page = client.get("/vejen/fora/CF/").content.decode()
    assert "Dan en arbejdsgruppe" in page
    client.post(
        "/vejen/fora/CF/arbejdsgrupper/",
        {
            "mode": "faelles-opgaveloesning",
            "title": "Fælles indkøb",
            "task": "Samle indkøb",
            "members": [chef.pk, director.pk],
        },
    )
    group = WorkingGroup.objects.get(title="Fælles indkøb")
    assert set(group.members.all()) == {chef, director}
    response = client.post(
        f"/arbejdsgruppe/{group.pk}/moede/",
        {"date": "2027-02-10", "time": "10:00", "minutes": "60"},
        follow=True,
    )
    assert "Arbejdsgruppen mødes 10.02.2027 10:00." in response.content.decode()
    assert group.meetings.get().title == "Fælles indkøb"
    alone = client.post(
        "/vejen/fora/CF/arbejdsgrupper/",
        {"mode": "faelles-opgaveloesning", "title": "Alene", "members": [chef.pk]},
        follow=True,
    )
    assert "mindst 2 medlemmer" in alone.content.decode()


def test_a_working_group_is_closed_to_outsiders(login, who):
    group = WorkingGroup.objects.get(title="Tværgående rekrutteringsindsats")  # from the demo
    assert login("leder", "vejen").post(f"/arbejdsgruppe/{group.pk}/moede/", {}).status_code == 403
    assert (
        login("leder", "albertslund").post(f"/arbejdsgruppe/{group.pk}/moede/", {}).status_code
        == 404
    )
    assert (
        login("leder", "albertslund").post("/vejen/fora/CF/arbejdsgrupper/", {}).status_code == 404
    )


def test_meeting_time_per_strategy_anchor(login):
    page = login("afdelingschef", "vejen").get(
        "/vejen/fora/CF/forankring/?fra=2026-01-01&til=2026-12-31"
    )
    content = page.content.decode()
    assert "Mødetid pr. strategisk forankring" in content
    assert "Mission" in content and "Direktionens strategiplan" in content
    rows = {row.key: row for row in page.context["rows"]}
    assert rows["mission"].minutes > 0 and rows["strategiplan"].minutes > 0
    assert login("leder", "albertslund").get("/vejen/fora/CF/forankring/").status_code == 404
    assert login("leder", "albertslund").get("/albertslund/fora/DIF/forankring/").status_code == 404


def test_bad_ids_in_forms_never_give_a_500(login, item):
    client = login("sekretaer")
    meeting = item.meeting_id
    assert client.post(f"/punkt/{item.pk}/place/", {"meeting": "abc"}).status_code == 302
    assert client.post(f"/moede/{meeting}/order/", {"order": "[1e400]"}).status_code == 302
    assert client.post(f"/moede/{meeting}/referat/outcome/", {"item": "abc"}).status_code == 302
    assert (
        client.post(
            f"/moede/{meeting}/referat/followup/", {"item": "x", "owner": "y", "due": "z"}
        ).status_code
        == 302
    )
    response = login("afdelingschef", "vejen").post(
        "/vejen/fora/CF/arbejdsgrupper/", {"members": ["abc", "99999999999999999999"]}
    )
    assert response.status_code == 302


def test_a_standing_item_cannot_be_moved_and_members_cannot_order(login, item):
    standing = AgendaItem.objects.filter(meeting=item.meeting, standing=True).first()
    agendas.ensure_standing_items(item.meeting)
    standing = AgendaItem.objects.filter(meeting=item.meeting, standing=True).first()
    response = login("borgmester").post(f"/punkt/{item.pk}/move/", {"direction": "up"})
    assert response.status_code in (302, 404)
    response = login("sekretaer").post(
        f"/punkt/{standing.pk}/move/", {"direction": "up"}, follow=True
    )
    assert "Faste punkter står først" in response.content.decode()


def test_a_change_after_approval_needs_a_new_approval(who, item):
    approved = operations.approve_item(
        operations.review_item(item, by=who("sekretaer")), by=who("omraadedirektoer")
    )
    changed = ItemData(
        title=approved.title,
        kind="information",
        closed=True,
        responsible_director=who("omraadedirektoer"),
        background="Ny baggrund",
    )
    updated = operations.update_item(approved, changed, by=who("sekretaer"))
    assert updated.status == "reviewed"
    assert updated.events.last().note == "Ændret efter godkendelsen; godkend det igen."


@pytest.mark.parametrize(
    "field", ["presenters", "guests", "responsible_director", "responsible_unit"]
)
def test_an_id_too_large_for_the_database_is_a_form_error(login, field):
    """SQLite's integers end at 2**63: a bigger 'id' used to answer 500."""
    from ledelsesfora.agenda.models import AgendaItem

    before = AgendaItem.objects.count()
    answer = login("chef-oekonomi-stab").post(
        "/albertslund/punkter/nyt/?forum=DIF",
        {"title": "Stort tal", "kind": "information", field: "9" * 30},
    )
    assert answer.status_code in (200, 400)
    assert AgendaItem.objects.count() == before
