"""Demo agenda items for `make run`: items in every state on the coming meetings, through the
real operations, and past meetings whose agendas were published (back-filled as history).
Runs once per municipality: if it has items with a submitter, it does nothing."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ledelsesfora.agenda import agendas, operations, topics
from ledelsesfora.agenda.models import AgendaItem, ItemEvent
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.forums.operations import form_working_group
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Organisation, Person

LOREM = (
    "Sagen har betydning på tværs af områderne. Punktet lægger op til en fælles drøftelse af "
    "retning, ressourcer og næste skridt, så forummet kan træffe en kvalificeret beslutning."
)


def demo_items(organisation: Organisation) -> None:
    if AgendaItem.objects.filter(forum__organisation=organisation, author__isnull=False).exists():
        return
    people = {p.username.split("@")[0]: p for p in organisation.people.all()}
    for forum in organisation.forums.active():
        if not forum.charter.agenda:
            _reflection(forum, people)
            continue
        _past(forum, people)
        upcoming = list(forum.meetings.open_for_submission(timezone.now()).order_by("start")[:2])
        if forum.charter.item_kinds and upcoming:
            _upcoming(forum, upcoming, people)


def _author(forum, people) -> Person:
    # Someone who may submit to this forum and, where the charter asks, write recommendations.
    if forum.charter.recommendation_by:
        return people["afdelingschef"]
    if forum.charter.submitters == "secretariat":
        return people["sekretaer"]
    return people["omraadedirektoer"]


def _data(forum, title, kind, people, **extra) -> ItemData:
    kinds = forum.charter.item_kinds
    kind = kind if kind in kinds else kinds[0]
    director = (
        people["omraadedirektoer"] if forum.charter.approval == "responsible_director" else None
    )
    recommendation = "Det indstilles, at forslaget godkendes." if kind == "decision" else ""
    return ItemData(
        title=title,
        kind=kind,
        background=LOREM,
        recommendation=recommendation,
        responsible_director=director,
        duration_minutes=20,
        **extra,
    )


def _upcoming(forum, meetings, people) -> None:
    author, secretary = _author(forum, people), people["sekretaer"]
    first = meetings[0]
    approved = operations.create_item(
        forum,
        _data(
            forum,
            "Status på økonomi og budgetopfølgning",
            "decision",
            people,
            case_number="00.30.00-S00-3-26",
        ),
        by=author,
        meeting=first,
    )
    operations.submit_item(approved, by=author)
    operations.review_item(approved, by=secretary, sparring="Fint punkt. Tilføj gerne nøgletal.")
    if approved.needs_approval:
        operations.approve_item(approved, by=approved.responsible_director)
    reviewed = operations.create_item(
        forum,
        _data(forum, "Fælles indsats mod sygefravær", "theme_discussion", people),
        by=author,
        meeting=first,
    )
    operations.submit_item(reviewed, by=author)
    operations.review_item(
        reviewed, by=secretary, sparring="Skærp gerne spørgsmålene til drøftelsen."
    )
    submitted = operations.create_item(
        forum,
        _data(forum, "Orientering om ny lederuddannelse", "information", people),
        by=author,
        meeting=first,
    )
    submitted = operations.submit_item(submitted, by=author)
    returned = operations.create_item(
        forum,
        _data(forum, "Fælles journaliseringspraksis", "decision", people),
        by=author,
        meeting=first,
    )
    operations.submit_item(returned, by=author)
    operations.return_item(
        returned,
        by=secretary,
        reason="Indstillingen mangler en vurdering af de økonomiske konsekvenser.",
    )
    closed = operations.create_item(
        forum,
        _data(forum, "Organisering af et fagområde", "decision", people, closed=True),
        by=author,
        meeting=first,
    )
    operations.submit_item(closed, by=author)
    operations.create_item(
        forum,
        _data(forum, "Byudviklingsforum: næste skridt", "information", people),
        by=author,
        meeting=meetings[-1],
    )
    if forum.charter.member_input:
        chef = people.get("afdelingschef-boern-kultur-2") or people["kommunaldirektoer"]
        operations.add_comment(
            submitted,
            by=chef,
            kind="input",
            text="Godt initiativ. Vi kan bidrage med erfaringer fra dagtilbud.",
        )
        operations.add_comment(
            submitted,
            by=people["kommunaldirektoer"],
            kind="counter",
            text="Husk at afstemme med den fælles kompetencestrategi.",
        )
    mode = next((m for m in forum.charter.working_modes if m.min_members), None)
    if mode is not None:
        members = [people["afdelingschef"], people["omraadedirektoer"]]
        form_working_group(
            forum,
            by=members[0],
            mode=mode.key,
            title="Tværgående rekrutteringsindsats",
            task="Fælles annoncering og onboarding på tværs.",
            members=members,
        )


def _past(forum, people) -> None:
    """Two held meetings with published agendas, back-filled as history."""
    past = list(forum.meetings.held().filter(start__lt=timezone.now()).order_by("-start")[:2])
    author = _author(forum, people)
    for meeting in past:
        agendas.ensure_standing_items(meeting)
        kinds = forum.charter.item_kinds or ["information"]
        for title, kind in (
            ("Opfølgning på handleplan", "decision"),
            ("Nyt fra områderne", "information"),
        ):
            kind = kind if kind in kinds else kinds[0]
            item = AgendaItem.objects.create(
                forum=forum,
                meeting=meeting,
                author=author,
                title=title,
                anchors=list(
                    forum.charter.anchors[:2] if kind == "decision" else forum.charter.anchors[-1:]
                ),
                kind=kind,
                background=LOREM,
                status=AgendaItem.Status.PUBLISHED,
                recommendation="Det indstilles, at planen godkendes." if kind == "decision" else "",
                recommendation_by=author if kind == "decision" else None,
                responsible_director=people["omraadedirektoer"],
                position=1,
            )
            ItemEvent.objects.create(item=item, by=author, action="published", note="Demohistorik")
        meeting.items.filter(standing=True).update(status=AgendaItem.Status.PUBLISHED)
        meeting.agenda_published_at = meeting.start - datetime.timedelta(days=4)
        meeting.save(update_fields=["agenda_published_at"])


def _reflection(forum, people) -> None:
    """A coming ad hoc meeting with the topics the directors have posted."""
    from ledelsesfora.meetings.operations import create_ad_hoc_meeting
    from ledelsesfora.meetings.workdays import WorkingCalendar

    day = timezone.localdate() + datetime.timedelta(days=10)
    calendar = WorkingCalendar()
    while not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    start = datetime.datetime.combine(
        day, datetime.time(14), tzinfo=timezone.get_current_timezone()
    )
    meeting = Meeting.objects.filter(forum=forum, start=start).first() or create_ad_hoc_meeting(
        forum,
        start=start,
        duration=datetime.timedelta(minutes=90),
        place="Rådhuset, direktionens mødelokale",
        online_link="https://meet.example.invalid/dif-refleksion",
    )
    topics.post_topic(
        meeting,
        by=people["kommunaldirektoer"],
        title="Hvordan forandrer vi styringslandskabet?",
        text="En første idéudveksling før vi sætter noget i gang.",
    )
    topics.post_topic(
        meeting, by=people["omraadedirektoer"], title="Vores samarbejde i direktionen"
    )
