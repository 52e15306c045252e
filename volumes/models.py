"""Services (BPA, omsorgslønn, FAT, Mestringshuset …) and their volume figures.

A `Service` is reference data an administrator manages; a `VolumeFigure` holds what one
service recorded for one period: a month, or, for history that exists only as an average,
a half-year or a year holding the "average per month" the source gives. Totals (users
≤ 18 + > 18) and hours per user are never stored: they are computed by the rules of docs/rules.md
(`volumes/aggregates.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from horeport.dated_names import LaterName, NamedOverTime, first_day_text, one_name_per_date
from horeport.fields import PeriodField
from horeport.models import ServiceUnit, TrackedModel
from horeport.periods import Kind, Period

USERS, HOURS = "users", "hours"
UNDER_18, OVER_18, OVER_60, ALL = "under_18", "over_18", "over_60", "all"


@dataclass(frozen=True)
class VolumeField:
    """One of a `VolumeFigure`'s number fields: users or hours, for one age group.

    Not a "measure": in this project a measure is a tiltak (`kpi.Measure`).
    """

    name: str  # the VolumeFigure field
    label: str
    quantity: str  # USERS or HOURS
    group: str  # UNDER_18, OVER_18, OVER_60 ("of which", part of OVER_18) or ALL

    @property
    def level(self) -> int:
        """Indentation: "herav … > 60 år" is part of "> 18 år"."""
        return 1 if self.group == OVER_60 else 0


# The labels name the age groups by the service's own bounds (`Service.age_group_words`): the
# fields keep their historical names (users_under_18 is the youngest group, whatever its bound).
VOLUME_FIELDS = [
    VolumeField("users_under_18", "Antall brukere {young}", USERS, UNDER_18),
    VolumeField("users_over_18", "Antall brukere {adult}", USERS, OVER_18),
    VolumeField("users_over_60", "herav antall brukere {elderly}", USERS, OVER_60),
    VolumeField("users", "Antall brukere", USERS, ALL),
    VolumeField("hours_under_18", "Antall timer {young}", HOURS, UNDER_18),
    VolumeField("hours_over_18", "Antall timer {adult}", HOURS, OVER_18),
    VolumeField("hours_over_60", "herav timer {elderly}", HOURS, OVER_60),
    VolumeField("hours", "Timer vedtak", HOURS, ALL),
]
VOLUME_FIELD_NAMES = [f.name for f in VOLUME_FIELDS]

AGE_FIELD_LABELS = {
    "users_under_18": "Brukere {young}", "users_over_18": "Brukere {adult}", "users_over_60": "Herav brukere {elderly}",
    "hours_under_18": "Timer {young}", "hours_over_18": "Timer {adult}", "hours_over_60": "Herav timer {elderly}",
}  # fmt: skip

USERS_TOTAL_LABEL = "Brukere totalt"
HOURS_TOTAL_LABEL = "Timer totalt"
PER_USER_LABEL = "Timer snitt pr. bruker"


class AgeGroups(models.TextChoices):
    NONE = "none", "Ingen aldersinndeling"
    TWO = "two", "Barn og unge, voksne"
    THREE = "three", "Barn og unge, voksne og herav eldre"


class ReportTable(models.TextChoices):
    """Which table of the half-year and annual reports a service belongs to."""

    MESTRINGSHUSET_FAT = "mestringshuset_fat", "Psykisk helse – Mestringshuset og FAT"
    OMSORGSLONN = "omsorgslonn", "Omsorgslønn/omsorgsstønad – utvikling"
    BPA = "bpa", "BPA – utvikling"
    NONE = "", "Ingen egen tabell (bare månedsoversikten)"


class Service(NamedOverTime):
    """A service whose users and granted hours are followed month by month."""

    name = models.CharField(
        "navn", max_length=120, unique=True,
        help_text="Navnet tjenesten har hatt fra starten. Senere navn legges inn under «Navneendringer».",
    )  # fmt: skip
    slug = models.SlugField(
        "adresse", max_length=60, unique=True,
        help_text="Brukes i nettadressen, for eksempel «bpa». Små bokstaver, tall og bindestrek.",
    )  # fmt: skip
    description = models.CharField("beskrivelse", max_length=200, blank=True)
    age_groups = models.CharField(
        "aldersinndeling", max_length=8, choices=AgeGroups.choices, default=AgeGroups.NONE,
        help_text="Om brukere og timer registreres fordelt på aldersgrupper.",
    )  # fmt: skip
    young_up_to = models.PositiveSmallIntegerField(
        "yngste aldersgruppe til og med", default=18, validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Brukere til og med denne alderen er den yngste gruppen; eldre brukere er voksne.",
    )  # fmt: skip
    elderly_over = models.PositiveSmallIntegerField(
        "eldre over", default=60, validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Brukere over denne alderen telles i «herav eldre», en del av de voksne.",
    )  # fmt: skip
    records_users = models.BooleanField("registrerer antall brukere", default=True)
    records_hours = models.BooleanField("registrerer timer vedtak", default=True)
    report_table = models.CharField(
        "tabell i halvårs- og årsrapporten", max_length=24, choices=ReportTable.choices, blank=True, default="",
        help_text="Alle aktive tjenester kommer med i månedsoversikten i rapporten til direktøren.",
    )  # fmt: skip
    sort_order = models.PositiveIntegerField("rekkefølge", default=0)
    active = models.BooleanField("aktiv", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "tjeneste"
        verbose_name_plural = "tjenester"

    def __str__(self):
        return self.current_name

    def get_absolute_url(self):
        return reverse("volumes:service", kwargs={"slug": self.slug})

    # -- volume fields-----------------------------------------------------------------------

    @property
    def has_age_groups(self) -> bool:
        return self.age_groups != AgeGroups.NONE

    @property
    def age_group_words(self) -> dict[str, str]:
        """The age groups by this service's bounds: {"young": "≤ 18 år", "adult": "> 18 år", "elderly": "> 60 år"}."""
        return {"young": f"≤ {self.young_up_to} år", "adult": f"> {self.young_up_to} år",
                "elderly": f"> {self.elderly_over} år"}  # fmt: skip

    def clean(self):
        super().clean()
        if self.young_up_to and self.elderly_over and self.elderly_over <= self.young_up_to:
            raise ValidationError(
                {"elderly_over": "Grensen for eldre må være høyere enn grensen for den yngste gruppen."}
            )

    def volume_fields(self) -> list[VolumeField]:
        """The volume fields this service records, in the order of the source's tables, their labels
        naming this service's age groups."""
        if self.age_groups == AgeGroups.THREE:
            groups = {UNDER_18, OVER_18, OVER_60}
        elif self.age_groups == AgeGroups.TWO:
            groups = {UNDER_18, OVER_18}
        else:
            groups = {ALL}
        quantities = {q for q, on in ((USERS, self.records_users), (HOURS, self.records_hours)) if on}
        words = self.age_group_words
        chosen = [f for f in VOLUME_FIELDS if f.group in groups and f.quantity in quantities]
        return [replace(f, label=f.label.format(**words)) for f in chosen]

    def total(self, values: dict, quantity: str) -> Decimal | None:
        """Users (or hours) in total for one set of values: ≤ 18 + > 18, or the plain figure.

        None unless every part is there: half a total is not a total.
        """
        if not self.has_age_groups:
            return values.get(quantity)
        parts = [values.get(f"{quantity}_{UNDER_18}"), values.get(f"{quantity}_{OVER_18}")]
        if any(part is None for part in parts):
            return None
        return sum(parts, Decimal(0))


