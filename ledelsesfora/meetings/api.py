"""The JSON API of meetings: a forum's meetings between two dates; moving, cancelling and
re-opening one (the secretariat); answering one (attending or apologies) and who comes."""

import datetime
from typing import Literal

from dateutil.relativedelta import relativedelta
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from ledelsesfora.forums.access import forum_for, is_member, is_secretariat, organisation_for
from ledelsesfora.meetings import answers, operations
from ledelsesfora.meetings.models import Answer, Meeting
from ledelsesfora.organisation.models import Person
from ledelsesfora.schemas import Error, Pages, Refusal, Text, one

router = Router(tags=["meetings"])


class MeetingOut(Schema):
    id: int = Field(description="The meeting's id.")
    start: datetime.datetime = Field(description="When it begins (with the zone).")
    end: datetime.datetime = Field(description="When it ends.")
    status: str = Field(description="planned, moved, skipped or cancelled.")
    kind: str = Field(
        description="The kind its charter rhythm gives it (e.g. regular), or ad_hoc for one made by hand."
    )
    title: str = Field(description="Its title.")
    iso_week: int = Field(description="Its ISO week number.")
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
    agenda_published: bool = Field(description="Whether its agenda is published.")
    place: str = Field(description="Where it is held.")
    online_link: str = Field(description="A link for digital participation.")
    format: str = Field(description="physical, hybrid or online.")
    cancellation_reason: str = Field(description="Why it was cancelled, when it was.")
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


class MeetingFilters(Schema):
    start: datetime.date | None = Field(None, description="From this day (today if not given).")
    end: datetime.date | None = Field(None, description="To this day (a year after `start`).")
    status: Literal["planned", "moved", "skipped", "cancelled"] | None = Field(
        None, description="Only meetings in this state."
    )


class AnswerFilters(Schema):
    answer: Literal["attending", "apologies", "none"] | None = Field(
        None, description="Only those who answered so (`none`: not answered yet)."
    )


@router.get(
    "/organisations/{org}/forums/{forum}/meetings",
    response={200: list[MeetingOut], 400: Error, 404: Error},
)
@paginate(Pages)
def meetings(request, org: str, forum: str, filters: Query[MeetingFilters]):
    """The forum's meetings starting between `start` and `end` (both included), cancelled and
    skipped ones too unless `status` asks for one kind. `start` defaults to today, `end` to a
    year after `start`."""
    found = forum_for(request.auth, org, forum)
    start = filters.start or timezone.localdate()
    end = filters.end or _a_year_after(start)
    status = filters.status
    if end < start:
        raise HttpError(
            400,
            _("end (%(end)s) is before start (%(start)s); swap them.")
            % {"end": end, "start": start},
        )
    rows = found.meetings.between(start, end).order_by("start", "pk")
    return rows.filter(status=status) if status else rows


class AdHocIn(Schema):
    start: datetime.datetime = Field(
        description="When it starts; without an offset it is read as Europe/Copenhagen."
    )
    duration_minutes: int = Field(
        ge=15, le=3 * 24 * 60, description="How long the meeting lasts, 15 minutes to 3 days."
    )
    title: Text = Field("", max_length=200, description="Empty: the forum's own name.")
    place: Text = Field("", max_length=200, description="Where it is held, for this occasion.")
    online_link: Text = Field("", max_length=500, description="A link for digital participation.")


@router.post(
    "/organisations/{org}/forums/{forum}/meetings",
    response={201: MeetingOut, 400: Error, 404: Error, 422: dict},
)
def create_meeting(request, org: str, forum: str, payload: AdHocIn):
    """A meeting made by hand (the secretariat), e.g. DIF Refleksion with its length set for
    the occasion. Refused (400) in the past, on a day the municipality is closed, or over
    another meeting of the forum."""
    found = forum_for(request.auth, org, forum)
    start = payload.start
    if timezone.is_naive(start):
        start = timezone.make_aware(start)
    try:
        meeting = operations.create_ad_hoc_meeting(
            found,
            start=start,
            duration=datetime.timedelta(minutes=payload.duration_minutes),
            title=payload.title,
            place=payload.place,
            online_link=payload.online_link,
            by=request.auth,
        )
    except operations.PlanningError as error:
        raise HttpError(400, error.message) from error
    return Status(201, meeting)


