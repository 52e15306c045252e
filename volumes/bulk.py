"""Service volumes entered through an Excel template (horeport/bulk.py): a row per service for the
whole department (Virksomhet empty), and a row per service and unit in force in the period for the
units that have entered that service's figures before. A row for another unit may be added (its name
in the Virksomhet column); a unit not in force in the period is refused with its dates."""

from __future__ import annotations

from django.urls import reverse

from horeport.bulk import BulkKind, Line, Refusal, Value, register, unit_in_force
from horeport.models import ServiceUnit
from horeport.periods import Kind, Period
from volumes import selectors
from volumes.models import USERS, VOLUME_FIELDS, Service, VolumeFigure

# One template holds every service, so its columns name the age groups by the default bounds; a
# service with bounds of its own says them in its row's name.
DEFAULT_AGE_WORDS = Service().age_group_words
COLUMNS = tuple(Value(f.name, f.label.format(**DEFAULT_AGE_WORDS), whole=False) for f in VOLUME_FIELDS)
BY_FIELD = {value.field: value for value in COLUMNS}
WHOLE_DEPARTMENT = ""  # an empty Virksomhet: the whole department


def _line(service: Service, period: Period, unit: ServiceUnit | None = None) -> Line:
    # A month's users are people counted; a half-year or year holds an average per month (83,7).
    values = {
        f.name: BY_FIELD[f.name].limited(whole=f.quantity == USERS and period.kind is Kind.MONTH)
        for f in service.volume_fields()
    }
    name = service.name_for(period)
    if service.has_age_groups and service.age_group_words != DEFAULT_AGE_WORDS:
        words = service.age_group_words
        name += f" (aldersgrupper: {words['young']}, {words['adult']}, herav {words['elderly']})"
    lookup = {"service": service, "period": period, "unit": unit}
    if unit is not None:
        name += f", {unit}"
    return Line((service.slug, unit.name if unit else WHOLE_DEPARTMENT), (name,), values, lookup, name=name)


def lines(period: Period) -> list[Line]:
    """The department's row per service, then per unit in force in the period a row for each
    service the unit has entered figures for (after a reorganisation the new units, once they have
    entered figures or been added by name, replace the old)."""
    services = selectors.services()
    rows = [_line(service, period) for service in services]
    entered = set(VolumeFigure.objects.filter(unit__isnull=False).values_list("unit_id", "service_id").distinct())
    if entered:
        for unit in ServiceUnit.objects.in_force(period).filter(pk__in={u for u, _ in entered}):
            rows += [_line(service, period, unit) for service in services if (unit.pk, service.pk) in entered]
    return rows


def find(period: Period, key: tuple[str, ...]) -> Line:
    code, unit_name = key
    service = Service.objects.prefetch_related("names").filter(slug__iexact=code).first()
    if service is None:
        service = Service.objects.prefetch_related("names").filter(name__iexact=code).first()
    if service is None:
        raise Refusal(f"Ukjent tjeneste «{code[:40]}». Bruk koden fra malen (for eksempel «bpa»).")
    return _line(service, period, unit_in_force(unit_name, period))


def entry_url(period: Period) -> str:
    return reverse("volumes:index")


register(
    BulkKind(
        slug="tjenester", title="Tjenestetall", model=VolumeFigure, key_headers=("Kode", "Virksomhet"),
        label_headers=("Tjeneste",), columns=COLUMNS, period_kinds=(Kind.MONTH, Kind.HALF, Kind.YEAR),
        lines=lines, find=find, entry_url=entry_url,
        description="tjeneste (og virksomhet: tom for hele tjenesteområdet)",
    )
)  # fmt: skip
