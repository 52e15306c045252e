"""The målekart's figures for the plausibility check on entry (horeport/plausibility.py):
indicator results (per unit, where entered per unit) and key figures."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from horeport.plausibility import Cell, Figures, register
from kpi.models import Indicator, KeyFigure, KeyFigureValue, Result


@register
class Results(Figures):
    key = "kpi.result"
    label = "Indikatorresultat"
    row_model = Result
    figure_model = Indicator

    def cell(self, row: Result, field: str) -> Cell:
        return Cell(self.key, row.indicator_id, "", row.period, row.unit_id)

    def cell_for(self, figure, measure, period, unit=None) -> Cell:
        return Cell(self.key, figure.pk, "", period, getattr(unit, "pk", unit))

    def previous(self, cells: list[Cell]) -> dict[Cell, Decimal]:
        rows = Result.objects.filter(
            indicator_id__in={c.figure_id for c in cells}, period__in={str(c.period) for c in cells}
        ).only("indicator_id", "period", "unit_id", "value")
        found = {Cell(self.key, r.indicator_id, "", r.period, r.unit_id): r.value for r in rows}
        return {cell: found[cell] for cell in cells if cell in found}

    def name(self, row: Result, field: str) -> str:
        return f"{row.indicator.code} {row.indicator.name}"

    def url(self, row: Result) -> str:
        return (
            reverse("kpi:result_entry")
            + f"?periode={row.period}"
            + (f"&virksomhet={row.unit_id}" if row.unit_id else "")
        )

    def choices(self) -> list[tuple[int, str, str]]:
        return [(i.pk, "", f"{i.code} {i.name}") for i in Indicator.objects.order_by("code")]


@register
class KeyFigures(Figures):
    key = "kpi.keyfigure"
    label = "Nøkkeltall"
    row_model = KeyFigureValue
    figure_model = KeyFigure

    def cell(self, row: KeyFigureValue, field: str) -> Cell:
        return Cell(self.key, row.key_figure_id, "", row.period, row.unit_id)

    def cell_for(self, figure, measure, period, unit=None) -> Cell:
        return Cell(self.key, figure.pk, "", period, getattr(unit, "pk", unit))

    def previous(self, cells: list[Cell]) -> dict[Cell, Decimal]:
        rows = KeyFigureValue.objects.filter(
            key_figure_id__in={c.figure_id for c in cells}, period__in={str(c.period) for c in cells}
        ).only("key_figure_id", "period", "unit_id", "value")
        found = {Cell(self.key, r.key_figure_id, "", r.period, r.unit_id): r.value for r in rows}
        return {cell: found[cell] for cell in cells if cell in found}

    def name(self, row: KeyFigureValue, field: str) -> str:
        return row.key_figure.name

    def url(self, row: KeyFigureValue) -> str:
        return (
            reverse("kpi:key_figure_entry")
            + f"?periode={row.period}"
            + (f"&virksomhet={row.unit_id}" if row.unit_id else "")
        )

    def choices(self) -> list[tuple[int, str, str]]:
        return [(f.pk, "", f.name) for f in KeyFigure.objects.all()]
