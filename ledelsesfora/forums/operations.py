"""Writes of the forums app: loading a charter file into a municipality, and forming a working
group of a forum's members."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ledelsesfora.errors import Refused
from ledelsesfora.forums import charter as charter_format
from ledelsesfora.forums.access import is_secretariat, member_ids
from ledelsesfora.forums.models import Charter, Forum, WorkingGroup
from ledelsesfora.organisation.models import Organisation, Person, PositionType, Unit


@dataclass
class LoadResult:
    organisation: Organisation
    charter: Charter | None
    created: bool = False
    changed: bool = True
    forums_created: list[str] = field(default_factory=list)
    forums_updated: list[str] = field(default_factory=list)
    forums_deactivated: list[str] = field(default_factory=list)

    def summary(self) -> str:
        what = "created" if self.created else ("updated" if self.changed else "unchanged")
        lines = [f"{self.organisation.name} ({self.organisation.slug}): {what}"]
        if self.charter is not None and self.changed:
            lines[0] += f", charter version {self.charter.version}"
        for label, names in (
            ("new forums", self.forums_created),
            ("updated forums", self.forums_updated),
            ("forums no longer in the charter (kept, inactive)", self.forums_deactivated),
        ):
            if names:
                lines.append(f"  {label}: {', '.join(names)}")
        return "\n".join(lines)


def load_charter(text: str, *, source: str = "charter", by: Person | None = None) -> LoadResult:
    """Create or update a municipality from a charter file.

    Raises `charter_format.CharterError` listing every problem; nothing is written then. A
    re-load updates the municipality, units, position types and forums in place (by their keys),
    so meetings and items that point at them are kept. A forum left out of the file is kept but
    made inactive. Loading the same document again writes nothing.

    A file that says which version it was exported from (`based_on`) is refused when another
    version has been loaded since: the later change would be overwritten unseen. The stored
    charter and the file are both kept as they are.
    """
    parsed = charter_format.parse_charter(text, source)
    document = charter_format.to_document(parsed)
    with transaction.atomic():
        organisation, created = Organisation.objects.select_for_update().get_or_create(
            slug=parsed.municipality.slug,
            defaults={"name": parsed.municipality.name},
        )
        current = Charter.objects.current(organisation)
        if current is not None and current.document == document:
            return LoadResult(organisation, current, changed=False)
        _refuse_if_stale(parsed, current, source)
        _apply_municipality(organisation, parsed.municipality)
        _apply_units(organisation, parsed.units)
        _apply_positions(organisation, parsed.positions)
        result = LoadResult(organisation, None, created=created)
        _apply_forums(organisation, parsed, document, result)
        result.charter = Charter.objects.create(
            organisation=organisation,
            version=(current.version + 1) if current else 1,
            document=document,
            source=source[:300],
            loaded_by=by,
        )
    return result


def _refuse_if_stale(parsed: charter_format.Charter, current: Charter | None, source: str) -> None:
    if parsed.based_on is None or (current is not None and parsed.based_on == current.version):
        return
    slug = parsed.municipality.slug
    if current is None or parsed.based_on > current.version:
        message = (
            f"says it was exported from version {parsed.based_on}, but"
            f" {'no charter' if current is None else f'only version {current.version}'} of"
            f" {slug} is loaded here (a file from another installation?); remove the"
            " 'based_on' line to load it as the next version"
        )
    else:
        loaded = timezone.localtime(current.loaded_at).strftime("%Y-%m-%d %H:%M")
        who = f" by {current.loaded_by.username}" if current.loaded_by else ""
        message = (
            f"was exported from version {parsed.based_on} of {slug}'s charter, but version"
            f" {current.version} was loaded since ({loaded}{who}, from {current.source or '?'});"
            f" nothing was changed. Export again with 'ledelsesfora charter export {slug}',"
            " make your change in that file and load it; or remove the 'based_on' line to"
            " replace the later version with this file"
        )
    raise charter_format.CharterError([charter_format.Problem(source, "based_on", message)])


def _apply_municipality(organisation: Organisation, spec: charter_format.Municipality) -> None:
    organisation.name = spec.name
    organisation.address = "\n".join(spec.address)
    organisation.email = spec.email or ""
    organisation.phone = spec.phone or ""
    organisation.save()


def _apply_units(organisation: Organisation, specs: list[charter_format.UnitSpec]) -> None:
    units = {}
    for spec in specs:
        units[spec.key], _ = Unit.objects.update_or_create(
            organisation=organisation,
            key=spec.key,
            defaults={"name": spec.name, "kind": spec.kind},
        )
    # Parents in a second pass: a unit may name a parent defined further down the file.
    for spec in specs:
        unit = units[spec.key]
        parent = units.get(spec.parent) if spec.parent else None
        if parent is None and spec.parent:
            parent = Unit.objects.get(organisation=organisation, key=spec.parent)
        if unit.parent_id != (parent.pk if parent else None):
            unit.parent = parent
            unit.save(update_fields=["parent"])


def _apply_positions(organisation: Organisation, specs: list[charter_format.PositionSpec]) -> None:
    for spec in specs:
        PositionType.objects.update_or_create(
            organisation=organisation,
            key=spec.key,
            defaults={
                "title": spec.title,
                "title_plural": spec.title_plural or "",
                "staff_responsibility": spec.staff_responsibility,
                "director": spec.director,
                "rank": spec.rank,
            },
        )


def _apply_forums(
    organisation: Organisation, parsed: charter_format.Charter, document: dict, result: LoadResult
) -> None:
    existing = {forum.short_name: forum for forum in organisation.forums.select_for_update()}
    for index, (spec, section) in enumerate(zip(parsed.forums, document["forum"], strict=True)):
        values = {
            "name": spec.name,
            "domain": spec.domain,
            "position": index,
            "spec": section,
            "active": True,
        }
        forum = existing.pop(spec.short_name, None)
        if forum is None:
            Forum.objects.create(organisation=organisation, short_name=spec.short_name, **values)
            result.forums_created.append(spec.short_name)
        elif any(getattr(forum, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(forum, key, value)
            forum.save()
            result.forums_updated.append(spec.short_name)
    for forum in existing.values():
        if forum.active:
            forum.active = False
            forum.save(update_fields=["active"])
            result.forums_deactivated.append(forum.short_name)


def export_charter(organisation: Organisation) -> str:
    """The municipality's current charter as canonical TOML."""
    current = Charter.objects.current(organisation)
    if current is None:
        raise charter_format.CharterError(
            [
                charter_format.Problem(
                    organisation.slug,
                    "",
                    "has no charter loaded yet; load one with 'ledelsesfora charter load FILE'",
                )
            ]
        )
    return current.as_toml()


