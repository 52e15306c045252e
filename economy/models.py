"""The department's economy: budget areas, their yearly budget frame, the adjustments decided in
the tertial reviews, and the accounts.

Amounts are stored in whole kroner (NOK), as the accounts are kept; pages and reports show them
in millions with one decimal ("638,6 mill. kr"), as the annual reports do. Revised budget, budget
use (forbruksprosent) and the difference are computed (economy/calculations.py), never stored.
"""

from __future__ import annotations

import contextlib

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from horeport.fields import PeriodField
from horeport.models import ServiceUnit, TrackedModel
from horeport.periods import InvalidPeriod, Kind, Period
from horeport.validators import validate_no_national_id


def tertials_from(period: Period) -> list[Period]:
    """The tertials of a period's year from the period on: a frame (a year) or an adjustment (a
    tertial) counts in the revised budget of each, so a lock on any of them holds it."""
    first = 1 if period.kind is Kind.YEAR else period.index
    return [period, *(Period(Kind.TERTIAL, period.year, index) for index in range(first, 4))]


def spread(points: list) -> list:
    """Each period of `points` with the tertials it counts in (see `tertials_from`)."""
    spread_points = []
    for point in points:
        if isinstance(point, str):  # typed into a row not saved yet
            with contextlib.suppress(InvalidPeriod):
                point = Period.parse(point)
        spread_points += tertials_from(point) if isinstance(point, Period) else [point]
    return spread_points


def amount_field(label: str, **kwargs) -> models.DecimalField:
    """An amount in whole kroner: up to 999 999 999 999 kr, negative where it reduces."""
    return models.DecimalField(label, max_digits=15, decimal_places=0, **kwargs)


class BudgetArea(models.Model):
    """A budget area (budsjettområde): a unit, a group of units, or a part of the department's
    budget the reports follow on its own ("Hjemmebaserte tjenester")."""

    name = models.CharField("navn", max_length=120, unique=True)
    units = models.ManyToManyField(
        ServiceUnit, blank=True, related_name="budget_areas", verbose_name="virksomheter",
        help_text="Virksomhetene området omfatter. Tomt for et område som ikke er én eller flere virksomheter.",
    )  # fmt: skip
    sort_order = models.PositiveIntegerField("rekkefølge", default=0)
    active = models.BooleanField("i bruk", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "budsjettområde"
        verbose_name_plural = "budsjettområder"

    def __str__(self):
        return self.name


class BudgetFrame(TrackedModel):
    """A budget area's original frame (vedtatt ramme) for a year."""

    area = models.ForeignKey(BudgetArea, models.PROTECT, related_name="frames", verbose_name="budsjettområde")
    period = PeriodField("år", kinds=(Kind.YEAR,))
    amount = amount_field("opprinnelig ramme (kr)")
    comment = models.TextField("kommentar", blank=True, validators=[validate_no_national_id])

    class Meta:
        verbose_name = "budsjettramme"
        verbose_name_plural = "budsjettrammer"
        constraints = [
            models.UniqueConstraint(
                fields=["area", "period"], name="economy_frame_one_per_year",
                violation_error_message="Området har allerede en ramme for dette året.",
            ),
        ]  # fmt: skip

    @classmethod
    def touched(cls, before, after) -> list:
        return spread(super().touched(before, after))

    def __str__(self):
        return f"Ramme {self.area} {self.period.label if self.period else ''}".strip()


class BudgetAdjustment(TrackedModel):
    """A change to a budget area's frame decided in a tertial review (budsjettjustering)."""

    area = models.ForeignKey(BudgetArea, models.PROTECT, related_name="adjustments", verbose_name="budsjettområde")
    period = PeriodField("tertial", kinds=(Kind.TERTIAL,))
    amount = amount_field("beløp (kr)", help_text="Negativt beløp for en reduksjon av rammen.")
    reason = models.CharField("begrunnelse", max_length=300, validators=[validate_no_national_id])

    class Meta:
        ordering = ["period", "pk"]
        verbose_name = "budsjettjustering"
        verbose_name_plural = "budsjettjusteringer"

    @classmethod
    def touched(cls, before, after) -> list:
        return spread(super().touched(before, after))

    def __str__(self):
        return f"Justering {self.area} {self.period.label if self.period else ''}".strip()


class AccountsFigure(TrackedModel):
    """A budget area's accounts (regnskap), accumulated from 1 January to the end of a tertial,
    or for the whole year (the annual accounts)."""

    area = models.ForeignKey(BudgetArea, models.PROTECT, related_name="accounts", verbose_name="budsjettområde")
    period = PeriodField("periode", kinds=(Kind.TERTIAL, Kind.YEAR))
    amount = amount_field("regnskap, akkumulert (kr)")
    comment = models.TextField("kommentar", blank=True, validators=[validate_no_national_id])

    class Meta:
        verbose_name = "regnskapstall"
        verbose_name_plural = "regnskapstall"
        constraints = [
            models.UniqueConstraint(
                fields=["area", "period"], name="economy_accounts_one_per_period",
                violation_error_message="Området har allerede regnskapstall for denne perioden.",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"Regnskap {self.area} {self.period.label if self.period else ''}".strip()

    def clean(self):
        super().clean()
        if isinstance(self.period, Period) and self.period.kind is Kind.TERTIAL and self.period.index == 3:
            raise ValidationError(
                {"period": f"Regnskapet til og med 3. tertial er årsregnskapet: registrer det for {self.period.year}."}
            )
