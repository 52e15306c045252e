"""The services' forms: an administrator's service form with its dated names, and the entry
grid (one service, one year, twelve months by measure) that saves all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify

from horeport.fields import FirstOfYearField, NorwegianDecimalField
from horeport.formatting import nb_number, parse_number
from horeport.forms import NorwegianModelForm
from horeport.models import PeriodLock, StaleEditError, stale_message
from horeport.periods import Kind, Period
from volumes.aggregates import HOURS_TOTAL, USERS_TOTAL, Entry, summarize
from volumes.models import (
    ALL,
    HOURS,
    OVER_18,
    OVER_60,
    PER_USER_LABEL,
    UNDER_18,
    USERS,
    Measure,
    Service,
    ServiceName,
    VolumeFigure,
)

# Paths under /tjenester/ that are pages of their own, not services.
RESERVED_SLUGS = {"oppsett", "tall", "ny"}
GROUP_WORDS = {UNDER_18: "≤ 18 år", OVER_18: "> 18 år", OVER_60: "> 60 år", ALL: ""}


def service_slug(name: str) -> str:
    """ "Omsorgslønn" -> "omsorgslonn" (æ, ø and å spelled out rather than dropped)."""
    text = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return slugify(text)[:60].strip("-")


class ServiceForm(NorwegianModelForm):
    class Meta:
        model = Service
        fields = [
            "name", "slug", "description", "age_groups", "records_users", "records_hours",
            "report_part", "sort_order", "active",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text += " Lages av navnet hvis feltet står tomt."

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or service_slug(self.cleaned_data.get("name") or "")
        if not slug and self.cleaned_data.get("name"):
            raise ValidationError("Skriv en adresse med bokstaver eller tall, for eksempel «bpa».")
        if slug in RESERVED_SLUGS:
            raise ValidationError(f"«{slug}» er en egen side under Tjenester. Velg en annen adresse.")
        if slug and Service.objects.exclude(pk=self.instance.pk).filter(slug=slug).exists():
            raise ValidationError(f"Adressen «{slug}» er i bruk av en annen tjeneste.")
        return slug

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("records_users") or cleaned.get("records_hours")):
            raise ValidationError("En tjeneste må registrere brukere, timer eller begge deler.")
        if self.instance.pk and self.instance.figures.exists():
            was = Service.objects.get(pk=self.instance.pk)
            if cleaned.get("age_groups") and cleaned["age_groups"] != was.age_groups:
                self.add_error(
                    "age_groups",
                    "Tjenesten har tall registrert med denne aldersinndelingen, så den kan ikke endres. "
                    "Opprett heller en ny tjeneste, og sett denne til ikke aktiv.",
                )
        return cleaned


class ServiceNameForm(NorwegianModelForm):
    # Asked as a year (stored as 1 January): volumes are reported by month, half-year and year.
    valid_from = FirstOfYearField(label="Gjelder fra år")

    class Meta:
        model = ServiceName
        fields = ["valid_from", "name"]
        labels = {"valid_from": "Gjelder fra år", "name": "Nytt navn"}


ServiceNameFormSet = forms.inlineformset_factory(
    Service, ServiceName, form=ServiceNameForm, extra=1, can_delete=True,
)  # fmt: skip


# -- the entry grid -----------------------------------------------------------------------------

GRAINS = {"maned": Kind.MONTH, "halvar": Kind.HALF, "ar": Kind.YEAR}
GRAIN_LABELS = {"maned": "Måneder", "halvar": "Halvårssnitt", "ar": "Årssnitt"}
GRAIN_OF_KIND = {kind: grain for grain, kind in GRAINS.items()}


@dataclass
class GridColumn:
    """One period of the grid (a month, or a half-year or year average) and its stored row."""

    index: int
    period: Period
    figure: VolumeFigure | None
    lock: PeriodLock | None
    new_values: dict = field(default_factory=dict)
    changed: bool = False

    @property
    def prefix(self) -> str:
        return f"c{self.index:02d}"

    @property
    def version_name(self) -> str:
        return f"{self.prefix}_version"

    def name(self, measure: Measure | str) -> str:
        return f"{self.prefix}_{getattr(measure, 'field', measure)}"

    @property
    def heading(self) -> str:
        if self.period.kind is Kind.MONTH:
            return self.period.short_label.removesuffix(f" {self.period.year}")
        if self.period.kind is Kind.HALF:
            return self.period.month_range_label.removesuffix(f" {self.period.year}")
        return "Hele året"

    @property
    def months(self) -> int:
        return len(self.period.months())

    @property
    def old_values(self) -> dict:
        return self.figure.values if self.figure else {}


class VolumeGridForm(forms.Form):
    """One service, one year: a cell per period and measure; each column carries its row's version.

    The whole grid is saved or nothing is: a stale column, a change inside a locked period or
    a bad cell refuses the save, with the message next to the cell (or column) concerned.
    Hours without users are questioned: the user sees a warning next to the cell and saves
    again with «Tallene er kontrollert» ticked if the figures are right.
    """

    def __init__(self, *args, service: Service, year: int, kind: Kind, figures: dict, locks: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.service, self.year, self.kind = service, year, kind
        self.measures = service.measures()
        self.columns: list[GridColumn] = []
        for index, period in enumerate(Period.of_year(year).subperiods(kind), start=1):
            lock = next((lock for lock in locks if lock.covers(period)), None)
            self.columns.append(GridColumn(index, period, figures.get(period), lock))
        for column in self.columns:
            for measure in self.measures:
                initial = column.old_values.get(measure.field)
                self.fields[column.name(measure)] = NorwegianDecimalField(
                    required=False, max_digits=10, decimal_places=2, initial=initial,
                    label=f"{measure.label}, {column.period.label}",
                    widget=forms.TextInput(attrs={
                        "inputmode": "decimal", "autocomplete": "off", "size": 6,
                        "data-col": column.index, "data-measure": measure.field,
                        "data-quantity": measure.quantity, "data-group": measure.group,
                    }),
                )  # fmt: skip
                if column.lock is not None and not self.is_bound:
                    self.fields[column.name(measure)].widget.attrs["readonly"] = True
            self.fields[column.version_name] = forms.IntegerField(
                required=False, widget=forms.HiddenInput, initial=column.figure.version if column.figure else None
            )
        self.warnings: dict[str, str] = {}
        self.confirmed: set[str] = set()
        if self.is_bound:
            self.confirmed = {name for name in self.data.get("confirmed", "").split(",") if name}

    # -- validation ---------------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        for column in self.columns:
            self._check_version(column, cleaned.get(column.version_name))
            values = {m.field: cleaned.get(column.name(m)) for m in self.measures}
            if any(column.name(m) in self.errors for m in self.measures):
                continue  # a cell that is not a number has its message already
            column.new_values = values
            self._check_cells(column, values)
            column.changed = any(values.get(f) != column.old_values.get(f) for f in values) and (
                column.figure is not None or any(v is not None for v in values.values())
            )
            if column.changed and column.lock is not None:
                for measure in self.measures:
                    if values.get(measure.field) != column.old_values.get(measure.field):
                        self.add_error(column.name(measure), column.lock.message)
            if column.changed:
                self._question_hours_without_users(column, values)
        unconfirmed = [name for name in self.warnings if name not in self.confirmed]
        if unconfirmed and not self.errors:
            raise ValidationError(
                "Noen tall er merket med spørsmål. Kontroller dem, og kryss av for «Tallene er kontrollert» "
                "hvis de stemmer.",
                code="unconfirmed",
            )
        return cleaned

    def _check_cells(self, column: GridColumn, values: dict) -> None:
        for measure in self.measures:
            value = values.get(measure.field)
            if value is None:
                continue
            if value < 0:
                self.add_error(column.name(measure), "Tallet kan ikke være negativt.")
            elif measure.quantity == USERS and column.period.kind is Kind.MONTH and value != value.to_integral():
                self.add_error(
                    column.name(measure),
                    "Antall brukere i en måned er et helt tall. Desimaler brukes bare for halvårs- og årssnitt.",
                )
        for quantity, word in ((USERS, "brukere"), (HOURS, "timer")):
            of_which, adults = values.get(f"{quantity}_{OVER_60}"), values.get(f"{quantity}_{OVER_18}")
            name = column.name(f"{quantity}_{OVER_60}")
            if of_which is None or name in self.errors or f"{quantity}_{OVER_60}" not in values:
                continue
            if adults is None and of_which > 0:
                self.add_error(name, f"Fyll inn {word} > 18 år: herav > 60 år er en del av dem.")
            elif adults is not None and of_which > adults:
                self.add_error(
                    name,
                    f"Herav > 60 år ({_plain(of_which)}) kan ikke være flere enn {word} > 18 år ({_plain(adults)}).",
                )

    def _check_version(self, column: GridColumn, opened_at: int | None) -> None:
        if column.figure is not None and opened_at != column.figure.version:
            self.add_error(None, f"{column.period.label}: {stale_message(column.figure)}")
        elif column.figure is None and opened_at is not None:
            self.add_error(
                None,
                f"{column.period.label}: Tallene ble slettet av en annen bruker etter at du åpnet skjemaet. "
                "Endringen din er ikke lagret. Last inn siden på nytt og gjør endringen igjen.",
            )

    def _question_hours_without_users(self, column: GridColumn, values: dict) -> None:
        if not (self.service.records_users and self.service.records_hours):
            return
        for measure in self.measures:
            if measure.quantity != HOURS:
                continue
            hours = values.get(measure.field)
            users = values.get(measure.field.replace(HOURS, USERS, 1))
            if hours and not users:
                group = GROUP_WORDS[measure.group]
                who = f"brukere {group}".strip()
                name = column.name(measure)
                self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}_warning"
                self.warnings[name] = f"{_plain(hours)} timer, men ingen {who} i {column.period.label}. Stemmer det?"

    # -- saving -------------------------------------------------------------------------------

    @transaction.atomic
    def save(self) -> list[Period]:
        """Save the changed columns, all or nothing; return their periods."""
        saved = []
        for column in self.columns:
            if not column.changed:
                continue
            figure = column.figure
            if all(v is None for v in column.new_values.values()):
                # Every cell emptied: the row goes, if nobody changed it meanwhile.
                claimed = VolumeFigure.objects.filter(pk=figure.pk, version=figure.version).update(
                    version=F("version") + 1
                )
                if not claimed:
                    raise StaleEditError(figure)
                figure.version += 1
                figure.delete()
            else:
                figure = figure or VolumeFigure(service=self.service, period=column.period)
                for name, value in column.new_values.items():
                    setattr(figure, name, value)
                figure.save()
            saved.append(column.period)
        return saved

    # -- what the template shows -------------------------------------------------------------

    @property
    def grain(self) -> str:
        return GRAIN_OF_KIND[self.kind]

    @property
    def warned_cells(self) -> str:
        return ",".join(self.warnings)

    def current_entries(self) -> list[Entry]:
        """The grid's values as they stand (typed or stored), for the totals the page shows."""
        entries = []
        for column in self.columns:
            values = {}
            for measure in self.measures:
                bound = self[column.name(measure)]
                raw = bound.value() if self.is_bound else bound.initial
                values[measure.field] = _number_or_none(raw)
            entries.append(Entry(column.period, values))
        return entries

    def _year_summary(self):
        return summarize(self.service, self.current_entries(), Period.of_year(self.year))

    def rows(self) -> list[dict]:
        """The measure rows: a label, per column the bound field and any warning, and the average."""
        year = self._year_summary()
        rows = []
        for measure in self.measures:
            cells = []
            for column in self.columns:
                name = column.name(measure)
                cells.append({"field": self[name], "warning": self.warnings.get(name), "column": column})
            average = year[measure.field]
            rows.append({"measure": measure, "cells": cells, "average": nb_number(average.value, 1),
                         "note": average.note})  # fmt: skip
        return rows

    def total_rows(self) -> list[dict]:
        """Users and hours in total and hours per user, per column and over the year (as the JS computes)."""
        entries = self.current_entries()
        per_column = [summarize(self.service, entries, column.period) for column in self.columns]
        year = summarize(self.service, entries, Period.of_year(self.year))
        rows = []
        for key, label, recorded in (
            (USERS_TOTAL, "Brukere totalt", self.service.records_users),
            (HOURS_TOTAL, "Timer totalt", self.service.records_hours),
        ):
            if recorded and self.service.has_age_groups:
                rows.append({
                    "key": key, "label": label, "values": [_plain(s.value(key)) for s in per_column],
                    "average": nb_number(year.value(key), 1), "note": year[key].note,
                })  # fmt: skip
        if self.service.records_users and self.service.records_hours:
            rows.append({
                "key": "per_user", "label": PER_USER_LABEL,
                "values": [nb_number(s.per_user, 1) for s in per_column],
                "average": nb_number(year.per_user, 1), "note": year.per_user_note,
            })  # fmt: skip
        return rows


def _number_or_none(raw) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, Decimal):
        return raw
    try:
        number = parse_number(raw)
    except ValueError:
        return None
    return number if number >= 0 else None


def _plain(value: Decimal | None) -> str:
    """A number as typed: "12", "2,5", "3 084"; "–" for none."""
    if value is None:
        return nb_number(None)
    exponent = value.normalize().as_tuple().exponent
    return nb_number(value, max(0, -exponent) if isinstance(exponent, int) else 0)