class ServiceName(LaterName):
    """A later name of a service (omsorgslønn is omsorgsstønad from 2020).

    Entered as a year and in force from its 1 January, so that every month of a year carries the
    name its half-year and annual tables show.
    """

    service = models.ForeignKey(Service, models.CASCADE, related_name="names", verbose_name="tjeneste")
    history = HistoricalRecords()

    class Meta(LaterName.Meta):
        ordering = ["service", "valid_from"]
        verbose_name = "navneendring"
        verbose_name_plural = "navneendringer"
        constraints = [
            one_name_per_date(
                "service", name="volumes_one_name_per_year",
                message="Tjenesten har allerede et navn som gjelder fra dette året.",
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.name} (fra {first_day_text(self.valid_from)})"


def _volume_field(label: str):
    return models.DecimalField(
        label, max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )


class VolumeFigure(TrackedModel):
    """One service's users and granted hours for a month, or a half-year/year average per month,
    for the whole department or one service unit (virksomhet)."""

    lock_field = "period"
    # One source per period, per series: the department's figures and each unit's are separate
    # series (a unit's months beside the department's year average are two series, not two sources).
    source_series = ("service", "unit")

    service = models.ForeignKey(Service, models.PROTECT, related_name="figures", verbose_name="tjeneste")
    period = PeriodField("periode", kinds=(Kind.MONTH, Kind.HALF, Kind.YEAR))
    unit = models.ForeignKey(
        ServiceUnit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="virksomhet",
        help_text="Tomt for hele tjenesteområdet.",
    )  # fmt: skip
    users_under_18 = _volume_field("brukere i yngste aldersgruppe")
    users_over_18 = _volume_field("brukere, voksne")
    users_over_60 = _volume_field("herav brukere, eldre")
    users = _volume_field("brukere")
    hours_under_18 = _volume_field("timer i yngste aldersgruppe")
    hours_over_18 = _volume_field("timer, voksne")
    hours_over_60 = _volume_field("herav timer, eldre")
    hours = _volume_field("timer vedtak")

    class Meta:
        ordering = ["service", "period"]
        verbose_name = "tjenestetall"
        verbose_name_plural = "tjenestetall"
        constraints = [
            models.UniqueConstraint(
                fields=["service", "period"], condition=Q(unit__isnull=True), name="volumes_one_figure_per_period",
                violation_error_message="Tjenesten har allerede tall for denne perioden.",
            ),
            models.UniqueConstraint(
                fields=["service", "period", "unit"], condition=Q(unit__isnull=False),
                name="volumes_one_figure_per_period_and_unit",
                violation_error_message="Tjenesten har allerede tall for denne perioden og virksomheten.",
            ),
        ]  # fmt: skip

    @property
    def field_labels(self) -> dict[str, str]:
        """The age-group fields named by the service's own bounds ("Brukere ≤ 18 år"), for the history page."""
        words = self.service.age_group_words
        return {name: label.format(**words) for name, label in AGE_FIELD_LABELS.items()}

    def __str__(self):
        where = f", {self.unit}" if self.unit_id else ""
        return f"{self.service.name_for(self.period)}, {self.period.label}{where}"

    def clean(self):
        super().clean()
        # A figure for a unit only in a period the unit is in force (docs/rules.md, "Department figures from units").
        if self.unit_id and isinstance(self.period, Period) and not self.unit.in_force(self.period):
            raise ValidationError({"unit": self.unit.not_in_force_message(self.period)})

    @property
    def values(self) -> dict[str, Decimal | None]:
        return {name: getattr(self, name) for name in VOLUME_FIELD_NAMES}

    @property
    def is_average(self) -> bool:
        """A half-year or year figure holds an average per month, not one month's count."""
        return self.period.kind is not Kind.MONTH
