"""The OParl 1.1 objects of what a municipality publishes (https://oparl.org/spezifikation/):
each `…_out` turns one of our objects into its OParl form, with absolute URLs as ids.

What is published is decided by the models' own `public()` QuerySets — a forum whose charter
says `public = true`, its meetings once their agenda is out, their open items, the decisions of
approved minutes, the files of those items — and nowhere here. How our things map:

| OParl | Ledelsesfora |
|---|---|
| System | this installation |
| Body | a municipality with at least one public forum |
| Organization | a public forum (organizationType "Gremium") |
| Person, Membership | a public forum's members today, by name and role (no contact data) |
| Meeting | a public forum's meeting with a published agenda |
| AgendaItem | an open item on that agenda, numbered as on the agenda |
| Paper, Consultation | the same item as a case paper (with its case number), consulted once |
| File | an attachment of such an item |
| Location | where a meeting is held (its venue or place) |
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from ledelsesfora.agenda.models import AgendaItem, Attachment
from ledelsesfora.forums.models import Forum, Membership
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.models import Outcome
from ledelsesfora.organisation.models import Organisation, Person

SCHEMA = "https://schema.oparl.org/1.1/"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
# OParl's vocabulary is free text; ours is the municipality's Danish.
ROLES = {"chair": "Formand", "minute_taker": "Referent", "host": "Vært"}
RESULTS = {"decided": "Besluttet", "noted": "Taget til efterretning", "deferred": "Udsat"}
PAPER_TYPES = {"decision": "Beslutningssag", "information": "Orienteringssag"}


@dataclass(frozen=True)
class Site:
    """Absolute addresses on this server, as the request reached it."""

    root: str  # e.g. "https://ledelsesfora.example.dk"

    def url(self, name: str, *args) -> str:
        return self.root + reverse(f"oparl:{name}", args=args)


def _when(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _clean(data: dict) -> dict:
    """Without the keys that have no value: OParl leaves out what is unknown."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def system_out(site: Site) -> dict:
    return _clean(
        {
            "id": site.url("system"),
            "type": SCHEMA + "System",
            "oparlVersion": SCHEMA,
            "license": LICENSE,
            "body": site.url("bodies"),
            "name": "Ledelsesfora",
            "product": "https://github.com/ledelsesfora",
        }
    )


def body_out(site: Site, organisation: Organisation) -> dict:
    slug = organisation.slug
    return _clean(
        {
            "id": site.url("body", slug),
            "type": SCHEMA + "Body",
            "system": site.url("system"),
            "shortName": slug,
            "name": organisation.name,
            "license": LICENSE,
            "contactEmail": organisation.email,
            "organization": site.url("organizations", slug),
            "person": site.url("people", slug),
            "meeting": site.url("meetings", slug),
            "paper": site.url("papers", slug),
            "agendaItem": site.url("agenda-items", slug),
            "consultation": site.url("consultations", slug),
            "file": site.url("files", slug),
            "locationList": site.url("locations", slug),
            "membership": site.url("memberships", slug),
            "legislativeTerm": [],
            "classification": "Kommune",
        }
    ) | {"legislativeTerm": []}


def organization_out(site: Site, forum: Forum, members: list[Membership]) -> dict:
    return _clean(
        {
            "id": site.url("organization", forum.pk),
            "type": SCHEMA + "Organization",
            "body": site.url("body", forum.organisation.slug),
            "name": forum.name,
            "shortName": forum.short_name,
            "organizationType": "Gremium",  # OParl's word for a body that meets
            "classification": "Ledelsesforum",
            "membership": [site.url("membership", forum.pk, m.person.pk) for m in members],
            "meeting": site.root
            + reverse("oparl:meetings", args=[forum.organisation.slug])
            + f"?organization={forum.pk}",
            "memberCount": len(members),
            "license": LICENSE,
        }
    )


def membership_out(site: Site, forum: Forum, membership: Membership, embedded=False) -> dict:
    roles = [ROLES[role] for role in sorted(membership.roles) if role in ROLES]
    return _clean(
        {
            "id": site.url("membership", forum.pk, membership.person.pk),
            "type": SCHEMA + "Membership",
            "person": None if embedded else site.url("person", membership.person.pk),
            "organization": site.url("organization", forum.pk),
            "role": ", ".join(roles) or "Medlem",
            "votingRight": True,
        }
    )


def person_out(site: Site, person: Person, memberships: list[tuple[Forum, Membership]]) -> dict:
    return _clean(
        {
            "id": site.url("person", person.pk),
            "type": SCHEMA + "Person",
            "body": site.url("body", person.organisation.slug),
            "name": person.full_name or person.initials or "Medlem",  # never the login
            "membership": [membership_out(site, f, m, embedded=True) for f, m in memberships],
        }
    )


