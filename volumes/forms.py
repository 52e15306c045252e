"""The services' forms: an administrator's service form with its dated names, and the entry
grid (one service, one year, twelve months by volume field) that saves all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import slugify

from horeport.fields import FirstOfYearField
from horeport.formatting import nb_number, parse_number
from horeport.forms import NorwegianModelForm, hold_read_only
from horeport.grids import Grid, RowForm
from horeport.models import PeriodLock
from horeport.periods import Kind, Period
from volumes.aggregates import HOURS_TOTAL, USERS_TOTAL, Entry, summarize
from volumes.models import (
    HOURS,
    OVER_18,
    OVER_60,
    PER_USER_LABEL,
    UNDER_18,
    USERS,
    VOLUME_FIELD_NAMES,
    Service,
    ServiceName,
    VolumeField,
    VolumeFigure,
)

# Paths under /tjenester/ that are pages of their own, not services.
RESERVED_SLUGS = {"oppsett", "tall", "ny"}


def service_slug(name: str) -> str:
    """ "Omsorgslønn" -> "omsorgslonn" (æ, ø and å spelled out rather than dropped)."""
    text = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return slugify(text)[:60].strip("-")


class ServiceForm(NorwegianModelForm):
    class Meta:
        model = Service
        fields = [
            "name", "slug", "description", "age_groups", "young_up_to", "elderly_over",
            "records_users", "records_hours", "report_table", "sort_order", "active",
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
            for name in ("young_up_to", "elderly_over"):  # the stored figures were counted by these bounds
                if cleaned.get(name) is not None and cleaned[name] != getattr(was, name):
                    self.add_error(
                        name,
                        "Tjenesten har tall registrert med denne aldersgrensen, så den kan ikke endres. "
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
    form: VolumeColumnForm | None = None
    source: VolumeFigure | None = None  # a stored figure of another grain covering this period

    @property
    def prefix(self) -> str:
        return f"c{self.index:02d}"

    @property
    def lock(self) -> PeriodLock | None:
        return self.form.lock if self.form is not None else None

    def name(self, volume_field: VolumeField | str) -> str:
        return f"{self.prefix}_{getattr(volume_field, 'name', volume_field)}"

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


class VolumeColumnForm(RowForm):
    """One column of the volume grid: one period's figure, a cell per volume field the service records.

    Its cells are named as the page names them ("c03_users_over_18"). The row's own checks (stale,
    locked, one source per period) come from the shared engine; the cells' rules are here."""

    class Meta:
        model = VolumeFigure
        fields = VOLUME_FIELD_NAMES

    def __init__(self, data=None, *, column: GridColumn, service: Service, volume_fields: list[VolumeField],
                 unit=None, **kwargs):  # fmt: skip
        self.column, self.volume_fields, self.age_words = column, volume_fields, service.age_group_words
        self.blank_fields = tuple(f.name for f in volume_fields)
        instance = column.figure or VolumeFigure(service=service, period=column.period, unit=unit)
        super().__init__(data, instance=instance, prefix=column.prefix, use_required_attribute=False, **kwargs)
        for name in [n for n in self.fields if n != "version" and n not in self.blank_fields]:
            del self.fields[name]
        for volume_field in volume_fields:
            field = self.fields[volume_field.name]
            field.label = f"{volume_field.label}, {column.period.label}"
            field.widget.attrs.update({
                "inputmode": "decimal", "autocomplete": "off", "size": 6, "data-col": column.index,
                "data-field": volume_field.name, "data-quantity": volume_field.quantity,
                "data-group": volume_field.group,
            })  # fmt: skip
            if column.source is not None and not self.is_bound:
                hold_read_only(field)  # the period's figures come from another source

    def add_prefix(self, field_name):
        return f"{self.prefix}_{field_name}"

    def refuse_locked_change(self, error: ValidationError) -> None:
        for name in self.changed_while_locked:  # next to each changed cell
            self.add_error(name, error)

    def clean(self):
        cleaned = super().clean()
        values = {f.name: cleaned.get(f.name) for f in self.volume_fields if f.name not in self.errors}
        for volume_field in self.volume_fields:
            value = values.get(volume_field.name)
            if value is None:
                continue
            if value < 0:
                self.add_error(volume_field.name, "Tallet kan ikke være negativt.")
            elif (
                volume_field.quantity == USERS
                and self.column.period.kind is Kind.MONTH
                and value != value.to_integral()
            ):
                self.add_error(
                    volume_field.name,
                    "Antall brukere i en måned er et helt tall. Desimaler brukes bare for halvårs- og årssnitt.",
                )
        for quantity, word in ((USERS, "brukere"), (HOURS, "timer")):
            name, adults_name = f"{quantity}_{OVER_60}", f"{quantity}_{OVER_18}"
            of_which, adults = values.get(name), values.get(adults_name)
            if of_which is None or name in self.errors:
                continue
            if adults is None and of_which > 0:
                adult, elderly = self.age_words["adult"], self.age_words["elderly"]
                self.add_error(name, f"Fyll inn {word} {adult}: herav {elderly} er en del av dem.")
            elif adults is not None and of_which > adults:
                self.add_error(
                    name,
                    f"Herav {self.age_words['elderly']} ({_plain(of_which)}) kan ikke være flere enn "
                    f"{word} {self.age_words['adult']} ({_plain(adults)}).",
                )
        return cleaned


