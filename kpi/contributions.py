"""What the målekart contributes to the home pages and the reporting status (horeport.contributions)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from horeport.contributions import Due, Glance, contributes
from horeport.models import ServiceUnit
from horeport.periods import Period
from kpi import selectors
from kpi.bands import RED, YELLOW
from kpi.models import Frequency, Indicator, KeyFigure, KeyFigureValue, Result, adds_up

APP = "Målekart"
ATTENTION = (RED, YELLOW)  # the statuses the glance lists indicator by indicator


@contributes("due")
def due(*, period: Period) -> list[Due]:
    """The results of the indicators and the key figures measured every period of this kind.

    Results are due for the whole department, and unit by unit for the units expected to report
    them (kpi.selectors.reporting_units: the units in force that reported them before, or
    succeed one that did). A department figure that is the sum of its units (a count, a key
    figure «summen av virksomhetene») counts as reported once every unit expected has reported
    it, as the målekart then shows the sum; a figure entered for the department counts too.
    """
    items = []
    indicators = [
        i for i in Indicator.objects.filter(frequency=period.kind)
        if not i.is_retired_in(period) and not i.is_new_in(period)
    ]  # fmt: skip
    if indicators:
        url = reverse("kpi:result_entry") + f"?periode={period}"
        what = f"Resultater, {Frequency(period.kind.value).label.lower()}e indikatorer"
        items += _due_per_unit(Result, "indicator_id", {i.pk: adds_up(i) for i in indicators}, period, what, url)
    figures = list(KeyFigure.objects.filter(active=True, frequency=period.kind))
    if figures:
        url = reverse("kpi:key_figure_entry") + f"?periode={period}"
        items += _due_per_unit(
            KeyFigureValue, "key_figure_id", {k.pk: k.sum_of_units for k in figures}, period, "Nøkkeltall", url
        )
    return items


def _due_per_unit(model, owner: str, adding: dict[int, bool], period: Period, what: str, url: str) -> list[Due]:
    """The department's item and one per unit expected to report (`adding`: per owner id, whether
    its department figure is the sum of its units)."""
    expected = selectors.reporting_units(model, owner, adding, period)
    entered: dict[int | None, set[int]] = {}
    for owner_id, unit_id in model.objects.filter(**{f"{owner}__in": adding}, period=period).values_list(
        owner, "unit_id"
    ):
        entered.setdefault(unit_id, set()).add(owner_id)
    department = entered.get(None, set())
    summed = {
        owner_id for owner_id, adds in adding.items()
        if adds and expected.get(owner_id) and all(owner_id in entered.get(u, ()) for u in expected[owner_id])
    }  # fmt: skip
    items = [Due(APP, what, period, len(department | summed), len(adding), url)]
    unit_ids = set().union(*expected.values()) if expected else set()
    for unit in ServiceUnit.objects.filter(pk__in=unit_ids):
        owed = {owner_id for owner_id, units in expected.items() if unit.pk in units}
        filled = len(owed & entered.get(unit.pk, set()))
        items.append(Due(APP, what, period, filled, len(owed), f"{url}&virksomhet={unit.pk}", unit=str(unit)))
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
