"""The selection and the minutes never disagree, and nobody learns a theme they do not follow
through the selecting item."""

import datetime

import pytest
from django.urls import reverse

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.errors import Refused
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.models import Outcome
from ledelsesfora.minutes.operations import record_outcome
from ledelsesfora.themes import operations
from ledelsesfora.themes.models import Theme
from ledelsesfora.themes.tests.conftest import MAYOR, SECRETARY

pytestmark = pytest.mark.django_db


def test_noting_or_deferring_the_item_releases_its_theme(who, at_the_meeting, lf_theme):
    theme = operations.select_theme(
        at_the_meeting, lf_theme("Forandringsledelse"), by=who(SECRETARY)
    )
    assert theme.status == Theme.Status.SELECTED
    record_outcome(at_the_meeting, by=who(SECRETARY), outcome=Outcome.Kind.NOTED)
    theme.refresh_from_db()
    assert theme.status == Theme.Status.PROPOSED and theme.meeting is None
    assert [e.action for e in theme.events.all()][-2:] == ["selected", "released"]


def test_the_minutes_page_cannot_decide_the_item_without_the_choice(who, at_the_meeting):
    with pytest.raises(Refused, match="punktets side"):
        record_outcome(
            at_the_meeting, by=who(SECRETARY), outcome=Outcome.Kind.DECIDED, text="Valgt."
        )
    assert not Outcome.objects.filter(item=at_the_meeting).exists()


def test_a_cancelled_lederdag_gets_no_theme(who, at_the_meeting, lf_theme):
    Meeting.objects.filter(pk=at_the_meeting.theme_for_id).update(status=Meeting.Status.CANCELLED)
    at_the_meeting.theme_for.refresh_from_db()
    with pytest.raises(operations.ThemeError, match="aflyst"):
        operations.select_theme(at_the_meeting, lf_theme("Forandringsledelse"), by=who(SECRETARY))


def test_a_presenter_of_difs_item_learns_no_theme(client, consultant, at_the_meeting, forum):
    at_the_meeting.presenters.add(consultant)
    client.force_login(consultant)
    page = client.get(reverse("item", args=[at_the_meeting.pk])).content.decode()
    assert page.count('<a href="/tema/') == 0
    withdrawn = Theme.objects.get(forum=forum("LD"), status=Theme.Status.WITHDRAWN)
    answer = client.post(
        reverse("item-select-theme", args=[at_the_meeting.pk]), {"theme": withdrawn.pk}, follow=True
    )
    text = answer.content.decode()
    assert "Vælg et af de foreslåede temaer." in text and withdrawn.title not in text


def test_the_mayor_gets_no_links_to_lederdage_they_cannot_open(login):
    page = login(MAYOR).get(reverse("forum-themes", args=["albertslund", "LF"])).content.decode()
    lederdag = Meeting.objects.get(
        forum__organisation__slug="albertslund",
        forum__short_name="LF",
        start__date=datetime.date(2027, 3, 11),
    )
    assert "torsdag 11. marts 2027" in page
    assert reverse("meeting-agenda", args=[lederdag.pk]) not in page


def test_the_selecting_item_is_not_made_on_a_working_group_meeting():
    items = AgendaItem.objects.filter(theme_for__isnull=False).select_related("meeting")
    assert all(item.meeting.working_group_id is None for item in items)
