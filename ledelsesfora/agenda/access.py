"""Whose agenda is whose: which meetings' agendas a person may open. What a person may see of
the items themselves is `AgendaItem.objects.visible_to(person)`; the agenda as a person sees it
is `agendas.agenda_for(person, meeting)`. Pages, the API, documents and mails all use these."""

from __future__ import annotations

from django.db.models import IntegerField, Q, QuerySet, Value

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.forums.access import standing
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person


def agenda_meetings(person: Person) -> QuerySet[Meeting]:
    """The meetings whose agenda `person` may open: every meeting of their municipality for
    the secretariat, their forums' meetings for members, and a meeting where they may see an
    item (a guest's, a presenter's, a submitter's)."""
    who = standing(person)
    if not person.is_authenticated:
        return Meeting.objects.none()
    # Each meeting found here carries whom it was found for, so `may_open_agenda` need not ask
    # again.
    found_for = Value(person.pk, output_field=IntegerField())
    if who.superuser:
        return Meeting.objects.annotate(agenda_reader=found_for)
    meetings = Meeting.objects.filter(forum__organisation_id=who.organisation_id)
    if not who.secretariat:
        meetings = meetings.filter(
            Q(forum_id__in=who.forums)
            | Q(pk__in=AgendaItem.objects.visible_to(person).values("meeting_id"))
        )
    return meetings.annotate(agenda_reader=found_for)


def may_open_agenda(person: Person, meeting: Meeting) -> bool:
    if getattr(meeting, "agenda_reader", None) == person.pk:
        return True  # found through agenda_meetings(person)
    return agenda_meetings(person).filter(pk=meeting.pk).exists()


def readers(item: AgendaItem, people) -> list[Person]:
    """Those of `people` who may see `item` now (`AgendaItem.objects.visible_to`): whom a mail
    may name the item to."""
    return [
        person
        for person in people
        if person is not None and AgendaItem.objects.visible_to(person).filter(pk=item.pk).exists()
    ]


def closed_items_of_meeting(request, pk, *args, **kwargs):
    """The closed items of meeting `pk` that the page or export just shown to the person held
    (for the security log: `security.log.logs_use`)."""
    return AgendaItem.objects.closed_seen_by(request.user, meeting_id=pk).on_agenda()
