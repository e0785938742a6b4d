"""Who may see and do what with agenda items. Decided here, on the server, for pages, the API,
documents and notifications alike.

- The secretariat sees every item of its municipality's forums.
- A forum's members see the published agenda, closed items included; where the charter asks for
  members' input (`member_input`), they see items from the moment they are submitted.
- An invited guest sees, once published, only the open items they are invited to.
- The people in an item's own process (its submitter, presenters, responsible director) see it
  at every stage.
- Nobody sees anything of another municipality.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.forums.access import is_member, is_secretariat
from ledelsesfora.forums.models import Forum
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person


def involved(person: Person) -> Q:
    return Q(author=person) | Q(presenters=person) | Q(responsible_director=person)


def on_published_agenda() -> Q:
    """Items a published agenda shows: ready ones (approved where the charter asks for it),
    standing items, and those published or treated. A late item still in process is not."""
    return (
        Q(
            status__in=[
                AgendaItem.Status.PUBLISHED,
                AgendaItem.Status.TREATED,
                AgendaItem.Status.APPROVED,
            ]
        )
        | Q(status=AgendaItem.Status.REVIEWED, needs_approval=False)
        | Q(standing=True)
    )


def visible_items(person: Person, forum: Forum) -> QuerySet[AgendaItem]:
    """The items of `forum` that `person` may see, at any stage."""
    if not person.is_authenticated or (
        not person.is_superuser and person.organisation_id != forum.organisation_id
    ):
        return AgendaItem.objects.none()
    items = AgendaItem.objects.filter(forum=forum)
    if is_secretariat(person, forum.organisation):
        return items
    published = Q(meeting__agenda_published_at__isnull=False) & on_published_agenda()
    if is_member(person, forum):
        if forum.charter.member_input:
            # The charter asks members for input and counter-input on proposed items before the
            # meeting, so they see every item once it is submitted, not only at publication.
            proposed = ~Q(status__in=[AgendaItem.Status.DRAFT, AgendaItem.Status.WITHDRAWN])
            return items.filter(proposed | involved(person)).distinct()
        return items.filter(published | involved(person)).distinct()
    return items.filter(
        (published & Q(guests=person) & Q(closed=False)) | involved(person)
    ).distinct()


def can_see_meeting_agenda(person: Person, meeting: Meeting) -> bool:
    forum = meeting.forum
    if not person.is_authenticated:
        return False
    if not person.is_superuser and person.organisation_id != forum.organisation_id:
        return False
    return (
        is_secretariat(person, forum.organisation)
        or is_member(person, forum)
        or visible_items(person, forum).filter(meeting=meeting).exists()
    )
