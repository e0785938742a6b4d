"""Documents: a meeting's agenda and the charter notat as PDF (`pdf.py`, WeasyPrint) and Word
(`docx.py`, python-docx), each a pure function returning bytes.

Both formats print the same facts, gathered here once: the letterhead (the municipality's sender
block from its charter) and the agenda's particulars and items. Nothing here queries the
database: the caller passes what the reader may see (`agenda.agendas.agenda_for`), the letterhead
and, for minutes, the outcomes and the attendance as the minutes now stand.

A municipality's papers are written in its own language, whatever language the reader has chosen
for the web pages: the exports render under `settings.LANGUAGE_CODE` (Danish), and times are
Europe/Copenhagen (`settings.TIME_ZONE`).

Django imports this package while it loads the apps, so models are imported in the functions.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import override

from ledelsesfora.forums import describe

if TYPE_CHECKING:
    from ledelsesfora.forums.models import Charter
    from ledelsesfora.meetings.models import Meeting
    from ledelsesfora.organisation.models import Organisation


class Agenda(Protocol):
    """What a document needs of an agenda (`agenda.agendas.Agenda`, which the caller builds):
    its numbered, timed lines, each with `number`, `item`, `start` and `end`."""

    lines: list


PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def in_document_language():
    """The language every document is written in (see the module docstring)."""
    return override(settings.LANGUAGE_CODE)


@dataclass
class Letterhead:
    """The sender block: the charter's department lines, then the municipality's name,
    address and contact details; and the caseworker (sagsbehandler) the charter names."""

    name: str
    department: list[str]
    address: list[str]
    contact: list[str]
    caseworker: str = ""
    secretariat: str = ""  # who services the forum a document is about, set by the caller


def letterhead(organisation: Organisation, charter: Charter | None) -> Letterhead:
    """The letterhead of `organisation`, from its `charter` (its current one)."""
    parsed = charter.parsed if charter else None
    document = parsed.document if parsed else None
    contact = []
    if organisation.email:
        contact.append(organisation.email)
    if organisation.phone:
        contact.append(_("Phone") + f" {organisation.phone}")
    return Letterhead(
        name=organisation.name,
        department=list(parsed.municipality.department) if parsed else [],
        address=organisation.address_lines,
        contact=contact,
        caseworker=(document.caseworker or "") if document else "",
    )


@dataclass
class ItemEntry:
    number: int
    time: str
    title: str
    details: list[str]
    flags: list[str]
    presenters: str = ""
    background: str = ""
    recommendation: str = ""
    attachments: list[str] = field(default_factory=list)
    decision: str = ""
    followups: list[str] = field(default_factory=list)
    # (label, text) a paragraph each, e.g. a programme block's speakers and room
    sections: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class AgendaDocument:
    """Everything an agenda document prints, as text, in the order it prints it."""

    letterhead: Letterhead
    title: str
    forum: str
    day: str
    subtitle: str
    facts: list[tuple[str, str]]
    items: list[ItemEntry]
    footer: str
    draft: bool
    attendance: list[tuple[str, str]] = field(default_factory=list)
    summary: str = ""
    items_heading: str = ""  # "Items" unless set
    summary_heading: str = ""  # "Written summary" unless set
    empty: str = ""  # said where there are no items; the agenda's own text unless set


def _local(moment: datetime.datetime) -> datetime.datetime:
    # The municipality's time, whatever time zone a request may have activated.
    return timezone.localtime(moment, timezone.get_default_timezone())


def _time(moment: datetime.datetime) -> str:
    return date_format(_local(moment), "H:i")


def meeting_day(meeting: Meeting) -> str:
    """E.g. "tirsdag 1. december 2026" (call inside `in_document_language`)."""
    return date_format(_local(meeting.start), "l j. F Y")


@dataclass
class MinutesRecord:
    """The minutes as they now stand, for a document: `outcomes` maps item ids to their outcome
    (`minutes.operations.current_outcomes`); `attendance` is (label, names) a line each —
    present, apologies, guests; `minute_taker` who wrote them; `followups` maps item ids to
    their follow-up actions as text."""

    minutes: object | None
    outcomes: dict = field(default_factory=dict)
    attendance: list[tuple[str, str]] = field(default_factory=list)
    minute_taker: str = ""
    followups: dict = field(default_factory=dict)


def agenda_document(meeting: Meeting, agenda: Agenda, head: Letterhead) -> AgendaDocument:
    """The agenda's text (call inside `in_document_language`). `agenda` holds only the items
    the reader may see. It names the forum's secretariat (`head.secretariat`), or the
    charter's caseworker where that is not given."""
    forum = meeting.forum
    if not meeting.takes_place:
        status = capfirst(meeting.get_status_display())
    elif meeting.agenda_published_at:
        status = _("Published %(day)s") % {
            "day": date_format(_local(meeting.agenda_published_at), "j. F Y")
        }
    else:
        status = _("Draft: not published yet")
    facts = [
        (_("Forum"), f"{forum.name} ({forum.short_name})"),
        (_("Date"), meeting_day(meeting)),
        (_("Time"), f"{_time(meeting.start)}–{_time(meeting.end)}"),
        (_("Place"), meeting.place),
        (_("Online"), meeting.online_link),
        (_("Meeting format"), capfirst(describe.FORMATS.get(meeting.format, ""))),
        (_("Secretariat"), head.secretariat)
        if head.secretariat
        else (_("Caseworker"), head.caseworker),
        (_("Status"), status),
    ]
    items = [_item_entry(line) for line in agenda.lines]
    return AgendaDocument(
        letterhead=head,
        title=_("Agenda"),
        forum=forum.name,
        day=meeting_day(meeting),
        subtitle=meeting.title if meeting.title and meeting.title != forum.name else "",
        facts=[(label, value) for label, value in facts if value],
        items=items,
        footer=" ".join((f"{head.name} ·", _("Agenda"), forum.short_name, meeting_day(meeting))),
        draft=meeting.agenda_published_at is None,
    )


