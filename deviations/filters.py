import django_filters
from django import forms
from django.db.models import Q

from deviations.models import Category, Deviation, Severity, Status
from horeport.forms import DateInput
from horeport.models import ServiceUnit

SEARCHED_FIELDS = ("reference", "description", "immediate_action", "measures", "learning", "counterpart")


class DeviationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Fritekst", method="search", widget=forms.TextInput(attrs={"type": "search"}))
    category = django_filters.ModelChoiceFilter(label="Kategori", queryset=Category.objects.all(), empty_label="Alle")
    unit = django_filters.ModelChoiceFilter(label="Virksomhet", queryset=ServiceUnit.objects.all(), empty_label="Alle")
    status = django_filters.ChoiceFilter(label="Status", choices=Status.choices, empty_label="Alle")
    severity = django_filters.ChoiceFilter(label="Alvorlighetsgrad", choices=Severity.choices, empty_label="Alle")
    to_hospital = django_filters.BooleanFilter(
        label="Til sykehus",
        widget=forms.Select(choices=[("", "Alle"), ("true", "Ja"), ("false", "Nei")]),
    )
    registered_from = django_filters.DateFilter(
        label="Registrert fra", field_name="registered_on", lookup_expr="gte", widget=DateInput()
    )
    registered_to = django_filters.DateFilter(
        label="Registrert til", field_name="registered_on", lookup_expr="lte", widget=DateInput()
    )

    class Meta:
        model = Deviation
        fields = []

    def search(self, queryset, name, value):
        condition = Q()
        for field_name in SEARCHED_FIELDS:
            condition |= Q(**{f"{field_name}__icontains": value.strip()})
        return queryset.filter(condition)
