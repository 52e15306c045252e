"""Model and form fields for periods and for numbers typed the Norwegian way."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from horeport.formatting import nb_as_stored, parse_number
from horeport.periods import FIRST_YEAR, LAST_YEAR, InvalidPeriod, Kind, Period


class PeriodField(models.CharField):
    """A `Period` stored in its URL form ("2016-03", "2016-Q1", "2016")."""

    description = "Rapporteringsperiode"

    def __init__(self, *args, kinds: tuple[Kind, ...] | None = None, **kwargs):
        kwargs.setdefault("max_length", 7)
        self.kinds = tuple(Kind(k) for k in kinds) if kinds else None
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 7:
            del kwargs["max_length"]
        if self.kinds:
            kwargs["kinds"] = tuple(str(k) for k in self.kinds)
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return None if value is None else Period.parse(value)

    def to_python(self, value):
        if value is None or value == "" or isinstance(value, Period):
            return value or None
        try:
            return Period.parse(value)
        except InvalidPeriod as error:
            raise ValidationError(str(error), code="invalid") from None

    def get_prep_value(self, value):
        if value is None or value == "":
            return None if self.null else ""
        return str(Period.parse(value))

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else str(value)

    def run_validators(self, value):
        super().run_validators(str(value) if value else value)

    def validate(self, value, model_instance):
        super().validate(str(value) if value else value, model_instance)
        if value and self.kinds and value.kind not in self.kinds:
            allowed = ", ".join(k.label.lower() for k in self.kinds)
            raise ValidationError(f"Perioden må være én av: {allowed}.", code="kind")

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PeriodFormField, "kinds": self.kinds, **kwargs})


class PeriodFormField(forms.CharField):
    def __init__(self, *args, kinds=None, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.pop("empty_value", None)
        self.kinds = kinds
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("maxlength", "7")
        self.widget.attrs.setdefault("placeholder", "2016-03")
        self.widget.attrs.setdefault("inputmode", "text")

    def prepare_value(self, value):
        return str(value) if isinstance(value, Period) else value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            period = Period.parse(value)
        except InvalidPeriod as error:
            raise ValidationError(str(error), code="invalid") from None
        if self.kinds and period.kind not in self.kinds:
            allowed = ", ".join(k.label.lower() for k in self.kinds)
            raise ValidationError(f"Perioden må være én av: {allowed}.", code="kind")
        return period


class NorwegianDecimalField(forms.DecimalField):
    """A decimal field that accepts "2,04", "2.04", "3 084" and "54,55 %"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return nb_as_stored(value).replace("\u00a0", " ")
        return value

    def to_python(self, value):
        return _typed_number(self, value)


class NorwegianIntegerField(forms.IntegerField):
    """A whole number that may be typed with spaces between thousands ("3 084")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value):
        number = _typed_number(self, value)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise ValidationError(f"«{value}» må være et helt tall.", code="invalid")
        return int(number)


class YearField(forms.IntegerField):
    """A year typed and shown as a year ("2016", never "2 016"), one of the years the product
    reports on; one message for anything else."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        kwargs.setdefault("localize", False)
        kwargs.setdefault("widget", forms.NumberInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)
        message = f"Skriv et år fra {self.min_value} til {self.max_value}."
        self.error_messages = {**self.error_messages, "invalid": message, "min_value": message, "max_value": message}


class FirstOfYearField(YearField):
    """A year typed as "2020", kept as the date 1 January 2020."""

    def prepare_value(self, value):
        return value.year if isinstance(value, datetime.date) else value

    def clean(self, value):
        year = super().clean(value)
        return None if year is None else datetime.date(year, 1, 1)

    def has_changed(self, initial, data):
        return super().has_changed(self.prepare_value(initial), data)


class DateField(forms.DateField):
    """A date in the years the product reports on (1900–2999): periods exist only there."""

    first, last = datetime.date(FIRST_YEAR, 1, 1), datetime.date(LAST_YEAR, 12, 31)

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None and not self.first <= day <= self.last:
            raise ValidationError(f"Skriv en dato fra år {self.first.year} til {self.last.year}.", code="out_of_range")
        return day


def _typed_number(field: forms.Field, value) -> Decimal | None:
    if value in field.empty_values or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_number(value)
    except ValueError as error:
        raise ValidationError(str(error), code="invalid") from None


# The largest id a database row can have (a 64-bit integer).
LARGEST_ID = 2**63 - 1


class RowsChoiceField(forms.ModelMultipleChoiceField):
    """Several rows chosen by id (a many-to-many field). An id no row can have (text, or a number
    beyond the database's integers) is refused as an unknown choice before it reaches the database,
    which would fail on it."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            text = str(pk)
            if not text.isdigit() or int(text) > LARGEST_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": text[:20]}
                )
        return super()._check_values(value)
