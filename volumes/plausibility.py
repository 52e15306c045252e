"""The services' figures for the plausibility check on entry (horeport/plausibility.py): each
number a service records, against the same period last year: the department's against the
department's, a unit's against the same unit's (like with like).

Where last year holds only a half-year or year average, that average stands for each of its
months (docs/rules.md, "Average per month") and is what a month is compared with."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from horeport.periods import Kind, Period
from horeport.plausibility import Cell, Figures, register
from volumes.forms import GRAIN_OF_KIND
from volumes.models import VOLUME_FIELD_NAMES, Service, VolumeFigure


def _covering(period: Period) -> list[Period]:
    """The period and the averages that may stand for it: its half-year and its year."""
    if period.kind is Kind.MONTH:
        return [period, Period.containing(period.start, Kind.HALF), Period.of_year(period.year)]
    if period.kind is Kind.HALF:
        return [period, Period.of_year(period.year)]
    return [period]


@register
class Volumes(Figures):
    key = "volumes.figure"
    label = "Tjenester"
    row_model = VolumeFigure
    figure_model = Service
    fields = tuple(VOLUME_FIELD_NAMES)

    def cell(self, row: VolumeFigure, field: str) -> Cell:
        return Cell(self.key, row.service_id, field, row.period, row.unit_id)

    def cell_for(self, figure, measure, period, unit=None) -> Cell:
        return Cell(self.key, figure.pk, measure, period, getattr(unit, "pk", unit))

    def previous(self, cells: list[Cell]) -> dict[Cell, Decimal]:
        periods = {str(p) for c in cells for p in _covering(c.period)}
        rows = VolumeFigure.objects.filter(service_id__in={c.figure_id for c in cells}, period__in=periods)
        stored = {(row.service_id, str(row.period), row.unit_id): row for row in rows}
        found = {}
        for cell in cells:
            for period in _covering(cell.period):
                row = stored.get((cell.figure_id, str(period), cell.unit_id))
                if row is not None:
                    if getattr(row, cell.measure) is not None:
                        found[cell] = getattr(row, cell.measure)
                    break  # one source per period: the first that holds the period is its source
        return found

    def name(self, row: VolumeFigure, field: str) -> str:
        label = next(f.label for f in row.service.volume_fields() if f.name == field)
        where = f" ({row.unit})" if row.unit_id else ""
        return f"{row.service.name_for(row.period)}{where}: {label}"

    def url(self, row: VolumeFigure) -> str:
        grain = GRAIN_OF_KIND[row.period.kind]
        where = f"&virksomhet={row.unit_id}" if row.unit_id else ""
        return reverse("volumes:grid", args=[row.service.slug, row.period.year]) + f"?inndeling={grain}{where}"

    def choices(self) -> list[tuple[int, str, str]]:
        return [(s.pk, f.name, f"{s.name}: {f.label}") for s in Service.objects.all() for f in s.volume_fields()]
