import datetime

import pytest
import time_machine

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.forums.models import Forum
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person, Position, PositionType, Unit
from ledelsesfora.themes.models import Theme

LEADER = "leder-by-miljoe-3-4@albertslund"  # a manager with staff responsibility: LF
CHEF = "afdelingschef@albertslund"  # CF and LF
MAYOR = "borgmester@albertslund"  # DIF only: follows LF's themes, proposes none
SECRETARY = "sekretaer@albertslund"
MINUTE_TAKER = "chef-oekonomi-stab@albertslund"  # DIF's minute-taker
HOST = "kommunaldirektoer@albertslund"  # the Lederdøgn's host
OTHER = "leder@vejen"  # another municipality
ADMIN = "admin@albertslund"  # the administrator: no secretariat (docs/decisions.md), no forum


@pytest.fixture
def who(db):
    return lambda username: Person.objects.get(username=username)


@pytest.fixture
def forum(db):
    return lambda short_name: Forum.objects.get(
        organisation__slug="albertslund", short_name=short_name
    )


@pytest.fixture
def consultant(db):
    """An employee of Albertslund in a department, with no staff responsibility: in no forum."""
    person = Person.objects.create(
        username="konsulent-byg@albertslund",
        full_name="Karl Konsulent",
        email="konsulent-byg@albertslund.demo.invalid",
        organisation=Person.objects.get(username=LEADER).organisation,
    )
    Position.objects.create(
        person=person,
        unit=Unit.objects.get(key="by-miljoe-ejendomme", organisation__slug="albertslund"),
        position_type=PositionType.objects.get(key="konsulent", organisation__slug="albertslund"),
        start=datetime.date(2020, 1, 1),
    )
    return person


@pytest.fixture
def theme_item(db):
    """DIF's item that selects the theme of the lederdag of 11 March 2027."""
    return AgendaItem.objects.select_related("meeting", "theme_for").get(
        theme_for__forum__short_name="LF",
        theme_for__start__date=datetime.date(2027, 3, 11),
    )


def publish_item(item: AgendaItem) -> AgendaItem:
    """The item approved and on the published agenda of its meeting (the steps before are the
    agenda's own, tested there)."""
    AgendaItem.objects.filter(pk=item.pk).update(status=AgendaItem.Status.PUBLISHED)
    Meeting.objects.filter(pk=item.meeting_id).update(
        agenda_published_at=item.meeting.start - datetime.timedelta(days=4)
    )
    item.refresh_from_db()
    return item


@pytest.fixture
def on_published_agenda(theme_item):
    return publish_item(theme_item)


@pytest.fixture
def at_the_meeting(on_published_agenda):
    with time_machine.travel(
        on_published_agenda.meeting.start + datetime.timedelta(minutes=30), tick=False
    ):
        yield on_published_agenda


@pytest.fixture
def lf_theme(db):
    return lambda title: Theme.objects.get(forum__short_name="LF", title=title)
