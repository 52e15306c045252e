"""The economy's forms: the year's entry grid (a frame and three accounts figures per budget
area, see horeport.grids), a tertial adjustment, and the administrators' budget area form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from economy.models import AccountsFigure, BudgetAdjustment, BudgetArea, BudgetFrame
from horeport.forms import NorwegianModelForm, TrackedModelForm
from horeport.grids import RowForm
from horeport.periods import InvalidPeriod, Kind, Period

AMOUNT_ATTRS = {"size": 14, "inputmode": "numeric", "autocomplete": "off"}


class AmountRowForm(RowForm):
    """One amount of the grid; an emptied field deletes the stored amount."""

    blank_fields = ("amount",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].required = False


class FrameRowForm(AmountRowForm):
    class Meta:
        model = BudgetFrame
        fields = ["amount"]
        widgets = {"amount": forms.TextInput(attrs=AMOUNT_ATTRS)}


class AccountsRowForm(AmountRowForm):
    class Meta:
        model = AccountsFigure
        fields = ["amount"]
        widgets = {"amount": forms.TextInput(attrs=AMOUNT_ATTRS)}


def tertial_choices(year: int) -> list[tuple[str, str]]:
    return [(str(Period(Kind.TERTIAL, year, index)), Period(Kind.TERTIAL, year, index).label) for index in (1, 2, 3)]


class AdjustmentForm(TrackedModelForm):
    """A budget adjustment: the tertial review that decided it, the area, the amount and why."""

    period = forms.ChoiceField(label="Tertialbehandling")

    class Meta:
        model = BudgetAdjustment
        fields = ["area", "period", "amount", "reason"]
        widgets = {"amount": forms.TextInput(attrs=AMOUNT_ATTRS)}

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = tertial_choices(year)
        self.fields["period"].initial = str(self.instance.period) if self.instance.period else None
        self.fields["area"].queryset = BudgetArea.objects.filter(active=True) | BudgetArea.objects.filter(
            pk=self.instance.area_id
        )
        self.fields["area"].empty_label = "Velg budsjettområde"
        self.fields["amount"].help_text = "I hele kroner; negativt for en reduksjon, for eksempel -2 500 000."

    def clean_period(self):
        try:
            return Period.parse(self.cleaned_data["period"])
        except InvalidPeriod as error:
            raise ValidationError(str(error)) from None


class BudgetAreaForm(NorwegianModelForm):
    class Meta:
        model = BudgetArea
        fields = ["name", "units", "sort_order", "active"]
        widgets = {"units": forms.CheckboxSelectMultiple}
