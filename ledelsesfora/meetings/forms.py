import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledelsesfora.organisation.models import Organisation


class YearForm(forms.Form):
    aar = forms.IntegerField(min_value=1900, max_value=2200, required=False)


class MeetingTimeForm(forms.Form):
    """What every form that makes or moves a meeting asks: its day and time, place and online
    link; with the subclass's `minutes`, `start` (Europe/Copenhagen) and `duration` in its
    cleaned data."""

    # The browser's date and time fields read and write ISO, whatever the language.
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Room and address, e.g. Rådhuset, mødelokale 1."),
    )
    online_link = forms.URLField(
        label=_("Online link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("For digital participation: the Teams or Zoom address."),
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if not 1900 <= date.year <= 2200:
            raise forms.ValidationError(_("Choose a date between 1900 and 2200."))
        return date

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            data["start"] = datetime.datetime.combine(
                data["date"], data["time"], tzinfo=timezone.get_current_timezone()
            )
        if data.get("minutes"):
            data["duration"] = datetime.timedelta(minutes=data["minutes"])
        return data


class AdHocMeetingForm(MeetingTimeForm):
    field_order = ["forum", "date", "time", "minutes", "title", "place", "online_link"]

    forum = forms.ModelChoiceField(queryset=None, label=_("Forum"), to_field_name="short_name")
    minutes = forms.IntegerField(
        label=_("Duration in minutes"),
        min_value=15,
        max_value=3 * 24 * 60,
        initial=90,
        help_text=_("For example 90 for 1½ hours."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the forum's name."),
    )

    def __init__(self, organisation: Organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = organisation.forums.active()
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-input")
        self.fields["forum"].widget.attrs["class"] = "form-select"


class WorkingGroupMeetingForm(forms.Form):
    date = forms.DateField()
    time = forms.TimeField()
    minutes = forms.IntegerField(min_value=15, max_value=480)

    def clean(self):
        data = super().clean()
        if data.get("date") and not 1900 <= data["date"].year <= 2200:
            raise forms.ValidationError(_("Choose a date between 1900 and 2200."))
        if data.get("date") and data.get("time") and data.get("minutes"):
            data["start"] = datetime.datetime.combine(
                data["date"], data["time"], tzinfo=timezone.get_current_timezone()
            )
            data["duration"] = datetime.timedelta(minutes=data["minutes"])
        return data


class MeetingForm(MeetingTimeForm):
    """One meeting, set for the occasion by the secretariat."""

    field_order = ["date", "time", "minutes", "format", "place", "online_link"]

    minutes = forms.IntegerField(
        label=_("Duration in minutes"),
        min_value=15,
        max_value=3 * 24 * 60,
        help_text=_("For example 90 for 1½ hours, 420 for a full day, 1440 for a day and night."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("physical", _("physical")),
            ("hybrid", _("physical with digital participation")),
            ("online", _("online")),
        ],
    )

    @classmethod
    def for_meeting(cls, meeting, data=None):
        local = timezone.localtime(meeting.start)
        form = cls(
            data,
            initial={
                "date": local.date(),
                "time": local.time().replace(second=0, microsecond=0),
                "minutes": int((meeting.end - meeting.start).total_seconds() // 60),
                "format": meeting.format,
                "place": meeting.place,
                "online_link": meeting.online_link,
                "overnight": "yes" if meeting.with_overnight_stay else "no",
            },
        )
        choice = meeting.seminar_choice()
        if choice is not None:  # the charter lets this meeting be held with or without a stay
            full, short = (int(d.total_seconds() // 3600) for d in choice)
            form.fields["overnight"] = forms.ChoiceField(
                label=_("This time"),
                choices=[
                    ("yes", _("With an overnight stay (%(hours)d hours)") % {"hours": full}),
                    ("no", _("Without an overnight stay (%(hours)d hours)") % {"hours": short}),
                ],
                widget=forms.RadioSelect,
                help_text=_("The length follows the choice unless you change it yourself."),
            )
        return form

    @property
    def overnight(self) -> bool | None:
        value = self.cleaned_data.get("overnight")
        return None if value is None else value == "yes"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-input")
        self.fields["format"].widget.attrs["class"] = "form-select"


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled?"),
        max_length=300,
        help_text=_("The members are told, and calendars show the meeting as cancelled."),
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Will you come?"),
        choices=[("attending", _("Yes, I come")), ("apologies", _("No, apologies (afbud)"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you come or send apologies.")},
    )
    reason = forms.CharField(
        label=_("Reason for the apologies (optional)"),
        max_length=300,
        required=False,
        error_messages={"max_length": _("Keep the reason under 300 characters.")},
    )
    # Asked only where the meeting asks them (`answers.asks`); ignored elsewhere.
    dietary = forms.CharField(
        label=_("Dietary needs (optional)"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Keep the dietary needs under 200 characters.")},
    )
    overnight = forms.TypedChoiceField(
        label=_("Will you stay overnight?"),
        choices=[("yes", _("Yes, I stay overnight")), ("no", _("No, I go home"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
