"""Small builders for the volumes tests (fixtures stay in conftest.py)."""

from __future__ import annotations

from decimal import Decimal

from horeport.periods import Period
from volumes.models import AgeGroups, Service, VolumeFigure


def make_service(name="BPA", *, slug=None, age_groups=AgeGroups.THREE, report_table="", **extra) -> Service:
    slug = slug or name.lower().replace(" ", "-")
    return Service.objects.create(name=name, slug=slug, age_groups=age_groups, report_table=report_table, **extra)


def make_figure(service, period: str, **values) -> VolumeFigure:
    values = {name: None if v is None else Decimal(str(v)) for name, v in values.items()}
    return VolumeFigure.objects.create(service=service, period=Period.parse(period), **values)