def minutes_document(
    meeting: Meeting, agenda: Agenda, head: Letterhead, record: MinutesRecord
) -> AgendaDocument:
    """The minutes (beslutningsreferat) or summary (opsamling) of `meeting` as text (call inside
    `in_document_language`): the agenda's items the reader may see, each with its outcome and
    its follow-up actions."""
    minutes = record.minutes
    document = agenda_document(meeting, agenda, head)
    summary_forum = meeting.forum.charter.minutes == "summary"
    document.title = _("Summary") if summary_forum else _("Decision minutes")
    document.footer = " ".join(
        (
            f"{document.letterhead.name} ·",
            document.title,
            meeting.forum.short_name,
            meeting_day(meeting),
        )
    )
    outcomes = record.outcomes
    status = _("Not written yet")
    if minutes is not None:
        status = capfirst(minutes.get_status_display())
        if minutes.approved_note:
            status += f": {minutes.approved_note}"
        if minutes.version > 1:
            status += " · " + _("version") + f" {minutes.version}"
    document.facts = [(label, value) for label, value in document.facts if label != _("Status")]
    if record.minute_taker:
        document.facts.append((_("Minute-taker"), record.minute_taker))
    document.facts.append((_("Status"), status))
    document.draft = minutes is None or minutes.status != "approved"
    for entry, line in zip(document.items, agenda.lines, strict=True):
        outcome = outcomes.get(line.item.pk)
        entry.background = ""
        if outcome is not None:
            entry.decision = capfirst(outcome.get_outcome_display()) + (
                f": {outcome.text}" if outcome.text else ""
            )
        entry.followups = list(record.followups.get(line.item.pk, []))
    if minutes is not None:
        document.attendance = list(record.attendance)
        document.summary = minutes.summary
    return document


def programme_document(meeting: Meeting, programme, head: Letterhead, *, run_sheet: bool):
    """A meeting's programme, or its run sheet (drejebog) with each block's room, responsible,
    equipment and catering, as text (call inside `in_document_language`). `programme` is a
    `programmes.models.Programme` with its blocks."""
    document = agenda_document(meeting, _NoAgenda(), head)
    document.title = _("Run sheet") if run_sheet else _("Programme")
    document.items_heading = _("Programme")
    document.empty = _("The programme has no blocks yet.")
    document.footer = " ".join(
        (f"{head.name} ·", document.title, meeting.forum.short_name, meeting_day(meeting))
    )
    if programme.published_at:
        status = _("Published %(day)s") % {
            "day": date_format(_local(programme.published_at), "j. F Y")
        }
    elif programme.approved_at:
        status = _("Approved %(day)s") % {
            "day": date_format(_local(programme.approved_at), "j. F Y")
        }
    else:
        status = _("Draft: not published yet")
    if programme.changed_after_approval:
        status += " · " + _("changed after approval")
    document.facts = [(label, value) for label, value in document.facts if label != _("Status")]
    document.facts.append((_("Status"), status))
    document.draft = programme.published_at is None
    document.summary = programme.note
    document.summary_heading = _("Practical information")
    several_days = _local(meeting.start).date() != _local(meeting.end).date()
    entries = []
    for number, block in enumerate(programme.blocks.select_related("responsible"), start=1):
        start = _local(block.start)
        time = f"{_time(block.start)}–{_time(block.end)}"
        if several_days:
            time = date_format(start, "D j/n") + " " + time
        details = [block.get_kind_display()]
        if block.across_areas:
            details.append(_("groups across the areas"))
        sections = [
            (_("Speakers"), block.speakers),
            (_("Facilitator"), block.facilitator),
            (_("Description"), block.description.strip()),
        ]
        if run_sheet:
            sections += [
                (_("Room"), block.room),
                (_("Responsible"), block.responsible.full_name if block.responsible else ""),
                (_("Equipment"), block.equipment.strip()),
                (_("Catering"), block.catering.strip()),
            ]
        entries.append(
            ItemEntry(
                number=number,
                time=time,
                title=block.title,
                details=details,
                flags=[],
                sections=[(label, text) for label, text in sections if text],
            )
        )
    document.items = entries
    return document


