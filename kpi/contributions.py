"""What the målekart contributes to the home pages and the reporting status (horeport.contributions)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from horeport.contributions import Due, Glance, contributes
from horeport.models import ServiceUnit
from horeport.periods import Period
from kpi import selectors
from kpi.bands import RED, YELLOW
from kpi.models import Frequency, Indicator, KeyFigure, KeyFigureValue, Result

APP = "Målekart"
ATTENTION = (RED, YELLOW)  # the statuses the glance lists indicator by indicator


@contributes("due")
def due(*, period: Period) -> list[Due]:
    """The results of the indicators and the key figures measured every period of this kind.

    Results are due for the whole department, and unit by unit for the units in force in the
    period that have reported results of these indicators before.
    """
    items = []
    indicators = [
        i for i in Indicator.objects.filter(frequency=period.kind)
        if not i.is_retired_in(period) and not i.is_new_in(period)
    ]  # fmt: skip
    if indicators:
        results = Result.objects.filter(indicator__in=indicators)
        unit_ids = set(results.filter(unit__isnull=False).values_list("unit_id", flat=True))
        counts: dict[int | None, int] = {}
        for unit_id in results.filter(period=period).values_list("unit_id", flat=True):
            counts[unit_id] = counts.get(unit_id, 0) + 1
        url = reverse("kpi:result_entry") + f"?periode={period}"
        what = f"Resultater, {Frequency(period.kind.value).label.lower()}e indikatorer"
        items.append(Due(APP, what, period, counts.get(None, 0), len(indicators), url))
        for unit in ServiceUnit.objects.in_force(period).filter(pk__in=unit_ids):
            unit_url = f"{url}&virksomhet={unit.pk}"
            items.append(Due(APP, what, period, counts.get(unit.pk, 0), len(indicators), unit_url, unit=str(unit)))
    figures = list(KeyFigure.objects.filter(active=True, frequency=period.kind))
    if figures:
        filled = KeyFigureValue.objects.filter(key_figure__in=figures, period=period, unit__isnull=True).count()
        url = reverse("kpi:key_figure_entry") + f"?periode={period}"
        items.append(Due(APP, "Nøkkeltall", period, filled, len(figures), url))
    return items


@contributes("glances")
def glances() -> list[Glance]:
    """The latest målekart: counts by status, and the red and yellow indicators with their values."""
    periods = selectors.result_periods()
    if not periods:
        return []
    latest = max(p for p in periods if p.start <= timezone.localdate())
    malekart = selectors.malekart_build(period=latest, history=1, trend=1)
    attention = [line for line in malekart.lines if line.assessment.status in ATTENTION]
    attention.sort(key=lambda line: (ATTENTION.index(line.assessment.status), line.indicator.code))
    return [
        Glance(
            f"Målekart {latest.label}",
            "kpi/_glance.html",
            {"malekart": malekart, "attention": attention, "url": reverse("kpi:index") + f"?periode={latest}"},
        )
    ]
