"""Forums and the charters that define them.

A `Charter` row is one loaded version of a municipality's charter file, kept whole. A `Forum` row
gives each forum a stable identity (meetings and items point at it) and carries its part of the
latest charter in `spec`; `Forum.charter` returns it as the typed `charter.Forum`, so every rule
is read from charter data.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledelsesfora.forums import charter as charter_format
from ledelsesfora.organisation.models import Organisation, Person, Position, Unit
from ledelsesfora.revision import memo


def _canonical(document) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


# Parsed charters are frozen pydantic models, so one process can share them between requests.
@lru_cache(maxsize=64)
def _parsed_charter(text: str) -> charter_format.Charter:
    return charter_format.Charter.model_validate(json.loads(text))


@lru_cache(maxsize=1024)
def _parsed_forum(text: str) -> charter_format.Forum:
    return charter_format.Forum.model_validate(json.loads(text))


class CharterQuerySet(models.QuerySet):
    def current(self, organisation: Organisation) -> Charter | None:
        return self.filter(organisation=organisation).order_by("-version").first()


class Charter(models.Model):
    """One loaded version of a municipality's charter file."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="charters")
    version = models.PositiveIntegerField(_("version"))
    document = models.JSONField(_("document"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    loaded_at = models.DateTimeField(_("loaded"), default=timezone.now)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loaded by"),
    )

    objects = CharterQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version"], name="charter_version_unique"
            )
        ]
        verbose_name = _("charter")
        verbose_name_plural = _("charters")

    def __str__(self) -> str:
        return f"{self.organisation} v{self.version}"

    @cached_property
    def parsed(self) -> charter_format.Charter:
        return _parsed_charter(_canonical(self.document))

    def as_toml(self) -> str:
        """The canonical file of this version, saying which version it is (`based_on`)."""
        return charter_format.dump_charter(self.document, based_on=self.version)


class ForumQuerySet(models.QuerySet):
    def active(self) -> ForumQuerySet:
        return self.filter(active=True)

    def public(self) -> ForumQuerySet:
        """The forums their charter publishes as open data (`public = true`): what anyone may
        read through OParl, without logging in."""
        return self.active().filter(spec__public=True)

    def visible_to(self, person: Person) -> ForumQuerySet:
        """The forums a person may see: those of their own municipality. Superusers see all."""
        if not person.is_authenticated:
            return self.none()
        if person.is_superuser:
            return self
        if person.organisation_id is None:
            return self.none()
        return self.filter(organisation_id=person.organisation_id)


class Forum(models.Model):
    """A leadership forum of one municipality: DIF, CF, LF …"""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="forums")
    short_name = models.CharField(_("short name"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    domain = models.CharField(_("domain"), max_length=20)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    spec = models.JSONField(_("charter section"))
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "A forum left out of a newer charter is kept, with its meetings, but inactive."
        ),
    )

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "short_name"], name="forum_short_name_unique"
            )
        ]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self) -> str:
        return f"{self.name} ({self.short_name})"

    @cached_property
    def spec_text(self) -> str:
        return _canonical(self.spec)

    @cached_property
    def charter(self) -> charter_format.Forum:
        """The forum's part of the charter, validated once per version of its text in this
        process (validation checks every rule's dates; a page loads many forums)."""
        return _parsed_forum(self.spec_text)

    def members(self, on: datetime.date | None = None) -> list[Membership]:
        """The people who are members on `on` (today by default), computed from the charter's
        member rules and the organisation's positions. Two queries, whatever the size, and
        none when asked before at the same revision (ledelsesfora.revision.memo). The
        memberships are shared: read them, never change them."""
        on = on or timezone.localdate()
        key = ("members", self.pk, self.organisation_id, on, self.spec_text)
        return list(memo.kept(key, lambda: self._members(on)))

    def _members(self, on: datetime.date) -> list[Membership]:
        rules = self.charter.members
        position_rules = [r for r in rules if r.position or r.staff_responsibility]
        by_person: dict[int, Membership] = {}
        if position_rules:
            tree = UnitTree()
            for position in self._held_positions(on):
                for index, rule in enumerate(rules):
                    if rule_matches(rule, position, tree):
                        membership = by_person.setdefault(
                            position.person_id, Membership(position.person, index)
                        )
                        membership.add(rule, position)
        usernames = [r.person for r in rules if r.person]
        if usernames:
            people = Person.objects.filter(
                organisation_id=self.organisation_id, username__in=usernames, is_active=True
            )
            for person in people:
                for index, rule in enumerate(rules):
                    if rule.person == person.username:
                        by_person.setdefault(person.pk, Membership(person, index)).add(rule, None)
        return sorted(
            by_person.values(), key=lambda m: (m.rule_index, m.sort_rank, m.person.full_name)
        )

    def _held_positions(self, on: datetime.date) -> tuple[Position, ...]:
        """Every position held on `on` in the municipality by an active person, by rank and
        name: one query shared by all its forums (their rules are matched in Python)."""

        def load() -> tuple[Position, ...]:
            return tuple(
                Position.objects.active(on)
                .filter(person__organisation_id=self.organisation_id, person__is_active=True)
                .select_related("person", "unit", "position_type")
                .order_by("position_type__rank", "person__full_name")
            )

        return memo.kept(("held positions", self.organisation_id, on), load)

    def member_groups(self, on: datetime.date | None = None) -> list[MemberGroup]:
        """Members grouped under the charter rule that first selects them, in charter order."""
        rules = self.charter.members
        groups = [MemberGroup(index, rule) for index, rule in enumerate(rules)]
        for membership in self.members(on):
            groups[membership.rule_index].memberships.append(membership)
        return groups


