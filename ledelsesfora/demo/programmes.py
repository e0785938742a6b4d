"""Demo programmes: the next meeting of each forum with run sheets gets its programme built
from the charter, with speakers, a facilitator and the run sheet's practical details filled in.
It stays a draft: the approving forum has not met yet. Runs once."""

from __future__ import annotations

from django.utils import timezone

from ledelsesfora.organisation.models import Organisation
from ledelsesfora.programmes import access, operations
from ledelsesfora.programmes.models import Programme

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
        meeting = forum.meetings.held().filter(start__gt=timezone.now()).order_by("start").first()
        if meeting is None:
            continue
        programme = operations.build_programme(meeting, by=secretary)
        for block in programme.blocks.all():
            for key, value in DETAILS.get(block.kind, {}).items():
                setattr(block, key, value)
            block.responsible = secretary
            block.save()
