"""What the apps contribute to the home pages and the reporting status.

The domain apps fill these registries from their own `contributions.py`, which each app's
`AppConfig.ready` imports, so that horeport collects what is due, what changed and what waits
without importing a domain app (only `reports` uses other apps, through their sections).

- due(period) -> [Due]: what should be entered for a month, and how much of it is.
- changes() -> [ChangedFigure]: a figure against the same period last year.
- notices() -> [Notice]: something waiting for an administrator (an import, a report to publish).
- glances() -> [Glance]: a panel of the app's own, rendered by its own template (the målekart).
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from horeport.calculations import Change, change
from horeport.periods import Period

COMPLETE, PARTIAL, MISSING = "complete", "partial", "missing"
STATE_WORDS = {COMPLETE: "Fullført", PARTIAL: "Delvis", MISSING: "Mangler"}


@dataclass(frozen=True)
class Due:
    """The figures of one thing (a service, a housing type, the monthly indicators) for one period."""

    app: str  # "Tjenester"
    what: str  # "BPA"
    period: Period
    filled: int  # values entered
    expected: int  # values the form asks for
    url: str  # the form that enters them
    unit: str = ""  # the service unit, where figures are per unit

    @property
    def state(self) -> str:
        if self.expected and self.filled >= self.expected:
            return COMPLETE
        return PARTIAL if self.filled else MISSING

    @property
    def state_word(self) -> str:
        return STATE_WORDS[self.state]


@dataclass(frozen=True)
class ChangedFigure:
    """A figure in a period against the same period last year."""

    app: str
    what: str
    period: Period
    old: Decimal | int | None
    new: Decimal | int | None
    url: str
    decimals: int = 0  # as the value is shown: counts whole, averages with one decimal

    @property
    def change(self) -> Change:
        return change(self.old, self.new)

    @property
    def order(self) -> tuple:
        """Largest first: changes with a percentage by its size, then those from nothing."""
        relative = self.change.relative
        return (relative is None, -abs(relative) if relative is not None else -abs(self.change.absolute or 0))


@dataclass(frozen=True)
class Notice:
    app: str
    text: str
    url: str
    link_text: str


@dataclass(frozen=True)
class Glance:
    title: str
    template: str
    context: dict = field(default_factory=dict)


_REGISTRY: dict[str, list[Callable]] = {"due": [], "changes": [], "notices": [], "glances": []}


def contributes(kind: str):
    """Register a function of an app's `contributions.py` as one of the kinds above."""

    def register(function: Callable) -> Callable:
        if function not in _REGISTRY[kind]:
            _REGISTRY[kind].append(function)
        return function

    return register


def collect(kind: str, **kwargs) -> list:
    """Everything the apps contribute of one kind, in the order the apps are installed."""
    return [item for function in _REGISTRY[kind] for item in function(**kwargs)]


def deadline(period: Period, day: int) -> datetime.date:
    """The day of the month after the period by which its figures are due (the month's last day at most)."""
    following = period.end + datetime.timedelta(days=1)
    return following.replace(day=min(day, calendar.monthrange(following.year, following.month)[1]))
