"""The steps of a theme: propose, give input, withdraw, and select it for a meeting as the
outcome of the selecting forum's item. Pages, the API and the demo call these; each refuses
with a message that says why and what to do instead (`ThemeError`, a 409 in the API)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import log_event
from ledelsesfora.errors import Refused
from ledelsesfora.forums.access import is_secretariat
from ledelsesfora.forums.models import Forum
from ledelsesfora.minutes.models import Outcome
from ledelsesfora.minutes.operations import may_write, record_outcome
from ledelsesfora.notifications import link, notify
from ledelsesfora.organisation.models import Person
from ledelsesfora.themes import access
from ledelsesfora.themes.models import Theme, ThemeEvent, ThemeInput

TITLE_MAX = 200


class ThemeError(Refused):
    """A theme step that cannot be taken; the message says why."""


class ThemeInvalid(ThemeError):
    """What was sent cannot make a theme or an input (an empty title, one too long): a 400 in
    the API, where a refused step is a 409."""


def one_line(text: str) -> str:
    """A title as one line: line breaks and runs of spaces become one space."""
    return " ".join((text or "").split())


def propose_theme(
    forum: Forum,
    *,
    by: Person,
    title: str,
    description: str = "",
    source_item: AgendaItem | None = None,
) -> Theme:
    """A theme proposed for `forum` by someone the charter lets propose (`access.may_propose`),
    directly or as the outcome of an item of a proposing forum (`source_item`)."""
    if not access.has_themes(forum):
        raise ThemeError(_("%(forum)s has no themes under its charter.") % {"forum": forum.name})
    through = access.proposing_forums(by, forum)
    if through is None:
        raise ThemeError(access.who_proposes(forum))
    title = one_line(title)
    if not title:
        raise ThemeInvalid(_("Give the theme a title."))
    if len(title) > TITLE_MAX:
        raise ThemeInvalid(
            _("The title is %(n)d characters; shorten it to %(max)d.")
            % {"n": len(title), "max": TITLE_MAX}
        )
    via = Forum.objects.filter(pk=through[0]).first() if through else None
    if source_item is not None:
        if source_item.forum_id not in access.rule_of(forum).proposers:
            raise ThemeError(
                _("%(source)s does not propose themes for %(forum)s under the charter.")
                % {"source": source_item.forum.name, "forum": forum.name}
            )
        if through and source_item.forum_id not in through:
            raise ThemeError(
                _("Only the members of %(source)s propose its items as themes.")
                % {"source": source_item.forum.name}
            )
        via = source_item.forum
    with transaction.atomic():
        theme = Theme.objects.create(
            forum=forum,
            title=title,
            description=(description or "").strip(),
            proposed_by=by,
            via=via,
            source_item=source_item,
        )
        _log(theme, by, "proposed")
        if source_item is not None:
            log_event(
                source_item,
                by,
                "theme-proposed",
                note=_("Proposed as a theme for %(forum)s: %(title)s")
                % {"forum": forum.name, "title": title},
            )
    return theme


def _log(theme: Theme, by: Person | None, action: str, note: str = "") -> None:
    ThemeEvent.objects.create(theme=theme, by=by, action=action, note=note)


def add_input(theme: Theme, *, by: Person, text: str) -> ThemeInput:
    if not access.may_propose(by, theme.forum):
        raise ThemeError(
            _("Input to themes comes from those who may propose them. %(who)s")
            % {"who": access.who_proposes(theme.forum)}
        )
    if theme.status == Theme.Status.WITHDRAWN:
        raise ThemeError(_("The theme is withdrawn; propose it again to take it up."))
    text = (text or "").strip()
    if not text:
        raise ThemeInvalid(_("Write your input."))
    with transaction.atomic():
        made = ThemeInput.objects.create(theme=theme, author=by, text=text)
        _log(theme, by, "input")
    return made


def withdraw_theme(theme: Theme, *, by: Person) -> Theme:
    if theme.proposed_by_id != by.pk and not is_secretariat(by, theme.forum.organisation):
        raise ThemeError(
            _("Only the one who proposed the theme, or the secretariat, withdraws it.")
        )
    with transaction.atomic():
        theme = (
            Theme.objects.select_for_update(of=("self",)).select_related("forum").get(pk=theme.pk)
        )
        if theme.status != Theme.Status.PROPOSED:
            raise ThemeError(
                _("Only a proposed theme is withdrawn; this one is %(status)s.")
                % {"status": theme.get_status_display()}
            )
        theme.status = Theme.Status.WITHDRAWN
        theme.save(update_fields=["status"])
        _log(theme, by, "withdrawn")
    return theme


def selectable(item: AgendaItem) -> list[Theme]:
    """The themes the item may select: the proposed ones of the forum it selects for, and
    those it has already selected."""
    if item.theme_for_id is None:
        return []
    return list(
        Theme.objects.filter(
            Q(forum_id=item.theme_for.forum_id, status=Theme.Status.PROPOSED)
            | Q(selected_by_item=item)
        )
        .select_related("via")
        .order_by("title")
    )


def may_select(person: Person, item: AgendaItem) -> bool:
    """Who records the item's outcome: the selecting forum's minute-taker or the secretariat."""
    return (
        item.theme_for_id is not None
        and item.meeting_id is not None
        and may_write(person, item.meeting)
    )


def select_theme(
    item: AgendaItem,
    theme: Theme,
    *,
    by: Person,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Theme:
    """The selecting forum's decision on `item`: `theme` is the theme of the meeting the item
    selects for. Recorded as the item's decision in the minutes (`record_outcome`, which asks
    for a published agenda, a meeting that has begun and minutes that are not locked); where
    the forum takes fewer themes per meeting than are selected, the item's earlier selection
    goes back to the proposals. The proposer is told."""
    now = now or timezone.now()
    target = item.theme_for
    if target is None:
        raise ThemeError(_("This item does not select a theme."))
    if not may_select(by, item):
        raise ThemeError(_("Only the minute-taker or the secretariat records the selection."))
    if not target.takes_place or target.start <= now:
        raise ThemeError(
            _("The meeting of %(day)s is cancelled or over; it gets no theme.")
            % {"day": _day(target)}
        )
    rule = access.rule_of(target.forum)
    if rule is None or rule.selector != item.forum_id:
        raise ThemeError(
            _("%(forum)s does not select the theme of %(target)s under the charter.")
            % {"forum": item.forum.name, "target": target.forum.name}
        )
    if theme.forum_id != target.forum_id:
        raise ThemeError(
            _("»%(title)s« is proposed for %(forum)s, not for %(target)s.")
            % {"title": theme.title, "forum": theme.forum.name, "target": target.forum.name}
        )
    if theme.status == Theme.Status.WITHDRAWN:
        raise ThemeError(_("»%(title)s« is withdrawn.") % {"title": theme.title})
    if theme.status == Theme.Status.SELECTED and theme.selected_by_item_id != item.pk:
        raise ThemeError(
            _("»%(title)s« is already the theme of %(day)s.")
            % {"title": theme.title, "day": _day(theme.meeting)}
        )
    with transaction.atomic():
        theme = (
            Theme.objects.select_for_update(of=("self",))  # proposed_by may be empty
            .select_related("forum", "proposed_by")
            .get(pk=theme.pk)
        )
        if theme.status == Theme.Status.WITHDRAWN or (
            theme.status == Theme.Status.SELECTED and theme.selected_by_item_id != item.pk
        ):
            raise ThemeError(_("»%(title)s« is no longer free to select.") % {"title": theme.title})
        chosen = Theme.objects.select_for_update().filter(
            meeting=target, status=Theme.Status.SELECTED
        )
        already = [t for t in chosen if t.pk != theme.pk]
        limit = target.forum.charter.themes_per_meeting
        released = []
        if len(already) >= limit:
            own = [t for t in already if t.selected_by_item_id == item.pk]
            if not own:
                raise ThemeError(
                    _("%(day)s has its theme: %(titles)s.")
                    % {"day": _day(target), "titles": ", ".join(f"»{t.title}«" for t in already)}
                )
            released = own[: len(already) - limit + 1]
            for earlier in released:
                earlier.status, earlier.meeting = Theme.Status.PROPOSED, None
                earlier.selected_by_item, earlier.selected_at = None, None
                earlier.save(update_fields=["status", "meeting", "selected_by_item", "selected_at"])
                _log(earlier, by, "released")
        titles = ", ".join(f"»{t.title}«" for t in [*already, theme] if t not in released)
        with override(settings.LANGUAGE_CODE):  # the minutes' language, whoever writes
            text = _("%(forum)s selected %(titles)s as the theme of %(target)s on %(day)s.") % {
                "forum": item.forum.name,
                "titles": titles,
                "target": target.forum.name,
                "day": _day(target),
            }
        if note.strip():
            text = f"{text}\n\n{note.strip()}"
        record_outcome(item, by=by, outcome=Outcome.Kind.DECIDED, text=text, now=now, by_flow=True)
        theme.status, theme.meeting, theme.selected_by_item = Theme.Status.SELECTED, target, item
        theme.selected_at = now
        theme.save(update_fields=["status", "meeting", "selected_by_item", "selected_at"])
        _log(theme, by, "selected", note=text)
    if theme.proposed_by is not None and theme.proposed_by.pk in _followers(theme):
        notify(
            [theme.proposed_by],
            gettext_noop("Your theme »%(title)s« is selected"),
            gettext_noop(
                "%(forum)s has selected your proposal »%(title)s« as the theme of %(target)s"
                " %(day)s.\n\n%(link)s"
            ),
            {
                "title": theme.title,
                "forum": item.forum.name,
                "target": target.forum.name,
                "day": target.start,
                "link": link("theme", theme.pk),
            },
            exclude=by,
        )
    return theme


def _followers(theme: Theme) -> set[int]:
    person = theme.proposed_by
    return {person.pk} if Theme.objects.visible_to(person).filter(pk=theme.pk).exists() else set()


def _day(meeting) -> str:
    return date_format(timezone.localtime(meeting.start), "j. F Y")


def release_on_other_outcome(sender, item: AgendaItem, outcome: str, **kwargs) -> None:
    """An item that selected a theme, recorded as noted or deferred instead: the theme goes
    back among the proposals (connected to `minutes.operations.outcome_recorded`)."""
    if outcome == Outcome.Kind.DECIDED or item.theme_for_id is None:
        return
    for theme in Theme.objects.select_for_update().filter(selected_by_item=item):
        theme.status, theme.meeting = Theme.Status.PROPOSED, None
        theme.selected_by_item, theme.selected_at = None, None
        theme.save(update_fields=["status", "meeting", "selected_by_item", "selected_at"])
        _log(theme, None, "released")
