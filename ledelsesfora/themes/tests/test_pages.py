"""The themes pages as each person sees them: a forum's themes, a theme, proposing and input
by form, the selection on DIF's item, the theme on the lederdag's page and on the årshjul."""

import datetime

import pytest
from django.urls import reverse

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.themes import operations
from ledelsesfora.themes.models import Theme
from ledelsesfora.themes.tests.conftest import (
    CHEF,
    LEADER,
    MAYOR,
    OTHER,
    SECRETARY,
)

pytestmark = pytest.mark.django_db
LF_THEMES = reverse("forum-themes", args=["albertslund", "LF"])


def test_a_manager_sees_the_proposals_the_coming_lederdage_and_the_form(login):
    page = login(LEADER).get(LF_THEMES)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Temaer til Lederforum (lederdage)" in text
    assert "Forandringsledelse" in text and "torsdag 11. marts 2027" in text
    assert 'id="foreslaa"' in text  # the form: LF's members propose
    assert "Direktørforum vælger det inden dagen" in text  # DIF's draft item is not theirs


def test_the_mayor_follows_but_gets_no_form(login):
    text = login(MAYOR).get(LF_THEMES).content.decode()
    assert "Forandringsledelse" in text and 'id="foreslaa"' not in text


@pytest.mark.parametrize("username", [OTHER])
def test_another_municipality_finds_nothing(login, username, lf_theme):
    client = login(username)
    assert client.get(LF_THEMES).status_code == 404
    assert client.get(reverse("theme", args=[lf_theme("Forandringsledelse").pk])).status_code == 404


def test_an_employee_outside_the_forums_finds_nothing(client, consultant, lf_theme):
    client.force_login(consultant)
    assert client.get(LF_THEMES).status_code == 404
    assert client.get(reverse("theme", args=[lf_theme("Forandringsledelse").pk])).status_code == 404
    assert (
        client.post(
            reverse("theme-propose", args=["albertslund", "LF"]), {"title": "Snigende"}
        ).status_code
        == 404
    )
    assert not Theme.objects.filter(title="Snigende").exists()
    forum_page = client.get(reverse("forum", args=["albertslund", "LF"])).content.decode()
    assert LF_THEMES not in forum_page  # no link to what they may not open


def test_an_anonymous_visitor_is_sent_to_log_in(client, lf_theme):
    for url in (LF_THEMES, reverse("theme", args=[lf_theme("Forandringsledelse").pk])):
        answer = client.get(url)
        assert answer.status_code == 302 and answer["Location"].startswith("/login/")


def test_a_forum_without_themes_has_no_themes_page(login):
    assert login(LEADER).get(reverse("forum-themes", args=["albertslund", "CF"])).status_code == 404


def test_the_forum_page_links_to_its_themes(login):
    assert (
        LF_THEMES
        in login(LEADER).get(reverse("forum", args=["albertslund", "LF"])).content.decode()
    )


def test_proposing_by_form_leads_to_the_theme(login):
    client = login(LEADER)
    answer = client.post(
        reverse("theme-propose", args=["albertslund", "LF"]),
        {"title": "Trivsel i hverdagen", "description": "Fordi sygefraværet stiger."},
        follow=True,
    )
    theme = Theme.objects.get(title="Trivsel i hverdagen")
    assert answer.redirect_chain[-1][0] == reverse("theme", args=[theme.pk])
    assert "Temaet er foreslået." in answer.content.decode()
    assert "Fordi sygefraværet stiger." in answer.content.decode()


def test_an_empty_title_is_explained_and_nothing_stored(login):
    before = Theme.objects.count()
    answer = login(LEADER).post(
        reverse("theme-propose", args=["albertslund", "LF"]), {"title": "  "}, follow=True
    )
    assert answer.status_code == 200
    assert "Giv temaet en titel." in answer.content.decode()
    assert Theme.objects.count() == before


def test_the_mayor_cannot_propose_by_form_either(login):
    answer = login(MAYOR).post(
        reverse("theme-propose", args=["albertslund", "LF"]), {"title": "Fra rådhuset"}, follow=True
    )
    assert "Medlemmerne af Chefforum og Lederforum (lederdage)" in answer.content.decode()
    assert not Theme.objects.filter(title="Fra rådhuset").exists()


