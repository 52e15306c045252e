"""The register's counts, each in one query whatever the number of deviations.

docs/rules.md: registered deviations in a period are those registered in it; processed are those of
them closed by the report's cut-off date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from deviations.filters import DeviationFilter
from deviations.models import Category, Deviation, Status
from horeport.periods import Period


def deviations_filtered(params) -> DeviationFilter:
    """The register filtered as the list's address parameters say (none: every deviation)."""
    queryset = Deviation.objects.select_related("category", "unit")
    return DeviationFilter(params or None, queryset=queryset)


# Open deviations by age in days (from registration to the reference date), inclusive bounds.
AGE_BANDS: list[tuple[str, int, int | None]] = [
    ("0–30 dager", 0, 30),
    ("31–90 dager", 31, 90),
    ("91–180 dager", 91, 180),
    ("Over 180 dager", 181, None),
]


def _registered_in(period: Period, prefix: str = "") -> Q:
    return Q(**{f"{prefix}registered_on__gte": period.start, f"{prefix}registered_on__lte": period.end})


def _closed_by(cutoff: datetime.date) -> Q:
    return Q(status=Status.CLOSED, closed_on__lte=cutoff)


@dataclass(frozen=True)
class CategoryCounts:
    category: Category
    registered: dict[Period, int]
    processed: dict[Period, int]


def counts_by_category(periods: list[Period], *, cutoff: datetime.date) -> list[CategoryCounts]:
    """Registered and processed internal deviations per category for each period.

    Deviations sent to the hospital are left out: they are counted by `hospital_counts`.
    Only categories with a deviation in one of the periods are returned, in their order.
    """
    aggregates = {}
    for i, period in enumerate(periods):
        aggregates[f"registered_{i}"] = Count("id", filter=_registered_in(period))
        aggregates[f"processed_{i}"] = Count("id", filter=_registered_in(period) & _closed_by(cutoff))
    first, last = min(p.start for p in periods), max(p.end for p in periods)
    rows = (
        Deviation.objects.internal()
        .filter(registered_on__gte=first, registered_on__lte=last)
        .values("category_id")
        .order_by()
        .annotate(**aggregates)
    )
    by_category = {row["category_id"]: row for row in rows}
    result = []
    for category in Category.objects.filter(pk__in=by_category):
        row = by_category[category.pk]
        registered = {p: row[f"registered_{i}"] for i, p in enumerate(periods)}
        processed = {p: row[f"processed_{i}"] for i, p in enumerate(periods)}
        if any(registered.values()):
            result.append(CategoryCounts(category, registered, processed))
    return result


def hospital_counts(periods: list[Period]) -> dict[str, dict[Period, int]]:
    """Deviations sent to the hospital, per counterpart (hospital) and period."""
    aggregates = {f"n_{i}": Count("id", filter=_registered_in(p)) for i, p in enumerate(periods)}
    first, last = min(p.start for p in periods), max(p.end for p in periods)
    rows = (
        Deviation.objects.filter(to_hospital=True, registered_on__gte=first, registered_on__lte=last)
        .values("counterpart")
        .annotate(**aggregates)
        .order_by("counterpart")
    )
    return {row["counterpart"]: {p: row[f"n_{i}"] for i, p in enumerate(periods)} for row in rows}


def open_by_age(day: datetime.date) -> list[tuple[Category, list[int]]]:
    """Deviations open at the end of `day` per category, counted in the age bands."""
    aggregates = {}
    for i, (_label, low, high) in enumerate(AGE_BANDS):
        condition = Q(registered_on__lte=day - datetime.timedelta(days=low))
        if high is not None:
            condition &= Q(registered_on__gte=day - datetime.timedelta(days=high))
        aggregates[f"band_{i}"] = Count("id", filter=condition)
    rows = Deviation.objects.open_at(day).values("category_id").order_by().annotate(**aggregates)
    by_category = {row["category_id"]: [row[f"band_{i}"] for i in range(len(AGE_BANDS))] for row in rows}
    return [(c, by_category[c.pk]) for c in Category.objects.filter(pk__in=by_category)]


def registered_by_month(months: list[Period]) -> dict[int, dict[Period, int]]:
    """Internal deviations registered per category and month: {category id: {month: count}}."""
    aggregates = {f"m_{i}": Count("id", filter=_registered_in(m)) for i, m in enumerate(months)}
    rows = (
        Deviation.objects.internal()
        .filter(registered_on__gte=months[0].start, registered_on__lte=months[-1].end)
        .values("category_id")
        .order_by()
        .annotate(**aggregates)
    )
    return {row["category_id"]: {m: row[f"m_{i}"] for i, m in enumerate(months)} for row in rows}


def first_year_with_data() -> int | None:
    first = Deviation.objects.order_by("registered_on").values_list("registered_on", flat=True).first()
    return first.year if first else None


def last_year_with_data() -> int | None:
    last = Deviation.objects.order_by("-registered_on").values_list("registered_on", flat=True).first()
    return last.year if last else None
