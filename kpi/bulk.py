"""Indicator results and key figures entered through an Excel template (horeport/bulk.py).

Results: a row per indicator measured for the period, for the whole department and for each
service unit that has reported results of these indicators before; a row for another unit may be
added (its name in the Virksomhet column). Key figures: a row per active key figure.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q
from django.urls import reverse

from horeport.bulk import BulkKind, Line, Refusal, Value, register
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
    units = [None, *ServiceUnit.objects.filter(pk__in=unit_ids)]
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
    unit = None
    if unit_name:
        unit = ServiceUnit.objects.filter(Q(name__iexact=unit_name) | Q(short_name__iexact=unit_name)).first()
        if unit is None:
            raise Refusal(f"Ukjent virksomhet «{unit_name[:40]}». La cellen stå tom for hele tjenesteområdet.")
    return _result_line(indicator, unit, period)


def _key_figure_line(key_figure: KeyFigure, period: Period) -> Line:
    values = {"value": KEY_FIGURE_VALUE}
    return Line((key_figure.name,), (key_figure.unit,), values, {"key_figure": key_figure, "period": period})


def key_figure_lines(period: Period) -> list[Line]:
    return [_key_figure_line(k, period) for k in KeyFigure.objects.filter(active=True, frequency=period.kind)]


def key_figure_find(period: Period, key: tuple[str, ...]) -> Line:
    key_figure = KeyFigure.objects.filter(name__iexact=key[0]).first()
    if key_figure is None:
        raise Refusal(f"Ukjent nøkkeltall «{key[0][:40]}». Bruk navnet slik det står i malen.")
    if key_figure.kind is not period.kind:
        frequency = Frequency(key_figure.frequency).label.lower()
        raise Refusal(f"«{key_figure}» registreres {frequency}, så raden hører ikke hjemme i malen for {period.label}.")
    return _key_figure_line(key_figure, period)


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
        slug="nokkeltall", title="Nøkkeltall", model=KeyFigureValue, key_headers=("Nøkkeltall",),
        label_headers=("Enhet",), columns=(KEY_FIGURE_VALUE,), period_kinds=PERIOD_KINDS, lines=key_figure_lines,
        find=key_figure_find, entry_url=lambda period: reverse("kpi:key_figure_entry") + f"?periode={period}",
        description="nøkkeltall",
    )
)  # fmt: skip
