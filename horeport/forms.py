"""Forms every app builds on: Norwegian numbers, stale-form refusal, locked periods."""

from __future__ import annotations

import contextlib
import datetime

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

from horeport import plausibility
from horeport.fields import DateField, NorwegianDecimalField, NorwegianIntegerField, PeriodFormField, RowsChoiceField
from horeport.formatting import nb_date
from horeport.models import (
    FigureLimit,
    PeriodLock,
    ServiceUnit,
    SiteSettings,
    deleted_message,
    stale_message,
    successor_errors,
)
from horeport.params import statistics_period_options
from horeport.passwords import PASSWORD_HELP
from horeport.periods import Period
from horeport.roles import ROLES
from horeport.validators import validate_no_national_id

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
    if isinstance(field, models.ManyToManyField):
        return field.formfield(form_class=RowsChoiceField, **kwargs)
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


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as 2016-03-01, and dates typed as 01.03.2016 work too."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def active_or_current(queryset: QuerySet, current_id) -> QuerySet:
    """The active choices, and the one an entry already has: an inactive category, unit or type
    stays selectable on the entries that have it."""
    return queryset.filter(Q(active=True) | Q(pk=current_id) if current_id else Q(active=True))


def offer_units_in_force(form: forms.ModelForm, *, date_field: str, ended_label: str) -> None:
    """Offer a register form's units in force on the entry's date (the date typed, the entry's
    own, or today): the active units and the entry's own, as `active_or_current`, so units
    without dates are offered as before. Units that ended before the date follow in a group of
    their own (`ended_label`), since an entry may be registered after its unit ended; the model
    refuses one whose unit did not exist on its date (horeport.models.unit_date_error)."""
    field = form.fields["unit"]
    current_id = form.instance.unit_id
    field.queryset = active_or_current(ServiceUnit.objects.all(), current_id)
    day = getattr(form.instance, date_field) or timezone.localdate()
    if form.is_bound:
        with contextlib.suppress(ValidationError):
            day = form.fields[date_field].clean(form.data.get(form.add_prefix(date_field))) or day
    units = list(field.queryset)
    offered = [u for u in units if u.in_force_on(day) or u.pk == current_id]
    ended = [u for u in units if u not in offered and u.valid_until and u.valid_until < day]
    choices = [("", field.empty_label or "---------"), *((u.pk, u.name) for u in offered)]
    if ended:
        choices.append((ended_label, [(u.pk, f"{u.name} (til og med {nb_date(u.valid_until)})") for u in ended]))
    field.widget.choices = choices


class StatisticsForm(forms.Form):
    """What a register's statistics page shows: a period (`?periode=2016-Q1`: a year, half-year,
    tertial, quarter or month) and the day its status is read at (`?per=2017-01-05`; empty: the
    period's end). A choice that cannot be used is said next to its field, and the page shows the
    default instead (`chosen`)."""

    cutoff_label = "Status per"
    cutoff_help = "Tom: periodens siste dag."

    periode = forms.ChoiceField(label="Periode")
    per = forms.DateField(required=False, widget=DateInput)

    def __init__(self, data, *, years, default: Period):
        data = data.copy()
        data.setdefault("periode", str(default))
        super().__init__(data)
        self.default = default
        self.fields["periode"].choices = statistics_period_options(years)
        self.fields["per"].label, self.fields["per"].help_text = self.cutoff_label, self.cutoff_help
        for field in self.fields.values():
            field.template_name = "horeport/forms/filter_field.html"  # choices of a view, not data: no "(valgfritt)"

    def clean_periode(self) -> Period:
        return Period.parse(self.cleaned_data["periode"])

    def clean(self):
        cleaned = super().clean()
        period, cutoff = cleaned.get("periode"), cleaned.get("per")
        if period and cutoff and cutoff < period.start:
            self.add_error("per", "Datoen kan ikke være før periodens start.")
        return cleaned

    def chosen(self) -> tuple[Period, datetime.date | None]:
        """The period and the cut-off day chosen (None: the period's end); the default period where
        the choice cannot be used."""
        if not self.is_valid() and "periode" in self.errors:
            self.data["periode"] = str(self.default)  # the chooser shows the period the page shows
        return self.cleaned_data.get("periode", self.default), self.cleaned_data.get("per")


def hold_read_only(field: forms.Field) -> bool:
    """Show a field a lock holds as read-only where the browser can (a text box); False where it
    cannot (a select, a checkbox), which is then disabled instead."""
    if isinstance(field.widget, forms.TextInput | forms.Textarea | forms.NumberInput | forms.DateInput):
        field.widget.attrs["readonly"] = True
        field.widget.attrs["aria-readonly"] = "true"
        return True
    return False


