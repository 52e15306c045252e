from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from horeport import plausibility
from horeport.editing import refusal
from horeport.fields import DateField, NorwegianDecimalField
from horeport.forms import ServiceUnitForm, TrackedModelForm
from horeport.models import PeriodLock, ServiceUnit, SiteSettings


class ReadOnlyAdmin(admin.ModelAdmin):
    """A model the admin only shows: it is made and changed elsewhere in the product, or never."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


ADMIN_NOTE = "Lagret i administrasjonen."  # after the reason of a figure questioned there


class TrackedAdmin(SimpleHistoryAdmin):
    """The Django admin of a figure or register entry, on the one write path: the change form
    carries the version it was opened at, a row inside a locked period shows its held fields
    read-only, deletes and bulk deletes are checked against the locks, an implausible figure is
    listed for checking, and every refusal is a message, never a server error."""

    form = TrackedModelForm
    # Dates the product reports on (1900–2999): a date outside them has no period, refused with a message.
    # Numbers as the entry pages take them: "54,55", "54.55", "3 084".
    formfield_overrides = {
        models.DateField: {"form_class": DateField, "widget": widgets.AdminDateWidget},
        models.DecimalField: {"form_class": NorwegianDecimalField},
    }

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The version is the form's own hidden field, not a model field the form edits.
        fields = kwargs["fields"] if "fields" in kwargs else flatten_fieldsets(self.get_fieldsets(request, obj))
        if fields is not None:
            kwargs["fields"] = [name for name in fields if name != "version"]
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request, obj, form, change):
        """Saved as the admin asks, without a question; a figure far from its own history
        (horeport/plausibility.py) is put on the list of figures to check («Tall som skal
        kontrolleres» on the reporting status) as confirmed by whoever saved it here, and said."""
        plausibility.forms_check([form])  # the questions an entry page would ask
        for warning in form.warnings.values():
            warning.reason = f"{warning.reason} {ADMIN_NOTE}"
        super().save_model(request, obj, form, change)
        flags = plausibility.forms_record([form], user=request.user)
        for flag in flags:
            self.message_user(
                request,
                f"{flag.name}, {flag.period.label}: {flag.reason} Tallet er lagret og står under «Tall som skal "
                "kontrolleres» på Rapporteringsstatus til noen har kontrollert det.",
                messages.WARNING,
            )

    def _change_url(self, obj):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    def _changelist_url(self):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:  # refused after the form's checks: a race
            self.message_user(request, refusal(error), messages.ERROR)
            return redirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            lock = obj.locked_by(deleting=True)
            if lock is not None:
                self.message_user(request, lock.message, messages.ERROR)
                return redirect(self._change_url(obj))
        try:
            return super().delete_view(request, object_id, extra_context)
        except (ValidationError, ProtectedError) as error:
            text = refusal(error) if isinstance(error, ValidationError) else "Posten er i bruk og kan ikke slettes."
            self.message_user(request, text, messages.ERROR)
            return redirect(self._changelist_url())

    # Django's "delete selected", in its place (an action of the ModelAdmin's own replaces the site's
    # action of the same name).
    actions = ["delete_selected"]

    @admin.action(permissions=["delete"], description=django_delete_selected.short_description)
    def delete_selected(self, request, queryset):
        """Refused whole when any of the selected rows lies in a locked period."""
        locks = list(PeriodLock.objects.active())
        locked = [(obj, lock) for obj in queryset if (lock := obj.locked_by(deleting=True, locks=locks))]
        if locked:
            names = "; ".join(f"{obj} ({lock.period.label})" for obj, lock in locked[:10])
            more = f" og {len(locked) - 10} til" if len(locked) > 10 else ""
            self.message_user(
                request,
                f"Ingenting er slettet: {len(locked)} av de valgte ligger i en låst periode: {names}{more}.",
                messages.ERROR,
            )
            return None
        return django_delete_selected(self, request, queryset)

    def delete_queryset(self, request, queryset):
        try:
            super().delete_queryset(request, queryset)
        except ValidationError as error:  # locked or changed between the confirmation and the delete
            self.message_user(request, refusal(error), messages.ERROR)


@admin.register(ServiceUnit)
class ServiceUnitAdmin(SimpleHistoryAdmin):
    form = ServiceUnitForm  # the successors' dates are checked against the unit's, as on the unit page
    list_display = ["name", "short_name", "active", "valid_from", "valid_until", "sort_order"]
    filter_horizontal = ["successors"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["municipality_name", "department_name"]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()  # one row (SiteSettings.current); a second collides on PostgreSQL


@admin.register(PeriodLock)
class PeriodLockAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """Read only: a period is locked by publishing (or under Innstillinger → Låste perioder) and
    unlocked there with a reason; nothing else changes a lock."""

    list_display = ["period", "reason", "locked_at", "locked_by", "unlocked_at", "unlocked_by"]
