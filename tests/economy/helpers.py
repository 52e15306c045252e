"""Small builders for the economy tests. Amounts are given in mill. kr, stored in kroner."""

from __future__ import annotations

from decimal import Decimal

from economy.models import AccountsFigure, BudgetAdjustment, BudgetArea, BudgetFrame
from horeport.periods import Period

MILL = Decimal(1_000_000)


def kroner(millions) -> Decimal:
    return Decimal(str(millions)) * MILL


def area(name="Hjemmebaserte tjenester", **extra) -> BudgetArea:
    return BudgetArea.objects.get_or_create(name=name, defaults=extra)[0]


def frame(item: BudgetArea, year: str, millions) -> BudgetFrame:
    return BudgetFrame.objects.create(area=item, period=Period.parse(year), amount=kroner(millions))


def adjustment(item: BudgetArea, tertial: str, millions, reason="Tertialbehandling") -> BudgetAdjustment:
    return BudgetAdjustment.objects.create(
        area=item, period=Period.parse(tertial), amount=kroner(millions), reason=reason
    )


def accounts(item: BudgetArea, period: str, millions) -> AccountsFigure:
    return AccountsFigure.objects.create(area=item, period=Period.parse(period), amount=kroner(millions))


def seed_003_figures() -> BudgetArea:
    """The worked example: one area with frame 615,1, adjustments 10,0 (1. tertial) and 13,5
    (2. tertial), accounts 653,5 for 2017 and 220,0 after the 1. tertial."""
    item = area("Helse- og sosialkontorene")
    frame(item, "2017", "615.1")
    adjustment(item, "2017-T1", "10.0", "1. tertialbehandling")
    adjustment(item, "2017-T2", "13.5", "2. tertialbehandling")
    accounts(item, "2017", "653.5")
    accounts(item, "2017-T1", "220.0")
    return item
