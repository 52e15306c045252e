"""Demo data: seed 000's Mestringshuset, FAT, omsorgslønn and BPA figures (fixtures/volumes.toml).

Idempotent: a row is saved only where it differs from the file, so running it twice changes
nothing (no new versions, no new history).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from horeport.dated_names import later_names_sync
from horeport.demo import read_fixture, upsert
from horeport.periods import Period
from volumes.models import VOLUME_FIELD_NAMES, Service, VolumeFigure

SERVICE_FIELDS = [
    "name", "description", "age_groups", "young_up_to", "elderly_over", "records_users", "records_hours",
    "report_table", "sort_order",
]  # fmt: skip


def read() -> dict:
    return read_fixture("volumes.toml")


@transaction.atomic
def load() -> None:
    data = read()
    services = {}
    for entry in data["services"]:
        defaults = {"records_users": True, "records_hours": True, "description": "", "report_table": ""}
        defaults |= {name: Service._meta.get_field(name).default for name in ("young_up_to", "elderly_over")}
        service = upsert(Service, {"slug": entry["slug"]}, {n: entry.get(n, defaults.get(n)) for n in SERVICE_FIELDS})
        later_names_sync(service, entry.get("later_names", []))
        services[entry["slug"]] = service
    for entry in data["figures"]:
        service, period = services[entry["service"]], Period.parse(entry["period"])
        values = {name: _decimal(entry.get(name)) for name in VOLUME_FIELD_NAMES}
        upsert(VolumeFigure, {"service": service, "period": period}, values)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)
