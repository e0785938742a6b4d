import datetime

import pytest
import time_machine

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.programmes.models import Programme
from ledelsesfora.themes.tests.conftest import (  # noqa: F401
    SECRETARY,
    at_the_meeting,
    consultant,
    forum,
    lf_theme,
    on_published_agenda,
    publish_item,
    theme_item,
    who,
)

LEDERDAG = datetime.date(2027, 3, 11)


@pytest.fixture
def lederdag(db):
    """The lederdag of 11 March 2027, without the programme the demo built for it, so a test
    builds its own."""
    meeting = Meeting.objects.select_related("forum").get(
        forum__organisation__slug="albertslund", forum__short_name="LF", start__date=LEDERDAG
    )
    Programme.objects.filter(meeting=meeting).delete()
    return meeting


@pytest.fixture
def approval_item(db, lederdag):
    """DIF's item that approves the programme of the lederdag of 11 March 2027."""
    return AgendaItem.objects.select_related("meeting", "programme_for").get(programme_for=lederdag)


@pytest.fixture
def theme_selected(at_the_meeting, lf_theme, who):  # noqa: F811
    """DIF has selected the lederdag's theme (at its meeting of 26 January 2027)."""
    from ledelsesfora.themes import operations

    return operations.select_theme(
        at_the_meeting, lf_theme("Forandringsledelse"), by=who(SECRETARY)
    )


@pytest.fixture
def at_the_approval(approval_item):
    """At DIF's meeting of 23 February 2027, with the approval item on its published agenda."""
    publish_item(approval_item)
    with time_machine.travel(
        approval_item.meeting.start + datetime.timedelta(minutes=30), tick=False
    ):
        yield approval_item


@pytest.fixture
def lederdoegn(forum):  # noqa: F811
    """A Lederdøgn of 2028 (the demo stores 2026 and 2027): 12-12 with a night."""
    start = datetime.datetime(2028, 10, 5, 10, 0, tzinfo=datetime.UTC)
    return Meeting.objects.create(
        forum=forum("LD"),
        rhythm="lederdoegn",
        kind="lederdoegn",
        title="Lederdøgn (12-12)",
        start=start,
        end=start + datetime.timedelta(days=1),
    )
