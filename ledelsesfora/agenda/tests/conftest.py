import datetime

import pytest
import time_machine

from ledelsesfora.forums.models import Forum
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.meetings.planning import TIMEZONE
from ledelsesfora.organisation.models import Person

# A Monday in a year the demo has stored (2027): DIF meets Tuesdays, items are due Thursdays.
NOW = datetime.datetime(2027, 3, 1, 10, 0, tzinfo=TIMEZONE)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def who(db):
    return lambda handle, org="albertslund": Person.objects.get(username=f"{handle}@{org}")


@pytest.fixture
def forum(db):
    return lambda short_name, org="albertslund": Forum.objects.get(
        organisation__slug=org, short_name=short_name
    )


@pytest.fixture
def meeting(db):
    """The forum's meeting on a date, e.g. meeting("DIF", 2027, 3, 9)."""

    def get(short_name, year, month, day, org="albertslund"):
        return Meeting.objects.get(
            forum__organisation__slug=org,
            forum__short_name=short_name,
            start__date=datetime.date(year, month, day),
        )

    return get
