"""Forms: a complaint (with its lifecycle), a case type with its dated names, the statistics' choice."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from complaints.authority import authority_name, authority_names_text
from complaints.models import CaseType, CaseTypeName, Complaint
from horeport.forms import (
    DateInput,
    NorwegianModelForm,
    StatisticsForm,
    TrackedModelForm,
    active_or_current,
    offer_units_in_force,
)
from horeport.sections import SMALL_NUMBERS_THRESHOLD


class CaseTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label_with_history


def case_types_for_choice(*, include=None):
    """Active case types (and the one a complaint already has), with their dated names prefetched."""
    return active_or_current(CaseType.objects.prefetch_related("names"), include)


class ComplaintForm(TrackedModelForm):
    class Meta:
        model = Complaint
        fields = ["reference", "case_type", "unit", "received_on", "reversed_on", "sent_on", "decision",
                  "decided_on", "note"]  # fmt: skip
        field_classes = {"case_type": CaseTypeChoiceField}
        widgets = {
            "received_on": DateInput, "reversed_on": DateInput, "sent_on": DateInput, "decided_on": DateInput,
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        }  # fmt: skip
        labels = {
            "reference": "Saksreferanse",
            "case_type": "Sakstype",
            "unit": "Virksomhet",
            "received_on": "Mottatt",
            "reversed_on": "Omgjort av kommunen",
            "decision": "Utfall",
            "decided_on": "Avgjort",
            "note": "Merknad",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.fields["case_type"].queryset = case_types_for_choice(include=instance.case_type_id)
        self.fields["case_type"].empty_label = "Velg sakstype"
        self.fields["unit"].empty_label = "Ingen virksomhet valgt"
        offer_units_in_force(
            self, date_field="received_on", ended_label="Avsluttet (for klager mottatt før de sluttet)"
        )
        # The authority's name that applies to this complaint: when it was sent, or would be now.
        authority = authority_name(instance.sent_on or instance.received_on or timezone.localdate())
        self.authority = authority
        self.fields["sent_on"].label = f"Sendt til {authority}"
        self.fields[
            "sent_on"
        ].help_text = (
            f"Datoen klagen ble oversendt, når kommunen ikke selv omgjorde vedtaket ({authority_names_text()})."
        )
        self.fields["decision"].label = f"Utfall hos {authority}"
        self.fields["decision"].choices = [("", "Ikke avgjort ennå"), *self.fields["decision"].choices[1:]]
        self.fields["decision"].help_text = "La stå som «Ikke avgjort ennå» til vedtaket er kommet."
        self.fields["decided_on"].label = "Vedtaksdato"
        self.fields["decided_on"].help_text = f"Datoen på vedtaket fra {authority}."
        self.fields["received_on"].help_text = "Datoen kommunen mottok klagen."


class CaseTypeForm(NorwegianModelForm):
    class Meta:
        model = CaseType
        fields = ["name", "sort_order", "active"]
        labels = {"name": "Navn (det første)", "sort_order": "Rekkefølge", "active": "Aktiv"}


class CaseTypeNameForm(forms.ModelForm):
    class Meta:
        model = CaseTypeName
        fields = ["name", "valid_from"]
        widgets = {"valid_from": DateInput}
        labels = {"name": "Nytt navn", "valid_from": "Gjelder fra"}


CaseTypeNameFormSet = forms.inlineformset_factory(
    CaseType, CaseTypeName, form=CaseTypeNameForm, extra=1, can_delete=True
)


class ComplaintStatisticsForm(StatisticsForm):
    cutoff_label = "Utfall registrert per"
    cutoff_help = "Standard er periodens siste dag, slik rapporten for perioden teller."

    skjul_smaa_tall = forms.BooleanField(
        label=f"Skjul tall under {SMALL_NUMBERS_THRESHOLD} (personvern)", required=False
    )