def test_a_chef_proposes_from_chefforums_theme_discussion(login):
    discussion = AgendaItem.objects.get(
        forum__organisation__slug="albertslund",
        forum__short_name="CF",
        title="Fælles indsats mod sygefravær",
    )
    client = login(CHEF)
    item_page = client.get(reverse("item", args=[discussion.pk])).content.decode()
    assert f"{LF_THEMES}?punkt={discussion.pk}" in item_page
    form = client.get(LF_THEMES, {"punkt": discussion.pk}).content.decode()
    assert f'name="source_item" value="{discussion.pk}"' in form
    client.post(
        reverse("theme-propose", args=["albertslund", "LF"]),
        {"title": "Sygefravær på tværs", "source_item": discussion.pk},
    )
    assert Theme.objects.get(title="Sygefravær på tværs").source_item == discussion


def test_input_by_form(login, lf_theme):
    theme = lf_theme("Forandringsledelse")
    client = login(LEADER)
    client.post(reverse("theme-input", args=[theme.pk]), {"text": "Tag det op i grupper."})
    page = client.get(reverse("theme", args=[theme.pk])).content.decode()
    assert "Tag det op i grupper." in page


def test_the_secretariat_records_the_selection_on_difs_item(login, at_the_meeting, lf_theme):
    client = login(SECRETARY)
    page = client.get(reverse("item", args=[at_the_meeting.pk])).content.decode()
    assert "Registrér valget i referatet" in page and "Forandringsledelse" in page
    theme = lf_theme("Forandringsledelse")
    answer = client.post(
        reverse("item-select-theme", args=[at_the_meeting.pk]), {"theme": theme.pk}, follow=True
    )
    assert "Valget er registreret i referatet: »Forandringsledelse«." in answer.content.decode()
    lederdag = client.get(reverse("meeting-agenda", args=[at_the_meeting.theme_for_id]))
    assert "Forandringsledelse" in lederdag.content.decode()


def test_before_the_meeting_the_item_says_when_the_selection_is_recorded(
    login, on_published_agenda
):
    page = login(SECRETARY).get(reverse("item", args=[on_published_agenda.pk])).content.decode()
    assert "Valget registreres i referatet, når mødet er begyndt" in page
    assert "Registrér valget i referatet" not in page


def test_a_manager_gets_no_selection_form(login, at_the_meeting, lf_theme):
    # the published item is theirs to read only if they are in DIF: a manager is not
    client = login(LEADER)
    assert client.get(reverse("item", args=[at_the_meeting.pk])).status_code == 404
    theme = lf_theme("Forandringsledelse")
    client.post(reverse("item-select-theme", args=[at_the_meeting.pk]), {"theme": theme.pk})
    theme.refresh_from_db()
    assert theme.status == Theme.Status.PROPOSED


def test_the_lederdag_page_says_the_theme_is_not_selected_yet(login, forum):
    lederdag = forum("LF").meetings.get(start__date=datetime.date(2027, 3, 11))
    page = login(LEADER).get(reverse("meeting-agenda", args=[lederdag.pk])).content.decode()
    assert "Temaet er endnu ikke valgt." in page
    assert "Se og foreslå temaer" in page


def test_the_wheel_shows_a_selected_theme_to_those_who_follow_it(
    login, client, at_the_meeting, lf_theme, who, consultant
):
    operations.select_theme(at_the_meeting, lf_theme("Forandringsledelse"), by=who(SECRETARY))
    wheel = reverse("wheel", args=["albertslund"]) + "?aar=2027"
    assert "LF: tema »Forandringsledelse«" in login(LEADER).get(wheel).content.decode()
    client.force_login(consultant)
    assert "Forandringsledelse" not in client.get(wheel).content.decode()


def test_the_themes_page_reads_a_constant_number_of_queries(
    login, who, forum, django_assert_max_num_queries
):
    client = login(LEADER)
    client.get(LF_THEMES)  # the person's standing, the memo

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from ledelsesfora.revision import memo

        memo.forget()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LF_THEMES).status_code == 200
        return len(queries)

    few = count()
    for n in range(12):
        theme = operations.propose_theme(forum("LF"), by=who(LEADER), title=f"Tema {n}")
        operations.add_input(theme, by=who(CHEF), text="Godt")
    assert count() == few