def rule_matches(
    rule: charter_format.MemberRule, position: Position, tree: UnitTree | None = None
) -> bool:
    """Whether holding `position` makes its holder a member by `rule`. Pass one `tree` when
    matching many positions, so the units' tree is read at most once."""
    if rule.staff_responsibility:
        selected = position.position_type.staff_responsibility
    elif rule.position:
        selected = position.position_type.key == rule.position
    else:
        return False
    if not selected or rule.unit is None or position.unit.key == rule.unit:
        return selected
    if not rule.sub_units or position.unit.parent_id is None:
        return False
    return (tree or UnitTree()).within(position.unit, rule.unit)


class UnitTree:
    """Which units lie within which: read when first needed (one query per municipality),
    then kept for as long as the database revision stands still."""

    def __init__(self) -> None:
        self._lineage: dict[int, dict[int, frozenset[str]]] = {}

    def within(self, unit: Unit, key: str) -> bool:
        """Whether `unit` is the unit `key` or lies under it."""
        organisation = unit.organisation_id
        if organisation not in self._lineage:
            self._lineage[organisation] = memo.kept(
                ("unit lineage", organisation), lambda: _lineage(organisation)
            )
        return key in self._lineage[organisation].get(unit.pk, ())


def _lineage(organisation_id: int) -> dict[int, frozenset[str]]:
    """Each unit (by id) with its own key and the keys of the units above it."""
    rows = Unit.objects.filter(organisation_id=organisation_id).values_list(
        "pk", "key", "parent_id"
    )
    keys = {pk: key for pk, key, _parent in rows}
    parents = {pk: parent for pk, _key, parent in rows}
    lineage = {}
    for pk in keys:
        seen, unit = [], pk
        while unit is not None and unit not in seen:  # a circle stops at the first repeat
            seen.append(unit)
            unit = parents.get(unit)
        lineage[pk] = frozenset(keys[u] for u in seen)
    return lineage


@dataclass
class Membership:
    """One member of a forum: the person, the positions that make them a member and the roles
    (chair, minute-taker, host) the charter gives them."""

    person: Person
    rule_index: int
    positions: list[Position] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)

    def add(self, rule: charter_format.MemberRule, position: Position | None) -> None:
        if position is not None and position not in self.positions:
            self.positions.append(position)
        if rule.role != "member":
            self.roles.add(rule.role)

    @property
    def sort_rank(self) -> int:
        return min((p.position_type.rank for p in self.positions), default=1000)


@dataclass
class MemberGroup:
    rule_index: int
    rule: charter_format.MemberRule
    memberships: list[Membership] = field(default_factory=list)


class WorkingGroup(models.Model):
    """Two or more members of a forum who take on a joint cross-cutting task (a charter working
    mode); they may meet on their own (`Meeting.working_group`)."""

    forum = models.ForeignKey(Forum, models.CASCADE, related_name="working_groups")
    mode = models.CharField(max_length=50)
    title = models.CharField(max_length=200)
    task = models.TextField(blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="working_groups")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title
