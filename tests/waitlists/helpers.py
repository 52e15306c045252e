"""Small builders for the housing tests."""

import datetime
from decimal import Decimal

from horeport.periods import Period
from waitlists.models import HousingCase, HousingType, WaitlistFigure


def housing_type(name="Bolig med service", **extra) -> HousingType:
    return HousingType.objects.create(name=name, **extra)


def figure(kind: HousingType, period: str, **values) -> WaitlistFigure:
    if "effectuation_days" in values and values["effectuation_days"] is not None:
        values["effectuation_days"] = Decimal(str(values["effectuation_days"]))
    return WaitlistFigure.objects.create(housing_type=kind, period=Period.parse(period), **values)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def case(kind: HousingType, reference: str, decided: str, moved_in: str | None = None, closed: str | None = None):
    return HousingCase.objects.create(
        reference=reference,
        housing_type=kind,
        decided_on=day(decided),
        moved_in_on=day(moved_in) if moved_in else None,
        closed_on=day(closed) if closed else None,
        closed_reason="withdrawn" if closed else "",
    )