class ForumError(Refused):
    """A step of a forum's own (a working group) that its charter does not allow."""


def form_working_group(
    forum: Forum, *, by: Person, mode: str, title: str, task: str, members: list[Person]
) -> WorkingGroup:
    """Two or more members take on a joint cross-cutting task, as a working mode allows."""
    spec = next((m for m in forum.charter.working_modes if m.key == mode), None)
    if spec is None:
        modes = ", ".join(m.key for m in forum.charter.working_modes) or "none"
        raise ForumError(
            _("%(forum)s has no working mode %(mode)s (modes: %(modes)s).")
            % {"forum": forum.name, "mode": mode, "modes": modes}
        )
    forum_members = member_ids(forum)
    chosen = {p.pk: p for p in members}
    outsiders = [p for p in chosen.values() if p.pk not in forum_members]
    if outsiders:
        raise ForumError(
            _("%(people)s is not a member of %(forum)s.")
            % {"people": ", ".join(str(p) for p in outsiders), "forum": forum.name}
        )
    if spec.min_members and len(chosen) < spec.min_members:
        raise ForumError(
            _("A working group for %(mode)s has at least %(count)d members.")
            % {"mode": spec.title.lower(), "count": spec.min_members}
        )
    if by.pk not in chosen and not is_secretariat(by, forum.organisation):
        raise ForumError(_("You form a working group you are part of."))
    if not title.strip():
        raise ForumError(_("The working group needs a title."))
    with transaction.atomic():
        group = WorkingGroup.objects.create(
            forum=forum, mode=mode, title=title.strip(), task=task.strip()
        )
        group.members.set(chosen.values())
    return group
