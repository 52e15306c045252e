"""What every app shares: service units, the site's own settings, period locks, and the
base for every model that holds figures or register entries (`TrackedModel`)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from horeport.fields import PeriodField
from horeport.formatting import nb_date
from horeport.periods import Period


class ServiceUnit(models.Model):
    """A service unit (virksomhet) inside the department."""

    name = models.CharField("navn", max_length=120, unique=True)
    short_name = models.CharField("kortnavn", max_length=40, blank=True)
    active = models.BooleanField("aktiv", default=True)
    sort_order = models.PositiveIntegerField("rekkefølge", default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "virksomhet"
        verbose_name_plural = "virksomheter"

    def __str__(self):
        return self.name


class SiteSettings(models.Model):
    """The municipality's own name, department and logo: one row, edited by an administrator."""

    municipality_name = models.CharField("kommunens navn", max_length=120, default="Kommune")
    department_name = models.CharField("tjenesteområde", max_length=120, default="Helse og omsorg")
    logo = models.BinaryField("logo", blank=True, null=True, editable=False)
    logo_content_type = models.CharField(max_length=40, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["logo"])

    class Meta:
        verbose_name = "innstillinger"
        verbose_name_plural = "innstillinger"

    def __str__(self):
        return f"{self.municipality_name} – {self.department_name}"

    @classmethod
    def current(cls) -> SiteSettings:
        site, _ = cls.objects.get_or_create(pk=1)
        return site

    @property
    def has_logo(self) -> bool:
        return bool(self.logo_content_type)


class PeriodLockQuerySet(models.QuerySet):
    def active(self):
        return self.filter(unlocked_at__isnull=True)

    def covering(self, value: Period | datetime.date) -> PeriodLock | None:
        """The active lock that covers a figure's period (or a register entry's date)."""
        for lock in self.active().order_by("locked_at"):
            if lock.covers(value):
                return lock
        return None


class PeriodLock(models.Model):
    """A locked period: figures inside it cannot be changed until an administrator unlocks it.

    Locks are never deleted; unlocking records who, when and why.
    """

    period = PeriodField("periode")
    reason = models.CharField(
        "låst av", max_length=200, help_text="Hva som låste perioden, for eksempel en publisert rapport."
    )
    locked_at = models.DateTimeField("låst", default=timezone.now)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="låst av bruker",
    )  # fmt: skip
    unlocked_at = models.DateTimeField("låst opp", null=True, blank=True)
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="låst opp av",
    )  # fmt: skip
    unlock_reason = models.TextField("begrunnelse for opplåsing", blank=True)

    objects = PeriodLockQuerySet.as_manager()

    class Meta:
        ordering = ["-locked_at"]
        verbose_name = "periodelås"
        verbose_name_plural = "periodelåser"

    def __str__(self):
        return f"{self.period.label}: {self.reason}"

    @property
    def is_active(self) -> bool:
        return self.unlocked_at is None

    def covers(self, value: Period | datetime.date | None) -> bool:
        if value is None:
            return False
        if isinstance(value, Period):
            return value in self.period
        return self.period.start <= value <= self.period.end

    @property
    def message(self) -> str:
        return (
            f"Perioden {self.period.label} er låst ({self.reason}, {nb_date(timezone.localdate(self.locked_at))}). "
            "En administrator kan låse den opp med en begrunnelse."
        )

    def unlock(self, *, user, reason: str) -> None:
        if not reason.strip():
            raise ValidationError({"unlock_reason": "Skriv hvorfor perioden låses opp."})
        self.unlocked_at = timezone.now()
        self.unlocked_by = user
        self.unlock_reason = reason.strip()
        self.save(update_fields=["unlocked_at", "unlocked_by", "unlock_reason"])


def period_lock(*, period: Period, reason: str, user=None) -> PeriodLock:
    """Lock a period (a manual lock, or a published report)."""
    return PeriodLock.objects.create(period=period, reason=reason, locked_by=user)


class PeriodLockedError(ValidationError):
    """A change to a figure or entry inside a locked period."""

    def __init__(self, lock: PeriodLock):
        self.lock = lock
        super().__init__(lock.message, code="locked")


class StaleEditError(ValidationError):
    """Someone else saved the record after this form was opened."""

    def __init__(self, instance):
        super().__init__(stale_message(instance), code="stale")


def stale_message(instance) -> str:
    latest = instance.history.order_by("-history_date").select_related("history_user").first()
    who = ""
    if latest is not None:
        user = latest.history_user
        name = (user.get_full_name() or user.get_username()) if user else "en annen bruker"
        when = timezone.localtime(latest.history_date)
        who = f" av {name} {when:%d.%m.%Y kl. %H:%M}"
    return (
        f"Denne posten ble endret{who} etter at du åpnet skjemaet. Endringen din er ikke lagret. "
        "Last inn siden på nytt for å se den nye verdien, og gjør endringen igjen."
    )


class TrackedModel(models.Model):
    """A figure or register entry.

    - every change is kept (who, when, before, after) by django-simple-history;
    - a save from a stale form is refused (optimistic locking on `version`);
    - a change inside a locked period is refused with a message naming the lock.

    Subclasses name the field that places a row in time: `lock_field = "period"` (a
    `PeriodField`) or a date field for register entries (`lock_field = "registered_on"`).
    """

    lock_field: str = "period"
    # Roles: a Registrator may add, change and delete rows of every TrackedModel.
    registrator_may_edit = True

    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        if cls.lock_field in field_names:
            instance._loaded_lock_value = getattr(instance, cls.lock_field)
        return instance

    def lock_values(self) -> list:
        values = [getattr(self, self.lock_field, None)]
        loaded = getattr(self, "_loaded_lock_value", None)
        if loaded is not None and loaded != values[0]:
            values.append(loaded)  # moving a row out of a locked period is a change there too
        return [v for v in values if v is not None]

    def lock(self) -> PeriodLock | None:
        """The active lock that forbids changing this row, if any."""
        values = self.lock_values()
        if not values:
            return None
        locks = list(PeriodLock.objects.active())
        for value in values:
            for lock in locks:
                if lock.covers(value):
                    return lock
        return None

    def check_unlocked(self) -> None:
        lock = self.lock()
        if lock is not None:
            raise PeriodLockedError(lock)

    def clean(self):
        super().clean()
        self.check_unlocked()

    def save(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using")):
            self.check_unlocked()
            if not self._state.adding:
                # Claim the next version only if nobody else has: the row lock taken by this
                # UPDATE holds until the transaction ends, on SQLite and PostgreSQL alike.
                claimed = (
                    type(self)._base_manager.filter(pk=self.pk, version=self.version)
                    .update(version=self.version + 1)
                )  # fmt: skip
                if not claimed:
                    raise StaleEditError(self)
                self.version += 1
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "version"}
            super().save(*args, **kwargs)
        if self.lock_field:
            self._loaded_lock_value = getattr(self, self.lock_field, None)

    def delete(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using")):
            self.check_unlocked()
            return super().delete(*args, **kwargs)