class _NoAgenda:
    lines: list = []


def programme_filename(meeting: Meeting, extension: str, *, run_sheet: bool) -> str:
    day = _local(meeting.start).date().isoformat()
    name = "drejebog" if run_sheet else "program"
    return f"{name}-{_safe(meeting.forum.short_name)}-{day}.{extension}"


def minutes_filename(meeting: Meeting, extension: str) -> str:
    day = _local(meeting.start).date().isoformat()
    return f"referat-{_safe(meeting.forum.short_name)}-{day}.{extension}"


def _item_entry(line) -> ItemEntry:
    item = line.item
    details = [item.kind_label]
    if item.case_number:
        details.append(_("Case no.") + f" {item.case_number}")
    flags = []
    if item.closed:
        flags.append(_("Closed item"))
    if item.changed_after_publication:
        flags.append(_("Changed after publication"))
    presenters = ", ".join(p.full_name for p in item.presenters.all())
    return ItemEntry(
        number=line.number,
        time=_time(line.start),
        title=item.title,
        details=details,
        flags=flags,
        presenters=presenters,
        background=item.background.strip(),
        recommendation=item.recommendation.strip(),
        attachments=[a.name for a in item.attachments.all()],
    )


# Where a page label's numbers go; each format puts its own page counters there.
PAGE, PAGES = "\x00page\x00", "\x00pages\x00"


def page_label() -> list[str]:
    """ "Side 1 af 3" in parts: text, and PAGE and PAGES where the page counters go."""
    text = _("Page %(page)s of %(pages)s") % {"page": PAGE, "pages": PAGES}
    return [part for part in re.split("(\x00pages?\x00)", text) if part]


def agenda_filename(meeting: Meeting, extension: str) -> str:
    day = _local(meeting.start).date().isoformat()
    return f"dagsorden-{_safe(meeting.forum.short_name)}-{day}.{extension}"


def notat_filename(organisation: Organisation, extension: str) -> str:
    return f"notat-{_safe(organisation.slug)}.{extension}"


def attachment_response(content: bytes, content_type: str, filename: str):
    """A download of `content` under `filename` (made safe by the *_filename functions)."""
    from django.http import HttpResponse

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _safe(text: str) -> str:
    # A header value: keep the name readable but never let a quote or a slash through.
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "dokument"


@dataclass
class TableDocument:
    """A list as a document: a title, facts, then a table (the participant list)."""

    letterhead: Letterhead
    title: str
    forum: str
    day: str
    facts: list[tuple[str, str]]
    columns: list[str]
    rows: list[list[str]]
    footer: str
    empty: str = ""


def participants_document(meeting: Meeting, listed, asks, head: Letterhead) -> TableDocument:
    """The participant list for the venue (call inside `in_document_language`): `listed` is
    `meetings.answers.participants(meeting)`, `asks` what the answers say besides coming."""
    columns = [_("Name"), _("Position")]
    if asks.dietary:
        columns.append(_("Dietary needs"))
    if asks.overnight:
        columns.append(_("Overnight"))
    rows = []
    for entry in listed.coming:
        row = [entry.person.full_name, entry.title]
        if asks.dietary:
            row.append(entry.answer.dietary if entry.answer else "")
        if asks.overnight:
            row.append(_("yes") if entry.answer and entry.answer.overnight else _("no"))
        rows.append(row)
    facts = [
        (_("Forum"), f"{meeting.forum.name} ({meeting.forum.short_name})"),
        (_("Date"), meeting_day(meeting)),
        (_("Time"), f"{_time(meeting.start)}–{_time(meeting.end)}"),
        (_("Place"), meeting.place),
        (_("Coming"), str(len(listed.coming))),
        (_("Not answered"), str(len(listed.unanswered))),
    ]
    if asks.overnight:
        facts.append((_("Staying overnight"), str(listed.overnight)))
    return TableDocument(
        letterhead=head,
        title=_("Participant list"),
        forum=meeting.forum.name,
        day=meeting_day(meeting),
        facts=[(label, value) for label, value in facts if value],
        columns=columns,
        rows=rows,
        footer=" ".join(
            (
                f"{head.name} ·",
                _("Participant list"),
                meeting.forum.short_name,
                meeting_day(meeting),
            )
        ),
        empty=_("Nobody has said they come yet."),
    )


def participants_filename(meeting: Meeting, extension: str) -> str:
    day = _local(meeting.start).date().isoformat()
    return f"deltagere-{_safe(meeting.forum.short_name)}-{day}.{extension}"
