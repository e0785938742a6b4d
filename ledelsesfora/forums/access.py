"""Who may see what. Decided here, on the server, for every page, export and (later) API."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from ledelsesfora.forums.models import Forum
from ledelsesfora.organisation.models import Organisation, Person, Position, Unit


def organisation_for(person: Person, slug: str) -> Organisation:
    """The municipality `slug` if `person` belongs to it (or is a superuser); 404 otherwise,
    so an outsider cannot even learn whether the municipality exists."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not (
        person.is_superuser or person.organisation_id == organisation.pk
    ):
        raise Http404
    return organisation


def forum_for(person: Person, slug: str, short_name: str) -> Forum:
    forum = (
        Forum.objects.visible_to(person)
        .select_related("organisation")
        .filter(organisation__slug=slug, short_name=short_name)
        .first()
    )
    if forum is None:
        raise Http404
    return forum


def is_secretariat(person: Person, organisation: Organisation) -> bool:
    """May plan the year, make meetings and (later) build agendas for the municipality: its
    administrators, and everyone holding a position in one of its secretariat units — a unit of
    kind "secretariat", or a unit a forum's charter names as its secretariat."""
    if not person.is_authenticated:
        return False
    if person.is_superuser:
        return True
    if person.organisation_id != organisation.pk:
        return False
    if person.is_staff:
        return True
    secretariat_units = {
        forum.charter.secretariat.unit
        for forum in organisation.forums.active()
        if forum.charter.secretariat
    }
    return (
        Position.objects.active()
        .filter(person=person, unit__organisation=organisation)
        .filter(Q(unit__kind=Unit.Kind.SECRETARIAT) | Q(unit__key__in=secretariat_units))
        .exists()
    )
