"""The waitlist rules of docs/rules.md, on plain values: no database here.

- The waitlist at a date counts the cases decided on or before it that had not ended by it
  (moved in, or closed without moving in).
- The effectuation time of a period is the mean of (move-in − decision) in days over the cases
  that moved in during the period (`horeport.calculations.mean`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Protocol

from horeport.calculations import mean
from horeport.periods import Period


class CaseLike(Protocol):
    decided_on: datetime.date
    moved_in_on: datetime.date | None
    closed_on: datetime.date | None


def _ended_on(case: CaseLike) -> datetime.date | None:
    return case.moved_in_on or case.closed_on


def is_waiting(case: CaseLike, day: datetime.date) -> bool:
    ended = _ended_on(case)
    return case.decided_on <= day and (ended is None or ended > day)


def waitlist_at(cases: Iterable[CaseLike], day: datetime.date) -> int:
    """How many cases were waiting at the end of `day`."""
    return sum(1 for case in cases if is_waiting(case, day))


def moved_in_during(cases: Iterable[CaseLike], period: Period) -> list[CaseLike]:
    return [case for case in cases if case.moved_in_on and period.start <= case.moved_in_on <= period.end]


def effectuation_days(cases: Iterable[CaseLike], period: Period) -> tuple[Decimal | None, int]:
    """The mean days from decision to move-in over the cases that moved in during the period,
    and how many cases that mean is over."""
    moved = moved_in_during(cases, period)
    return mean((case.moved_in_on - case.decided_on).days for case in moved), len(moved)


def touches(case: CaseLike, period: Period) -> bool:
    """Whether the case was open at some time in the period (decided by its end, not ended before it)."""
    ended = _ended_on(case)
    return case.decided_on <= period.end and (ended is None or ended >= period.start)


def weighted_effectuation(pairs: Iterable[tuple[Decimal | None, int | None]]) -> Decimal | None:
    """The effectuation time of a longer period from its months' (mean days, dwellings allocated).

    A month's mean times its allocations is the sum of its cases' days, so this is the mean over
    all the period's cases (docs/rules.md, Effektueringstid), not a mean of monthly means. None where a month with
    a mean lacks its count.
    """
    total_days, total_cases = Decimal(0), 0
    for days, allocated in pairs:
        if days is None:
            continue
        if not allocated:
            return None
        total_days += Decimal(days) * allocated
        total_cases += allocated
    return total_days / total_cases if total_cases else None
