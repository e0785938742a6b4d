"""What is waiting, read from every app: for the secretariat, what the municipality's forums wait
for; for one person, what they owe next. Reads only; each row links to where it is acted on.
Each list costs the same few queries however much is waiting."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import awaiting_approvals
from ledelsesfora.forums.access import standing
from ledelsesfora.meetings.models import Answer, Meeting
from ledelsesfora.minutes.models import FollowUp
from ledelsesfora.minutes.operations import owed_by
from ledelsesfora.organisation.models import Organisation, Person

# How far ahead a member is asked to answer their meetings.
ANSWER_AHEAD = datetime.timedelta(days=42)
SHOWN = 25


@dataclass
class SecretariatDesk:
    to_review: list[AgendaItem]
    approvals: list[tuple[Person | None, list[AgendaItem]]]
    due_agendas: list[Meeting]
    minutes: list[Meeting]
    overdue: list[FollowUp]

    @property
    def empty(self) -> bool:
        return not any(
            (self.to_review, self.approvals, self.due_agendas, self.minutes, self.overdue)
        )


def secretariat_desk(organisation: Organisation, now: datetime.datetime | None = None):
    """What the municipality's forums wait for from their secretariat: items to quality-assure,
    approvals pending (by approver), agendas whose publication day has come unpublished, minutes
    not yet sent or approved, and overdue follow-up."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    forums = {f.pk: f for f in organisation.forums.active()}
    to_review = list(
        AgendaItem.objects.filter(forum_id__in=forums, status=AgendaItem.Status.SUBMITTED)
        .select_related("forum", "meeting")
        .order_by("meeting__start", "pk")[:SHOWN]
    )
    due_agendas = [
        m
        for m in Meeting.objects.held()
        .filter(
            forum_id__in=forums,
            agenda_published_at__isnull=True,
            publication__lte=today,
            start__gt=now,
        )
        .order_by("start")[:SHOWN]
        if forums[m.forum_id].charter.agenda
    ]
    minutes = [
        m
        for m in Meeting.objects.held()
        .filter(forum_id__in=forums, start__lt=now, agenda_published_at__isnull=False)
        .filter(Q(minutes__isnull=True) | ~Q(minutes__status="approved"))
        .select_related("minutes")
        .order_by("-start")[:SHOWN]
        if forums[m.forum_id].charter.minutes != "none"
    ]
    for meeting in [*due_agendas, *minutes]:
        meeting.forum = forums[meeting.forum_id]
    overdue = list(
        FollowUp.objects.filter(item__forum_id__in=forums)
        .overdue(today)
        .with_overdue(today)
        .select_related("owner", "item", "item__forum")
        .overdue_first()[:SHOWN]
    )
    approvals = sorted(
        awaiting_approvals(organisation).items(),
        key=lambda pair: pair[0].full_name if pair[0] else "",
    )
    return SecretariatDesk(to_review, approvals, due_agendas, minutes, overdue)


@dataclass
class Owed:
    approvals: list[AgendaItem]
    items: list[AgendaItem]
    to_answer: list[Meeting]
    followups: list[FollowUp] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any((self.approvals, self.items, self.to_answer, self.followups))


def owed_by_person(
    organisation: Organisation, person: Person, now: datetime.datetime | None = None
) -> Owed:
    """What `person` owes next: approvals, their own items still in process (returned first),
    the meetings of the coming weeks they are invited to and have not answered, and their open
    follow-up, soonest first."""
    now = now or timezone.now()
    approvals = list(
        AgendaItem.objects.filter(forum__organisation=organisation)
        .awaiting_approval(person)
        .select_related("forum", "meeting")
        .order_by("meeting__start", "pk")[:SHOWN]
    )
    items = sorted(
        AgendaItem.objects.filter(
            forum__organisation=organisation,
            author=person,
            status__in=[
                AgendaItem.Status.RETURNED,
                AgendaItem.Status.DRAFT,
                AgendaItem.Status.SUBMITTED,
                AgendaItem.Status.REVIEWED,
            ],
        ).select_related("forum", "meeting")[:SHOWN],
        key=lambda i: (i.status != AgendaItem.Status.RETURNED, i.status != "draft", i.pk),
    )
    mine = standing(person).forums
    invited = Q(forum_id__in=mine) | Q(
        items__guests=person, items__closed=False, agenda_published_at__isnull=False
    )
    answered = Answer.objects.filter(person=person).values("meeting_id")
    to_answer = list(
        Meeting.objects.held()
        .filter(forum__organisation=organisation, start__gt=now, start__lte=now + ANSWER_AHEAD)
        .filter(invited)
        .exclude(pk__in=answered)
        .select_related("forum")
        .distinct()
        .order_by("start")[:SHOWN]
    )
    followups = list(owed_by(person).open().order_by("due", "pk")[:SHOWN])
    return Owed(approvals, items, to_answer, followups)
