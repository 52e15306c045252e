import django_filters
from django.db.models import Q

from waitlists.models import HousingCase, HousingType


def decided_years() -> list[tuple[int, str]]:
    """The years cases were decided in, newest first: the years the filter offers."""
    return [(day.year, str(day.year)) for day in HousingCase.objects.dates("decided_on", "year", order="DESC")]


STATUS_CHOICES = [("waiting", "Venter"), ("moved_in", "Innflyttet"), ("closed", "Avsluttet uten innflytting")]


class HousingCaseFilter(django_filters.FilterSet):
    reference = django_filters.CharFilter(label="Saksreferanse", lookup_expr="icontains")
    housing_type = django_filters.ModelChoiceFilter(
        label="Boligtype", queryset=HousingType.objects.all(), empty_label="Alle boligtyper"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, empty_label="Alle", method="filter_status"
    )
    year = django_filters.ChoiceFilter(
        label="Vedtaksår", field_name="decided_on", lookup_expr="year", choices=decided_years,
        empty_label="Alle år", error_messages={"invalid_choice": "Velg et av årene i listen."},
    )  # fmt: skip

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
