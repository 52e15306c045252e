"""The economy's named rules for indicators computed from stored figures (horeport.computed)."""

from __future__ import annotations

from decimal import Decimal

from economy import selectors
from horeport.computed import computed_rule
from horeport.periods import Kind, Period

BUDGET_DEVIATION = "economy.budget_deviation"


@computed_rule(
    BUDGET_DEVIATION, "Avvik i forhold til budsjett (fra økonomitallene)",
    depends_on=("economy.BudgetArea", "economy.BudgetFrame", "economy.BudgetAdjustment", "economy.AccountsFigure"),
    description="(Justert ramme − regnskap) / justert ramme × 100 for året: merforbruk er et negativt avvik.",
)  # fmt: skip
def budget_deviation(*, period: Period, unit=None) -> Decimal | None:
    """The year's budget deviation in percent, for the department or one unit's own budget area.
    A tertial's accounts are part of a year and measure no deviation: only years have one."""
    if period.kind is not Kind.YEAR:
        return None
    if unit is None:
        return selectors.economy_overview(period=period).total.budget_deviation
    areas = selectors.areas_for_unit(unit)
    if not areas:
        return None
    return selectors.economy_overview(period=period, areas=areas).total.budget_deviation
