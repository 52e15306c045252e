"""The housing figures for the plausibility check on entry (horeport/plausibility.py): each of a
housing type's waitlist figures, against the same month (or year) last year."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from horeport.periods import Kind
from horeport.plausibility import Cell, Figures, register
from waitlists.models import HousingType, WaitlistFigure


def _label(field: str) -> str:
    return str(WaitlistFigure._meta.get_field(field).verbose_name)


@register
class Waitlists(Figures):
    key = "waitlists.figure"
    label = "Boliger"
    row_model = WaitlistFigure
    figure_model = HousingType
    fields = WaitlistFigure.VALUE_FIELDS

    def cell(self, row: WaitlistFigure, field: str) -> Cell:
        return Cell(self.key, row.housing_type_id, field, row.period)

    def cell_for(self, figure, measure, period, unit=None) -> Cell:
        return Cell(self.key, figure.pk, measure, period)

    def previous(self, cells: list[Cell]) -> dict[Cell, Decimal]:
        rows = WaitlistFigure.objects.filter(
            housing_type_id__in={c.figure_id for c in cells}, period__in={str(c.period) for c in cells}
        )
        found = {}
        for row in rows:
            for field in self.fields:
                if getattr(row, field) is not None:
                    found[Cell(self.key, row.housing_type_id, field, row.period)] = Decimal(getattr(row, field))
        return found

    def name(self, row: WaitlistFigure, field: str) -> str:
        return f"{row.housing_type}: {_label(field)}"

    def url(self, row: WaitlistFigure) -> str:
        if row.period.kind is Kind.MONTH:
            return reverse("waitlists:month_entry") + f"?periode={row.period}"
        return reverse("waitlists:figure_update", args=[row.pk])

    def choices(self) -> list[tuple[int, str, str]]:
        return [(t.pk, field, f"{t}: {_label(field)}") for t in HousingType.objects.all() for field in self.fields]
