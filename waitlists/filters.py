import django_filters
from django.db.models import Q

from horeport.fields import YearField
from waitlists.models import HousingCase, HousingType


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
