"""`Minutes.objects.visible_to` and `Outcome.objects.visible_to` (what search, among others, asks)
say the same as the minutes page's own rules, for every demo role and every minutes of both
municipalities, sent and not."""

import pytest

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.demo.people import DEMO_ROLES
from ledelsesfora.forums.access import standing
from ledelsesfora.minutes import operations
from ledelsesfora.minutes.models import FollowUp, Minutes, Outcome
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.django_db


def test_the_querysets_agree_with_the_minutes_page():
    everyone = [
        Person.objects.get(username=f"{role}@{org}")
        for org in ("albertslund", "vejen")
        for role in DEMO_ROLES
    ]
    first, second = Minutes.objects.filter(meeting__forum__organisation__slug="albertslund")[:2]
    Minutes.objects.filter(pk=first.pk).update(status=Minutes.Status.DRAFT)
    Minutes.objects.filter(pk=second.pk).update(status=Minutes.Status.SENT)
    all_minutes = list(Minutes.objects.select_related("meeting__forum"))
    assert {m.status for m in all_minutes} == {"draft", "sent", "approved"}
    disagreements = []
    for person in everyone:
        readable = set(Minutes.objects.visible_to(person).values_list("pk", flat=True))
        decisions = set(Outcome.objects.visible_to(person).values_list("pk", flat=True))
        items = set(AgendaItem.objects.visible_to(person).values_list("pk", flat=True))
        for minutes in all_minutes:
            meeting = minutes.meeting
            page = operations.may_read(person, meeting) and not operations.draft_hidden(
                person, meeting, minutes
            )
            if (minutes.pk in readable) != page:
                disagreements.append(f"{person.username} minutes of {meeting}: page says {page}")
            for outcome in minutes.outcomes.all():
                shown = page and outcome.item_id in items
                if (outcome.pk in decisions) != shown:
                    disagreements.append(f"{person.username} decision {outcome.pk}: {shown}")
    assert not disagreements, "\n".join(disagreements)


def test_a_follow_up_is_read_by_its_owner_and_the_readers_of_its_decision():
    everyone = list(Person.objects.filter(username__contains="@"))
    followups = list(FollowUp.objects.select_related("item__meeting__minutes", "item__forum"))
    assert followups
    for person in everyone:
        readable = set(FollowUp.objects.visible_to(person).values_list("pk", flat=True))
        items = set(AgendaItem.objects.visible_to(person).values_list("pk", flat=True))
        minutes = set(Minutes.objects.visible_to(person).values_list("pk", flat=True))
        for followup in followups:
            same_place = followup.item.forum.organisation_id == person.organisation_id
            decided = followup.item_id in items and followup.item.meeting.minutes.pk in minutes
            own = followup.owner_id == person.pk and (
                not followup.item.closed or followup.item_id in items
            )
            secretariat = standing(person).secretariat
            expected = same_place and (decided or own or secretariat)
            assert (followup.pk in readable) == expected, (person.username, followup.pk)
