"""What the housing app contributes to the home pages and the reporting status (horeport.contributions)."""

from __future__ import annotations

from django.urls import reverse

from horeport.contributions import Due, contributes
from horeport.periods import Kind, Period
from waitlists.models import HousingType, WaitlistFigure

APP = "Boliger"


@contributes("due")
def due(*, period: Period) -> list[Due]:
    """Per active housing type, the figures at the month's end.

    Complete when every figure the type reported in its latest earlier month is there again
    (at least the waitlist): not every type counts swaps or reported needs.
    """
    if period.kind is not Kind.MONTH:
        return []
    types = list(HousingType.objects.filter(active=True))
    stored = {f.housing_type_id: f for f in WaitlistFigure.objects.filter(housing_type__in=types, period=period)}
    url = reverse("waitlists:month_entry") + f"?periode={period}"
    items = []
    for housing_type in types:
        expected = {"waitlist"} | _fields_used(housing_type, period)
        figure = stored.get(housing_type.pk)
        filled = sum(getattr(figure, name) is not None for name in expected) if figure else 0
        items.append(Due(APP, housing_type.name, period, filled, len(expected), url))
    return items


def _fields_used(housing_type: HousingType, period: Period) -> set[str]:
    """The figures the type reported in its latest month before this one."""
    months = [
        f for f in WaitlistFigure.objects.filter(housing_type=housing_type, period__lt=str(period))
        if f.period.kind is Kind.MONTH
    ]  # fmt: skip
    if not months:
        return set()
    latest = max(months, key=lambda f: f.period)
    return {name for name in WaitlistFigure.VALUE_FIELDS if getattr(latest, name) is not None}
