"""Demo minutes: for each forum that keeps minutes, the older of its two past demo meetings has
approved minutes with follow-up actions (one open, one overdue); the most recent one's minutes
are still to be written. Runs once: it does nothing where minutes exist."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ledelsesfora.minutes import operations
from ledelsesfora.minutes.models import Minutes
from ledelsesfora.organisation.models import Organisation


def demo_minutes(organisation: Organisation) -> None:
    if Minutes.objects.filter(meeting__forum__organisation=organisation).exists():
        return
    people = {p.username.split("@")[0]: p for p in organisation.people.all()}
    secretary = people["sekretaer"]
    for forum in organisation.forums.active():
        if forum.charter.minutes == "none":
            continue
        held = list(
            forum.meetings.held()
            .filter(agenda_published_at__isnull=False, start__lt=timezone.now())
            .order_by("start")
        )
        if len(held) < 2:
            continue
        older = held[-2]
        members = [m.person for m in forum.members()]
        operations.record_attendance(
            older, by=secretary, present=members[:-1], absent=members[-1:], guests=[]
        )
        if forum.charter.minutes == "summary":
            operations.write_summary(
                older,
                by=secretary,
                text=(
                    "Dagen samlede ledere fra alle områder om temaet. Grupperne pegede på tre"
                    " fælles indsatser, som Direktørforum tager stilling til."
                ),
            )
        for item in older.items.on_agenda():
            if forum.charter.minutes == "summary" or item.kind != "decision":
                operations.record_outcome(
                    item, by=secretary, outcome="noted", text="Taget til efterretning."
                )
            else:
                operations.record_outcome(
                    item, by=secretary, outcome="decided", text="Indstillingen blev godkendt."
                )
                owner = item.responsible_director or people["omraadedirektoer"]
                today = timezone.localdate()
                operations.add_followup(
                    item,
                    by=secretary,
                    title="Udarbejd handleplan",
                    owner=owner,
                    due=today + datetime.timedelta(days=14),
                )
                held = timezone.localdate(older.start)
                operations.add_followup(  # recorded at the meeting, overdue by now
                    item,
                    by=secretary,
                    title="Orientér afdelingerne",
                    owner=owner,
                    due=held + datetime.timedelta(days=1),
                    today=held,
                )
        operations.send_minutes(older, by=secretary)
        operations.approve_minutes(older, by=secretary)
