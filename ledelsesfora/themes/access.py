"""Who follows, proposes and selects a forum's themes: read from the charter's flows, once per
municipality and revision. A forum has themes when its charter gives it `themes_per_meeting`.

- Its themes are followed by its own members, by the members of every forum with a flow into it
  (CF proposes, DIF selects) and by the municipality's secretariat.
- They are proposed, and given input, by the members of the forums with a `proposes_themes` flow
  into it (a flow from the forum to itself: its own members), by the forum's host (the member
  rule with `role = "host"`, who prepares the theme with the secretariat) and by the
  secretariat.
- They are selected by the forum with the `selects_theme` flow, as the outcome of an item on its
  agenda (`operations.select_theme`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ledelsesfora.forums.access import standing
from ledelsesfora.forums.models import Charter, Forum
from ledelsesfora.organisation.models import Organisation, Person
from ledelsesfora.revision import memo


@dataclass(frozen=True)
class ThemeRules:
    forum_id: int
    proposers: tuple[int, ...]  # forums whose members propose, in the charter's order
    selector: int | None  # the forum that selects
    followers: frozenset[int]  # the forum itself and every forum with a flow into it


def rules(organisation_id: int) -> dict[int, ThemeRules]:
    """Each forum with themes in the municipality, by id."""
    return memo.kept(("theme rules", organisation_id), lambda: _rules(organisation_id))


def _rules(organisation_id: int) -> dict[int, ThemeRules]:
    forums = {f.short_name: f for f in Forum.objects.filter(organisation_id=organisation_id)}
    charter = Charter.objects.filter(organisation_id=organisation_id).order_by("-version").first()
    flows = charter.parsed.flows if charter else []

    def ids(short_name: str, kind: str | None) -> tuple[int, ...]:
        names = [f.from_forum for f in flows if f.to == short_name and kind in (None, f.kind)]
        return tuple(dict.fromkeys(forums[n].pk for n in names if n in forums))

    found = {}
    for forum in forums.values():
        if not forum.active or not forum.charter.themes_per_meeting:
            continue
        selectors = ids(forum.short_name, "selects_theme")
        found[forum.pk] = ThemeRules(
            forum.pk,
            ids(forum.short_name, "proposes_themes"),
            selectors[0] if selectors else None,
            frozenset((forum.pk, *ids(forum.short_name, None))),
        )
    return found


def theme_forums(person: Person) -> list[int]:
    """The forums whose themes `person` follows (see the module's description)."""
    who = standing(person)
    if not person.is_authenticated or not person.is_active:
        return []
    if who.superuser:
        return [
            pk for org in Organisation.objects.values_list("pk", flat=True) for pk in rules(org)
        ]
    if who.organisation_id is None:
        return []
    found = rules(who.organisation_id)
    if who.secretariat:
        return list(found)
    return [pk for pk, rule in found.items() if rule.followers & who.forums]


def has_themes(forum: Forum) -> bool:
    """Read from the forum's own charter section: no query."""
    return forum.active and forum.charter.themes_per_meeting > 0


def rule_of(forum: Forum) -> ThemeRules | None:
    """The forum's theme rules, kept on the forum object for the rest of the request."""
    if not has_themes(forum):
        return None
    if "_theme_rules" not in forum.__dict__:
        forum.__dict__["_theme_rules"] = rules(forum.organisation_id).get(forum.pk)
    return forum.__dict__["_theme_rules"]


def follows(person: Person, forum: Forum) -> bool:
    rule = rule_of(forum)
    if rule is None or not person.is_authenticated or not person.is_active:
        return False
    who = standing(person)
    return who.in_secretariat(forum.organisation_id) or (
        who.organisation_id == forum.organisation_id and bool(rule.followers & who.forums)
    )


def proposing_forums(person: Person, forum: Forum) -> list[int] | None:
    """The forums through which `person` may propose themes for `forum` ([] for the
    secretariat, who propose as themselves); None when they may not propose."""
    rule = rule_of(forum)
    who = standing(person)
    if rule is None or not person.is_authenticated:
        return None
    through = [pk for pk in rule.proposers if pk in who.forums]
    if "host" in who.roles.get(forum.pk, ()):  # the host prepares the theme (Lederdøgn)
        through = [*through, forum.pk]
    if who.organisation_id == forum.organisation_id and through:
        return through
    if who.in_secretariat(forum.organisation_id):
        return []
    return None


def may_propose(person: Person, forum: Forum) -> bool:
    return proposing_forums(person, forum) is not None


def who_proposes(forum: Forum) -> str:
    """The charter's answer to "who may propose a theme here?", for a refusal."""
    rule = rule_of(forum)
    names = dict(Forum.objects.filter(pk__in=rule.proposers).values_list("pk", "name"))
    forums = [names[pk] for pk in rule.proposers if pk in names]
    if not forums:
        return _("The forum's host and the secretariat propose themes for %(forum)s.") % {
            "forum": forum.name
        }
    return _("The members of %(forums)s and the secretariat propose themes for %(forum)s.") % {
        "forums": _(" and ").join(forums),
        "forum": forum.name,
    }
