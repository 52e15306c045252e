"""The rules of calculation of docs/rules.md shared by every app: one rule, one place.

Pure functions on Decimals; nothing here rounds (rounding happens when a number is shown).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from horeport.formatting import to_decimal


@dataclass(frozen=True)
class Change:
    """The change from an earlier to a later value."""

    old: Decimal | None
    new: Decimal | None
    absolute: Decimal | None
    relative: Decimal | None  # in percent; None where old is 0 or missing
    in_points: bool = False  # a change between percentages: `absolute` is in percentage points


def change(old, new, *, percentages: bool = False) -> Change:
    """(new − old) / old, in percent. Between two percentages, the change is in points."""
    old_value, new_value = to_decimal(old), to_decimal(new)
    if old_value is None or new_value is None:
        return Change(old_value, new_value, None, None, percentages)
    absolute = new_value - old_value
    if percentages:
        return Change(old_value, new_value, absolute, None, True)
    relative = None if old_value == 0 else absolute / old_value * 100
    return Change(old_value, new_value, absolute, relative)


@dataclass(frozen=True)
class Average:
    """An average per month, with how many of the period's months held a value."""

    value: Decimal | None
    months_with_value: int
    months_in_period: int

    @property
    def complete(self) -> bool:
        return self.months_with_value == self.months_in_period

    @property
    def note(self) -> str:
        """ "5 av 6 mnd." where months are missing, else ""."""
        if self.complete or self.months_with_value == 0:
            return ""
        return f"{self.months_with_value} av {self.months_in_period} mnd."


def average_per_month(values: Iterable | Mapping, months_in_period: int) -> Average:
    """Sum of the monthly values / number of months with a value (None = no value).

    `values` is the monthly values of the period (a mapping month -> value, or a sequence).
    """
    if isinstance(values, Mapping):
        values = values.values()
    present = [to_decimal(v) for v in values if v is not None]
    if not present:
        return Average(None, 0, months_in_period)
    return Average(sum(present, Decimal(0)) / len(present), len(present), months_in_period)


def per_user(hours, users) -> Decimal | None:
    """Hours per user = total hours / total users over the same months (ratio of the averages)."""
    hours_value, users_value = to_decimal(hours), to_decimal(users)
    if hours_value is None or not users_value:
        return None
    return hours_value / users_value


def mean(values: Iterable) -> Decimal | None:
    """The plain mean of the values that are present (e.g. days over cases)."""
    present = [to_decimal(v) for v in values if v is not None]
    if not present:
        return None
    return sum(present, Decimal(0)) / len(present)
