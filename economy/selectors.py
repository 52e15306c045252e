"""Reads of the economy for a period: per budget area and in total, the frame, the adjustments
up to the period, the accounts, and what the rules compute from them. Three queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from economy import calculations
from economy.models import AccountsFigure, BudgetAdjustment, BudgetArea, BudgetFrame
from horeport.periods import Kind, Period

TOTAL_LABEL = "Sum"


@dataclass
class EconomyLine:
    """One area's figures for a period (or the total of several areas)."""

    name: str
    period: Period  # a year, or a tertial (accounts accumulated from 1 January)
    frame: Decimal | None
    adjustments: list[tuple[Period, Decimal]] = field(default_factory=list)  # the year's, by tertial
    accounts: Decimal | None = None
    area: BudgetArea | None = None  # None for the total
    key: str = ""

    @property
    def revised(self) -> Decimal | None:
        return calculations.revised_budget(self.frame, self.adjustments, up_to=self.period)

    @property
    def adjusted_by(self) -> Decimal | None:
        """The adjustments counted in the revised budget (None without a frame)."""
        revised = self.revised
        return None if revised is None else revised - self.frame

    @property
    def difference(self) -> Decimal | None:
        return calculations.difference(self.accounts, self.revised)

    @property
    def difference_percent(self) -> Decimal | None:
        return calculations.difference_percent(self.accounts, self.revised)

    @property
    def use(self) -> Decimal | None:
        return calculations.budget_use(self.accounts, self.revised)

    @property
    def budget_deviation(self) -> Decimal | None:
        return calculations.budget_deviation(self.accounts, self.revised)

    @property
    def is_empty(self) -> bool:
        return self.frame is None and self.accounts is None and not self.adjustments


@dataclass
class Overview:
    period: Period
    lines: list[EconomyLine]
    total: EconomyLine
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return all(line.is_empty for line in self.lines)


def economy_overview(*, period: Period, areas=None) -> Overview:
    """Every budget area in use (or with figures) for a period, and their total.

    The total sums the areas' frames, adjustments and accounts, unrounded; an area without a frame
    has no revised budget, and its adjustments and accounts are left out of the total (a note says so).
    """
    year = str(period.year)
    frames = {f.area_id: f.amount for f in BudgetFrame.objects.filter(period=year)}
    adjustments: dict[int, list[tuple[Period, Decimal]]] = {}
    for adjustment in BudgetAdjustment.objects.filter(period__startswith=f"{year}-"):
        adjustments.setdefault(adjustment.area_id, []).append((adjustment.period, adjustment.amount))
    accounts = {a.area_id: a.amount for a in AccountsFigure.objects.filter(period=str(period))}
    if areas is None:
        with_figures = set(frames) | set(adjustments) | set(accounts)
        areas = BudgetArea.objects.filter(Q(active=True) | Q(pk__in=with_figures))
    lines = [
        EconomyLine(area.name, period, frames.get(area.pk), adjustments.get(area.pk, []), accounts.get(area.pk),
                    area=area, key=str(area.pk))
        for area in areas
    ]  # fmt: skip
    counted = [line for line in lines if line.frame is not None]
    total = EconomyLine(
        TOTAL_LABEL,
        period,
        sum((line.frame for line in counted), Decimal(0)) if counted else None,
        [adjustment for line in counted for adjustment in line.adjustments],
        sum((line.accounts for line in counted if line.accounts is not None), Decimal(0))
        if any(line.accounts is not None for line in counted) else None,
        key="total",
    )  # fmt: skip
    notes = []
    without_frame = [line.name for line in lines if line.frame is None and not line.is_empty]
    if without_frame:
        notes.append(f"Uten ramme for {year}, og derfor ikke med i summen: {', '.join(without_frame)}.")
    without_accounts = [line.name for line in counted if line.accounts is None]
    if without_accounts and total.accounts is not None:
        notes.append(f"Uten regnskap for {period.label}: {', '.join(without_accounts)}. Summen er ikke komplett.")
    return Overview(period, lines, total, notes)


def areas_for_unit(unit) -> list[BudgetArea]:
    """The areas that are exactly this one service unit (an area of several units is not one unit's)."""
    areas = BudgetArea.objects.filter(units=unit).prefetch_related("units")
    return [area for area in areas if [u.pk for u in area.units.all()] == [unit.pk]]


def years_with_figures() -> list[int]:
    """The years that hold a frame or accounts, newest first."""
    periods = set(BudgetFrame.objects.values_list("period", flat=True)) | set(
        AccountsFigure.objects.values_list("period", flat=True)
    )
    return sorted({int(str(p)[:4]) for p in periods}, reverse=True)


def accounts_periods(year: int) -> list[Period]:
    """The periods accounts are entered for: 1. and 2. tertial (accumulated) and the year."""
    return [Period(Kind.TERTIAL, year, 1), Period(Kind.TERTIAL, year, 2), Period.of_year(year)]
