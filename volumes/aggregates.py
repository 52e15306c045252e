"""Averages per month, totals and hours per user for a service over any period.

Pure functions on stored figures (or anything with `.period` and `.values`); the rules
themselves are horeport.calculations' (`average_per_month`, `per_user`).

Which figure gives a month its values:
- a figure entered for the month itself;
- otherwise a half-year or year figure (an average per month) whose whole span lies inside
  the period asked for and has no month entered on its own. A stored average stands for
  every month of its span, so a year made of two half-year averages is their month-weighted
  mean, and a half-year average never pretends to know a single month or a quarter.

The department's months (docs/rules.md, "Department figures from units"): a month the department
has a figure for (entered for the month, or an average covering it) takes it; any other month is
the sum of the units in force in that month, each unit's month chosen by the same rule among its
own figures. Averages over a half-year or a year are then taken over these months: sum per month
first, then average, so a reorganisation inside the period sums the old units in their months and
the new ones in theirs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from horeport.calculations import Average, average_per_month, per_user
from horeport.periods import Kind, Period
from volumes.models import HOURS, USERS, VOLUME_FIELD_NAMES

USERS_TOTAL, HOURS_TOTAL = "users_total", "hours_total"


@dataclass(frozen=True)
class Entry:
    """A figure that is not (yet) stored: the grid's current values."""

    period: Period
    values: dict = field(default_factory=dict)


def month_sources(figures: Iterable, period: Period) -> dict[Period, object]:
    """For each month of `period` that has values, the figure that gives them."""
    inside = [f for f in figures if f.period in period]
    chosen: dict[Period, object] = {}
    # The finest grain first: months, then half-years, then years.
    for figure in sorted(inside, key=lambda f: (f.period.kind.months, f.period)):
        span = figure.period.months()
        if any(month in chosen for month in span):
            continue  # months entered on their own take precedence over an average that covers them
        for month in span:
            chosen[month] = figure
    return chosen


@dataclass(frozen=True)
class Summary:
    """A service's figures over one period: the average per month of every volume field and total."""

    period: Period
    averages: dict[str, Average]
    per_user: Decimal | None
    per_user_months: int
    averaged: frozenset = frozenset()  # the half-year and year figures (averages per month) used
    units: int = 0  # the units summed in months the department has no figure of its own; 0: none

    def __getitem__(self, key: str) -> Average:
        return self.averages.get(key) or Average(None, 0, len(self.period.months()))

    def value(self, key: str) -> Decimal | None:
        return self[key].value

    @property
    def is_empty(self) -> bool:
        return all(a.value is None for a in self.averages.values())

    @property
    def units_note(self) -> str:
        """ "sum av 4 virksomheter" where some month is the sum of the units; "" otherwise."""
        if not self.units:
            return ""
        return f"sum av {self.units} virksomhet{'er' if self.units > 1 else ''}"

    @property
    def per_user_note(self) -> str:
        months = len(self.period.months())
        if not self.per_user_months or self.per_user_months == months:
            return ""
        return f"{self.per_user_months} av {months} mnd."


def department_months(figures: Iterable, period: Period) -> tuple[dict[Period, dict], dict[Period, object], set]:
    """The department's values per month of `period`, the department figures that give them, and
    the ids of the units summed in the other months.

    `figures` may mix the department's figures (no `unit_id`) and units' figures (with `unit`
    loaded); only the units in force in a month are summed in it."""
    department, by_unit = [], defaultdict(list)
    for figure in figures:
        unit_id = getattr(figure, "unit_id", None)
        (by_unit[unit_id] if unit_id else department).append(figure)
    sources = month_sources(department, period)
    values = {month: figure.values for month, figure in sources.items()}
    summed: set = set()
    for unit_figures in by_unit.values():
        unit = unit_figures[0].unit
        for month, figure in month_sources(unit_figures, period).items():
            if month in sources or not unit.in_force(month):
                continue
            own = {name: v for name, v in figure.values.items() if name in VOLUME_FIELD_NAMES and v is not None}
            if not own:
                continue
            total = values.setdefault(month, {})
            for name, value in own.items():
                total[name] = total.get(name, Decimal(0)) + value
            summed.add(unit.pk)
    return values, sources, summed


def summarize(service, figures: Iterable, period: Period) -> Summary:
    """Average per month of each volume field, users and hours in total, and hours per user."""
    months = period.months()
    values, sources, summed = department_months(figures, period)
    monthly = [values.get(m, {}) for m in months]
    averages = {
        volume_field.name: average_per_month([v.get(volume_field.name) for v in monthly], len(months))
        for volume_field in service.volume_fields()
    }
    users = [service.total(v, USERS) for v in monthly]
    hours = [service.total(v, HOURS) for v in monthly]
    if service.records_users:
        averages[USERS_TOTAL] = average_per_month(users, len(months))
    if service.records_hours:
        averages[HOURS_TOTAL] = average_per_month(hours, len(months))
    # Hours per user: total hours / total users over the same months (the ratio of the averages).
    both = [(u, h) for u, h in zip(users, hours, strict=True) if u is not None and h is not None]
    ratio = None
    if both and service.records_users and service.records_hours:
        ratio = per_user(sum((h for _, h in both), Decimal(0)), sum((u for u, _ in both), Decimal(0)))
    return Summary(
        period=period,
        averages=averages,
        per_user=ratio,
        per_user_months=len(both) if ratio is not None else 0,
        averaged=frozenset(f.period for f in sources.values() if f.period.kind is not Kind.MONTH),
        units=len(summed),
    )
