from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.operations import ItemData
from ledelsesfora.forums import describe
from ledelsesfora.forums.models import Forum
from ledelsesfora.guards import IdChoiceField, IdsChoiceField
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person, Position, Unit


class ItemForm(forms.Form):
    """An item's fields, limited to what its forum's charter allows."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"))
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=40,
        required=False,
        help_text=_("KLE pattern, e.g. 00.00.00-P15-1-24."),
    )
    background = forms.CharField(
        label=_("Background"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    recommendation = forms.CharField(
        label=_("Recommendation (indstilling)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    responsible_unit = IdChoiceField(label=_("Responsible area"), queryset=None, required=False)
    responsible_director = IdChoiceField(
        label=_("Responsible director"), queryset=None, required=False
    )
    presenters = IdsChoiceField(
        label=_("Presenters"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = IdsChoiceField(
        label=_("Invited guests"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    duration_minutes = forms.IntegerField(
        label=_("Expected duration in minutes"), min_value=1, max_value=600, initial=15
    )
    closed = forms.BooleanField(
        label=_("Closed item (only the forum's members see it)"), required=False
    )
    anchors = forms.MultipleChoiceField(
        label=_("Strategy anchors"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, forum: Forum, *args, **kwargs):
        super().__init__(*args, **kwargs)
        spec = forum.charter
        organisation = forum.organisation
        self.fields["kind"].choices = [(k, describe.item_kind(spec, k)) for k in spec.item_kinds]
        self.fields["responsible_unit"].queryset = Unit.objects.filter(
            organisation=organisation, kind=Unit.Kind.AREA
        )
        directors = (
            Position.objects.active()
            .filter(unit__organisation=organisation, position_type__director=True)
            .values_list("person_id", flat=True)
        )
        self.fields["responsible_director"].queryset = Person.objects.filter(pk__in=directors)
        people = Person.objects.filter(organisation=organisation, is_active=True).order_by(
            "full_name"
        )
        self.fields["presenters"].queryset = people
        self.fields["guests"].queryset = people
        if spec.anchors:
            titles = dict(
                (a["key"], a["title"])
                for a in forum.organisation.charters.order_by("-version")
                .first()
                .document.get("anchor", [])
            )
            self.fields["anchors"].choices = [(k, titles.get(k, k)) for k in spec.anchors]
        else:
            del self.fields["anchors"]
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs.setdefault("class", "form-checkbox")
                continue
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-input"
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-checkbox"
            field.widget.attrs.setdefault("class", css)

    def item_data(self) -> ItemData:
        data = self.cleaned_data
        return ItemData(
            title=data["title"],
            kind=data["kind"],
            background=data["background"],
            recommendation=data["recommendation"],
            case_number=data["case_number"],
            duration_minutes=data["duration_minutes"],
            closed=data["closed"],
            anchors=tuple(data.get("anchors") or ()),
            responsible_director=data["responsible_director"],
            responsible_unit=data["responsible_unit"],
        )

    @staticmethod
    def initial_for(item: AgendaItem) -> dict:
        return {
            "title": item.title,
            "kind": item.kind,
            "case_number": item.case_number,
            "background": item.background,
            "recommendation": item.recommendation,
            "responsible_unit": item.responsible_unit,
            "responsible_director": item.responsible_director,
            "presenters": item.presenters.all(),
            "guests": item.guests.all(),
            "duration_minutes": item.duration_minutes,
            "closed": item.closed,
            "anchors": item.anchors,
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))


class MoveItemsForm(forms.Form):
    """Where the items of a cancelled meeting go: one of the forum's next meetings (the first
    after the cancelled one is chosen), or the forum's backlog."""

    to = forms.ChoiceField(label=_("Move the items to"), required=False)

    def __init__(self, meeting: Meeting, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {
            str(m.pk): m
            for m in meeting.forum.meetings.held()
            .filter(start__gt=timezone.now(), working_group__isnull=True)
            .order_by("start")[:12]
        }
        self.fields["to"].choices = [
            (pk, date_format(timezone.localtime(m.start), str(_("l j F Y, H:i"))))
            for pk, m in self.targets.items()
        ] + [("", _("The forum's backlog"))]
        after = [pk for pk, m in self.targets.items() if m.start > meeting.start]
        self.fields["to"].initial = next(iter(after or self.targets), "")

    def target(self) -> Meeting | None:
        return self.targets.get(self.cleaned_data["to"])
