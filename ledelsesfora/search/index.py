"""Keeping the search index current: each save or delete of a thing that can be found rewrites
its row in the same transaction (so a rolled-back step leaves the index as it was), and
`rebuild` writes every row again (`ledelsesfora search --rebuild`, after a restore or a bulk
load that bypassed the models)."""

from __future__ import annotations

import dataclasses

from django.db.models.signals import post_delete, post_save

from ledelsesfora.agenda.models import AgendaItem, Attachment
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.models import FollowUp, Minutes, Outcome
from ledelsesfora.programmes.models import Block, Programme
from ledelsesfora.search.kinds import KINDS, _day
from ledelsesfora.search.models import Entry, Kind
from ledelsesfora.themes.models import Theme

BATCH = 2000


def refresh(kind: str, obj) -> None:
    """Write `obj`'s row of `kind` as it is now, or remove it when it has nothing to find."""
    values = KINDS[kind].entry(obj)
    if values is None:
        Entry.objects.filter(kind=kind, object_id=obj.pk).delete()
        return
    Entry.objects.update_or_create(kind=kind, object_id=obj.pk, defaults=dataclasses.asdict(values))


def forget(kind: str, pk: int) -> None:
    Entry.objects.filter(kind=kind, object_id=pk).delete()


def rebuild(kinds: list[str] | None = None) -> dict[str, int]:
    """Every row of `kinds` (all when None) written again; how many of each."""
    written = {}
    for kind in kinds or list(KINDS):
        spec = KINDS[kind]
        Entry.objects.filter(kind=kind).delete()
        batch, count = [], 0
        for obj in spec.rows().order_by("pk").iterator(chunk_size=BATCH):
            values = spec.entry(obj)
            if values is None:
                continue
            batch.append(Entry(kind=kind, object_id=obj.pk, **dataclasses.asdict(values)))
            if len(batch) == BATCH:
                Entry.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        Entry.objects.bulk_create(batch)
        written[kind] = count + len(batch)
    return written


# --- keeping rows current -------------------------------------------------------------------


def _item_saved(sender, instance: AgendaItem, raw=False, **kwargs) -> None:
    if raw:
        return  # loaddata or a restore: `rebuild` follows
    refresh(Kind.ITEM, instance)
    # What the item's decisions, actions and attachments show of it.
    own = Entry.objects.filter(item_id=instance.pk).exclude(kind=Kind.ITEM)
    own.update(case_number=instance.case_number, forum_id=instance.forum_id)
    own.filter(kind=Kind.DECISION).update(title=instance.title[:300])
    own.filter(kind=Kind.FOLLOWUP).update(body=instance.title)
    # Actions and attachments go where the item goes; a decision stays with its minutes.
    own.filter(kind__in=[Kind.FOLLOWUP, Kind.ATTACHMENT]).update(
        meeting_id=instance.meeting_id, day=_day(instance.meeting, instance.created_at)
    )


def _meeting_saved(sender, instance: Meeting, raw=False, created=False, update_fields=None, **kw):
    # A new meeting has nothing found yet, and a save that leaves the start alone moves nothing.
    if raw or created or (update_fields is not None and "start" not in update_fields):
        return
    day = _day(instance, None)
    Entry.objects.filter(meeting_id=instance.pk).exclude(day=day).update(day=day)


def _saved(kind: str, of=lambda instance: instance):
    def receiver(sender, instance, raw=False, created=False, **kwargs) -> None:
        if raw or (kind == Kind.ATTACHMENT and not created):
            return  # an attachment's file never changes: its text is read once
        obj = of(instance)
        if obj is not None:
            refresh(kind, obj)

    return receiver


def _deleted(kind: str):
    def receiver(sender, instance, **kwargs) -> None:
        forget(kind, instance.pk)

    return receiver


def _programme_of(block: Block) -> Programme | None:
    return Programme.objects.filter(pk=block.programme_id).prefetch_related("blocks").first()


_RECEIVERS = []


def connect() -> None:
    """Connect the receivers (SearchConfig.ready)."""
    if _RECEIVERS:
        return
    _RECEIVERS.extend(
        [
            (post_save, _item_saved, AgendaItem),
            (post_save, _meeting_saved, Meeting),
            (post_save, _saved(Kind.DECISION), Outcome),
            (post_delete, _deleted(Kind.DECISION), Outcome),
            (post_save, _saved(Kind.MINUTES), Minutes),
            (post_save, _saved(Kind.FOLLOWUP), FollowUp),
            (post_delete, _deleted(Kind.FOLLOWUP), FollowUp),
            (post_save, _saved(Kind.THEME), Theme),
            (post_delete, _deleted(Kind.THEME), Theme),
            (post_save, _saved(Kind.PROGRAMME), Programme),
            (post_delete, _deleted(Kind.PROGRAMME), Programme),
            (post_delete, _deleted(Kind.MINUTES), Minutes),
            (post_save, _saved(Kind.PROGRAMME, _programme_of), Block),
            (post_delete, _saved(Kind.PROGRAMME, _programme_of), Block),
            (post_save, _saved(Kind.ATTACHMENT), Attachment),
            (post_delete, _deleted(Kind.ATTACHMENT), Attachment),
        ]
    )
    for signal, receiver, model in _RECEIVERS:
        signal.connect(receiver, sender=model, weak=False, dispatch_uid=f"search-{id(receiver)}")
