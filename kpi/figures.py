"""The målekart's figures for references in free text (horeport.figures): a key figure's value and
an indicator's result for the whole department."""

from __future__ import annotations

from horeport.computed import compute
from horeport.figures import FigureProblem, figure_kind
from horeport.periods import Period
from kpi.models import Indicator, KeyFigure, KeyFigureValue, Result


def _department_level(queryset):
    """The rows for the whole department (where the figures may also be entered per unit)."""
    fields = {f.name for f in queryset.model._meta.get_fields()}
    return queryset.filter(unit__isnull=True) if "unit" in fields else queryset


def _kind_check(name: str, frequency_label: str, kind, period: Period) -> None:
    if period.kind is not kind:
        raise FigureProblem(f"«{name}» registreres {frequency_label.lower()}, ikke for {period.label}.")


@figure_kind(
    "nøkkeltall", syntax="[[nøkkeltall: navn periode]]",
    help="verdien av et nøkkeltall (navnet som under Nøkkeltall) for en periode, med enheten.",
    example="[[nøkkeltall: Plasser i Housing First 2017]]",
)  # fmt: skip
def key_figure(*, what: str, period: Period) -> str:
    figure = KeyFigure.objects.filter(name__iexact=what).first() if what else None
    if figure is None:
        raise FigureProblem(f"ingen nøkkeltall heter «{what}»." if what else "skriv nøkkeltallets navn før perioden.")
    _kind_check(figure.name, figure.get_frequency_display(), figure.kind, period)
    value = _department_level(KeyFigureValue.objects.filter(key_figure=figure, period=period)).first()
    if value is None:
        raise FigureProblem(f"«{figure.name}» har ingen verdi for {period.label}.")
    return figure.show(value.value)


@figure_kind(
    "indikator", syntax="[[indikator: kode periode]]",
    help="en indikators resultat for hele tjenesteområdet, med enheten.",
    example="[[indikator: Ø.2.1 2017]]",
)  # fmt: skip
def indicator_result(*, what: str, period: Period) -> str:
    indicator = Indicator.objects.filter(code__iexact=what).first() if what else None
    if indicator is None:
        raise FigureProblem(f"ingen indikator har koden «{what}»." if what else "skriv indikatorens kode før perioden.")
    _kind_check(indicator.code, indicator.get_frequency_display(), indicator.kind, period)
    if indicator.computation:
        value = compute(indicator.computation, period=period)
    else:
        result = _department_level(Result.objects.filter(indicator=indicator, period=period)).first()
        value = None if result is None else result.value
    if value is None:
        raise FigureProblem(f"{indicator.code} har ikke noe resultat for {period.label}.")
    return indicator.show(value)
