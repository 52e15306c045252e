"""A deterministic register of a large municipality (fixed seed), written straight into the
database for `make bench`: units, indicators with bands and yearly results per unit, deviations
and complaints over ten years.

The rows are made with plain bulk inserts (no history, no write-path checks): a benchmark's data,
not an import. The database is emptied first (`flush`), so `make bench` refuses a database that
holds anything but its own data.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command

from complaints.models import CaseType, CaseTypeName, Complaint, Decision
from deviations.models import Category, Deviation, Severity, Status
from horeport.models import ServiceUnit, SiteSettings
from horeport.roles import ADMINISTRATOR
from kpi.models import Band, Indicator, Perspective, Result

MARK = "Benchkommune"
SEED = 11
LAST_YEAR = 2025


@dataclass(frozen=True)
class Scale:
    name: str
    units: int
    indicators: int
    years: int
    deviations: int
    complaints: int


SCALES = {
    "demo": Scale("demo", units=3, indicators=12, years=3, deviations=300, complaints=60),
    "small": Scale("small", units=10, indicators=40, years=10, deviations=30_000, complaints=3_000),
    "full": Scale("full", units=40, indicators=120, years=10, deviations=300_000, complaints=20_000),
}


class NotABenchDatabase(Exception):
    pass


def database_check() -> None:
    """Refuse a database that holds data other than the benchmark's own."""
    site = SiteSettings.objects.filter(pk=1).first()
    if site is not None and site.municipality_name == MARK:
        return
    if Deviation.objects.exists() or Result.objects.exists() or Complaint.objects.exists():
        raise NotABenchDatabase(
            "The database named by DATABASE_URL holds data that is not the benchmark's: `make bench` empties "
            "it. Name a database of its own, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/horeport_bench."
        )


def generate(scale: Scale) -> dict:
    """Empty the database and fill it at `scale`; returns the row counts."""
    database_check()
    call_command("flush", interactive=False, verbosity=0)
    # The rows below skip the write path (no history rows), so the målekart's version would not
    # change with them: nothing kept from earlier data may stay (the shared cache outlives a flush).
    for alias in settings.CACHES:
        caches[alias].clear()
    rng = random.Random(SEED)
    SiteSettings.objects.update_or_create(pk=1, defaults={"municipality_name": MARK})
    user = get_user_model().objects.create_user("bench", password=None)
    user.groups.add(Group.objects.get(name=ADMINISTRATOR))

    units = ServiceUnit.objects.bulk_create(
        ServiceUnit(name=f"Virksomhet {i:02d}", short_name=f"V{i:02d}", sort_order=i) for i in range(scale.units)
    )
    first_year = LAST_YEAR - scale.years + 1
    perspectives = Perspective.objects.bulk_create(
        Perspective(code=f"P.{i}", name=f"Sentral utfordring {i}", sort_order=i) for i in range(1, 7)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(perspective=perspectives[i % len(perspectives)], code=f"I.{i:03d}", name=f"Indikator {i}",
                  unit="percent", decimals=1, sort_order=i)
        for i in range(scale.indicators)
    )  # fmt: skip
    Band.objects.bulk_create(
        Band(indicator=indicator, valid_from=first_year, green_lower=Decimal(70), red_upper=Decimal(50),
             red_upper_inclusive=False)
        for indicator in indicators
    )  # fmt: skip
    results = [
        Result(indicator=indicator, period=str(year), unit=unit, value=Decimal(rng.randint(300, 1000)) / 10)
        for indicator in indicators
        for year in range(first_year, LAST_YEAR + 1)
        for unit in [None, *units]
    ]
    Result._base_manager.bulk_create(results, batch_size=5_000)

    categories = Category.objects.bulk_create(Category(name=f"Kategori {i}", sort_order=i) for i in range(8))
    start = datetime.date(first_year, 1, 1)
    days = (datetime.date(LAST_YEAR, 12, 31) - start).days
    batch = []
    for number in range(scale.deviations):
        registered = start + datetime.timedelta(days=rng.randrange(days))
        closed = registered + datetime.timedelta(days=rng.randrange(1, 120)) if rng.random() < 0.7 else None
        batch.append(
            Deviation(
                reference=f"AVV-{registered.year}-{number:06d}", category=rng.choice(categories),
                unit=rng.choice(units), occurred_on=registered - datetime.timedelta(days=rng.randrange(3)),
                registered_on=registered, severity=rng.choice(Severity.values),
                description=f"Hendelse {number}: bruker falt i gangen ved stellerommet, ingen synlig skade.",
                immediate_action="Tilsyn av sykepleier.", measures="Sklisikre matter." if closed else "",
                learning="", status=Status.CLOSED if closed else rng.choice([Status.REGISTERED, Status.IN_PROGRESS]),
                closed_on=closed, to_hospital=number % 17 == 0, counterpart="Sykehuset" if number % 17 == 0 else "",
            )
        )  # fmt: skip
        if len(batch) == 5_000:
            Deviation._base_manager.bulk_create(batch)
            batch = []
    Deviation._base_manager.bulk_create(batch)

    case_types = CaseType.objects.bulk_create(CaseType(name=f"Sakstype {i}", sort_order=i) for i in range(6))
    CaseTypeName.objects.create(
        case_type=case_types[0],
        name="Sakstype 0 (nytt navn)",
        valid_from=start.replace(year=first_year + scale.years // 2),
    )
    complaints = []
    for number in range(scale.complaints):
        received = start + datetime.timedelta(days=rng.randrange(days))
        sent = received + datetime.timedelta(days=20) if rng.random() < 0.6 else None
        decided = sent + datetime.timedelta(days=60) if sent and rng.random() < 0.7 else None
        complaints.append(
            Complaint(reference=f"{received:%y}/{number:05d}", case_type=rng.choice(case_types),
                      unit=rng.choice(units), received_on=received, sent_on=sent,
                      decision=rng.choice(Decision.values) if decided else "", decided_on=decided)
        )  # fmt: skip
    Complaint._base_manager.bulk_create(complaints, batch_size=5_000)
    return {
        "units": len(units), "indicators": len(indicators), "results": len(results),
        "deviations": scale.deviations, "complaints": scale.complaints,
    }  # fmt: skip
