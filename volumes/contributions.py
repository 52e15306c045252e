"""What the services contribute to the home pages and the reporting status (horeport.contributions)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from horeport.contributions import ChangedFigure, Due, contributes
from horeport.periods import Kind, Period
from volumes import selectors
from volumes.aggregates import USERS_TOTAL, summarize
from volumes.models import VolumeFigure

APP = "Tjenester"


@contributes("due")
def due(*, period: Period) -> list[Due]:
    """Per active service, the month's figures; none where a half-year or year average holds the month.
    A service entered per unit counts a number as entered when a unit in force has entered it."""
    if period.kind is not Kind.MONTH:
        return []
    services = selectors.services()
    covering = {str(period), str(Period.containing(period.start, Kind.HALF)), str(period.year)}
    figures, by_units = {}, {}
    rows = VolumeFigure.objects.filter(service__in=services, period__in=covering).select_related("unit")
    for figure in rows:
        if figure.unit_id is None:
            figures.setdefault(figure.service_id, []).append(figure)
        elif figure.period == period and figure.unit.in_force(period):
            by_units.setdefault(figure.service_id, []).append(figure)
    items = []
    for service in services:
        own = figures.get(service.pk, [])
        if any(f.period.kind is not Kind.MONTH for f in own):
            continue  # one source per period: an average is entered for this month's half-year or year
        fields = [f.name for f in service.volume_fields()]
        entered = own or by_units.get(service.pk, [])
        filled = sum(any(getattr(row, f) is not None for row in entered) for f in fields)
        url = reverse("volumes:grid", args=[service.slug, period.year])
        items.append(Due(APP, service.name_for(period), period, filled, len(fields), url))
    return items


@contributes("changes")
def changes() -> list[ChangedFigure]:
    """Users per month on average per service: the latest ended year with figures against the year before."""
    years = selectors.years_with_figures()  # newest first
    year = next((y for y in years if y < timezone.localdate().year and y - 1 in years), None)
    if year is None:
        return []
    services = selectors.services()
    figures = selectors.figures_by_service(services, first_year=year - 1, last_year=year)
    items = []
    for service in services:
        own = figures.get(service.pk, [])
        old, new = (summarize(service, own, Period.of_year(y)).value(USERS_TOTAL) for y in (year - 1, year))
        if old is not None and new is not None:
            url = f"{service.get_absolute_url()}?aar={year}"
            what = f"{service.name_for(Period.of_year(year))}: brukere pr. mnd."
            items.append(ChangedFigure(APP, what, Period.of_year(year), old, new, url, decimals=1))
    return items
