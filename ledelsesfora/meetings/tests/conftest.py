import datetime

import pytest

from ledelsesfora.meetings.models import Meeting


@pytest.fixture
def dif(db):
    """Albertslund's DIF meeting of Tuesday 9 March 2027, stored by the demo."""
    return Meeting.objects.get(
        forum__organisation__slug="albertslund",
        forum__short_name="DIF",
        start__date=datetime.date(2027, 3, 9),
    )
