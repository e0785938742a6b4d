"""Who may see what. Decided here, on the server, for every page, export and (later) API."""

from __future__ import annotations

from django.http import Http404

from ledelsesfora.forums.models import Forum
from ledelsesfora.organisation.models import Organisation, Person


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
