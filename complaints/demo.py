"""Demo data: seed 000's 17 complaints sent to Fylkesmannen in 2016, as plausible anonymous records.

The fixture (fixtures/complaints.toml) holds the seed's counts per case type and outcome; this
module spreads them over 2016 with a fixed random seed, so every run makes the same records.
Complaints the seed gives no outcome for are pending (sent, no decision). Idempotent: a record
that already holds these values is not saved again.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from complaints.models import CaseType, Complaint, Decision
from horeport.dated_names import later_names_sync
from horeport.demo import read_fixture
from horeport.models import ServiceUnit

FIXTURE = "complaints.toml"
RANDOM_SEED = 2016
DECIDED = (Decision.STADFESTET, Decision.DELVIS_OMGJORT, Decision.OMGJORT)
UNIT = "Brukertorget"  # the seed's complaints are "registrert ved Brukertorget"


@dataclass(frozen=True)
class DemoComplaint:
    reference: str
    case_type: str
    received_on: datetime.date
    sent_on: datetime.date
    decision: str
    decided_on: datetime.date | None


def pending_count(row: dict) -> int:
    """Complaints of a seed row with none of the seed's outcomes: the demo makes them pending."""
    return row["antall"] - sum(row[decision.value] for decision in DECIDED)


def demo_complaints(data: dict) -> list[DemoComplaint]:
    """The records the fixture's counts become; the same list every time."""
    rng = random.Random(RANDOM_SEED)
    year = data["year"]
    start = datetime.date(year, 1, 1)
    drafts = []
    for row in data["sent"]:
        outcomes = [decision.value for decision in DECIDED for _ in range(row[decision.value])]
        outcomes += [""] * pending_count(row)
        for decision in outcomes:
            if decision:
                # Decided in the same year: received by July, sent within weeks, decided within months.
                received = start + datetime.timedelta(days=rng.randint(3, 200))
                sent = received + datetime.timedelta(days=rng.randint(10, 35))
                decided = min(sent + datetime.timedelta(days=rng.randint(30, 100)), datetime.date(year, 12, 20))
            else:
                # Still with Fylkesmannen at the year's end: received in the autumn.
                received = start + datetime.timedelta(days=rng.randint(240, 310))
                sent = received + datetime.timedelta(days=rng.randint(10, 30))
                decided = None
            drafts.append((received, row["case_type"], sent, decision, decided))
    drafts.sort(key=lambda draft: (draft[0], draft[1]))
    number = rng.randint(150, 400)
    records = []
    for received, case_type, sent, decision, decided in drafts:
        number += rng.randint(40, 160)  # the archive's running case numbers
        records.append(DemoComplaint(f"{year % 100:02d}/{number:05d}", case_type, received, sent, decision, decided))
    return records


@transaction.atomic
def load() -> None:
    data = read_fixture(FIXTURE)
    case_types = {}
    for order, entry in enumerate(data["case_types"], start=1):
        case_type = CaseType.objects.filter(name=entry["name"]).first()
        if case_type is None:
            case_type = CaseType.objects.create(name=entry["name"], sort_order=order * 10)
        later_names_sync(case_type, entry.get("later_names", []))
        case_types[entry["name"]] = case_type
    unit = ServiceUnit.objects.filter(name=UNIT).first()
    for record in demo_complaints(data):
        wanted = {
            "case_type": case_types[record.case_type], "unit": unit, "received_on": record.received_on,
            "reversed_on": None, "sent_on": record.sent_on, "decision": record.decision,
            "decided_on": record.decided_on,
        }  # fmt: skip
        complaint = Complaint.objects.filter(reference=record.reference).first()
        if complaint is None:
            Complaint.objects.create(reference=record.reference, **wanted)
        elif any(getattr(complaint, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(complaint, name, value)
            complaint.save()
