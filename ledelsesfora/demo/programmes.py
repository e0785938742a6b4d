"""Demo programmes: the next meeting of each forum with run sheets gets its programme built
from the charter, with speakers, a facilitator and the run sheet's practical details filled in.
It stays a draft: the approving forum has not met yet. The municipality gets a register of
venues (one day is held at the town hall) and the day its expected costs. Runs once."""

from __future__ import annotations

from django.utils import timezone

from ledelsesfora.meetings.operations import VenueData, choose_venue, save_venue, venue_problem
from ledelsesfora.organisation.models import Organisation
from ledelsesfora.programmes import access, operations
from ledelsesfora.programmes.models import Programme

VENUES = [
    VenueData("Rådhuset, Store sal", 0, in_municipality=True, capacity=150),
    VenueData("Kursuscenter Skovbrynet", 40, address="Skovvejen 12", overnight=True, capacity=120),
    VenueData("Hotel Vestkysten", 150, address="Strandvejen 3", overnight=True, capacity=200),
]
COSTS = [
    ("Forplejning: kaffe, te og kage", 9500),
    ("Ekstern oplægsholder", 15000),
]

DETAILS = {
    "theme": {
        "speakers": "Ekstern oplægsholder",
        "facilitator": "Sekretariatet",
        "across_areas": True,
        "room": "Store sal",
        "equipment": "Projektor, to mikrofoner, flipovere til grupperne",
        "catering": "Kaffe, te og kage kl. 14.30",
        "description": "Oplæg i plenum, derefter gruppearbejde på tværs af områderne.",
    },
    "orientation": {"speakers": "Kommunaldirektøren", "room": "Store sal"},
}


def demo_programmes(organisation: Organisation) -> None:
    if Programme.objects.filter(meeting__forum__organisation=organisation).exists():
        return
    people = {p.username.split("@")[0]: p for p in organisation.people.all()}
    secretary = people.get("sekretaer")
    for forum in organisation.forums.active():
        if not access.has_programme(forum) or secretary is None:
            continue
        coming = forum.meetings.held().filter(start__gt=timezone.now()).order_by("start")
        meeting = next((m for m in coming if access.meeting_has_programme(m)), None)
        if meeting is None:
            continue
        programme = operations.build_programme(meeting, by=secretary)
        if not organisation.venues.exists():
            for venue in VENUES:
                save_venue(organisation, venue, by=secretary)
        suits = [v for v in organisation.venues.all() if not venue_problem(meeting, v)]
        if suits:  # the town hall where it will do; a place with rooms for a night
            choose_venue(meeting, min(suits, key=lambda v: v.drive_minutes), by=secretary)
        accounts = operations.accounts_for(meeting)
        for description, amount in COSTS if accounts else []:
            operations.save_cost(
                meeting, by=secretary, account=accounts[0], description=description, expected=amount
            )
        for block in programme.blocks.all():
            for key, value in DETAILS.get(block.kind, {}).items():
                setattr(block, key, value)
            block.responsible = secretary
            block.save()
