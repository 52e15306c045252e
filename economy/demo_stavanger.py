"""Demo data for a second municipality: the economy of seed 003 (Stavanger kommune, Årsrapport
2017, Helse- og sosialkontor), for `load_demo --municipality stavanger`. Not part of the default
demo. Idempotent: a row is saved only where it differs, so a second run changes nothing.

What the report states, in mill. kr: a merforbruk of 14,9 of a total frame of 638,6 (forbruksprosent
102,3), the frame including adjustments of 23,5 from the 1st and 2nd tertial reviews; for the
traditional home-based services a mindreforbruk of 6,7 of a frame of 349,5 (forbruksprosent 98,1).
Stored here, in whole kroner, as two budget areas whose sums give those figures:

- Hjemmebaserte tjenester: frame 349,5, accounts 349,5 − 6,7 = 342,8;
- the rest of the offices' budget: frame 638,6 − 349,5 = 289,1, of it the 23,5 of adjustments
  (the report neither splits them by tertial nor by area: stored as one adjustment in the 2nd
  tertial, on this area, since the home services' 349,5 is stated as their frame), accounts
  (638,6 + 14,9) − 342,8 = 310,7.

The report also names parts of the result whose frames it does not state (purchases from external
providers, a merforbruk of 25,5; wages and running costs at the offices, a mindreforbruk of 2,5):
without a frame they cannot be areas of their own, and are not stored.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from economy.models import AccountsFigure, BudgetAdjustment, BudgetArea, BudgetFrame
from horeport.periods import Period

MILL = 1_000_000
YEAR = Period.parse("2017")

AREAS = [
    {
        "name": "Hjemmebaserte tjenester",
        "frame": Decimal("349.5") * MILL,
        "accounts": Decimal("342.8") * MILL,
        "adjustments": [],
    },
    {
        "name": "Helse- og sosialkontorene, øvrig",
        "frame": Decimal("265.6") * MILL,
        "accounts": Decimal("310.7") * MILL,
        "adjustments": [
            (
                Period.parse("2017-T2"),
                Decimal("23.5") * MILL,
                "Vedtatte budsjettjusteringer fra 1. og 2. tertialbehandling, samlet (årsrapporten fordeler dem ikke).",
            ),
        ],
    },
]


def _sync(instance, values: dict) -> None:
    changed = instance._state.adding
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    if changed:
        instance.save()


@transaction.atomic
def load() -> None:
    for order, entry in enumerate(AREAS, start=1):
        area = BudgetArea.objects.filter(name=entry["name"]).first() or BudgetArea(name=entry["name"])
        if area._state.adding or area.sort_order != order * 10:
            area.sort_order = order * 10
            area.save()
        frame = BudgetFrame.objects.filter(area=area, period=YEAR).first() or BudgetFrame(area=area, period=YEAR)
        _sync(frame, {"amount": entry["frame"]})
        accounts = AccountsFigure.objects.filter(area=area, period=YEAR).first()
        _sync(accounts or AccountsFigure(area=area, period=YEAR), {"amount": entry["accounts"]})
        for period, amount, reason in entry["adjustments"]:
            adjustment = BudgetAdjustment.objects.filter(area=area, period=period, reason=reason).first()
            _sync(adjustment or BudgetAdjustment(area=area, period=period, reason=reason), {"amount": amount})
