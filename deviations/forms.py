from __future__ import annotations

from django import forms
from django.utils import timezone

from deviations.models import Category, Deviation
from horeport.forms import (
    DateInput,
    NorwegianModelForm,
    StatisticsForm,
    TrackedModelForm,
    active_or_current,
    offer_units_in_force,
)


class DeviationForm(TrackedModelForm):
    class Meta:
        model = Deviation
        fields = [
            "reference", "category", "unit", "occurred_on", "registered_on", "severity", "description",
            "immediate_action", "to_hospital", "counterpart", "status", "closed_on", "measures", "learning",
        ]  # fmt: skip
        widgets = {
            "occurred_on": DateInput(),
            "registered_on": DateInput(),
            "closed_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "immediate_action": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 3}),
            "learning": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An inactive category or unit stays selectable on the entries that already have it.
        self.fields["category"].queryset = active_or_current(Category.objects.all(), self.instance.category_id)
        self.fields["category"].empty_label = "Velg kategori"
        self.fields["unit"].empty_label = "Velg virksomhet"
        offer_units_in_force(self, date_field="occurred_on", ended_label="Avsluttet (for hendelser før de sluttet)")
        today = timezone.localdate().isoformat()
        for name in ("occurred_on", "registered_on", "closed_on"):
            self.fields[name].widget.attrs["max"] = today
        if not self.instance.pk and not self.is_bound:
            # A ModelForm's initial data comes from the (empty) instance: fill in suggestions.
            self.initial.setdefault("registered_on", None)
            self.initial["registered_on"] = self.initial["registered_on"] or timezone.localdate()
            self.initial["reference"] = self.initial.get("reference") or next_reference(timezone.localdate().year)


def next_reference(year: int) -> str:
    """A suggested case reference for a new deviation: AVV-<year>-<next number>."""
    prefix = f"AVV-{year}-"
    taken = Deviation.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
    numbers = [int(ref.removeprefix(prefix)) for ref in taken if ref.removeprefix(prefix).isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:05d}"


class CategoryForm(NorwegianModelForm):
    class Meta:
        model = Category
        fields = ["name", "description", "sort_order", "active"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fil fra avvikssystemet",
        help_text="Et uttrekk som .xlsx eller .csv med én rad per avvik og kolonnenavn i første rad.",
        error_messages={"required": "Velg en fil å laste opp.", "empty": "Filen er tom."},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class DeviationStatisticsForm(StatisticsForm):
    cutoff_help = "Behandlede og åpne avvik telles per denne datoen. Tom: periodens slutt."
