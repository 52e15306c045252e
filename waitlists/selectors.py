"""Reading waitlist and private housing figures for periods, by the rules of docs/rules.md.

Which number a period shows, value by value:

- From the case list, when it has cases open during the period: the waitlist at the period's end
  and the effectuation time over the cases that moved in during it ("beregnet"). The entered
  figures stay, for history, and are shown where no case moved in. Where a housing type's case
  list was started late, `HousingType.cases_complete_from` says from when it is complete: the
  waitlist is computed for periods ending on or after that day, the effectuation time for
  periods starting on or after it.
- A stock (the waitlist, needs reported) is read at the period's end: the figure entered for the
  period's last month (for a year: December, pr. 31.12.), else the figure entered for the period
  itself (a year's history). When a year has both, December's figure is used. A year's figure is
  also the stock of any period ending on 31.12. (December, the second half-year) that has none.
- A flow (applications, dwellings allocated, swaps) covers the whole period: the figure entered for
  the period itself, else the sum of its months ("5 av 12 mnd." where months are missing). The
  effectuation time of a longer period from month figures is the mean over their allocations.

Everything for a set of housing types and years is read in two queries (`WaitlistData`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max, Min
from django.utils import timezone

from horeport.periods import Kind, Period
from waitlists import calculations
from waitlists.models import CaseState, HousingCase, HousingType, PrivateHousingFigure, WaitlistFigure

CASES = "cases"  # computed from the case list
ENTERED = "entered"  # entered for this very period
MONTH_END = "month_end"  # entered for the period's last month (a stock read at the period's end)
MONTHS = "months"  # summed (or averaged over allocations) from the period's month figures
YEAR_END = "year_end"  # a stock entered for the whole year, read at a period that ends on 31.12.

STOCKS = ("waitlist", "needs_reported")
FLOWS = ("applications_processed", "applications_granted", "dwellings_allocated", "housing_swaps")


@dataclass(frozen=True)
class Value:
    """One resolved figure, with where it came from."""

    value: Decimal | int | None = None
    source: str = ""
    note: str = ""

    @property
    def computed(self) -> bool:
        return self.source == CASES

    @property
    def present(self) -> bool:
        return self.value is not None


NO_VALUE = Value()


@dataclass
class Resolved:
    """The figures one housing type shows for one period."""

    housing_type: HousingType
    period: Period
    values: dict[str, Value] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Value:
        return self.values.get(name, NO_VALUE)

    @property
    def has_data(self) -> bool:
        return any(v.present for v in self.values.values())

    @property
    def computed(self) -> bool:
        return any(v.computed for v in self.values.values())


def _months_note(count: int, months: int) -> str:
    return f"{count} av {months} mnd." if count < months else ""


class WaitlistData:
    """The entered figures and cases of some housing types over some years, read once."""

    def __init__(self, housing_types: Iterable[HousingType], first_year: int, last_year: int):
        self.housing_types = list(housing_types)
        self.first_year, self.last_year = first_year, last_year
        ids = [t.pk for t in self.housing_types]
        self.figures: dict[tuple[int, Period], WaitlistFigure] = {
            (f.housing_type_id, f.period): f
            for f in WaitlistFigure.objects.filter(
                housing_type_id__in=ids,
                period__gte=Period.of_year(first_year),
                period__lt=Period.of_year(last_year + 1),
            )
        }
        start, end = Period.of_year(first_year).start, Period.of_year(last_year).end
        self.cases: dict[int, list[CaseState]] = defaultdict(list)
        rows = (
            HousingCase.objects.filter(housing_type_id__in=ids, decided_on__lte=end)
            .exclude(moved_in_on__lt=start)
            .exclude(closed_on__lt=start)
            .values_list("housing_type_id", "decided_on", "moved_in_on", "closed_on")
        )
        for row in rows:
            self.cases[row[0]].append(CaseState(*row))

    def figure(self, housing_type: HousingType, period: Period) -> WaitlistFigure | None:
        return self.figures.get((housing_type.pk, period))

    def resolve(self, housing_type: HousingType, period: Period) -> Resolved:
        own = self.figure(housing_type, period) if period.kind in (Kind.MONTH, Kind.YEAR) else None
        last_month = Period.containing(period.end)
        month_end = self.figure(housing_type, last_month)
        months = [self.figure(housing_type, m) for m in period.months()] if period.kind is not Kind.MONTH else []
        months = [m for m in months if m is not None]
        cases = [c for c in self.cases.get(housing_type.pk, []) if calculations.touches(c, period)]
        complete_from = housing_type.cases_complete_from
        waitlist_from_cases = bool(cases) and (complete_from is None or complete_from <= period.end)
        days_from_cases = bool(cases) and (complete_from is None or complete_from <= period.start)
        resolved = Resolved(housing_type, period)

        year_end = self.figure(housing_type, Period.of_year(period.year)) if period.end.month == 12 else None
        for name in STOCKS:
            if name == "waitlist" and waitlist_from_cases:
                resolved.values[name] = Value(calculations.waitlist_at(cases, period.end), CASES, "beregnet av saker")
            elif month_end is not None and getattr(month_end, name) is not None:
                source = ENTERED if month_end is own else MONTH_END
                resolved.values[name] = Value(getattr(month_end, name), source)
            elif year_end is not None and getattr(year_end, name) is not None:
                resolved.values[name] = Value(getattr(year_end, name), ENTERED if year_end is own else YEAR_END)

        days, count = calculations.effectuation_days(cases, period) if days_from_cases else (None, 0)
        if count:
            note = "beregnet av 1 sak" if count == 1 else f"beregnet av {count} saker"
            resolved.values["effectuation_days"] = Value(days, CASES, note)
        elif own is not None and own.effectuation_days is not None:
            resolved.values["effectuation_days"] = Value(own.effectuation_days, ENTERED)
        else:
            with_days = [m for m in months if m.effectuation_days is not None]
            if with_days:
                value = calculations.weighted_effectuation((m.effectuation_days, m.dwellings_allocated) for m in months)
                note = (
                    _months_note(len(with_days), len(period.months()))
                    if value is not None
                    else "mangler antall tildelte boliger"
                )
                resolved.values["effectuation_days"] = Value(value, MONTHS, note)

        for name in FLOWS:
            if own is not None and getattr(own, name) is not None:
                resolved.values[name] = Value(getattr(own, name), ENTERED)
                continue
            present = [getattr(m, name) for m in months if getattr(m, name) is not None]
            if present:
                resolved.values[name] = Value(sum(present), MONTHS, _months_note(len(present), len(period.months())))
        return resolved


def years_with_data(housing_type: HousingType | None = None) -> list[int]:
    """Every year that holds an entered figure or lies between the first and last case dates."""
    figures, cases = WaitlistFigure.objects.order_by(), HousingCase.objects.all()
    if housing_type is not None:
        figures, cases = figures.filter(housing_type=housing_type), cases.filter(housing_type=housing_type)
    years = {p.year for p in figures.values_list("period", flat=True).distinct()}
    span = cases.aggregate(first=Min("decided_on"), last_decided=Max("decided_on"), last_moved=Max("moved_in_on"))
    if span["first"]:
        last = max(d for d in (span["last_decided"], span["last_moved"]) if d)
        years.update(range(span["first"].year, last.year + 1))
    return sorted(years)


def default_year(years: list[int] | None = None, *, today: datetime.date | None = None) -> int:
    """The latest complete year with data (the current year only when nothing older exists)."""
    today = today or timezone.localdate()
    years = years_with_data() if years is None else years
    complete = [y for y in years if y < today.year]
    if complete:
        return complete[-1]
    return years[-1] if years else today.year - 1


def latest_month_end(*, today: datetime.date | None = None) -> Period | None:
    """The latest ended month with a waitlist: entered at its end, or from cases."""
    today = today or timezone.localdate()
    last_ended = Period.containing(today).previous()
    months = [
        p
        for p in WaitlistFigure.objects.filter(waitlist__isnull=False).order_by().values_list("period", flat=True)
        if p.kind is Kind.MONTH and p <= last_ended
    ]
    latest = max(months) if months else None
    if HousingCase.objects.filter(decided_on__lte=last_ended.end).exists():
        latest = last_ended
    return latest


# -- private housing --------------------------------------------------------------------------


class PrivateHousingData:
    """Private housing figures of some years, read once."""

    def __init__(self, first_year: int, last_year: int):
        self.figures: dict[tuple[int, Period], PrivateHousingFigure] = {
            (f.key_figure_id, f.period): f
            for f in PrivateHousingFigure.objects.filter(
                period__gte=Period.of_year(first_year), period__lt=Period.of_year(last_year + 1)
            )
        }

    def resolve(self, key_figure, period: Period) -> Value:
        """The period's own figure, else the sum of its months."""
        own = self.figures.get((key_figure.pk, period)) if period.kind in (Kind.MONTH, Kind.YEAR) else None
        if own is not None:
            return Value(own.value, ENTERED, own.comment)
        if period.kind is Kind.MONTH:
            return NO_VALUE
        present = [self.figures[(key_figure.pk, m)] for m in period.months() if (key_figure.pk, m) in self.figures]
        if not present:
            return NO_VALUE
        return Value(sum(f.value for f in present), MONTHS, _months_note(len(present), len(period.months())))


def private_years_with_data() -> list[int]:
    return sorted({p.year for p in PrivateHousingFigure.objects.order_by().values_list("period", flat=True).distinct()})
