"""Reading a year plan: the meetings already stored where they exist, otherwise what the
loaded charter yields, with conflicts (a person due in two meetings at once) flagged."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from ledelsesfora.forums.models import Charter, Forum
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.meetings.operations import occurrence_uid
from ledelsesfora.meetings.planning import SKIPPED, planned_year
from ledelsesfora.organisation.models import Organisation


@dataclass
class PlanEntry:
    forum: Forum
    kind: str
    title: str
    start: datetime.datetime
    end: datetime.datetime
    status: str
    note: str
    submission_deadline: datetime.date | None
    publication: datetime.date | None
    uid: uuid.UUID
    deadline_time: datetime.time | None = None
    publication_time: datetime.time | None = None
    sequence: int = 0
    place: str = ""
    online_link: str = ""
    format: str = "physical"
    meeting: Meeting | None = None
    # When what the entry says last changed: the stored meeting's last save, or the loading of
    # the charter version that yields it (a calendar's DTSTAMP).
    changed: datetime.datetime | None = None
    warnings: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def iso_week(self) -> int:
        return timezone.localtime(self.start).isocalendar().week

    @property
    def takes_place(self) -> bool:
        return self.status not in (SKIPPED, Meeting.Status.CANCELLED)

    @property
    def compressed(self) -> bool:
        """The deadline and the publication fall on the same day (holidays can do that): the
        secretariat has no day between them, and the agenda comes out once the deadline has
        passed."""
        return self.submission_deadline is not None and self.submission_deadline == self.publication

    def fingerprint(self) -> tuple:
        """Everything the entry says, for keeping what is made of it (a rendered row, a
        calendar event) until it says something else."""
        return (
            self.forum.pk,
            self.forum.spec_text,
            self.forum.name,
            self.forum.short_name,
            self.kind,
            self.title,
            self.start,
            self.end,
            self.status,
            self.note,
            self.submission_deadline,
            self.deadline_time,
            self.publication,
            self.publication_time,
            self.uid,
            self.sequence,
            self.place,
            self.online_link,
            self.format,
            self.meeting.pk if self.meeting else None,
            self.changed,
            tuple(self.warnings),
            tuple(self.conflicts),
        )

    def as_json(self) -> dict:
        local = timezone.localtime
        return {
            "id": self.meeting.pk if self.meeting else None,
            "uid": str(self.uid),
            "forum": self.forum.short_name,
            "kind": self.kind,
            "title": self.title,
            "start": local(self.start).isoformat(),
            "end": local(self.end).isoformat(),
            "iso_week": self.iso_week,
            "submission_deadline": _iso(self.submission_deadline),
            "deadline_time": _iso(self.deadline_time),
            "publication": _iso(self.publication),
            "publication_time": _iso(self.publication_time),
            "compressed": self.compressed,
            "status": self.status,
            "note": self.note,
            "warnings": self.warnings,
            "conflicts": self.conflicts,
            "materialised": self.meeting is not None,
        }


def _iso(value: datetime.date | datetime.time | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def year_plan(
    organisation: Organisation,
    year: int,
    forum: Forum | None = None,
    *,
    conflicts: bool = True,
    members: dict[str, list] | None = None,
) -> list[PlanEntry]:
    """The plan of `year` for the municipality's active forums (or one forum). Conflicts are
    found against every forum of the municipality, also when one forum is shown; `members`
    (each forum's `members()` by short name) spares computing them again."""
    if forum is not None and conflicts:
        return [
            e
            for e in year_plan(organisation, year, conflicts=True, members=members)
            if e.forum.pk == forum.pk
        ]
    forums = {f.short_name: f for f in organisation.forums.active()}
    if forum is not None:
        forums = {forum.short_name: forum}
    by_pk = {f.pk: f for f in forums.values()}
    stored = list(Meeting.objects.filter(forum__in=by_pk).of_year(year).for_plan())
    for meeting in stored:
        meeting.forum = by_pk[meeting.forum_id]  # one forum object each, its charter read once
    entries = [_from_meeting(m) for m in stored]
    stored_keys = {(m.forum.short_name, m.rhythm, m.occurrence) for m in stored if m.rhythm}
    charter = Charter.objects.current(organisation)
    if charter is not None:
        for plan in planned_year(charter.parsed, year, forum.short_name if forum else None):
            if plan.forum in forums and plan.key not in stored_keys:
                entries.append(
                    PlanEntry(
                        forum=forums[plan.forum],
                        kind=plan.kind,
                        title=plan.title,
                        start=plan.start,
                        end=plan.end,
                        status=plan.status,
                        note=plan.note,
                        submission_deadline=plan.submission_deadline,
                        deadline_time=plan.deadline_time,
                        publication=plan.publication,
                        publication_time=plan.publication_time,
                        uid=occurrence_uid(organisation, plan),
                        place=plan.place,
                        format=plan.format,
                        warnings=list(plan.warnings),
                        changed=charter.loaded_at,
                    )
                )
    entries.sort(key=lambda e: (e.start, e.forum.position))
    if conflicts:
        if members is None:
            members = {short: f.members() for short, f in forums.items()}
        flag_conflicts(entries, members)
    return entries


def _from_meeting(meeting: Meeting) -> PlanEntry:
    return PlanEntry(
        forum=meeting.forum,
        kind=meeting.kind,
        title=meeting.title,
        start=meeting.start,
        end=meeting.end,
        status=meeting.status,
        note=meeting.note,
        submission_deadline=meeting.submission_deadline,
        deadline_time=meeting.deadline_time,
        publication=meeting.publication,
        publication_time=meeting.publication_time,
        uid=meeting.uid,
        sequence=meeting.sequence,
        place=meeting.place,
        online_link=meeting.online_link,
        format=meeting.format,
        meeting=meeting,
        changed=meeting.updated_at,
    )


def flag_conflicts(entries: list[PlanEntry], members_by_forum: dict) -> None:
    """Note on each entry the other meetings at the same time that share members with it."""
    people = {
        short: {m.person.pk: m.person for m in memberships}
        for short, memberships in members_by_forum.items()
    }
    active = [e for e in entries if e.takes_place]
    active.sort(key=lambda e: e.start)
    for index, entry in enumerate(active):
        for other in active[index + 1 :]:
            if other.start >= entry.end:
                break
            if other.forum == entry.forum:
                continue
            shared = (
                people.get(entry.forum.short_name, {}).keys()
                & people.get(other.forum.short_name, {}).keys()
            )
            if shared:
                names = sorted(people[entry.forum.short_name][pk].full_name for pk in shared)
                shown = ", ".join(names[:3]) + (
                    _(" and %(count)d more") % {"count": len(names) - 3} if len(names) > 3 else ""
                )
                entry.conflicts.append(_conflict(other, shown))
                other.conflicts.append(_conflict(entry, shown))


def _conflict(other: PlanEntry, people: str) -> str:
    return _("At the same time as %(forum)s for %(people)s") % {
        "forum": other.forum.short_name,
        "people": people,
    }
