"""Forms: the administrators' forms for the målekart, key figures and plans, and the rows of
the entry grids (one period, one row per indicator, key figure or measure; see horeport.grids)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from horeport.fields import YearField
from horeport.forms import NorwegianModelForm
from horeport.grids import RowForm
from kpi.models import (
    Band,
    Indicator,
    KeyFigure,
    KeyFigureValue,
    Measure,
    MeasureState,
    MeasureStatus,
    Perspective,
    Result,
    Strategy,
    ThemePlan,
    value_check,
)

# -- administrators' forms ----------------------------------------------------------------


class PerspectiveForm(NorwegianModelForm):
    class Meta:
        model = Perspective
        fields = ["scorecard", "code", "name", "sort_order"]


class IndicatorForm(NorwegianModelForm):
    introduced_year = YearField(
        label="Ny indikator fra år", required=False, help_text=Indicator._meta.get_field("introduced_year").help_text
    )
    retired_year = YearField(
        label="Utgått fra år", required=False, help_text=Indicator._meta.get_field("retired_year").help_text
    )

    class Meta:
        model = Indicator
        fields = [
            "perspective", "code", "name", "unit", "scale_min", "scale_max", "decimals", "frequency",
            "introduced_year", "retired_year", "computation", "description", "sort_order",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class BandForm(NorwegianModelForm):
    valid_from = YearField(label="Gjelder fra år", help_text=Band._meta.get_field("valid_from").help_text)

    class Meta:
        model = Band
        fields = [
            "valid_from",
            "green_lower", "green_lower_inclusive", "green_upper", "green_upper_inclusive",
            "red_lower", "red_lower_inclusive", "red_upper", "red_upper_inclusive",
            "green_text", "yellow_text", "red_text",
        ]  # fmt: skip
        labels = {
            "green_lower": "Nedre grense", "green_upper": "Øvre grense",
            "red_lower": "Nedre grense", "red_upper": "Øvre grense",
            "green_lower_inclusive": "Grensen er med", "green_upper_inclusive": "Grensen er med",
            "red_lower_inclusive": "Grensen er med", "red_upper_inclusive": "Grensen er med",
            "green_text": "Tekst for ønsket resultat", "yellow_text": "Tekst for laveste aksepterte resultat",
            "red_text": "Tekst for ikke godkjent resultat",
        }  # fmt: skip

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator
        unit = f" I {indicator.suffix}." if indicator.suffix else ""
        for name in ("green_lower", "green_upper", "red_lower", "red_upper"):
            self.fields[name].help_text = f"Tomt: ingen grense.{unit}"

    def text_fields(self):
        return [self["green_text"], self["yellow_text"], self["red_text"]]

    def clean_valid_from(self):
        year = self.cleaned_data["valid_from"]
        others = Band.objects.filter(indicator=self.instance.indicator, valid_from=year).exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError("Indikatoren har allerede grenseverdier som gjelder fra dette året.")
        return year


class KeyFigureForm(NorwegianModelForm):
    class Meta:
        model = KeyFigure
        fields = ["name", "unit", "decimals", "frequency", "sum_of_units", "description", "sort_order", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class StrategyForm(NorwegianModelForm):
    class Meta:
        model = Strategy
        fields = ["scope", "number", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ThemePlanForm(NorwegianModelForm):
    first_year = YearField(label="Fra år", required=False)
    last_year = YearField(label="Til år", required=False)

    class Meta:
        model = ThemePlan
        fields = ["name", "strategy", "first_year", "last_year", "adopted", "description", "sort_order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class MeasureForm(NorwegianModelForm):
    class Meta:
        model = Measure
        fields = ["name", "theme_plan", "strategy", "decision", "description", "sort_order", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


# -- entry grids --------------------------------------------------------------------------


class CommentRowForm(RowForm):
    """A grid row of a value (or a status) with a comment; a comment is not kept without its value."""

    comment_without_value_message = "Skriv inn verdien, eller fjern kommentaren."

    def __init__(self, *args, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].widget = forms.TextInput(attrs={"autocomplete": "off"})
        self.fields["comment"].label = f"Kommentar til {label}"

    def clean(self):
        cleaned = super().clean()
        if self.is_blank and (cleaned.get("comment") or "").strip():
            raise ValidationError(self.comment_without_value_message)
        return cleaned


class ResultRowForm(CommentRowForm):
    comment_without_value_message = "Skriv inn resultatet, eller fjern kommentaren."

    class Meta:
        model = Result
        fields = ["value", "comment"]

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, label=indicator.code, **kwargs)
        self.indicator = indicator
        self.fields["value"].required = False
        self.fields["value"].label = f"Resultat for {indicator.code}"
        self.fields["value"].widget.attrs.update({"autocomplete": "off", "size": 8})

    def clean_value(self):
        value = self.cleaned_data.get("value")
        try:
            value_check(self.indicator, value)
        except ValidationError as error:
            raise ValidationError(error.message_dict["value"]) from None
        return value


class KeyFigureRowForm(CommentRowForm):
    class Meta:
        model = KeyFigureValue
        fields = ["value", "comment"]

    def __init__(self, *args, key_figure: KeyFigure, **kwargs):
        super().__init__(*args, label=key_figure.name, **kwargs)
        self.fields["value"].required = False
        self.fields["value"].label = f"Verdi for {key_figure.name}"
        self.fields["value"].widget.attrs.update({"autocomplete": "off", "size": 8})


class MeasureStatusRowForm(CommentRowForm):
    blank_fields = ("status",)
    comment_without_value_message = "Velg en status, eller fjern kommentaren."

    status = forms.ChoiceField(choices=[("", "Ingen status"), *MeasureState.choices], required=False)

    class Meta:
        model = MeasureStatus
        fields = ["status", "comment"]

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, label=measure.name, **kwargs)
        self.fields["status"].label = f"Status for {measure.name}"
        self.fields["comment"].widget = forms.Textarea(attrs={"rows": 2})