def location_out(site: Site, meeting: Meeting, embedded=False) -> dict | None:
    venue = meeting.venue
    description = venue.name if venue else meeting.place
    if not description:
        return None
    return _clean(
        {
            "id": site.url("location", meeting.pk),
            "type": SCHEMA + "Location",
            "description": description,
            "streetAddress": venue.address if venue else "",
            "meetings": None if embedded else [site.url("meeting", meeting.pk)],
        }
    )


def meeting_out(
    site: Site, meeting: Meeting, items: list[tuple[int, AgendaItem]], outcomes
) -> dict:
    cancelled = meeting.status == Meeting.Status.CANCELLED
    return _clean(
        {
            "id": site.url("meeting", meeting.pk),
            "type": SCHEMA + "Meeting",
            "name": meeting.title or meeting.forum.name,
            "meetingState": "abgesagt"
            if cancelled
            else ("durchgeführt" if meeting.start < timezone.now() else "eingeladen"),
            "cancelled": cancelled,
            "start": _when(meeting.start),
            "end": _when(meeting.end),
            "location": location_out(site, meeting, embedded=True),
            "organization": [site.url("organization", meeting.forum_id)],
            "agendaItem": [
                agenda_item_out(site, item, number, outcomes.get(item.pk), embedded=True)
                for number, item in items
            ],
            "created": _when(meeting.created_at),
            "modified": _when(meeting.updated_at),
            "license": LICENSE,
        }
    )


def agenda_item_out(
    site: Site, item: AgendaItem, number: int, outcome: Outcome | None, embedded=False
) -> dict:
    return _clean(
        {
            "id": site.url("agenda-item", item.pk),
            "type": SCHEMA + "AgendaItem",
            "meeting": None if embedded else site.url("meeting", item.meeting_id),
            "number": str(number),
            "order": number,
            "name": item.title,
            "public": True,
            "consultation": site.url("consultation", item.pk),
            "result": RESULTS.get(outcome.outcome) if outcome else None,
            "resolutionText": outcome.text if outcome else None,
            "created": _when(item.created_at),
            "modified": _when(item.updated_at),
        }
    )


def paper_out(site: Site, item: AgendaItem, files: list[Attachment]) -> dict:
    text = "\n\n".join(part for part in (item.background, item.recommendation) if part.strip())
    return _clean(
        {
            "id": site.url("paper", item.pk),
            "type": SCHEMA + "Paper",
            "body": site.url("body", item.forum.organisation.slug),
            "name": item.title,
            "reference": item.case_number,
            "date": timezone.localtime(item.meeting.start).date().isoformat(),
            "paperType": PAPER_TYPES.get(item.kind, "Sag"),
            "auxiliaryFile": [file_out(site, f, embedded=True) for f in files],
            "consultation": [consultation_out(site, item, embedded=True)],
            "created": _when(item.created_at),
            "modified": _when(item.updated_at),
        }
    ) | ({"mainFile": _text_file(site, item, text)} if text else {})


def _text_file(site: Site, item: AgendaItem, text: str) -> dict:
    """The item's own text (background and recommendation) as the paper's main file."""
    return {
        "id": site.url("paper-text", item.pk),
        "type": SCHEMA + "File",
        "name": item.title,
        "mimeType": "text/plain",
        "text": text,
        "accessUrl": site.url("paper-text", item.pk),
    }


def consultation_out(site: Site, item: AgendaItem, embedded=False) -> dict:
    return _clean(
        {
            "id": site.url("consultation", item.pk),
            "type": SCHEMA + "Consultation",
            "paper": None if embedded else site.url("paper", item.pk),
            "agendaItem": site.url("agenda-item", item.pk),
            "meeting": site.url("meeting", item.meeting_id),
            "organization": [site.url("organization", item.forum_id)],
            "authoritative": item.kind == AgendaItem.Kind.DECISION,
            "role": "Beschlussfassung"
            if item.kind == AgendaItem.Kind.DECISION
            else "Kenntnisnahme",
        }
    )


def file_out(site: Site, attachment: Attachment, embedded=False) -> dict:
    return _clean(
        {
            "id": site.url("file", attachment.pk),
            "type": SCHEMA + "File",
            "name": attachment.name,
            "fileName": attachment.name,
            "mimeType": attachment.content_type,
            "date": timezone.localtime(attachment.uploaded_at).date().isoformat(),
            "size": attachment.size,
            "accessUrl": site.url("file-download", attachment.pk),
            "downloadUrl": site.url("file-download", attachment.pk),
            "agendaItem": None if embedded else [site.url("agenda-item", attachment.item_id)],
            "paper": None if embedded else [site.url("paper", attachment.item_id)],
            "created": _when(attachment.uploaded_at),
        }
    )
