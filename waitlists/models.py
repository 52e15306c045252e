"""Housing types, their waitlist figures, the optional case list, and private housing key figures."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from horeport.fields import PeriodField
from horeport.formatting import nb_number
from horeport.models import PeriodLock, TrackedModel
from horeport.periods import Kind, Period
from horeport.validators import validate_no_national_id

NOT_NEGATIVE = [MinValueValidator(0, message="Tallet kan ikke være negativt.")]


class HousingType(models.Model):
    """A kind of dwelling the municipality allocates (bolig med bemanning, bofellesskap …)."""

    name = models.CharField("navn", max_length=120, unique=True)
    description = models.TextField("beskrivelse", blank=True)
    order = models.PositiveIntegerField("rekkefølge", default=0)
    active = models.BooleanField("aktiv", default=True, help_text="Bare aktive boligtyper kan få nye tall og saker.")
    cases_complete_from = models.DateField(
        "sakslisten er komplett fra", null=True, blank=True,
        help_text="Fra denne datoen regnes venteliste og effektueringstid ut av sakslisten; for tidligere "
        "perioder brukes de registrerte tallene. La feltet stå tomt når sakslisten er komplett for "
        "alle perioder den har saker i.",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "boligtype"
        verbose_name_plural = "boligtyper"

    def __str__(self):
        return self.name


class WaitlistFigure(TrackedModel):
    """Entered figures for one housing type: at a month's end, or for a whole year (history).

    Every value is optional: the source documents give different rows for different types.
    """

    source_series = ("housing_type",)  # one source per period: its months, or an aggregate

    housing_type = models.ForeignKey(HousingType, models.PROTECT, related_name="figures", verbose_name="boligtype")
    period = PeriodField("periode", kinds=(Kind.MONTH, Kind.YEAR))
    waitlist = models.PositiveIntegerField(
        "venteliste ved periodens slutt", null=True, blank=True, validators=NOT_NEGATIVE
    )
    effectuation_days = models.DecimalField(
        "effektueringstid i gj.snitt (dager)", max_digits=7, decimal_places=1, null=True, blank=True,
        validators=NOT_NEGATIVE,
    )  # fmt: skip
    applications_processed = models.PositiveIntegerField(
        "behandlede søknader", null=True, blank=True, validators=NOT_NEGATIVE
    )
    applications_granted = models.PositiveIntegerField(
        "innvilgede søknader", null=True, blank=True, validators=NOT_NEGATIVE
    )
    dwellings_allocated = models.PositiveIntegerField(
        "tildelte boliger", null=True, blank=True, validators=NOT_NEGATIVE
    )
    needs_reported = models.PositiveIntegerField(
        "meldt behov neste 4 år – ikke vedtak", null=True, blank=True, validators=NOT_NEGATIVE
    )
    housing_swaps = models.PositiveIntegerField("bytte bolig", null=True, blank=True, validators=NOT_NEGATIVE)

    VALUE_FIELDS = (
        "waitlist", "effectuation_days", "applications_processed", "applications_granted",
        "dwellings_allocated", "needs_reported", "housing_swaps",
    )  # fmt: skip

    class Meta:
        ordering = ["housing_type__order", "housing_type__name", "period"]
        verbose_name = "ventelistetall"
        verbose_name_plural = "ventelistetall"
        constraints = [
            models.UniqueConstraint(
                fields=["housing_type", "period"],
                name="waitlist_figure_once_per_period",
                violation_error_message="Det finnes allerede tall for denne boligtypen og perioden.",
            )
        ]

    def __str__(self):
        return f"{self.housing_type}, {self.period_label}"

    @property
    def effectuation_text(self) -> str:
        """The entered days as typed: "135", "104,5"."""
        value = self.effectuation_days
        decimals = 0 if value is None or value == value.to_integral_value() else 1
        return nb_number(value, decimals)

    @property
    def period_label(self) -> str:
        if self.period is None:
            return ""
        if self.period.kind is Kind.MONTH:
            return f"{self.period.label} ({self.period.end_label})"
        return f"{self.period.label} (hele året)"


class HousingCase(TrackedModel):
    """One anonymous housing decision: when it was granted and when the person moved in.

    From these the waitlist at a date and the effectuation time of a period are computed. No
    names and no national identity numbers: only a case reference.
    """

    CLOSED_REASONS = [
        ("withdrawn", "Søknaden er trukket"),
        ("other", "Avsluttet uten innflytting av annen grunn"),
    ]

    reference = models.CharField(
        "saksreferanse", max_length=40, validators=[validate_no_national_id],
        help_text="Saksnummer eller annen anonym referanse. Aldri navn eller fødselsnummer.",
    )  # fmt: skip
    housing_type = models.ForeignKey(HousingType, models.PROTECT, related_name="cases", verbose_name="boligtype")
    decided_on = models.DateField("vedtaksdato")
    moved_in_on = models.DateField("innflyttingsdato", null=True, blank=True)
    closed_on = models.DateField(
        "avsluttet uten innflytting", null=True, blank=True,
        help_text="Datoen saken ble avsluttet uten at boligen ble tatt i bruk, for eksempel fordi "
        "søknaden ble trukket.",
    )  # fmt: skip
    closed_reason = models.CharField("årsak til avslutning", max_length=20, choices=CLOSED_REASONS, blank=True)

    lock_field = "decided_on"

    class Meta:
        ordering = ["-decided_on", "reference"]
        verbose_name = "boligsak"
        verbose_name_plural = "boligsaker"
        constraints = [
            models.UniqueConstraint(
                fields=["housing_type", "reference"],
                name="housing_case_reference_once_per_type",
                violation_error_message="Saken er allerede ført for denne boligtypen. Finn den i sakslisten og "
                "endre den der.",
            )
        ]

    def __str__(self):
        return f"Sak {self.reference}"

    @property
    def ended_on(self) -> datetime.date | None:
        """The day the case left the waitlist (moved in, or closed without moving in)."""
        return self.moved_in_on or self.closed_on

    @property
    def status(self) -> str:
        if self.moved_in_on:
            return "Innflyttet"
        if self.closed_on:
            return "Avsluttet"
        return "Venter"

    # -- locks ------------------------------------------------------------------------------
    # A case counts in every month-end waitlist from its decision until it ends, and in the
    # effectuation time of the month it moves in. A change is checked against every month
    # whose figures it changes: not just the two dates, since a case decided in November 2015
    # that moves in February 2017 is on the waitlist of 31.12.2016.
    lock_groups = {
        "decided_on": ("housing_type", "decided_on"),
        "moved_in_on": ("housing_type", "decided_on", "moved_in_on"),
        "closed_on": ("housing_type", "closed_on"),
    }
    free_fields = ("reference", "closed_reason")

    @classmethod
    def touched(cls, before, after) -> list[Period]:
        def state(values):
            return None if values is None else CaseState(*(values.get(name) for name in CaseState._fields))

        return affected_months(state(before), state(after), until=_lock_horizon())


class CaseState(NamedTuple):
    """What places a case in time: its housing type and its three dates."""

    housing_type_id: int | None
    decided_on: datetime.date | None
    moved_in_on: datetime.date | None
    closed_on: datetime.date | None

    @property
    def ended_on(self) -> datetime.date | None:
        return self.moved_in_on or self.closed_on


def _lock_horizon() -> datetime.date:
    """How far ahead an open case's waitlist months are checked: today, or the latest lock's end."""
    today = timezone.localdate()
    ends = [lock.period.end for lock in PeriodLock.objects.active()]
    return max([today, *ends])


def waitlist_months(state: CaseState | None, *, until: datetime.date) -> set[Period]:
    """The months whose month-end waitlist counts the case."""
    if state is None or state.decided_on is None:
        return set()
    last_day = state.ended_on - datetime.timedelta(days=1) if state.ended_on else until
    months, month = set(), Period.containing(state.decided_on)
    while month.end <= last_day:
        months.add(month)
        month = month.next()
    return months


def affected_months(old: CaseState | None, new: CaseState | None, *, until: datetime.date) -> list[Period]:
    """The months whose figures a change from `old` to `new` alters (None: created or deleted)."""

    def all_months(state):
        if state is None or state.decided_on is None:
            return set()
        months = waitlist_months(state, until=until) | {Period.containing(state.decided_on)}
        if state.ended_on:
            months.add(Period.containing(state.ended_on))
        return months

    if old is None or new is None or old.housing_type_id != new.housing_type_id:
        months = all_months(old) | all_months(new)
    else:
        months = waitlist_months(old, until=until) ^ waitlist_months(new, until=until)
        if old.decided_on != new.decided_on:
            months |= {Period.containing(d) for d in (old.decided_on, new.decided_on) if d}
        if old.decided_on != new.decided_on or old.moved_in_on != new.moved_in_on:
            # the effectuation time of the move-in month changes
            months |= {Period.containing(d) for d in (old.moved_in_on, new.moved_in_on) if d}
        if old.closed_on != new.closed_on:
            months |= {Period.containing(d) for d in (old.closed_on, new.closed_on) if d}
    return sorted(months)


class PrivateHousingKeyFigure(models.Model):
    """A key figure of private housing work (boligfremskaffelse), managed by an administrator."""

    name = models.CharField("navn", max_length=160, unique=True)
    description = models.TextField("beskrivelse", blank=True)
    order = models.PositiveIntegerField("rekkefølge", default=0)
    active = models.BooleanField("aktiv", default=True, help_text="Bare aktive nøkkeltall kan få nye tall.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "nøkkeltall for privat boligfremskaffelse"
        verbose_name_plural = "nøkkeltall for privat boligfremskaffelse"

    def __str__(self):
        return self.name


class PrivateHousingFigure(TrackedModel):
    """The count of one private housing key figure in a month or a whole year."""

    source_series = ("key_figure",)  # one source per period: its months, or an aggregate

    key_figure = models.ForeignKey(
        PrivateHousingKeyFigure, models.PROTECT, related_name="figures", verbose_name="nøkkeltall"
    )
    period = PeriodField("periode", kinds=(Kind.MONTH, Kind.YEAR))
    value = models.PositiveIntegerField("antall", validators=NOT_NEGATIVE)
    comment = models.CharField(
        "merknad", max_length=200, blank=True, validators=[validate_no_national_id],
        help_text="For eksempel «4 kurs». Ingen navn eller fødselsnumre.",
    )  # fmt: skip

    class Meta:
        ordering = ["key_figure__order", "key_figure__name", "period"]
        verbose_name = "tall for privat boligfremskaffelse"
        verbose_name_plural = "tall for privat boligfremskaffelse"
        constraints = [
            models.UniqueConstraint(
                fields=["key_figure", "period"],
                name="private_housing_figure_once_per_period",
                violation_error_message="Det finnes allerede et antall for dette nøkkeltallet og perioden.",
            )
        ]

    def __str__(self):
        return f"{self.key_figure}, {self.period.label if self.period else ''}"
