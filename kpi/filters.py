"""The målekart dashboard's filters: period, målekart and service unit."""

from __future__ import annotations

import django_filters
from django.http import QueryDict

from horeport.models import ServiceUnit
from kpi.models import Indicator, Scorecard


class MalekartFilter(django_filters.FilterSet):
    periode = django_filters.ChoiceFilter(label="Periode", method="keep", empty_label=None)
    malekart = django_filters.ChoiceFilter(
        label="Målekart", field_name="perspective__scorecard", choices=Scorecard.choices, empty_label="Alle målekart"
    )
    virksomhet = django_filters.ModelChoiceFilter(
        label="Virksomhet", queryset=ServiceUnit.objects.all(), method="keep", empty_label="Hele tjenesteområdet"
    )

    class Meta:
        model = Indicator
        fields = []

    def __init__(self, data=None, *args, period_choices, default_period: str, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("periode"):
            data["periode"] = default_period
        super().__init__(data, *args, **kwargs)
        self.filters["periode"].extra["choices"] = period_choices

    def keep(self, queryset, name, value):
        """The period and the unit choose which results are shown, not which indicators."""
        return queryset
