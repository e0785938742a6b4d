"""The JSON API of meetings: a forum's meetings between two dates."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from ledelsesfora.forums.access import forum_for
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.schemas import Error

router = Router(tags=["meetings"])


class MeetingOut(Schema):
    id: int
    start: datetime.datetime
    end: datetime.datetime
    status: str
    kind: str
    title: str
    iso_week: int
    submission_deadline: datetime.date | None = Field(
        description="The last day for items (Europe/Copenhagen)."
    )
    deadline_time: datetime.time | None = Field(
        description="When on that day the deadline passes; null: at the end of the day."
    )
    publication: datetime.date | None = Field(
        description="The day the agenda is published; never before the deadline has passed."
    )
    publication_time: datetime.time | None = Field(
        description="From when on that day; null: from the start of the day."
    )
    agenda_published: bool

    @staticmethod
    def resolve_start(meeting: Meeting) -> datetime.datetime:
        return timezone.localtime(meeting.start)

    @staticmethod
    def resolve_end(meeting: Meeting) -> datetime.datetime:
        return timezone.localtime(meeting.end)

    @staticmethod
    def resolve_agenda_published(meeting: Meeting) -> bool:
        return meeting.agenda_published_at is not None


def _a_year_after(day: datetime.date) -> datetime.date:
    try:
        return day + relativedelta(years=1)
    except (ValueError, OverflowError):
        return datetime.date.max


@router.get(
    "/organisations/{org}/forums/{forum}/meetings",
    response={200: list[MeetingOut], 400: Error, 404: Error},
)
def meetings(
    request,
    org: str,
    forum: str,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
):
    """The forum's meetings starting between `start` and `end` (both included), cancelled and
    skipped ones too (see `status`). `start` defaults to today, `end` to a year after `start`."""
    found = forum_for(request.auth, org, forum)
    start = start or timezone.localdate()
    end = end or _a_year_after(start)
    if end < start:
        raise HttpError(
            400,
            _("end (%(end)s) is before start (%(start)s); swap them.")
            % {"end": end, "start": start},
        )
    return found.meetings.between(start, end).order_by("start")