# --- one meeting at a time (the secretariat) -------------------------------------------------


class MeetingChangeIn(Schema):
    start: datetime.datetime | None = Field(
        None, description="The new start; without an offset it is read as Europe/Copenhagen."
    )
    duration_minutes: int | None = Field(None, ge=15, le=3 * 24 * 60, description="A new length.")
    place: str | None = Field(
        None, max_length=200, description="Where it is held, for this occasion."
    )
    online_link: str | None = Field(
        None, max_length=500, description="A link for digital participation."
    )
    format: Literal["physical", "hybrid", "online"] | None = Field(
        None, description="physical, hybrid or online."
    )
    overnight: bool | None = Field(
        None,
        description="For a seminar the charter lets be held with or without an overnight stay:"
        " the choice for this meeting; its length follows unless `duration_minutes` is given.",
    )


class CancelIn(Schema):
    reason: str = Field(min_length=1, max_length=300, description="The members are told.")


class MeetingChangedOut(Schema):
    meeting: MeetingOut = Field(description="The meeting as it now is.")
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
        overnight=payload.overnight,
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


class AnswerIn(Schema):
    attending: bool = Field(description="true: comes; false: apologies (afbud).")
    reason: Text = Field("", max_length=300, description="Why not, if they want to say.")
    dietary: Text = Field(
        "", max_length=200, description="Dietary needs, where the meeting asks (catering)."
    )
    overnight: bool | None = Field(
        None, description="Stays overnight: required of one who comes to a meeting with a night."
    )
    person: Text | None = Field(
        None,
        max_length=150,
        description="The secretariat only: the username of the person answering by phone.",
    )


class AnswerOut(Schema):
    person: str = Field(description="The invited person's login.")
    name: str = Field(description="Their name.")
    member: bool = Field(description="A member of the forum (otherwise invited as a guest).")
    answer: str | None = Field(description="attending, apologies, or null: expected.")
    reason: str = Field(
        description="The reason given with apologies (the secretariat and the person only)."
    )
    dietary: str = Field(description="Dietary needs, where the charter asks.")
    overnight: bool | None = Field(description="Staying the night, where the meeting has a night.")
    answered_at: datetime.datetime | None = Field(description="When they answered.")
    via: str | None = Field(
        description="How the answer came: page, mail link, calendar, API or the secretariat."
    )


class Reminded(Schema):
    reminded: int = Field(description="How many who had not answered are mailed.")


def _answer_row(reply: answers.Reply) -> dict:
    answer = reply.answer
    return {
        "person": reply.person.username,
        "name": reply.person.full_name,
        "member": reply.member,
        "answer": answer.kind if answer else None,
        "reason": answer.reason if answer else "",
        "dietary": answer.dietary if answer else "",
        "overnight": answer.overnight if answer else None,
        "answered_at": timezone.localtime(answer.answered_at) if answer else None,
        "via": answer.via if answer else None,
    }


@router.post(
    "/meetings/{meeting_id}/answer",
    response={200: AnswerOut, 400: Error, 404: Error, 409: Refusal},
)
def answer(request, meeting_id: int, payload: AnswerIn):
    """Come or send apologies to a meeting you are invited to (a member, or a guest of one of
    its items); the secretariat answers for someone with `person`."""
    meeting = one(Meeting.objects.visible_to(request.auth).select_related("forum"), meeting_id)
    person, via = request.auth, Answer.Via.API
    if payload.person:
        if not is_secretariat(request.auth, meeting.forum.organisation):
            raise HttpError(404, _("Only the secretariat answers for someone else."))
        person = Person.objects.filter(
            username=payload.person, organisation_id=meeting.forum.organisation_id
        ).first()
        if person is None:
            raise HttpError(
                400,
                _("%(person)s is not a person of this municipality.") % {"person": payload.person},
            )
        via = Answer.Via.SECRETARIAT
    given = answers.answer_meeting(
        meeting,
        person,
        attending=payload.attending,
        reason=payload.reason,
        dietary=payload.dietary,
        overnight=payload.overnight,
        by=request.auth,
        via=via,
    )
    return _answer_row(answers.Reply(person, given, is_member(person, meeting.forum)))


