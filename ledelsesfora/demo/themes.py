"""Demo themes: where a forum has themes, proposals from each forum the charter lets propose
(one as the outcome of a theme discussion), input from a member, and one withdrawn proposal.
Runs once: it does nothing where themes exist. Selection is left to the selecting forum's
item, which the demo's year puts on its agenda before each meeting."""

from __future__ import annotations

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.organisation.models import Organisation
from ledelsesfora.themes import access, operations
from ledelsesfora.themes.models import Theme

WHY = (
    "Et tema, der har betydning for hele kommunen: dagen kunne tage udgangspunkt i to konkrete"
    " forløb fra hverdagen."
)


def demo_themes(organisation: Organisation) -> None:
    if Theme.objects.filter(forum__organisation=organisation).exists():
        return
    people = {p.username.split("@")[0]: p for p in organisation.people.all()}
    forums = {f.pk: f for f in organisation.forums.active()}
    for pk, rule in access.rules(organisation.pk).items():
        forum = forums[pk]
        proposers = [forums[p] for p in rule.proposers if p in forums]
        # A member of each proposing forum in turn; the host or the secretariat where no forum
        # proposes. The titles are the charter's own examples of themes.
        for index, title in enumerate(forum.charter.examples[:3]):
            via = proposers[index % len(proposers)] if proposers else None
            by = _member(via, forum, people) if via else _host(forum, people)
            source = None
            if via is not None and via.pk != forum.pk and index == 0:
                source = (
                    AgendaItem.objects.filter(forum=via, kind="theme_discussion")
                    .exclude(status=AgendaItem.Status.DRAFT)
                    .order_by("pk")
                    .first()
                )
            theme = operations.propose_theme(
                forum, by=by, title=title, description=WHY if index < 2 else "", source_item=source
            )
            if index == 0:
                critic = people["leder"] if access.may_propose(people["leder"], forum) else by
                operations.add_input(
                    theme,
                    by=critic,
                    text="Godt forslag. Lad os bruge en sag fra Børn & Unge som eksempel.",
                )
        withdrawn = operations.propose_theme(forum, by=by, title="Mødekultur", description="")
        operations.withdraw_theme(withdrawn, by=by)


def _host(forum, people):
    hosts = [m.person for m in forum.members() if "host" in m.roles]
    return hosts[0] if hosts else people["sekretaer"]


def _member(via, forum, people):
    members = [m.person for m in via.members()]
    for handle in ("leder",) if via.pk == forum.pk else ("afdelingschef", "leder"):
        if people.get(handle) in members:
            return people[handle]
    return members[0]
