"""What the economy contributes to the home pages and the reporting status (horeport.contributions)."""

from __future__ import annotations

from django.urls import reverse

from economy.models import AccountsFigure, BudgetArea
from horeport.contributions import Due, contributes
from horeport.periods import Kind, Period

APP = "Økonomi"


@contributes("due")
def due(*, period: Period) -> list[Due]:
    """In the last month of a tertial, the accounts of every budget area in use: accumulated after
    the 1st and 2nd tertial, the year's after the 3rd."""
    if period.kind is not Kind.MONTH or period.index % 4:
        return []
    areas = list(BudgetArea.objects.filter(active=True))
    if not areas:
        return []
    tertial = Period.containing(period.start, Kind.TERTIAL)
    accounts = tertial if tertial.index < 3 else Period.of_year(period.year)
    filled = AccountsFigure.objects.filter(area__in=areas, period=accounts).count()
    what = f"Regnskap {accounts.label}" if accounts.kind is Kind.YEAR else f"Regnskap pr. {accounts.label}"
    return [Due(APP, what, period, filled, len(areas), reverse("economy:entry", args=[period.year]))]
