"""The JSON API of the overviews: the secretariat's desk (with its reminder to an approver) and
a person's own overview of what they owe next. The same lists as the pages, from the same
functions."""

from __future__ import annotations

import datetime

from django.http import Http404
from django.utils import timezone
from ninja import Field, Router, Schema

from ledelsesfora.agenda.operations import remind_approver
from ledelsesfora.desk.overview import owed_by_person, secretariat_desk
from ledelsesfora.forums.access import is_secretariat, organisation_for
from ledelsesfora.minutes.operations import hidden_followups
from ledelsesfora.organisation.models import Organisation, Person
from ledelsesfora.schemas import Error, Refusal, Text

router = Router(tags=["overviews"])


class ItemRef(Schema):
    id: int = Field(description="The item's id.")
    title: str = Field(description="Its title.")
    forum: str = Field(description="The forum's short name.")
    status: str = Field(description="Where it is on its way.")
    meeting: int | None = Field(description="The meeting's id, if it is on one.")
    meeting_start: datetime.datetime | None = Field(description="When that meeting begins.")


class MeetingRef(Schema):
    id: int = Field(description="The meeting's id.")
    forum: str = Field(description="The forum's short name.")
    title: str = Field(description="Its title.")
    start: datetime.datetime = Field(description="When it begins.")
    publication: datetime.date | None = Field(description="The day its agenda is due.")
    minutes: str | None = Field(
        description="The minutes' status (draft, sent, approved); null: none begun."
    )


class FollowUpRef(Schema):
    id: int = Field(description="The action's id.")
    item: int = Field(description="The item's id.")
    title: str | None = Field(
        description="null: an action on a closed item the caller may not see."
    )
    owner: str = Field(description="The owner's login.")
    due: datetime.date = Field(description="The day it is due.")
    overdue: bool = Field(description="Open and past its due day.")


class ApprovalsOut(Schema):
    approver: str | None = Field(description="Username; null when nobody can approve them.")
    items: list[ItemRef] = Field(description="The items waiting for this director's approval.")


class DeskOut(Schema):
    to_review: list[ItemRef] = Field(
        description="Submitted items waiting for the secretariat's quality check."
    )
    approvals: list[ApprovalsOut] = Field(
        description="Items waiting for a director's approval, by director."
    )
    due_agendas: list[MeetingRef] = Field(
        description="Meetings whose agenda is due to be published."
    )
    minutes: list[MeetingRef] = Field(
        description="Meetings whose minutes are still to be written or sent."
    )
    overdue: list[FollowUpRef] = Field(description="Follow-up actions past their due day.")


class OverviewOut(Schema):
    approvals: list[ItemRef] = Field(description="Items waiting for the caller's approval.")
    items: list[ItemRef] = Field(description="The caller's own items on their way.")
    to_answer: list[MeetingRef] = Field(description="Meetings the caller has not answered.")
    followups: list[FollowUpRef] = Field(description="The caller's open follow-up actions.")


class RemindIn(Schema):
    approver: Text = Field(max_length=150, description="The approver's username.")


class RemindOut(Schema):
    reminded: int = Field(description="How many items the reminder named.")


def _item(item) -> dict:
    meeting = item.meeting
    return {
        "id": item.pk,
        "title": item.title,
        "forum": item.forum.short_name,
        "status": item.status,
        "meeting": item.meeting_id,
        "meeting_start": timezone.localtime(meeting.start) if meeting else None,
    }


def _meeting(meeting, *, minutes=False) -> dict:
    """A meeting of a list; with `minutes`, its minutes' status (the list has read them)."""
    minutes = getattr(meeting, "minutes", None) if minutes else None
    return {
        "id": meeting.pk,
        "forum": meeting.forum.short_name,
        "title": meeting.title,
        "start": timezone.localtime(meeting.start),
        "publication": meeting.publication,
        "minutes": minutes.status if minutes else None,
    }


def _followups(person: Person, followups) -> list[dict]:
    hidden = hidden_followups(person, followups)
    return [
        {
            "id": f.pk,
            "item": f.item_id,
            "title": None if f.pk in hidden else f.title,
            "owner": f.owner.username,
            "due": f.due,
            "overdue": f.overdue,
        }
        for f in followups
    ]


def _secretariat_of(person: Person, org: str) -> Organisation:
    organisation = organisation_for(person, org)
    if not is_secretariat(person, organisation):
        raise Http404
    return organisation


@router.get("/organisations/{org}/desk", response={200: DeskOut, 404: Error})
def desk(request, org: str):
    """The secretariat's desk: items to quality-assure, approvals pending per approver, agendas
    whose publication day has come, minutes not yet sent or approved, overdue follow-up. 404
    for anyone but the municipality's secretariat."""
    organisation = _secretariat_of(request.auth, org)
    found = secretariat_desk(organisation)
    return {
        "to_review": [_item(i) for i in found.to_review],
        "approvals": [
            {"approver": who.username if who else None, "items": [_item(i) for i in items]}
            for who, items in found.approvals
        ],
        "due_agendas": [_meeting(m) for m in found.due_agendas],
        "minutes": [_meeting(m, minutes=True) for m in found.minutes],
        "overdue": _followups(request.auth, found.overdue),
    }


@router.post(
    "/organisations/{org}/desk/remind",
    response={200: RemindOut, 404: Error, 409: Refusal, 422: dict},
)
def remind(request, org: str, payload: RemindIn):
    """Mail an approver the items waiting for their approval (the secretariat)."""
    organisation = _secretariat_of(request.auth, org)
    approver = Person.objects.filter(organisation=organisation, username=payload.approver).first()
    if approver is None:
        raise Http404
    return {"reminded": remind_approver(organisation, approver, by=request.auth)}


@router.get("/organisations/{org}/overview", response={200: OverviewOut, 404: Error})
def overview(request, org: str):
    """What the caller owes next: approvals, their own items still in process, meetings of the
    coming weeks they have not answered, and their open follow-up."""
    organisation = organisation_for(request.auth, org)
    owed = owed_by_person(organisation, request.auth)
    return {
        "approvals": [_item(i) for i in owed.approvals],
        "items": [_item(i) for i in owed.items],
        "to_answer": [_meeting(m) for m in owed.to_answer],
        "followups": _followups(request.auth, owed.followups),
    }