@router.get("/meetings/{meeting_id}/answers", response={200: list[AnswerOut], 404: Error})
@paginate(Pages)
def meeting_answers(request, meeting_id: int, filters: Query[AnswerFilters]):
    """Who comes: for the secretariat everyone invited with their answer (none: expected); for
    anyone else their own answer alone. `answer` narrows to one kind (`none`: not answered)."""
    meeting = one(Meeting.objects.visible_to(request.auth).select_related("forum"), meeting_id)
    secretariat = is_secretariat(request.auth, meeting.forum.organisation)
    return [
        _answer_row(reply)
        for reply in answers.replies(meeting)
        if (secretariat or reply.person.pk == request.auth.pk)
        and (
            filters.answer is None
            or (reply.answer.kind if reply.answer else "none") == filters.answer
        )
    ]


@router.post(
    "/meetings/{meeting_id}/answers/remind",
    response={200: Reminded, 404: Error, 409: Refusal},
)
def remind(request, meeting_id: int):
    """The secretariat mails everyone invited who has not answered their own answer link."""
    meeting = one(Meeting.objects.visible_to(request.auth).select_related("forum"), meeting_id)
    if not is_secretariat(request.auth, meeting.forum.organisation):
        raise Http404
    return {"reminded": answers.remind_unanswered(meeting, by=request.auth)}


class VenueIn(Schema):
    name: Text = Field(max_length=400, description="The venue's name.")
    drive_minutes: int = Field(ge=0, le=600, description="From the town hall.")
    address: Text = Field("", max_length=300, description="Its address.")
    in_municipality: bool = Field(False, description="Whether it lies in the municipality.")
    overnight: bool = Field(False, description="Has rooms for the night.")
    capacity: int | None = Field(None, ge=1, le=100000, description="How many it seats.")
    note: Text = Field("", description="A note for the secretariat.")


class VenueOut(Schema):
    id: int = Field(description="The venue's id.")
    name: str = Field(description="Its name.")
    address: str = Field(description="Its address.")
    drive_minutes: int = Field(description="Driving time from the town hall, in minutes.")
    in_municipality: bool = Field(description="Whether it lies in the municipality.")
    overnight: bool = Field(description="Whether it has rooms for the night.")
    capacity: int | None = Field(description="How many it seats.")
    note: str = Field(description="A note.")


class ChooseVenueIn(Schema):
    venue: int = Field(description="The id of a venue in the municipality's register.")


def _secretariat_of(person: Person, org: str):
    organisation = organisation_for(person, org)
    if not is_secretariat(person, organisation):
        raise Http404
    return organisation


@router.get(
    "/organisations/{org}/venues", response={200: list[VenueOut], 404: Error}, tags=["venues"]
)
@paginate(Pages)
def venues(request, org: str):
    """The municipality's register of venues (the secretariat's)."""
    return _secretariat_of(request.auth, org).venues.order_by("name", "pk")


@router.post(
    "/organisations/{org}/venues",
    response={201: VenueOut, 404: Error, 409: Refusal, 422: dict},
    tags=["venues"],
)
def add_venue(request, org: str, body: VenueIn):
    """Add a venue to the municipality's register (the secretariat): its address, driving time
    from the town hall, seats and whether it has rooms for the night."""
    organisation = _secretariat_of(request.auth, org)
    venue = operations.save_venue(
        organisation, operations.VenueData(**body.dict()), by=request.auth
    )
    return Status(201, venue)


@router.post(
    "/meetings/{meeting_id}/venue",
    response={200: MeetingOut, 400: Error, 404: Error, 409: Refusal, 422: dict},
    tags=["venues"],
)
def choose_venue(request, meeting_id: int, body: ChooseVenueIn):
    """Hold the meeting at a registered venue; 409 when the charter's venue rule refuses it
    (the Lederdøgn: outside the municipality, at most an hour's drive)."""
    meeting = one(Meeting.objects.visible_to(request.auth).select_related("forum"), meeting_id)
    if not is_secretariat(request.auth, meeting.forum.organisation):
        raise Http404
    venues = meeting.forum.organisation.venues
    venue = venues.filter(pk=body.venue).first() if 0 < body.venue < 2**31 else None
    if venue is None:
        raise HttpError(400, _("Choose one of the registered venues."))
    return operations.choose_venue(meeting, venue, by=request.auth).meeting
