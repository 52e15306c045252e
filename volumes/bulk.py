"""Service volumes entered through an Excel template (horeport/bulk.py): a row per service."""

from __future__ import annotations

from django.urls import reverse

from horeport.bulk import BulkKind, Line, Refusal, Value, register
from horeport.periods import Kind, Period
from volumes import selectors
from volumes.models import USERS, VOLUME_FIELDS, Service, VolumeFigure

# One template holds every service, so its columns name the age groups by the default bounds; a
# service with bounds of its own says them in its row's name.
DEFAULT_AGE_WORDS = Service().age_group_words
COLUMNS = tuple(Value(f.name, f.label.format(**DEFAULT_AGE_WORDS), whole=False) for f in VOLUME_FIELDS)
BY_FIELD = {value.field: value for value in COLUMNS}


def _line(service: Service, period: Period) -> Line:
    # A month's users are people counted; a half-year or year holds an average per month (83,7).
    values = {
        f.name: BY_FIELD[f.name].limited(whole=f.quantity == USERS and period.kind is Kind.MONTH)
        for f in service.volume_fields()
    }
    name = service.name_for(period)
    if service.has_age_groups and service.age_group_words != DEFAULT_AGE_WORDS:
        words = service.age_group_words
        name += f" (aldersgrupper: {words['young']}, {words['adult']}, herav {words['elderly']})"
    return Line((service.slug,), (name,), values, {"service": service, "period": period}, name=name)


def lines(period: Period) -> list[Line]:
    return [_line(service, period) for service in selectors.services()]


def find(period: Period, key: tuple[str, ...]) -> Line:
    code = key[0]
    service = Service.objects.prefetch_related("names").filter(slug__iexact=code).first()
    if service is None:
        service = Service.objects.prefetch_related("names").filter(name__iexact=code).first()
    if service is None:
        raise Refusal(f"Ukjent tjeneste «{code[:40]}». Bruk koden fra malen (for eksempel «bpa»).")
    return _line(service, period)


def entry_url(period: Period) -> str:
    return reverse("volumes:index")


register(
    BulkKind(
        slug="tjenester", title="Tjenestetall", model=VolumeFigure, key_headers=("Kode",),
        label_headers=("Tjeneste",), columns=COLUMNS, period_kinds=(Kind.MONTH, Kind.HALF, Kind.YEAR),
        lines=lines, find=find, entry_url=entry_url, description="tjeneste",
    )
)  # fmt: skip
