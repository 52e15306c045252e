"""Indicator results and key figures entered through an Excel template (horeport/bulk.py).

Results: a row per indicator measured for the period, for the whole department and for each
service unit that has reported results of these indicators before; a row for another unit may be
added (its name in the Virksomhet column). Key figures: a row per active key figure, and per unit
for those that are the sum of their units. Only the units in force in the period are offered, and a
row for a unit that did not exist then is refused with the unit's dates.
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from horeport.bulk import BulkKind, Line, Refusal, Value, register, unit_in_force
from horeport.models import ServiceUnit
from horeport.periods import Kind, Period
from kpi.models import Frequency, Indicator, IndicatorUnit, KeyFigure, KeyFigureValue, Result

WHOLE_DEPARTMENT = ""  # an empty Virksomhet: the whole department
PERIOD_KINDS = (Kind.MONTH, Kind.QUARTER, Kind.TERTIAL, Kind.HALF, Kind.YEAR)
RESULT = Value("value", "Resultat", minimum=None)
KEY_FIGURE_VALUE = Value("value", "Verdi", minimum=None)


def _rule(indicator: Indicator) -> Value:
    """What a result of the indicator may be (kpi.models.value_check says the same on save)."""
    if indicator.unit == IndicatorUnit.SCORE:
        return RESULT.limited(minimum=indicator.scale_min, maximum=indicator.scale_max)
    if indicator.unit in (IndicatorUnit.COUNT, IndicatorUnit.DAYS, IndicatorUnit.MONTHS):
        return RESULT.limited(minimum=Decimal(0))
    return RESULT


def _result_line(indicator: Indicator, unit: ServiceUnit | None, period: Period) -> Line:
    return Line(
        (indicator.code, unit.name if unit else WHOLE_DEPARTMENT), (indicator.name,), {"value": _rule(indicator)},
        {"indicator": indicator, "unit": unit, "period": period},
    )  # fmt: skip


def _measured(period: Period):
    return [
        i for i in Indicator.objects.filter(frequency=period.kind).select_related("perspective")
        if not i.is_retired_in(period) and not i.is_new_in(period) and not i.computation
    ]  # fmt: skip


def result_lines(period: Period) -> list[Line]:
    indicators = _measured(period)
    unit_ids = set(
        Result.objects.filter(indicator__in=indicators, unit__isnull=False).values_list("unit_id", flat=True)
    )
    # The units in force in the period among those that report results; after a reorganisation
    # the new units, once they have reported (or been added by name), replace the old.
    units = [None, *ServiceUnit.objects.in_force(period).filter(pk__in=unit_ids)]
    return [_result_line(indicator, unit, period) for unit in units for indicator in indicators]


def result_find(period: Period, key: tuple[str, ...]) -> Line:
    code, unit_name = key
    indicator = Indicator.objects.filter(code__iexact=code).first()
    if indicator is None:
        raise Refusal(f"Ukjent indikatorkode «{code[:40]}».")
    if indicator.kind is not period.kind:
        frequency = Frequency(indicator.frequency).label.lower()
        raise Refusal(f"{indicator.code} måles {frequency}, så raden hører ikke hjemme i malen for {period.label}.")
    if indicator.is_new_in(period):
        raise Refusal(f"{indicator.code} er ny fra {indicator.introduced_year}; det er ikke et resultat før det.")
    if indicator.is_retired_in(period):
        raise Refusal(f"{indicator.code} er ikke målt fra {indicator.retired_year}.")
    if indicator.computation:
        raise Refusal(f"{indicator.code} beregnes av regelen, og resultatet registreres ikke.")
    return _result_line(indicator, unit_in_force(unit_name, period), period)


def _key_figure_line(key_figure: KeyFigure, unit: ServiceUnit | None, period: Period) -> Line:
    values = {"value": KEY_FIGURE_VALUE}
    return Line(
        (key_figure.name, unit.name if unit else WHOLE_DEPARTMENT), (key_figure.unit,), values,
        {"key_figure": key_figure, "unit": unit, "period": period},
    )  # fmt: skip


def key_figure_lines(period: Period) -> list[Line]:
    """A row per active key figure for the department, and for the figures that are the sum of
    their units, a row per unit in force in the period."""
    figures = list(KeyFigure.objects.filter(active=True, frequency=period.kind))
    lines = [_key_figure_line(k, None, period) for k in figures]
    adding = [k for k in figures if k.sum_of_units]
    if adding:
        units = list(ServiceUnit.objects.in_force(period))
        lines += [_key_figure_line(k, unit, period) for unit in units for k in adding]
    return lines


def key_figure_find(period: Period, key: tuple[str, ...]) -> Line:
    name, unit_name = key
    key_figure = KeyFigure.objects.filter(name__iexact=name).first()
    if key_figure is None:
        raise Refusal(f"Ukjent nøkkeltall «{name[:40]}». Bruk navnet slik det står i malen.")
    if key_figure.kind is not period.kind:
        frequency = Frequency(key_figure.frequency).label.lower()
        raise Refusal(f"«{key_figure}» registreres {frequency}, så raden hører ikke hjemme i malen for {period.label}.")
    unit = unit_in_force(unit_name, period)
    if unit is not None and not key_figure.sum_of_units:
        raise Refusal(f"«{key_figure}» registreres for hele tjenesteområdet. La Virksomhet stå tom.")
    return _key_figure_line(key_figure, unit, period)


register(
    BulkKind(
        slug="resultater", title="Resultater for målekartet", model=Result, key_headers=("Kode", "Virksomhet"),
        label_headers=("Indikator",), columns=(RESULT,), period_kinds=PERIOD_KINDS, lines=result_lines,
        find=result_find, entry_url=lambda period: reverse("kpi:result_entry") + f"?periode={period}",
        description="indikator (og virksomhet: tom for hele tjenesteområdet)",
    )
)  # fmt: skip
register(
    BulkKind(
        slug="nokkeltall", title="Nøkkeltall", model=KeyFigureValue, key_headers=("Nøkkeltall", "Virksomhet"),
        label_headers=("Enhet",), columns=(KEY_FIGURE_VALUE,), period_kinds=PERIOD_KINDS, lines=key_figure_lines,
        find=key_figure_find, entry_url=lambda period: reverse("kpi:key_figure_entry") + f"?periode={period}",
        description="nøkkeltall (og virksomhet: tom for hele tjenesteområdet)",
    )
)  # fmt: skip
