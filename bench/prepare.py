"""Data for `make bench`, on top of the demo: a published DIF agenda of 30 lines (the charter's
three standing items and 27 approved items with presenters), logged-in sessions and a calendar
address. Prints what bench/run.py needs as JSON."""

import datetime
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

import time_machine  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils import timezone  # noqa: E402

from ledelsesfora.agenda import agendas, operations  # noqa: E402
from ledelsesfora.agenda.operations import ItemData  # noqa: E402
from ledelsesfora.forums.models import Charter  # noqa: E402
from ledelsesfora.forums.operations import load_charter  # noqa: E402
from ledelsesfora.meetings.models import CalendarFeed, Meeting  # noqa: E402
from ledelsesfora.minutes.models import Minutes  # noqa: E402
from ledelsesfora.organisation.models import Organisation, Person  # noqa: E402


def person(handle: str) -> Person:
    return Person.objects.get(username=f"{handle}@albertslund")


def session_for(who: Person) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(who.pk)
    store[BACKEND_SESSION_KEY] = "ledelsesfora.organisation.backends.PersonBackend"
    store[HASH_SESSION_KEY] = who.get_session_auth_hash()
    store.create()
    return store.session_key


def thirty_line_agenda() -> Meeting:
    director, secretary = person("omraadedirektoer"), person("sekretaer")
    meeting = (
        Meeting.objects.held()
        .filter(
            forum__organisation__slug="albertslund",
            forum__short_name="DIF",
            agenda_published_at__isnull=True,
            submission_deadline__isnull=False,
            start__gt=timezone.now() + datetime.timedelta(days=30),
        )
        .order_by("start")
        .first()
    )
    deadline = datetime.datetime.combine(
        meeting.submission_deadline, datetime.time(8), tzinfo=timezone.get_current_timezone()
    )
    with time_machine.travel(deadline, tick=False):
        for index in range(1, 28):
            item = operations.create_item(
                meeting.forum,
                ItemData(
                    title=f"Punkt {index}: opfølgning på indsatsen",
                    kind="decision" if index % 3 == 0 else "information",
                    recommendation="Det indstilles, at orienteringen tages til efterretning.",
                    duration_minutes=3,
                    closed=index % 9 == 0,
                    responsible_director=director,
                ),
                by=director,
                meeting=meeting,
                presenters=[director],
            )
            operations.submit_item(item, by=director)
            operations.review_item(item, by=secretary)
            operations.approve_item(item, by=director)
        agendas.publish_agenda(meeting, by=secretary)
    return meeting


def publish_dif() -> None:
    """DIF as open data (`public = true`), for the OParl page."""
    albertslund = Organisation.objects.get(slug="albertslund")
    text = Charter.objects.current(albertslund).as_toml()
    marker = 'short_name = "DIF"\n'
    if marker + "public = true" not in text:
        load_charter(text.replace(marker, marker + "public = true\n", 1), source="bench")


def main() -> None:
    publish_dif()
    meeting = thirty_line_agenda()
    minutes = Minutes.objects.filter(meeting__forum__organisation__slug="albertslund").first()
    director = person("omraadedirektoer")
    feed = CalendarFeed.objects.filter(
        person=director, revoked_at__isnull=True
    ).first() or CalendarFeed.objects.create(person=director)
    print(
        json.dumps(
            {
                "agenda": f"/moede/{meeting.pk}/",
                "agenda_lines": meeting.items.count(),
                "minutes": f"/moede/{minutes.meeting_id}/referat/",
                "feed": f"/kalender/{feed.token}/personlig.ics",
                "sessions": {
                    handle: session_for(person(handle))
                    for handle in ("borgmester", "sekretaer", "omraadedirektoer", "leder")
                },
            }
        )
    )


if __name__ == "__main__":
    main()
