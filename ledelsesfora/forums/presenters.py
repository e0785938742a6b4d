"""What a forum page and the notat show, computed once from charter data and the organisation.

Views and the notat export both use `present_forums`, so the web page and the downloaded notat
always say the same."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ledelsesfora.forums import charter as charter_format
from ledelsesfora.forums import describe
from ledelsesfora.forums.diagram import Edge, interfaces_svg
from ledelsesfora.forums.models import Charter, Forum, MemberGroup
from ledelsesfora.organisation.models import Organisation


@dataclass
class Interface:
    source: str
    source_name: str
    verb: str
    target: str
    target_name: str
    note: str


@dataclass
class ForumPage:
    forum: Forum
    spec: charter_format.Forum
    domain: str
    member_groups: list[tuple[str, MemberGroup]]
    member_count: int
    guests: str
    item_kinds: list[str]
    rules: list[str]
    rhythms: list[tuple[charter_format.Rhythm, str, str]]
    deadline: str
    publication: str
    secretariat: str
    financing: list[str]
    anchors: list[str]
    non_working_day: str
    recurring_items: list[str]
    interfaces: list[Interface] = field(default_factory=list)
    diagram: SafeString | str = ""


def present_forums(
    organisation: Organisation, forums: list[Forum], on: datetime.date | None = None
) -> list[ForumPage]:
    charter = Charter.objects.current(organisation)
    parsed = charter.parsed if charter else None
    positions = {t.key: (t.title, t.title_plural) for t in organisation.position_types.all()}
    units = dict(organisation.units.values_list("key", "name"))
    names = {f.short_name: f.name for f in organisation.forums.active()}
    anchors = {a.key: a.title for a in parsed.anchors} if parsed else {}
    flows = parsed.flows if parsed else []
    return [_present(forum, positions, units, names, anchors, flows, on) for forum in forums]


def _present(forum, positions, units, names, anchors, flows, on) -> ForumPage:
    spec = forum.charter
    groups = forum.member_groups(on)
    page = ForumPage(
        forum=forum,
        spec=spec,
        domain=str(describe.DOMAINS[spec.domain]),
        member_groups=[(describe.member_rule(g.rule, positions, units), g) for g in groups],
        member_count=len({m.person.pk for g in groups for m in g.memberships}),
        guests=_guests(spec.guests),
        item_kinds=[describe.item_kind(spec, k) for k in spec.item_kinds],
        rules=_rules(spec, positions),
        rhythms=[
            (r, r.title or str(describe.RHYTHM_KINDS[r.kind]), describe.rhythm(r))
            for r in spec.rhythms
        ],
        deadline=describe.relative_day(spec.deadline),
        publication=describe.relative_day(spec.publication),
        secretariat=_secretariat(spec.secretariat, units),
        financing=[_financing(f) for f in spec.financing],
        anchors=[anchors.get(key, key) for key in spec.anchors],
        non_working_day=(
            str(describe.NON_WORKING_DAY[spec.on_non_working_day])
            if any(r.rrule for r in spec.rhythms)
            else ""
        ),
        recurring_items=[
            f"{item.title} ({describe.item_kind(spec, item.kind).lower()}):"
            f" {describe.recurrence(item.rrule)}" + (f". {item.note}" if item.note else "")
            for item in spec.recurring_items
        ],
    )
    for flow in flows:
        if forum.short_name not in (flow.from_forum, flow.to):
            continue
        page.interfaces.append(
            Interface(
                source=flow.from_forum,
                source_name=names.get(flow.from_forum, flow.from_forum),
                verb=str(describe.FLOWS[flow.kind]),
                target=flow.to,
                target_name=names.get(flow.to, flow.to),
                note=flow.note,
            )
        )
    if page.interfaces:
        members_box = _("%(forum)s members") % {"forum": forum.short_name}
        edges = [
            Edge(members_box if i.source == i.target else i.source, i.target, i.verb)
            for i in page.interfaces
        ]
        title = _("Interfaces of %(forum)s with the other forums") % {"forum": forum.name}
        page.diagram = mark_safe(interfaces_svg(forum.short_name, edges, names, title))
    return page


def _guests(policy: charter_format.GuestPolicy | None) -> str:
    if policy is None:
        return ""
    if not policy.allowed:
        return _("The forum does not invite guests.")
    roles = describe.join_words([describe.GUEST_ROLES[r] for r in policy.roles])
    text = _("Guests are invited by %(who)s") % {
        "who": describe.GUESTS_INVITED_BY[policy.invited_by]
    }
    if roles:
        text += " " + _("to %(roles)s") % {"roles": roles}
    return text + "."


def _rules(spec: charter_format.Forum, positions) -> list[str]:
    rules = [str(describe.SUBMITTERS[spec.submitters])]
    if spec.recommendation_by:
        title = positions.get(spec.recommendation_by, (spec.recommendation_by, ""))[0]
        rules.append(
            _("The formal recommendation of an item is written by: %(title)s.") % {"title": title}
        )
    for text in (describe.APPROVAL[spec.approval], describe.FOLLOW_UP[spec.follow_up]):
        if text:
            rules.append(str(text))
    if spec.topics_before_meeting:
        rules.append(_("Members tell each other before the meeting what they want to discuss."))
    if spec.member_input:
        rules.append(
            _("Members give input and counter-input (med- og modspil) on proposed topics.")
        )
    if spec.tasks_placed_by == "members":
        rules.append(
            _("Tasks that come out of a discussion are placed in the organisation by the members.")
        )
    if spec.themes_per_meeting:
        rules.append(_("Each meeting has %(n)d theme.") % {"n": spec.themes_per_meeting})
    if not spec.agenda:
        rules.append(_("No agenda is produced."))
    rules.append(str(describe.MINUTES[spec.minutes]))
    return rules


def _secretariat(secretariat: charter_format.Secretariat | None, units) -> str:
    if secretariat is None:
        return ""
    name = units.get(secretariat.unit, secretariat.unit)
    tasks = describe.join_words([describe.SECRETARIAT_TASKS[t] for t in secretariat.tasks])
    return f"{name} {tasks}." if tasks else name


def _financing(financing: charter_format.Financing) -> str:
    text = f"{describe.FINANCING_ROLES[financing.role]} {financing.account}"
    condition = describe.FINANCING_CONDITIONS[financing.condition]
    return f"{text} ({condition})" if condition else text


def notat_context(organisation: Organisation) -> dict:
    """What the notat shows, on the page and in its documents: the charter's header and every
    active forum's page."""
    charter = Charter.objects.current(organisation)
    return {
        "organisation": organisation,
        "charter": charter,
        "document": charter.parsed.document if charter else None,
        "pages": present_forums(organisation, list(organisation.forums.active())),
        "today": timezone.localdate(),
    }
