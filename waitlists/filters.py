import django_filters
from django import forms
from django.db.models import Q

from waitlists.models import HousingCase, HousingType


class YearField(forms.IntegerField):
    """A year the register can hold (1900–2999); one message for anything else."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.NumberInput(attrs={"min": 1900, "max": 2999}))
        super().__init__(min_value=1900, max_value=2999, **kwargs)
        message = "Skriv et år fra 1900 til 2999."
        self.error_messages = {**self.error_messages, "invalid": message, "min_value": message, "max_value": message}


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


STATUS_CHOICES = [("waiting", "Venter"), ("moved_in", "Innflyttet"), ("closed", "Avsluttet uten innflytting")]


class HousingCaseFilter(django_filters.FilterSet):
    reference = django_filters.CharFilter(label="Saksreferanse", lookup_expr="icontains")
    housing_type = django_filters.ModelChoiceFilter(
        label="Boligtype", queryset=HousingType.objects.all(), empty_label="Alle boligtyper"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, empty_label="Alle", method="filter_status"
    )
    year = YearFilter(label="Vedtaksår", field_name="decided_on", lookup_expr="year")

    class Meta:
        model = HousingCase
        fields = ["reference", "housing_type", "status", "year"]

    def filter_status(self, queryset, name, value):
        if value == "waiting":
            return queryset.filter(moved_in_on__isnull=True, closed_on__isnull=True)
        if value == "moved_in":
            return queryset.filter(moved_in_on__isnull=False)
        if value == "closed":
            return queryset.filter(Q(closed_on__isnull=False) & Q(moved_in_on__isnull=True))
        return queryset
