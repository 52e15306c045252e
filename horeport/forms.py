"""Forms every app builds on: Norwegian numbers, stale-form refusal, locked periods."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models

from horeport.fields import DateField, NorwegianDecimalField, NorwegianIntegerField, PeriodFormField
from horeport.models import PeriodLock, ServiceUnit, SiteSettings, stale_message
from horeport.roles import ROLES

LOGO_TYPES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/svg+xml": "SVG"}
LOGO_MAX_BYTES = 512 * 1024


def norwegian_formfield(field: models.Field, **kwargs):
    """Decimal and integer model fields take numbers typed the Norwegian way; dates stay in 1900–2999."""
    if isinstance(field, models.DecimalField) and not field.choices:
        return field.formfield(form_class=NorwegianDecimalField, **kwargs)
    if isinstance(field, models.IntegerField | models.BigIntegerField) and not (field.choices or field.primary_key):
        return field.formfield(form_class=NorwegianIntegerField, **kwargs)
    if type(field) is models.DateField:  # a date outside 1900–2999 has no period: refused with a message
        return field.formfield(form_class=DateField, **kwargs)
    return field.formfield(**kwargs)


class NorwegianModelForm(forms.ModelForm):
    """A ModelForm whose number fields accept "2,04", "2.04", "3 084" and "54,55 %"."""

    def __init_subclass__(cls, **kwargs):
        # Runs before ModelFormMetaclass reads Meta, so every subclass's own Meta gets the
        # callback without repeating it.
        meta = cls.__dict__.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(norwegian_formfield)
        super().__init_subclass__(**kwargs)


class TrackedModelForm(NorwegianModelForm):
    """A form for a `TrackedModel`: carries the version it was opened at.

    A form opened before someone else saved the same row is refused with a message naming
    who changed it and when; a row in a locked period is refused with the lock's message
    (from the model's `clean`).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        opened_at = cleaned.get("version")
        if self.instance.pk and opened_at is not None and opened_at != self.instance.version:
            raise ValidationError(stale_message(self.instance), code="stale")
        return cleaned


class SiteSettingsForm(forms.ModelForm):
    logo_file = forms.FileField(
        label="Logo",
        required=False,
        help_text="PNG, JPEG eller SVG, høyst 512 kB. Vises i toppen av sidene og på rapportforsiden.",
    )
    remove_logo = forms.BooleanField(label="Fjern logoen", required=False)

    class Meta:
        model = SiteSettings
        fields = ["municipality_name", "department_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.has_logo:
            del self.fields["remove_logo"]

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        if upload.size > LOGO_MAX_BYTES:
            raise ValidationError("Logoen er for stor. Den kan være høyst 512 kB.")
        head = upload.read(512)
        upload.seek(0)
        if head.startswith(b"\x89PNG"):
            content_type = "image/png"
        elif head.startswith(b"\xff\xd8"):
            content_type = "image/jpeg"
        elif b"<svg" in head or head.lstrip().startswith(b"<?xml"):
            content_type = "image/svg+xml"
        else:
            raise ValidationError("Logoen må være en PNG-, JPEG- eller SVG-fil.")
        return content_type, upload.read()

    def save(self, commit=True):
        site = super().save(commit=False)
        if self.cleaned_data.get("remove_logo"):
            site.logo, site.logo_content_type = None, ""
        elif self.cleaned_data.get("logo_file"):
            site.logo_content_type, site.logo = self.cleaned_data["logo_file"]
        if commit:
            site.save()
        return site


class ServiceUnitForm(NorwegianModelForm):
    class Meta:
        model = ServiceUnit
        fields = ["name", "short_name", "sort_order", "active"]


class PeriodLockForm(forms.ModelForm):
    period = PeriodFormField(label="Periode", help_text="For eksempel 2016, 2016-H1, 2016-Q4 eller 2016-03.")

    class Meta:
        model = PeriodLock
        fields = ["period", "reason"]
        labels = {"reason": "Årsak"}


class UnlockForm(forms.Form):
    reason = forms.CharField(
        label="Begrunnelse",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Hvorfor perioden låses opp. Begrunnelsen lagres sammen med låsen.",
        error_messages={"required": "Skriv hvorfor perioden låses opp."},
    )


class UserForm(forms.ModelForm):
    role = forms.ChoiceField(label="Rolle", choices=[(r, r) for r in ROLES])
    password = forms.CharField(
        label="Nytt passord",
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Minst 8 tegn, ikke bare tall. La feltet stå tomt for å beholde passordet.",
    )

    class Meta:
        model = get_user_model()
        fields = ["username", "first_name", "last_name", "email", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            current = self.instance.groups.filter(name__in=ROLES).first()
            if current:
                self.fields["role"].initial = current.name
        else:
            self.fields["password"].required = True
            self.fields["password"].help_text = "Minst 8 tegn, ikke bare tall."

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if password:
            password_validation.validate_password(password, self.instance)
        return password

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.cleaned_data.get("password"):
            user.set_password(self.cleaned_data["password"])
        user.save()
        user.groups.remove(*Group.objects.filter(name__in=ROLES))
        user.groups.add(Group.objects.get(name=self.cleaned_data["role"]))
        return user