class TrackedModelForm(NorwegianModelForm):
    """A form for a `TrackedModel`: carries the version it was opened at.

    The row's own save (the one write path) refuses a stale change, a locked period and personal
    data; this form says so next to the fields instead of failing:
    - opened before someone else saved the row: refused, naming who and when;
    - opened for a row someone has deleted since: refused;
    - inside a locked period: says so at once and shows the fields the lock holds read-only;
      text no figure counts stays editable. A change typed into a form opened before the lock
      is refused with the lock's message, never dropped without a word.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A form saved on its own questions implausible figures itself; a grid's rows are questioned
    # by the grid, all in one look-up (horeport/plausibility.py).
    checks_plausibility = False

    def __init__(self, *args, locks: list[PeriodLock] | None = None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.warnings: dict[str, plausibility.Warning] = {}  # questioned values, by field
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self.lock, held = self.instance.held_fields(locks)
        self.held = [name for name in self.fields if name in held]
        self.changed_while_locked = []
        for name in self.held:
            field = self.fields[name]
            if self.is_bound and self.add_prefix(name) in self.data:
                # Posted: shown read-only, or the form was opened before the lock. A change is
                # refused (and stays on the page), never dropped.
                posted = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
                if field.has_changed(self.get_initial_for_field(field, name), posted):
                    self.changed_while_locked.append(name)
            elif self.is_bound or not hold_read_only(field):
                field.disabled = True  # not posted (a disabled select): it keeps its stored value

    @property
    def lock_notice(self) -> str:
        """What the form says at once when a lock holds the row."""
        if self.lock is None:
            return ""
        if len(self.held) < len([f for f in self.fields if f != "version"]):
            return f"{self.lock.message} Feltene som tallene bygger på, kan ikke endres; resten kan."
        return self.lock.message

    def clean(self):
        cleaned = super().clean()
        if self.changed_while_locked:
            self.refuse_locked_change(
                ValidationError(self.lock.message + " Endringen din er ikke lagret.", code="locked")
            )
        opened_at = cleaned.get("version")
        if self.instance.pk and opened_at is not None and opened_at != self.instance.version:
            raise ValidationError(stale_message(self.instance), code="stale")
        if not self.instance.pk and opened_at is not None:
            raise ValidationError(deleted_message(), code="stale")
        return cleaned

    def _update_errors(self, errors):
        # The model's checks may name fields the form does not show (a period built from a year
        # and a month, a grid row's period): show them as the form's own errors.
        if hasattr(errors, "error_dict"):
            moved: dict[str, list] = {}
            for name, messages in errors.error_dict.items():
                moved.setdefault(name if name in self.fields else NON_FIELD_ERRORS, []).extend(messages)
            errors = ValidationError(moved)
        super()._update_errors(errors)

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if valid and self.checks_plausibility:
            return plausibility.forms_check([self])  # not saved while a question is unconfirmed
        return valid

    @property
    def unconfirmed(self) -> list:
        """(bound field, question) for each implausible value not yet confirmed."""
        return [(self[name], warning) for name, warning in self.warnings.items() if not warning.confirmed]

    def save(self, commit=True):
        saved = super().save(commit)
        if commit and self.checks_plausibility:
            plausibility.forms_record([self], user=self.user)
        return saved

    def refuse_locked_change(self, error: ValidationError) -> None:
        """Say that a change typed into a held field is refused: once, for the form."""
        self.add_error(None, error)

    def _post_clean(self):
        self.claim_opened_version()
        if self.changed_while_locked:
            return  # refused already, with the lock's message
        super()._post_clean()

    def claim_opened_version(self) -> None:
        """The row's save and delete claim the version the user saw, so a save by someone else
        in the meantime is refused even between this form's checks and the write."""
        opened_at = getattr(self, "cleaned_data", {}).get("version")
        if self.instance.pk and opened_at is not None:
            self.instance.version = opened_at


class SiteSettingsForm(forms.ModelForm):
    logo_file = forms.FileField(
        label="Logo",
        required=False,
        help_text="PNG, JPEG eller SVG, høyst 512 kB. Vises i toppen av sidene og på rapportforsiden.",
    )
    remove_logo = forms.BooleanField(label="Fjern logoen", required=False)

    class Meta:
        model = SiteSettings
        fields = [
            "municipality_name",
            "department_name",
            "due_day",
            "plausibility_percent",
            "registering_office",
            "strategy_name",
        ]

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


