"""The list's filters: case type, outcome, status (pending …), unit, a date range on a chosen date,
and free text. The query parameters are Norwegian, as they show in the address bar."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from complaints.authority import authority_name
from complaints.forms import CaseTypeChoiceField
from complaints.models import CaseType, Complaint, Decision
from horeport.forms import DateInput
from horeport.models import ServiceUnit

REVERSED = "omgjort_av_kommunen"
STATUS_CHOICES = [
    ("apne", "Åpne (ikke avgjort)"),
    ("i_kommunen", "Under behandling i kommunen"),
    ("ikke_avgjort", f"Sendt til {authority_name()}, ikke avgjort"),
    ("avsluttet", "Avsluttet"),
]
DATE_FIELDS = {"mottatt": "received_on", "sendt": "sent_on", "avgjort": "decided_on"}


class FilterForm(forms.Form):
    """Every filter is optional, so none says "(valgfritt)"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.template_name = "horeport/forms/filter_field.html"


class CaseTypeFilter(django_filters.ModelChoiceFilter):
    field_class = CaseTypeChoiceField


class ComplaintFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Søk", method="filter_text",
        widget=forms.TextInput(attrs={"placeholder": "Referanse, merknad", "type": "search"}),
    )  # fmt: skip
    sakstype = CaseTypeFilter(
        field_name="case_type", label="Sakstype", empty_label="Alle sakstyper",
        queryset=CaseType.objects.prefetch_related("names"),
    )  # fmt: skip
    utfall = django_filters.ChoiceFilter(
        label="Utfall", empty_label="Alle utfall", method="filter_outcome",
        choices=[*Decision.choices, (REVERSED, "Omgjort av kommunen")],
    )  # fmt: skip
    status = django_filters.ChoiceFilter(label="Status", empty_label="Alle", choices=STATUS_CHOICES,
                                         method="filter_status")  # fmt: skip
    virksomhet = django_filters.ModelChoiceFilter(
        field_name="unit", label="Virksomhet", empty_label="Alle virksomheter", queryset=ServiceUnit.objects.all()
    )
    dato = django_filters.ChoiceFilter(
        label="Datoen gjelder", empty_label=None, method="filter_nothing",
        choices=[("mottatt", "Mottatt"), ("sendt", "Sendt"), ("avgjort", "Avgjort")],
    )  # fmt: skip
    fra = django_filters.DateFilter(label="Fra og med", method="filter_dates", widget=DateInput)
    til = django_filters.DateFilter(label="Til og med", method="filter_dates", widget=DateInput)

    class Meta:
        model = Complaint
        fields = []
        form = FilterForm

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(reference__icontains=value) | Q(note__icontains=value))

    def filter_outcome(self, queryset, name, value):
        if value == REVERSED:
            return queryset.filter(reversed_on__isnull=False)
        return queryset.filter(decision=value)

    def filter_status(self, queryset, name, value):
        closed = Q(reversed_on__isnull=False) | ~Q(decision="")
        if value == "apne":
            return queryset.exclude(closed)
        if value == "i_kommunen":
            return queryset.exclude(closed).filter(sent_on__isnull=True)
        if value == "ikke_avgjort":
            return queryset.exclude(closed).filter(sent_on__isnull=False)
        return queryset.filter(closed)

    def filter_nothing(self, queryset, name, value):
        return queryset  # read by filter_dates

    def filter_dates(self, queryset, name, value):
        field = DATE_FIELDS.get(self.form.cleaned_data.get("dato") or "mottatt", "received_on")
        lookup = "gte" if name == "fra" else "lte"
        return queryset.filter(**{f"{field}__{lookup}": value})

    @property
    def is_filtered(self) -> bool:
        return any(value not in (None, "") for key, value in self.form.cleaned_data.items() if key != "dato")
