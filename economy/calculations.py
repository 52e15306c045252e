"""The rules of calculation of the economy (docs/rules.md, "Economy"): pure functions on
Decimals, nothing rounded (a number is rounded when it is shown)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from horeport.formatting import to_decimal
from horeport.periods import Period

MILLION = Decimal(1_000_000)


def revised_budget(frame, adjustments: Iterable[tuple[Period, object]], *, up_to: Period) -> Decimal | None:
    """Revised budget (justert ramme) = the original frame + the adjustments decided in tertials
    ending by the end of `up_to`. None without a frame."""
    frame_value = to_decimal(frame)
    if frame_value is None:
        return None
    added = sum((to_decimal(amount) for period, amount in adjustments if period.end <= up_to.end), Decimal(0))
    return frame_value + added


def difference(accounts, budget) -> Decimal | None:
    """Merforbruk (positive) or mindreforbruk (negative) in kroner: accounts − budget."""
    accounts_value, budget_value = to_decimal(accounts), to_decimal(budget)
    if accounts_value is None or budget_value is None:
        return None
    return accounts_value - budget_value


def difference_percent(accounts, budget) -> Decimal | None:
    """The difference in percent of the budget: (accounts − budget) / budget × 100."""
    budget_value = to_decimal(budget)
    gap = difference(accounts, budget)
    if gap is None or not budget_value:
        return None
    return gap / budget_value * 100


def budget_use(accounts, budget) -> Decimal | None:
    """Forbruksprosent = accounts / budget × 100."""
    accounts_value, budget_value = to_decimal(accounts), to_decimal(budget)
    if accounts_value is None or not budget_value:
        return None
    return accounts_value / budget_value * 100


def budget_deviation(accounts, budget) -> Decimal | None:
    """Avvik i forhold til budsjett as a målekart reads it: (budget − accounts) / budget × 100, so
    that overspending is a negative deviation ("0,75 % negativt avvik")."""
    percent = difference_percent(accounts, budget)
    return None if percent is None else -percent


def millions(amount) -> Decimal | None:
    """Kroner in millions, unrounded: 638 600 000 -> 638,6."""
    value = to_decimal(amount)
    return None if value is None else value / MILLION