class VolumeGridForm:
    """One service, one year: a column per period (a `VolumeColumnForm` on the shared grid engine),
    a cell per volume field, saved all together or not at all.

    A stale column, a change inside a locked period, a second source for a period or a bad cell
    refuses the save, with the message next to the cell (or column) concerned. Hours without users
    are questioned: the user sees a warning next to the cell and saves again with «Tallene er
    kontrollert» ticked if the figures are right.
    """

    def __init__(self, data=None, *, service: Service, year: int, kind: Kind, figures: dict, locks: list,
                 others: list[VolumeFigure] = (), user=None, unit=None):  # fmt: skip
        self.data, self.is_bound = data, data is not None
        self.unit = unit  # None: the whole department
        self.service, self.year, self.kind = service, year, kind
        self.volume_fields = service.volume_fields()
        self.columns: list[GridColumn] = []
        for index, period in enumerate(Period.of_year(year).subperiods(kind), start=1):
            source = next((f for f in others if f.period in period or period in f.period), None)
            column = GridColumn(index, period, figures.get(period), source=source)
            column.form = VolumeColumnForm(
                data, column=column, service=service, volume_fields=self.volume_fields, locks=locks, unit=unit
            )
            self.columns.append(column)
        self.grid = Grid([(column, column.form) for column in self.columns], user=user)
        self.warnings: dict[str, str] = {}
        self.confirmed: set[str] = set()
        self._errors: list[str] = []
        if self.is_bound:
            self.confirmed = {name for name in data.get("confirmed", "").split(",") if name}

    # -- the form's face: one form to the view and the template -------------------------------

    @property
    def fields(self) -> dict:
        return {
            column.form.add_prefix(name): field for column in self.columns for name, field in column.form.fields.items()
        }

    def __getitem__(self, name: str):
        prefix, _, field = name.partition("_")
        for column in self.columns:
            if column.prefix == prefix and field in column.form.fields:
                return column.form[field]
        raise KeyError(name)

    def visible_fields(self):
        return [bound for column in self.columns for bound in column.form.visible_fields()]

    def hidden_fields(self):
        return [bound for column in self.columns for bound in column.form.hidden_fields()]

    @property
    def errors(self) -> dict[str, list[str]]:
        errors = {}
        for column in self.columns:
            for name, messages in column.form.errors.items():
                if name != NON_FIELD_ERRORS:
                    errors[column.form.add_prefix(name)] = list(messages)
        if self.non_field_errors():
            errors[NON_FIELD_ERRORS] = self.non_field_errors()
        return errors

    def non_field_errors(self) -> list[str]:
        by_column = [
            f"{column.period.label}: {message}"
            for column in self.columns
            if self.is_bound
            for message in column.form.non_field_errors()
        ]
        return [*by_column, *self.grid.errors, *self._errors]

    def add_error(self, field, message: str) -> None:
        self._errors.append(message)

    # -- validation and saving ---------------------------------------------------------------

    def is_valid(self) -> bool:
        if not self.is_bound:
            return False
        valid = self.grid.is_valid()  # False too while a figure is questioned (horeport/plausibility.py)
        if self.grid.invalid_rows or self.grid.errors:
            return False
        for column in self.columns:
            if column.form.will_save:
                self._question_hours_without_users(column)
        unconfirmed = [name for name in self.warnings if name not in self.confirmed]
        if unconfirmed:
            self._errors.append(
                "Noen tall er merket med spørsmål. Kontroller dem, og kryss av for «Tallene er kontrollert» "
                "hvis de stemmer."
            )
            return False
        return valid

    def _question_hours_without_users(self, column: GridColumn) -> None:
        if not (self.service.records_users and self.service.records_hours):
            return
        values = column.form.cleaned_data
        for volume_field in self.volume_fields:
            if volume_field.quantity != HOURS:
                continue
            hours = values.get(volume_field.name)
            users = values.get(volume_field.name.replace(HOURS, USERS, 1))
            if hours and not users:
                words = {UNDER_18: "young", OVER_18: "adult", OVER_60: "elderly"}
                who = f"brukere {self.service.age_group_words.get(words.get(volume_field.group), '')}".strip()
                name = column.name(volume_field)
                column.form.fields[volume_field.name].widget.attrs["aria-describedby"] = f"id_{name}_warning"
                self.warnings[name] = f"{_plain(hours)} timer, men ingen {who} i {column.period.label}. Stemmer det?"

    def save(self) -> list[Period]:
        """Save the changed columns, all or nothing, through the shared grid; return their periods.
        Raises StaleEditError or PeriodLockedError from a race after validation."""
        self.grid.save()
        return [column.period for column, _ in self.grid.saved]

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
            values = {f.name: _number_or_none(column.form[f.name].value()) for f in self.volume_fields}
            entries.append(Entry(column.period, values))
        return entries

    def _year_summary(self):
        return summarize(self.service, self.current_entries(), Period.of_year(self.year))

    def rows(self) -> list[dict]:
        """The rows, one per volume field: a label, per column the bound field and any warning, and the average."""
        year = self._year_summary()
        rows = []
        for volume_field in self.volume_fields:
            cells = []
            for column in self.columns:
                name = column.name(volume_field)
                cells.append({"field": self[name], "warning": self.warnings.get(name), "column": column})
            average = year[volume_field.name]
            rows.append({"volume_field": volume_field, "cells": cells, "average": nb_number(average.value, 1),
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
