"""The search form: the address's parameters (Danish names, so a search can be bookmarked and
sent on) read into a `finding.Query`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ledelsesfora.search.finding import MAX_LENGTH, MAX_PAGE, Query
from ledelsesfora.search.models import Kind


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, max_length=MAX_LENGTH)
    type = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Kind.choices]
    )
    forum = forms.ChoiceField(label=_("Forum"), required=False)
    fra = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    til = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sag = forms.CharField(
        label=_("Case number"),
        required=False,
        max_length=40,
        help_text=_("e.g. 00.01.00-G01-3-25: the case's whole history"),
    )
    orden = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("relevance", _("Most relevant first")), ("newest", _("Newest first"))],
    )
    side = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, data, organisation, **kwargs):
        super().__init__(data, **kwargs)
        forums = organisation.forums.active().order_by("position")
        self.fields["forum"].choices = [("", _("All forums"))] + [
            (forum.short_name, f"{forum.short_name} – {forum.name}") for forum in forums
        ]
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-input"
            field.widget.attrs.setdefault("class", css)

    def asked(self) -> bool:
        return bool(self.data.get("q", "").strip() or self.data.get("sag", "").strip())

    def query(self) -> Query:
        data = self.cleaned_data
        return Query(
            text=data["q"].strip(),
            kind=data["type"] or None,
            forum=data["forum"] or None,
            since=data["fra"],
            until=data["til"],
            case_number=data["sag"].strip(),
            order=data["orden"] or "relevance",
            page=data["side"] or 1,
        )
