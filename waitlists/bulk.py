"""Waitlist figures entered through an Excel template (horeport/bulk.py): a row per housing type."""

from __future__ import annotations

from django.urls import reverse

from horeport.bulk import BulkKind, Line, Refusal, Value, register
from horeport.periods import Kind, Period
from waitlists.models import HousingType, WaitlistFigure

HEADERS = {
    "waitlist": "Venteliste ved periodens slutt",
    "effectuation_days": "Effektueringstid i gj.snitt (dager)",
    "applications_processed": "Behandlede søknader",
    "applications_granted": "Innvilgede søknader",
    "dwellings_allocated": "Tildelte boliger",
    "needs_reported": "Meldt behov neste 4 år – ikke vedtak",
    "housing_swaps": "Bytte bolig",
}
COLUMNS = tuple(Value(name, HEADERS[name], whole=name != "effectuation_days") for name in WaitlistFigure.VALUE_FIELDS)


def _line(housing_type: HousingType, period: Period) -> Line:
    values = {value.field: value for value in COLUMNS}
    return Line((housing_type.name,), (), values, {"housing_type": housing_type, "period": period})


def lines(period: Period) -> list[Line]:
    return [_line(housing_type, period) for housing_type in HousingType.objects.filter(active=True)]


def find(period: Period, key: tuple[str, ...]) -> Line:
    name = key[0]
    housing_type = HousingType.objects.filter(name__iexact=name).first()
    if housing_type is None:
        raise Refusal(f"Ukjent boligtype «{name[:40]}». Bruk navnet slik det står i malen.")
    if not housing_type.active:
        raise Refusal(f"Boligtypen «{housing_type.name}» er ikke aktiv og kan ikke få nye tall.")
    return _line(housing_type, period)


def entry_url(period: Period) -> str:
    return reverse("waitlists:month_entry") + f"?periode={period}"


register(
    BulkKind(
        slug="boliger", title="Ventelistetall", model=WaitlistFigure, key_headers=("Boligtype",), label_headers=(),
        columns=COLUMNS, period_kinds=(Kind.MONTH, Kind.YEAR), lines=lines, find=find, entry_url=entry_url,
        description="boligtype",
    )
)  # fmt: skip
