"""Answers to a meeting: who is invited, who comes and who sends apologies (afbud).

Everyone invited — the forum's members and the guests invited to an item on the meeting — is
expected unless they answer otherwise. A person answers for themselves, from the meeting page,
from a link in the agenda's e-mail (signed for them and that meeting alone, so it works without
logging in) or the API; the secretariat may record an answer for anyone invited, e.g. an afbud
given by phone. The minutes' attendance starts from the answers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ledelsesfora.forums.access import is_member, is_secretariat, member_ids
from ledelsesfora.meetings.forms import AnswerForm
from ledelsesfora.meetings.models import Answer, Meeting
from ledelsesfora.meetings.operations import PlanningError
from ledelsesfora.notifications import link, notify
from ledelsesfora.organisation.models import Person, Position

SALT = "ledelsesfora.meetings.answer"
# A link in a mail answers for as long as a meeting can be ahead of its agenda's e-mail.
LINK_DAYS = 120


class AnswerError(PlanningError):
    """An answer that cannot be given; the message says why."""


def invited(meeting: Meeting) -> list[Person]:
    """The people expected at the meeting: its forum's members, then the guests invited to its
    items, each once, in that order."""
    members = member_ids(meeting.forum)
    people = Person.objects.filter(is_active=True).filter(pk__in=members).order_by("full_name")
    guests = (
        Person.objects.filter(is_active=True, guest_items__meeting=meeting)
        .exclude(pk__in=members)
        .distinct()
        .order_by("full_name")
    )
    return [*people, *guests]


def is_invited(person: Person, meeting: Meeting) -> bool:
    """A member of the meeting's forum (as the person's standing says, no query) or a guest of
    one of its items."""
    return is_member(person, meeting.forum) or (
        person.is_authenticated and meeting.items.filter(guests=person).exists()
    )


@dataclass(frozen=True)
class Asks:
    """What an answer to the meeting says besides coming: dietary needs where the forum's
    secretariat arranges catering (its charter's task `catering`) or the meeting's rhythm is a
    day with a programme (`programme = true`), and whether one stays overnight where the
    meeting includes a night."""

    dietary: bool
    overnight: bool


def asks(meeting: Meeting) -> Asks:
    forum = meeting.forum
    secretariat = forum.charter.secretariat
    rhythm = meeting.rhythm_spec
    return Asks(
        dietary=(secretariat is not None and "catering" in secretariat.tasks)
        or (rhythm is not None and rhythm.programme),
        overnight=meeting.has_overnight_stay,
    )


def answer_meeting(
    meeting: Meeting,
    person: Person,
    *,
    attending: bool,
    reason: str = "",
    dietary: str = "",
    overnight: bool | None = None,
    by: Person | None,
    via: str,
    now: datetime.datetime | None = None,
) -> Answer:
    """Record `person`'s answer (`by` is who gave it: the person, or the secretariat for them;
    None for a signed link from the person's own mail). A new answer replaces the last one.
    Refused for someone not invited, a meeting that is cancelled or has begun, and for anyone
    but the person and the secretariat. Where the meeting asks (`asks`), one who comes gives
    their dietary needs (optional) and says whether they stay overnight (required)."""
    now = now or timezone.now()
    reason = " ".join((reason or "").split())
    dietary = " ".join((dietary or "").split())
    if len(reason) > 300:
        raise AnswerError(_("Keep the reason under 300 characters."))
    if len(dietary) > 200:
        raise AnswerError(_("Keep the dietary needs under 200 characters."))
    wanted = asks(meeting)
    if not attending or not wanted.dietary:
        dietary = ""
    if not attending or not wanted.overnight:
        overnight = None
    elif overnight is None:
        raise AnswerError(_("Say whether you stay overnight; the venue books the rooms."))
    if by is not None and by.pk != person.pk and not is_secretariat(by, meeting.forum.organisation):
        raise AnswerError(_("Only the secretariat may answer for someone else."))
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("forum").get(pk=meeting.pk)
        if not meeting.takes_place:
            raise AnswerError(_("The meeting is cancelled; there is nothing to answer."))
        if meeting.start <= now:
            raise AnswerError(
                _("The meeting has begun; tell the secretariat directly, and it is in the minutes.")
            )
        if not is_invited(person, meeting):
            raise AnswerError(
                _("%(name)s is not invited to this meeting.") % {"name": person.full_name}
            )
        answer, _created = Answer.objects.update_or_create(
            meeting=meeting,
            person=person,
            defaults={
                "kind": Answer.Kind.ATTENDING if attending else Answer.Kind.APOLOGIES,
                "reason": "" if attending else reason,
                "dietary": dietary,
                "overnight": overnight,
                "via": via,
                "answered_at": now,
                "by": by,
            },
        )
    return answer


@dataclass
class Reply:
    """One invited person and their answer (None: not answered, so expected)."""

    person: Person
    answer: Answer | None
    member: bool

    @property
    def apologies(self) -> bool:
        return self.answer is not None and self.answer.kind == Answer.Kind.APOLOGIES


def replies(meeting: Meeting) -> list[Reply]:
    """Everyone invited with their answer: what the secretariat sees (three queries)."""
    answers = {a.person_id: a for a in Answer.objects.filter(meeting=meeting)}
    members = member_ids(meeting.forum)
    return [Reply(p, answers.get(p.pk), p.pk in members) for p in invited(meeting)]


def tally(replies_: list[Reply]) -> dict[str, int]:
    apologies = sum(r.apologies for r in replies_)
    unanswered = sum(r.answer is None for r in replies_)
    return {
        "coming": len(replies_) - apologies - unanswered,
        "apologies": apologies,
        "unanswered": unanswered,
    }


def answer_link(meeting: Meeting, person: Person) -> str:
    """The address, for `person`'s own mail, of a page where they answer without logging in."""
    token = signing.dumps({"m": meeting.pk, "p": person.pk}, salt=SALT, compress=True)
    return link("meeting-answer-link", token)


def from_link(token: str) -> tuple[Meeting, Person] | None:
    """The meeting and person a signed answer link names, or None when it is not one of ours,
    has been tampered with, or is older than LINK_DAYS."""
    try:
        data = signing.loads(token, salt=SALT, max_age=datetime.timedelta(days=LINK_DAYS))
    except signing.BadSignature:
        return None
    meeting = Meeting.objects.select_related("forum__organisation").filter(pk=data["m"]).first()
    person = Person.objects.filter(pk=data["p"], is_active=True).first()
    if meeting is None or person is None:
        return None
    return meeting, person


def for_page(person, meeting: Meeting, form: AnswerForm | None = None) -> dict:
    """What the answer box of a page showing `meeting` needs (meetings/_answer_box.html):
    whether the person is invited, may still answer, and what they answered."""
    invited = is_invited(person, meeting)
    begun = meeting.start <= timezone.now()
    mine = Answer.objects.visible_to(person).filter(meeting=meeting, person=person).first()
    initial = {}
    if mine:
        initial = {"answer": mine.kind, "reason": mine.reason, "dietary": mine.dietary}
        if mine.overnight is not None:
            initial["overnight"] = "yes" if mine.overnight else "no"
    return {
        "answer_asks": asks(meeting),
        "answer_invited": invited,
        "answer_open": invited and meeting.takes_place and not begun,
        "answer_begun": begun,
        "answer_mine": mine,
        "answer_form": form or AnswerForm(initial=initial),
    }


def remind_unanswered(meeting: Meeting, *, by: Person, now: datetime.datetime | None = None) -> int:
    """Mail everyone invited who has not answered their own answer link; the secretariat
    only, for a meeting ahead. Returns how many are reminded."""
    now = now or timezone.now()
    if not is_secretariat(by, meeting.forum.organisation):
        raise AnswerError(_("The secretariat reminds those who have not answered."))
    if not meeting.takes_place or meeting.start <= now:
        raise AnswerError(_("The meeting is cancelled or has begun; there is nobody to remind."))
    waiting = [reply.person for reply in replies(meeting) if reply.answer is None]
    notify(
        waiting,
        gettext_noop("Will you come? %(forum)s %(day)s"),
        gettext_noop(
            "You have not yet said whether you come to %(forum)s %(day)s.\n\n"
            "Answer here (no login needed):\n%(link)s"
        ),
        {"forum": meeting.forum.name, "day": meeting.start},
        each=lambda person: {"link": answer_link(meeting, person)},
    )
    return len(waiting)


@dataclass
class Participant:
    person: Person
    answer: Answer | None
    title: str  # the position's title, or the unit's name: what the venue's list shows


@dataclass
class Participants:
    """The list for the venue: who comes (with dietary needs and overnight stays where the
    meeting asks), and who has not answered. For the secretariat only."""

    coming: list[Participant]
    unanswered: list[Participant]
    apologies: int

    @property
    def overnight(self) -> int:
        return sum(1 for p in self.coming if p.answer is not None and p.answer.overnight)

    @property
    def dietary(self) -> list[Participant]:
        return [p for p in self.coming if p.answer is not None and p.answer.dietary]


def participants(meeting: Meeting) -> Participants:
    """Four queries, whatever the number invited."""
    found = replies(meeting)
    titles: dict[int, str] = {}
    positions = (
        Position.objects.active(timezone.localtime(meeting.start).date())
        .filter(person__in=[r.person for r in found])
        .select_related("unit")
        .order_by("start")
    )
    for position in positions:
        titles.setdefault(position.person_id, position.title or position.unit.name)
    coming, waiting, apologies = [], [], 0
    for reply in found:
        if reply.apologies:
            apologies += 1
            continue
        entry = Participant(reply.person, reply.answer, titles.get(reply.person.pk, ""))
        (coming if reply.answer is not None else waiting).append(entry)
    return Participants(coming, waiting, apologies)
