"""Who belongs where: a person's municipality, the forums they are a member of, whether they
are in its secretariat, and whether they may propose items to a forum. Decided here, on the
server, for every page, export, feed, mail and the API; what may be seen of items, meetings and
minutes is built on this in their own QuerySets.

Membership comes from the charter's member rules and the organisation's positions (see
`Forum.members`). For one person it is computed once per person object — a request's user, or a
person a job looks up — with two queries, whatever the number of forums.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from ledelsesfora.forums.models import Forum, UnitTree, rule_matches
from ledelsesfora.organisation.models import Organisation, Person, Position, Unit


@dataclass(frozen=True)
class Standing:
    """Where one person stands, as of today."""

    organisation_id: int | None
    superuser: bool
    secretariat: bool  # of their own municipality
    forums: frozenset[int]  # the forums they are a member of
    roles: dict[int, frozenset[str]]  # forum → the roles the charter gives them there
    input_forums: frozenset[int] = frozenset()  # of those, where the charter asks for input

    def in_secretariat(self, organisation_id: int) -> bool:
        return self.superuser or (self.secretariat and organisation_id == self.organisation_id)


NOBODY = Standing(None, False, False, frozenset(), {})


def standing(person: Person) -> Standing:
    """The person's standing, computed once per person object (two queries)."""
    cached = getattr(person, "_standing", None)
    if cached is not None:
        return cached
    result = _compute_standing(person)
    if person.is_authenticated:
        person._standing = result
    return result


def _compute_standing(person: Person) -> Standing:
    if not person.is_authenticated or not person.is_active:
        return NOBODY
    if person.organisation_id is None:
        return Standing(None, person.is_superuser, False, frozenset(), {})
    forums = list(Forum.objects.filter(organisation_id=person.organisation_id))
    positions = list(
        Position.objects.active().filter(person=person).select_related("unit", "position_type")
    )
    secretariat_units = {
        f.charter.secretariat.unit for f in forums if f.active and f.charter.secretariat
    }
    # Administering the organisation (is_staff) is not running the forums: an administrator
    # reads closed items and drafts only with a secretariat position (docs/decisions.md).
    secretariat = any(
        p.unit.organisation_id == person.organisation_id
        and (p.unit.kind == Unit.Kind.SECRETARIAT or p.unit.key in secretariat_units)
        for p in positions
    )
    member_of: set[int] = set()
    roles: dict[int, frozenset[str]] = {}
    tree = UnitTree()
    for forum in forums:
        matched = [
            rule
            for rule in forum.charter.members
            if rule.person == person.username or any(rule_matches(rule, p, tree) for p in positions)
        ]
        if matched:
            member_of.add(forum.pk)
            roles[forum.pk] = frozenset(r.role for r in matched if r.role != "member")
    return Standing(
        person.organisation_id,
        person.is_superuser,
        secretariat,
        frozenset(member_of),
        roles,
        frozenset(f.pk for f in forums if f.pk in member_of and f.charter.member_input),
    )


def is_secretariat(person: Person, organisation: Organisation) -> bool:
    """May plan the year, make meetings and build agendas for the municipality: everyone
    holding a position in one of its secretariat units — a unit of kind "secretariat", or a
    unit a forum's charter names as its secretariat."""
    return standing(person).in_secretariat(organisation.pk)


def is_member(person: Person, forum: Forum) -> bool:
    return forum.pk in standing(person).forums


def has_role(person: Person, forum: Forum, role: str) -> bool:
    """The charter gives the person this role in the forum: chair, minute_taker or host."""
    return role in standing(person).roles.get(forum.pk, frozenset())


def _memberships(forum: Forum) -> list:
    """The forum's memberships today; computed once per forum object."""
    cached = getattr(forum, "_memberships", None)
    if cached is None:
        cached = forum._memberships = forum.members()
    return cached


def member_ids(forum: Forum) -> set[int]:
    """The ids of the forum's members today; computed once per forum object."""
    return {m.person.pk for m in _memberships(forum)}


def members_with_role(forum: Forum, role: str) -> list[Person]:
    """The members the charter gives a role: the chair, the minute-taker, the host."""
    return [m.person for m in _memberships(forum) if role in m.roles]


def can_submit(person: Person, forum: Forum) -> bool:
    """May propose items to the forum, as its charter's `submitters` says."""
    if is_secretariat(person, forum.organisation):
        return True
    if not person.is_authenticated or person.organisation_id != forum.organisation_id:
        return False
    submitters = forum.charter.submitters
    if submitters == "secretariat":
        return False
    if is_member(person, forum):
        return True
    if submitters == "members_and_areas":
        return person.positions.active().filter(unit__organisation=forum.organisation).exists()
    return False


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


def chosen_forum(organisation: Organisation, short_name: str | None) -> Forum | None:
    """The active forum a page's `forum` parameter names: None when it names none, 404 when it
    names one the municipality does not have."""
    if not short_name:
        return None
    forum = organisation.forums.active().filter(short_name=short_name).first()
    if forum is None:
        raise Http404
    return forum
