import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledelsesfora.organisation.models import Organisation


class YearForm(forms.Form):
    aar = forms.IntegerField(min_value=1900, max_value=2200, required=False)


class AdHocMeetingForm(forms.Form):
    forum = forms.ModelChoiceField(queryset=None, label=_("Forum"), to_field_name="short_name")
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
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

    def __init__(self, organisation: Organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = organisation.forums.active()
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-input")
        self.fields["forum"].widget.attrs["class"] = "form-select"

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
