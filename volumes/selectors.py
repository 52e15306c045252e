"""Reads: services with their dated names, and their figures, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q

from horeport.periods import Kind, Period
from volumes.models import Service, VolumeFigure


def services(*, active: bool | None = True, report_table: str | None = None) -> list[Service]:
    """Services in their order, with their dated names prefetched."""
    queryset = Service.objects.prefetch_related("names")
    if active is not None:
        queryset = queryset.filter(active=active)
    if report_table is not None:
        queryset = queryset.filter(report_table=report_table)
    return list(queryset)


def _years_filter(first_year: int, last_year: int) -> Q:
    # Periods are stored as "2016", "2016-H1", "2016-03": text that orders by year first.
    return Q(period__gte=Period.of_year(first_year)) & Q(period__lt=Period.of_year(last_year + 1))


def figures_by_service(service_list, *, first_year: int, last_year: int) -> dict[int, list[VolumeFigure]]:
    """Every figure of the services from `first_year` to `last_year`, grouped by service id (one query):
    the department's and the units' (with the unit), for `volumes.aggregates.summarize` to roll up."""
    grouped: dict[int, list[VolumeFigure]] = defaultdict(list)
    ids = [s.pk for s in service_list]
    if not ids:
        return grouped
    queryset = VolumeFigure.objects.filter(_years_filter(first_year, last_year), service_id__in=ids)
    for figure in queryset.select_related("unit"):
        grouped[figure.service_id].append(figure)
    return grouped


def figures_for(service: Service, *, first_year: int, last_year: int) -> list[VolumeFigure]:
    """The service's figures in the years, the department's and the units' (with the unit)."""
    return list(service.figures.filter(_years_filter(first_year, last_year)).select_related("unit"))


def years_with_figures(service: Service | None = None) -> list[int]:
    """The years that hold any figure (of the service, or of any service), newest first."""
    queryset = VolumeFigure.objects.all()
    if service is not None:
        queryset = queryset.filter(service=service)
    periods = queryset.values_list("period", flat=True).distinct()
    return sorted({p.year for p in periods}, reverse=True)


def latest_month_with_figures() -> Period | None:
    """The latest month for which any service has a monthly figure."""
    periods = VolumeFigure.objects.values_list("period", flat=True).distinct()
    months = [p for p in periods if p.kind is Kind.MONTH]
    return max(months) if months else None