class FigureLimitForm(NorwegianModelForm):
    """The lowest and highest plausible value of one figure, chosen among every app's figures."""

    figure = forms.ChoiceField(label="Tall", help_text="Tallet grensene gjelder for.")

    class Meta:
        model = FigureLimit
        fields = ["minimum", "maximum"]
        help_texts = {
            "minimum": "Et lavere tall spørres om når det registreres. Tomt: ingen nedre grense.",
            "maximum": "Et høyere tall spørres om når det registreres. Tomt: ingen øvre grense.",
        }

    field_order = ["figure", "minimum", "maximum"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Velg tallet")]
        for kind in plausibility.kinds():
            options = [(f"{kind.key}|{pk}|{measure}", name) for pk, measure, name in kind.choices()]
            choices.append((kind.label, options))
        self.fields["figure"].choices = choices
        self.fields["figure"].error_messages["required"] = "Velg tallet grensene gjelder for."
        if self.instance.pk:
            self.fields["figure"].initial = f"{self.instance.kind}|{self.instance.figure_id}|{self.instance.measure}"
            self.fields["figure"].disabled = True
        self.names = {value: name for _, options in choices[1:] for value, name in options}

    def clean_figure(self):
        value = self.cleaned_data["figure"]
        kind, figure_id, measure = value.split("|")
        others = FigureLimit.objects.filter(kind=kind, figure_id=figure_id, measure=measure).exclude(
            pk=self.instance.pk
        )
        if others.exists():
            raise ValidationError("Tallet har allerede grenser. Endre dem i stedet.")
        self.instance.kind, self.instance.figure_id, self.instance.measure = kind, int(figure_id), measure
        self.instance.name = self.names.get(value, self.instance.name)[:300]
        return value


class ServiceUnitForm(NorwegianModelForm):
    class Meta:
        model = ServiceUnit
        fields = ["name", "short_name", "sort_order", "active", "valid_from", "valid_until", "successors"]
        widgets = {"successors": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successors"].help_text += " Hold Ctrl (Cmd på Mac) nede for å velge flere."

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        # The unit as the form would save it (the instance is filled in only after clean).
        unit = ServiceUnit(
            pk=self.instance.pk, name=cleaned.get("name") or "",
            valid_from=cleaned.get("valid_from"), valid_until=cleaned.get("valid_until"),
        )  # fmt: skip
        for message in successor_errors(unit, cleaned.get("successors") or []):
            self.add_error("successors", message)
        if unit.pk:  # a unit that succeeds others may not start before they ended
            for predecessor in self.instance.predecessors.all():
                for message in successor_errors(predecessor, [unit]):
                    self.add_error("valid_from", message)
        return cleaned


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
        validators=[validate_no_national_id],
    )


class UserForm(forms.ModelForm):
    role = forms.ChoiceField(label="Rolle", choices=[(r, r) for r in ROLES])
    password = forms.CharField(
        label="Nytt passord",
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=f"{PASSWORD_HELP} La feltet stå tomt for å beholde passordet.",
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
            self.fields["password"].help_text = PASSWORD_HELP

    def _post_clean(self):
        # Validated once the instance holds the typed username and names (as Django's own user
        # creation form does), so a password like the new user's name is refused.
        super()._post_clean()
        password = self.cleaned_data.get("password")
        if password:
            try:
                password_validation.validate_password(password, self.instance)
            except ValidationError as error:
                self.add_error("password", error)

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.cleaned_data.get("password"):
            user.set_password(self.cleaned_data["password"])
        user.save()
        user.groups.remove(*Group.objects.filter(name__in=ROLES))
        user.groups.add(Group.objects.get(name=self.cleaned_data["role"]))
        return user


class BulkTemplateForm(forms.Form):
    """The kind of figures and the period a template is downloaded for (horeport/bulk.py)."""

    skjema = forms.ChoiceField(label="Hvilke tall", error_messages={"required": "Velg hvilke tall malen skal gjelde."})
    periode = forms.ChoiceField(
        label="Periode", error_messages={"required": "Velg en periode.", "invalid_choice": "Velg en periode i listen."}
    )

    def __init__(self, *args, kinds, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = {kind.slug: kind for kind in kinds}
        self.fields["skjema"].choices = [(kind.slug, kind.title) for kind in kinds]
        self.fields["skjema"].error_messages["invalid_choice"] = "Velg hvilke tall malen skal gjelde, i listen."
        self.fields["periode"].choices = periods

    def clean(self):
        cleaned = super().clean()
        kind = self.kinds.get(cleaned.get("skjema"))
        if kind is not None and cleaned.get("periode"):
            period = Period.parse(cleaned["periode"])
            error = kind.period_error(period)
            if error:
                self.add_error("periode", error)
            cleaned["kind"], cleaned["period"] = kind, period
        return cleaned


class BulkUploadForm(forms.Form):
    file = forms.FileField(
        label="Utfylt mal",
        help_text="Malen som .xlsx, slik du lastet den ned og fylte den ut.",
        error_messages={"required": "Velg en fil å laste opp.", "empty": "Filen er tom."},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
