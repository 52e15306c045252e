"""Demo data: seed 000's housing and private housing tables (fixtures/waitlists.toml).

Idempotent: a row is saved only when it is missing or differs, so loading twice changes nothing
(not even the history).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from horeport.demo import read_fixture, upsert
from horeport.periods import Period
from waitlists.models import HousingType, PrivateHousingFigure, PrivateHousingKeyFigure, WaitlistFigure


@transaction.atomic
def load() -> None:
    data = read_fixture("waitlists.toml")
    for order, entry in enumerate(data["housing_types"], start=1):
        housing_type = upsert(
            HousingType, {"name": entry["name"]}, {"description": entry.get("description", ""), "order": order * 10}
        )
        for figure in entry["figures"]:
            values = {name: figure.get(name) for name in WaitlistFigure.VALUE_FIELDS}
            if values["effectuation_days"] is not None:
                values["effectuation_days"] = Decimal(values["effectuation_days"])
            upsert(WaitlistFigure, {"housing_type": housing_type, "period": Period.parse(figure["period"])}, values)
    for order, entry in enumerate(data["private_housing"], start=1):
        key_figure = upsert(PrivateHousingKeyFigure, {"name": entry["name"]}, {"order": order * 10})
        for figure in entry["figures"]:
            upsert(
                PrivateHousingFigure,
                {"key_figure": key_figure, "period": Period.parse(figure["period"])},
                {"value": figure["value"], "comment": figure.get("comment", "")},
            )
