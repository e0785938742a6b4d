"""Who may see and change a meeting's programme and its run sheet (drejebog). A forum has
programmes when its charter gives its secretariat the task `run_sheet` (Albertslund's
lederdage and Lederdøgn).

- The secretariat of the municipality and the forum's host (the member rule with
  `role = "host"`) build and change the programme, and publish it.
- The forum with an `approves_programme` flow into the forum approves it; its members read the
  programme before it is published.
- The forum's members (the participants) read it once it is published.
- The run sheet is read by those who build the programme and by everyone a block names as
  responsible.
"""

from __future__ import annotations

from django.db.models import Q

from ledelsesfora.forums.access import standing
from ledelsesfora.forums.models import Charter, Forum
from ledelsesfora.organisation.models import Person
from ledelsesfora.revision import memo


def has_programme(forum: Forum) -> bool:
    """Whether any meeting of the forum has a programme: its secretariat writes run sheets,
    or a rhythm says `programme = true`. Read from the forum's charter section: no query."""
    return forum.active and (
        _run_sheets(forum) or any(rhythm.programme for rhythm in forum.charter.rhythms)
    )


def meeting_has_programme(meeting) -> bool:
    """Every meeting of a forum whose secretariat writes run sheets (Albertslund's lederdage
    and Lederdøgn), and the meetings of a rhythm with `programme = true` (Vejen's seminar)."""
    forum = meeting.forum
    if not forum.active:
        return False
    if _run_sheets(forum):
        return True
    rhythm = meeting.rhythm_spec
    return rhythm is not None and rhythm.programme


def _run_sheets(forum: Forum) -> bool:
    secretariat = forum.charter.secretariat
    return secretariat is not None and "run_sheet" in secretariat.tasks


def approvers(organisation_id: int) -> dict[int, int]:
    """Each forum (by id) whose programme another forum approves, and that forum's id."""

    def load() -> dict[int, int]:
        forums = dict(
            Forum.objects.filter(organisation_id=organisation_id).values_list("short_name", "pk")
        )
        charter = (
            Charter.objects.filter(organisation_id=organisation_id).order_by("-version").first()
        )
        found = {}
        for flow in charter.parsed.flows if charter else []:
            if (
                flow.kind == "approves_programme"
                and flow.to in forums
                and flow.from_forum in forums
            ):
                found.setdefault(forums[flow.to], forums[flow.from_forum])
        return found

    return memo.kept(("programme approvers", organisation_id), load)


def approver_of(forum: Forum) -> int | None:
    if "_programme_approver" not in forum.__dict__:
        forum.__dict__["_programme_approver"] = approvers(forum.organisation_id).get(forum.pk)
    return forum.__dict__["_programme_approver"]


def may_build(person: Person, forum: Forum) -> bool:
    """The secretariat, or the forum's host."""
    if not has_programme(forum) or not person.is_authenticated:
        return False
    who = standing(person)
    return who.in_secretariat(forum.organisation_id) or (
        who.organisation_id == forum.organisation_id and "host" in who.roles.get(forum.pk, ())
    )


def readable_programmes(person: Person) -> Q:
    """The programmes `person` may read, as a condition on `Programme` (see the module)."""
    who = standing(person)
    if not person.is_authenticated or not person.is_active:
        return Q(pk__in=[])
    if who.superuser:
        return Q()
    mine = Q(meeting__forum__organisation_id=who.organisation_id)
    if who.secretariat:
        return mine
    hosted = [pk for pk, roles in who.roles.items() if "host" in roles]
    approving = [
        target
        for target, approver in approvers(who.organisation_id).items()
        if approver in who.forums
    ]
    return mine & (
        Q(meeting__forum_id__in=hosted)
        | Q(meeting__forum_id__in=approving)
        | Q(meeting__forum_id__in=who.forums, published_at__isnull=False)
    )


def may_read_run_sheet(person: Person, programme) -> bool:
    forum = programme.meeting.forum
    if may_build(person, forum):
        return True
    return (
        person.is_authenticated
        and person.organisation_id == forum.organisation_id
        and programme.blocks.filter(responsible=person).exists()
    )
