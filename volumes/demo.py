"""Demo data: seed 000's Mestringshuset, FAT, omsorgslønn and BPA figures (fixtures/volumes.toml).

Idempotent: a row is saved only where it differs from the file, so running it twice changes
nothing (no new versions, no new history).
"""

from __future__ import annotations

import tomllib
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from horeport.dated_names import later_names_sync
from horeport.periods import Period
from volumes.models import MEASURE_FIELDS, Service, VolumeFigure

FIXTURE = settings.BASE_DIR / "fixtures" / "volumes.toml"
SERVICE_FIELDS = [
    "name",
    "description",
    "age_groups",
    "young_up_to",
    "elderly_over",
    "records_users",
    "records_hours",
    "report_part",
    "sort_order",
]


def read() -> dict:
    with open(FIXTURE, "rb") as file:
        return tomllib.load(file, parse_float=Decimal)


def _sync(instance, values: dict) -> None:
    """Set the values and save, only if something differs (or the row is new)."""
    changed = instance._state.adding
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    if changed:
        instance.save()


@transaction.atomic
def load() -> None:
    data = read()
    services = {}
    for entry in data["services"]:
        service = Service.objects.filter(slug=entry["slug"]).first() or Service(slug=entry["slug"])
        defaults = {"records_users": True, "records_hours": True, "description": "", "report_part": ""}
        defaults |= {name: Service._meta.get_field(name).default for name in ("young_up_to", "elderly_over")}
        _sync(service, {name: entry.get(name, defaults.get(name)) for name in SERVICE_FIELDS})
        later_names_sync(service, entry.get("later_names", []))
        services[entry["slug"]] = service
    for entry in data["figures"]:
        service, period = services[entry["service"]], Period.parse(entry["period"])
        figure = VolumeFigure.objects.filter(service=service, period=period).first()
        values = {name: _decimal(entry.get(name)) for name in MEASURE_FIELDS}
        _sync(figure or VolumeFigure(service=service, period=period), values)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)
