"""Small builders for the complaints tests (fixtures stay in conftest.py)."""

from __future__ import annotations

import datetime

from complaints.models import CaseType, Complaint
from horeport.models import ServiceUnit


def day(text: str) -> datetime.date:
    """ "2016-03-01" -> date(2016, 3, 1)."""
    return datetime.date.fromisoformat(text)


def make_case_type(name: str, order: int = 0, **extra) -> CaseType:
    return CaseType.objects.create(name=name, sort_order=order, **extra)


def make_complaint(reference: str, case_type: CaseType, received: str, *, sent: str | None = None,
                   decision: str = "", decided: str | None = None, reversed_: str | None = None,
                   unit: ServiceUnit | None = None, note: str = "") -> Complaint:  # fmt: skip
    return Complaint.objects.create(
        reference=reference, case_type=case_type, unit=unit, received_on=day(received),
        sent_on=day(sent) if sent else None, decision=decision, decided_on=day(decided) if decided else None,
        reversed_on=day(reversed_) if reversed_ else None, note=note,
    )  # fmt: skip
