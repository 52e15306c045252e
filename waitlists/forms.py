"""Forms for housing types, waitlist figures, cases and private housing figures."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from horeport.forms import DateInput, NorwegianModelForm, TrackedModelForm, active_or_current
from horeport.grids import Grid, RowForm, active_locks
from horeport.periods import MONTH_NAMES, Kind, Period
from waitlists.models import HousingCase, HousingType, PrivateHousingFigure, PrivateHousingKeyFigure, WaitlistFigure

WHOLE_YEAR = ""
MONTH_CHOICES = [(WHOLE_YEAR, "Hele året (historikk)")] + [
    (str(i), name) for i, name in enumerate(MONTH_NAMES, start=1)
]
FIRST_YEAR = 1990


def _offer_housing_types(form: forms.ModelForm, *, required: str) -> None:
    field = form.fields["housing_type"]
    field.queryset = active_or_current(HousingType.objects.all(), form.instance.housing_type_id)
    field.empty_label = "Velg boligtype"
    field.error_messages["required"] = required


class HousingTypeForm(NorwegianModelForm):
    class Meta:
        model = HousingType
        fields = ["name", "description", "order", "active", "cases_complete_from"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "cases_complete_from": DateInput,
        }
        help_texts = {"order": "Boligtypene vises i stigende rekkefølge."}


class PrivateHousingKeyFigureForm(NorwegianModelForm):
    class Meta:
        model = PrivateHousingKeyFigure
        fields = ["name", "description", "order", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"order": "Nøkkeltallene vises i stigende rekkefølge."}


NEGATIVE = "Tallet kan ikke være negativt."


def say_negative_in_norwegian(form):
    for field in form.fields.values():
        if isinstance(field, forms.IntegerField | forms.DecimalField):
            field.error_messages["min_value"] = NEGATIVE


class PeriodChoiceMixin(forms.Form):
    """A year and a month ("Hele året" for a year's figure) instead of a typed period."""

    year = forms.IntegerField(
        label="År",
        widget=forms.NumberInput(attrs={"min": FIRST_YEAR, "inputmode": "numeric"}),
        error_messages={"required": "Skriv hvilket år tallene gjelder.", "invalid": "Skriv året med fire siffer."},
    )
    month = forms.ChoiceField(
        label="Måned",
        choices=MONTH_CHOICES,
        required=False,
        help_text="Måneden tallene gjelder ved utgangen av, eller «Hele året» for tall for et helt år.",
    )

    def initial_period(self, period: Period | str | None):
        if isinstance(period, Period):  # a new row's period is "" until chosen
            self.fields["year"].initial = period.year
            self.fields["month"].initial = str(period.index) if period.kind is Kind.MONTH else WHOLE_YEAR

    def clean_year(self):
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if year is not None and not FIRST_YEAR <= year <= this_year:
            raise ValidationError(f"Året må være mellom {FIRST_YEAR} og {this_year}.")
        return year

    def chosen_period(self) -> Period | None:
        year = self.cleaned_data.get("year")
        if year is None:
            return None
        month = self.cleaned_data.get("month")
        period = Period.month(year, int(month)) if month else Period.of_year(year)
        if period.start > timezone.localdate():
            self.add_error("month", f"{period.label.capitalize()} har ikke begynt ennå.")
            return None
        return period


def check_figure_values(form, cleaned: dict, *, period: Period | None, only_period_rules: bool = False) -> None:
    """The rules every waitlist figure obeys, as messages on the form's fields."""
    values = {name: cleaned.get(name) for name in WaitlistFigure.VALUE_FIELDS}
    if not only_period_rules:
        if not any(v is not None for v in values.values()) and not any(
            name in form.errors for name in WaitlistFigure.VALUE_FIELDS
        ):
            raise ValidationError("Fyll inn minst ett tall.", code="empty")
        processed, granted = values["applications_processed"], values["applications_granted"]
        if processed is not None and granted is not None and granted > processed:
            form.add_error("applications_granted", "Det kan ikke være flere innvilgede enn behandlede søknader.")
    if period is not None and period.kind is Kind.MONTH and values["effectuation_days"] is not None:
        allocated = values["dwellings_allocated"]
        if allocated is None and "dwellings_allocated" not in form.errors:
            form.add_error(
                "dwellings_allocated",
                "Fyll inn hvor mange boliger som ble tildelt i måneden. Effektueringstiden er et snitt over "
                "dem, og antallet trengs for å regne ut snittet for året.",
            )
        elif allocated == 0:
            form.add_error("effectuation_days", "Uten tildelte boliger i måneden er det ingen effektueringstid.")


class WaitlistFigureForm(PeriodChoiceMixin, TrackedModelForm):
    """The figures of one housing type at a month's end, or for a whole year."""

    checks_plausibility = True

    class Meta:
        model = WaitlistFigure
        fields = ["housing_type", *WaitlistFigure.VALUE_FIELDS]
        labels = {
            "waitlist": "Venteliste ved periodens slutt",
            "effectuation_days": "Effektueringstid i gj.snitt (dager)",
        }
        help_texts = {
            "waitlist": "Antall med vedtak om bolig som ikke har flyttet inn ved utgangen av måneden "
            "(for et helt år: pr. 31.12.).",
            "effectuation_days": "Snitt av dagene fra vedtak til innflytting for boligene som ble tildelt i "
            "perioden. Desimalkomma er lov, for eksempel 104,5.",
            "dwellings_allocated": "For en måned trengs antallet når effektueringstid er fylt inn: årets snitt "
            "regnes som snitt over alle tildelingene.",
            "needs_reported": "Meldt behov for bolig de neste fire årene der det ennå ikke er fattet vedtak.",
        }

    field_order = ["housing_type", "year", "month", *WaitlistFigure.VALUE_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_housing_types(self, required="Velg boligtypen tallene gjelder.")
        self.initial_period(self.instance.period)
        say_negative_in_norwegian(self)

    def clean(self):
        cleaned = super().clean()
        check_figure_values(self, cleaned, period=None)
        period = self.chosen_period()
        if period is None:
            return cleaned
        check_figure_values(self, cleaned, period=period, only_period_rules=True)
        housing_type = cleaned.get("housing_type")
        if housing_type is not None:
            clash = WaitlistFigure.objects.filter(housing_type=housing_type, period=period).exclude(pk=self.instance.pk)
            if clash.exists():
                raise ValidationError(
                    f"Det finnes allerede tall for {housing_type} for {period.label}. Endre dem i stedet.",
                    code="unique",
                )
        self.instance.period = period  # before the model's own clean, which checks the period's lock
        return cleaned


class HousingCaseForm(TrackedModelForm):
    class Meta:
        model = HousingCase
        fields = ["reference", "housing_type", "decided_on", "moved_in_on", "closed_on", "closed_reason"]
        widgets = {"decided_on": DateInput, "moved_in_on": DateInput, "closed_on": DateInput}
        help_texts = {
            "decided_on": "Datoen vedtaket om bolig ble fattet (innvilget).",
            "moved_in_on": "Tom til boligen er tatt i bruk.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_housing_types(self, required="Velg boligtypen vedtaket gjelder.")
        self.fields["reference"].error_messages["required"] = "Skriv saksreferansen."
        self.fields["decided_on"].error_messages["required"] = "Skriv datoen vedtaket ble fattet."
        self.fields["closed_reason"].choices = [("", "Velg årsak"), *HousingCase.CLOSED_REASONS]

    def clean(self):
        cleaned = super().clean()
        decided, moved, closed = (cleaned.get(n) for n in ("decided_on", "moved_in_on", "closed_on"))
        today = timezone.localdate()
        for name in ("decided_on", "moved_in_on", "closed_on"):
            day = cleaned.get(name)
            if day is not None and day > today:
                self.add_error(name, "Datoen kan ikke være fram i tid.")
        if decided and moved and moved < decided:
            self.add_error("moved_in_on", "Innflyttingsdatoen kan ikke være før vedtaksdatoen.")
        if decided and closed and closed < decided:
            self.add_error("closed_on", "Saken kan ikke avsluttes før vedtaksdatoen.")
        if moved and closed:
            self.add_error(
                "closed_on", "En sak med innflyttingsdato er ikke avsluttet uten innflytting. Fjern én av datoene."
            )
        if closed and not cleaned.get("closed_reason"):
            self.add_error("closed_reason", "Velg hvorfor saken ble avsluttet.")
        if cleaned.get("closed_reason") and not closed:
            self.add_error("closed_on", "Skriv datoen saken ble avsluttet, eller fjern årsaken.")
        return cleaned


class PrivateHousingFigureForm(PeriodChoiceMixin, TrackedModelForm):
    class Meta:
        model = PrivateHousingFigure
        fields = ["key_figure", "value", "comment"]
        error_messages = {"value": {"required": "Skriv antallet."}}

    field_order = ["key_figure", "year", "month", "value", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_figure"].queryset = active_or_current(
            PrivateHousingKeyFigure.objects.all(), self.instance.key_figure_id
        )
        self.fields["key_figure"].empty_label = "Velg nøkkeltall"
        self.fields["key_figure"].error_messages["required"] = "Velg hvilket nøkkeltall antallet gjelder."
        self.fields["month"].help_text = "Måneden antallet gjelder, eller «Hele året» for antallet for et helt år."
        self.initial_period(self.instance.period)
        say_negative_in_norwegian(self)

    def clean(self):
        cleaned = super().clean()
        period = self.chosen_period()
        key_figure = cleaned.get("key_figure")
        if period is None:
            return cleaned
        if key_figure is not None:
            clash = PrivateHousingFigure.objects.filter(key_figure=key_figure, period=period).exclude(
                pk=self.instance.pk
            )
            if clash.exists():
                raise ValidationError(
                    f"Det finnes allerede et antall for «{key_figure}» for {period.label}. Endre det i stedet.",
                    code="unique",
                )
        self.instance.period = period
        return cleaned


class MonthRowForm(RowForm):
    """One housing type's row of the month-end grid (all types, one month, on one form).

    A new row left empty is skipped; emptying a saved row is refused (figures are deleted on the
    housing type's page); a row that is not changed is not saved (its history stays quiet).
    """

    blank_fields = WaitlistFigure.VALUE_FIELDS

    class Meta:
        model = WaitlistFigure
        fields = list(WaitlistFigure.VALUE_FIELDS)
        labels = {
            "waitlist": "Venteliste",
            "effectuation_days": "Effektueringstid (dager)",
            "applications_processed": "Behandlede søknader",
            "applications_granted": "Innvilgede søknader",
            "dwellings_allocated": "Tildelte boliger",
            "needs_reported": "Meldt behov, 4 år",
            "housing_swaps": "Bytte bolig",
        }

    def __init__(self, *args, housing_type: HousingType, **kwargs):
        super().__init__(*args, use_required_attribute=False, **kwargs)
        self.housing_type = housing_type
        say_negative_in_norwegian(self)

    def clean(self):
        cleaned = super().clean()
        if not self.is_blank:
            check_figure_values(self, cleaned, period=self.instance.period)
        elif self.instance.pk:
            raise ValidationError("Raden er tømt. Vil du fjerne tallene, slett dem fra boligtypens side.", code="empty")
        return cleaned


def month_grid(period: Period, data=None, *, user=None) -> Grid:
    """A row for every active housing type (and every inactive one that has a figure that month)."""
    figures = {f.housing_type_id: f for f in WaitlistFigure.objects.filter(period=period)}
    rows, locks = [], active_locks()
    for housing_type in HousingType.objects.all():
        figure = figures.get(housing_type.pk)
        if figure is None and not housing_type.active:
            continue
        instance = figure or WaitlistFigure(housing_type=housing_type, period=period)
        form = MonthRowForm(
            data, instance=instance, housing_type=housing_type, prefix=f"t{housing_type.pk}", locks=locks
        )
        rows.append((housing_type, form))
    return Grid(rows, user=user)
