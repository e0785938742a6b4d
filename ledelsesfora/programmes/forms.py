"""The block form: the programme's fields and the run sheet's, with the meeting's days to
choose from."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person
from ledelsesfora.programmes.models import Block
from ledelsesfora.programmes.operations import BlockData


def people_of(meeting: Meeting) -> list[Person]:
    """Whom a block may name as responsible: the municipality's active people (one query, for
    every block's form on a page)."""
    return list(
        Person.objects.filter(organisation_id=meeting.forum.organisation_id, is_active=True)
        .only("pk", "username", "full_name")
        .order_by("full_name")
    )


def meeting_days(meeting: Meeting) -> list[datetime.date]:
    first = timezone.localtime(meeting.start).date()
    last = timezone.localtime(meeting.end).date()
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


class BlockForm(forms.Form):
    day = forms.TypedChoiceField(label=_("Day"), coerce=datetime.date.fromisoformat)
    time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(label=_("Duration in minutes"), min_value=5, max_value=24 * 60)
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Block.Kind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    speakers = forms.CharField(label=_("Speakers"), max_length=300, required=False)
    facilitator = forms.CharField(label=_("Facilitator"), max_length=200, required=False)
    across_areas = forms.BooleanField(label=_("Groups across the areas"), required=False)
    room = forms.CharField(label=_("Room"), max_length=100, required=False)
    responsible = forms.CharField(
        label=_("Responsible (username)"),
        max_length=150,
        required=False,
        # One list of the municipality's people on the page serves every block's field.
        widget=forms.TextInput(attrs={"list": "people", "autocomplete": "off"}),
    )
    equipment = forms.CharField(
        label=_("Equipment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    catering = forms.CharField(
        label=_("Catering"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        meeting: Meeting,
        *args,
        people: list[Person],
        prefix: str = "",
        block: Block | None = None,
        **kwargs,
    ):
        if block is not None and "initial" not in kwargs:
            local = timezone.localtime(block.start)
            kwargs["initial"] = {
                "day": local.date().isoformat(),
                "time": local.time(),
                "minutes": block.minutes,
                "title": block.title,
                "kind": block.kind,
                "description": block.description,
                "speakers": block.speakers,
                "facilitator": block.facilitator,
                "across_areas": block.across_areas,
                "room": block.room,
                "responsible": block.responsible.username if block.responsible else "",
                "equipment": block.equipment,
                "catering": block.catering,
            }
        super().__init__(*args, prefix=prefix or None, **kwargs)
        self.meeting = meeting
        self.fields["day"].choices = [
            (day.isoformat(), date_format(day, "l j. F")) for day in meeting_days(meeting)
        ]
        self.people = {person.username: person for person in people}
        for field in self.fields.values():
            if not isinstance(field, forms.BooleanField):
                css = "form-select" if isinstance(field, forms.ChoiceField) else "form-input"
                field.widget.attrs.setdefault("class", css)

    def clean_responsible(self) -> Person | None:
        username = self.cleaned_data["responsible"].strip()
        if not username:
            return None
        if username not in self.people:
            raise forms.ValidationError(
                _("Choose one of the municipality's people from the list, by username.")
            )
        return self.people[username]

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("time"):
            wall = datetime.datetime.combine(data["day"], data["time"])
            start = timezone.make_aware(wall, timezone.get_default_timezone())
            # Through UTC and back: a wall time the clocks skip comes back an hour later.
            again = start.astimezone(datetime.UTC).astimezone(timezone.get_default_timezone())
            if again.replace(tzinfo=None) != wall:
                self.add_error(
                    "time",
                    _(
                        "%(time)s does not exist that night: the clocks go forward. Choose another time."
                    )
                    % {"time": data["time"].strftime("%H:%M")},
                )
            data["start"] = start
        return data

    def data_for_block(self) -> BlockData:
        data = self.cleaned_data
        start = data["start"]
        return BlockData(
            start=start,
            minutes=data["minutes"],
            title=data["title"],
            kind=data["kind"],
            description=data["description"],
            speakers=data["speakers"],
            facilitator=data["facilitator"],
            across_areas=data["across_areas"],
            room=data["room"],
            responsible=data["responsible"],
            equipment=data["equipment"],
            catering=data["catering"],
        )
