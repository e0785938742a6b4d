"""The JSON API of meetings: a forum's meetings between two dates; moving, cancelling and
re-opening one (the secretariat)."""

from __future__ import annotations

import datetime
from typing import Literal

from dateutil.relativedelta import relativedelta
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from ledelsesfora.forums.access import forum_for
from ledelsesfora.meetings import operations
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.schemas import Error, Refusal

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
    place: str
    online_link: str
    format: str = Field(description="physical, hybrid or online.")
    cancellation_reason: str
    set_by_hand: bool = Field(
        description="Moved, cancelled or re-opened by the secretariat; storing the year leaves it."
    )
    sequence: int = Field(description="Raised on every change calendars must pick up.")

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


# --- one meeting at a time (the secretariat) -------------------------------------------------


class MeetingChangeIn(Schema):
    start: datetime.datetime | None = Field(
        None, description="The new start; without an offset it is read as Europe/Copenhagen."
    )
    duration_minutes: int | None = Field(None, ge=15, le=3 * 24 * 60)
    place: str | None = Field(None, max_length=200)
    online_link: str | None = Field(None, max_length=500)
    format: Literal["physical", "hybrid", "online"] | None = None


class CancelIn(Schema):
    reason: str = Field(min_length=1, max_length=300, description="The members are told.")


class MeetingChangedOut(Schema):
    meeting: MeetingOut
    warnings: list[str] = Field(
        description="What the secretariat should know: conflicts, items left on a cancelled"
        " meeting."
    )


def _managed(person, meeting_id: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.managed_by(person).select_related("forum__organisation"), pk=meeting_id
    )


@router.patch(
    "/meetings/{meeting_id}",
    response={200: MeetingChangedOut, 404: Error, 409: Refusal},
)
def change(request, meeting_id: int, payload: MeetingChangeIn):
    """Move a meeting or set its place, online link or format (the secretariat). Fields left
    out stay as they are."""
    meeting = _managed(request.auth, meeting_id)
    start = payload.start
    if start is not None and timezone.is_naive(start):
        start = timezone.make_aware(start)
    result = operations.change_meeting(
        meeting,
        by=request.auth,
        start=start,
        duration=(
            datetime.timedelta(minutes=payload.duration_minutes)
            if payload.duration_minutes
            else None
        ),
        place=payload.place,
        online_link=payload.online_link,
        format=payload.format,
    )
    return {"meeting": result.meeting, "warnings": result.warnings}


@router.post(
    "/meetings/{meeting_id}/cancel",
    response={200: MeetingChangedOut, 404: Error, 409: Refusal},
)
def cancel(request, meeting_id: int, payload: CancelIn):
    """Cancel a meeting ahead, with the reason the members are told (the secretariat)."""
    meeting = _managed(request.auth, meeting_id)
    result = operations.cancel_meeting(meeting, reason=payload.reason, by=request.auth)
    return {"meeting": result.meeting, "warnings": result.warnings}


@router.post(
    "/meetings/{meeting_id}/reopen",
    response={200: MeetingChangedOut, 404: Error, 409: Refusal},
)
def reopen(request, meeting_id: int):
    """Hold a cancelled meeting after all (the secretariat)."""
    meeting = _managed(request.auth, meeting_id)
    result = operations.reopen_meeting(meeting, by=request.auth)
    return {"meeting": result.meeting, "warnings": result.warnings}
