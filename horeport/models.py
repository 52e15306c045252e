"""What every app shares: service units, the site's own settings, period locks, and the
base for every model that holds figures or register entries (`TrackedModel`)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from horeport.fields import PeriodField
from horeport.formatting import nb_date, nb_datetime
from horeport.periods import InvalidPeriod, Period


class ServiceUnitQuerySet(models.QuerySet):
    def in_force(self, period: Period):
        """The units whose validity overlaps the period (from and until are both inclusive)."""
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=period.end),
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=period.start),
        )


class ServiceUnit(models.Model):
    """A service unit (virksomhet) inside the department, valid from and until a date: a
    reorganisation ends units and starts their successors (seks hjemmetjenester blir fire)."""

    name = models.CharField("navn", max_length=120, unique=True)
    short_name = models.CharField("kortnavn", max_length=40, blank=True)
    active = models.BooleanField(
        "aktiv", default=True,
        help_text="Ikke aktiv: virksomheten tilbys ikke lenger i nye registreringer (avvik). "
        "Tall per periode styres av gyldighetsdatoene.",
    )  # fmt: skip
    sort_order = models.PositiveIntegerField("rekkefølge", default=0)
    valid_from = models.DateField(
        "gjelder fra", null=True, blank=True,
        help_text="Første dag virksomheten finnes, for eksempel 01.01.2017 etter en omorganisering. "
        "Tomt: fra før de første tallene.",
    )  # fmt: skip
    valid_until = models.DateField(
        "gjelder til og med", null=True, blank=True,
        help_text="Siste dag virksomheten finnes, for eksempel 31.12.2016. Tomt: så lenge den finnes.",
    )  # fmt: skip
    successors = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="predecessors", verbose_name="etterfølgere",
        help_text="Virksomhetene som overtok oppgavene da denne ble avviklet (én eller flere). "
        "De må gjelde fra dagen etter at denne sluttet, eller senere.",
    )  # fmt: skip
    history = HistoricalRecords()

    objects = ServiceUnitQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "virksomhet"
        verbose_name_plural = "virksomheter"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": f"Virksomheten kan ikke slutte før den begynner ({nb_date(self.valid_from)})."}
            )

    def in_force(self, period: Period) -> bool:
        """Whether the unit's validity overlaps the period."""
        return (self.valid_from is None or self.valid_from <= period.end) and (
            self.valid_until is None or self.valid_until >= period.start
        )

    @property
    def has_ended(self) -> bool:
        """Whether the unit's last day is past (after a reorganisation)."""
        return self.valid_until is not None and self.valid_until < timezone.localdate()

    @property
    def validity_label(self) -> str:
        """ "fra 01.01.2017", "til og med 31.12.2016", "01.01.2015–31.12.2016" or ""."""
        if self.valid_from and self.valid_until:
            return f"{nb_date(self.valid_from)}–{nb_date(self.valid_until)}"
        if self.valid_from:
            return f"fra {nb_date(self.valid_from)}"
        if self.valid_until:
            return f"til og med {nb_date(self.valid_until)}"
        return ""

    def in_force_on(self, day: datetime.date) -> bool:
        """Whether the unit exists on the day (from and until are both inclusive)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or self.valid_until >= day
        )

    def not_in_force_message(self, period: Period) -> str:
        """Why a figure for the period is refused: "… gjelder fra 01.01.2017, ikke i 2016 (…)"."""
        return (
            f"{self._validity_sentence()} og finnes ikke i {period.label}. "
            "Registrer tallet på virksomhetene som fantes da."
        )

    def not_in_force_on_message(self, day: datetime.date, when: str) -> str:
        """Why a register entry dated `day` is refused, naming the successors after the unit ended:
        "… gjelder til og med 31.12.2016 og fantes ikke på hendelsesdatoen, 03.01.2017. Velg …"."""
        successors = [s.name for s in self.successors.all()] if self.valid_until and day > self.valid_until else []
        if len(successors) == 1:
            advice = f"Velg etterfølgeren, {successors[0]}."
        elif successors:
            advice = f"Velg en av etterfølgerne: {', '.join(successors[:-1])} eller {successors[-1]}."
        else:
            advice = "Velg virksomheten som fantes da."
        return f"{self._validity_sentence()} og fantes ikke {when}, {nb_date(day)}. {advice}"

    def _validity_sentence(self) -> str:
        return f"{self.name} gjelder {self.validity_label}"


def unit_date_error(entry: models.Model, *, date_field: str, when: str) -> str:
    """Why a register entry's unit did not exist on the entry's date ("" when it did). Checked only
    when the entry is new or its unit or date changed, so an entry saved before its unit got dates
    stays editable."""
    unit = entry.unit if entry.unit_id else None
    day = getattr(entry, date_field)
    if unit is None or day is None or unit.in_force_on(day):
        return ""
    loaded = getattr(entry, "_loaded", None)
    if loaded is not None and (loaded.get("unit_id"), loaded.get(date_field)) == (entry.unit_id, day):
        return ""
    return unit.not_in_force_on_message(day, when)


def successor_errors(unit: ServiceUnit, successors) -> list[str]:
    """What is wrong with a unit's successors, in Norwegian (empty when they are fine): a
    successor must not be the unit itself, and must start after the unit ends."""
    errors = []
    for successor in successors:
        if unit.pk and successor.pk == unit.pk:
            errors.append("En virksomhet kan ikke være sin egen etterfølger.")
        elif unit.valid_until is None:
            errors.append(f"{unit.name or 'Virksomheten'} har etterfølgere og må ha en sluttdato (gjelder til og med).")
            break
        elif successor.valid_from is None or successor.valid_from <= unit.valid_until:
            first_day = nb_date(unit.valid_until + datetime.timedelta(days=1))
            errors.append(
                f"{successor.name} må gjelde fra {first_day} eller senere for å etterfølge "
                f"{unit.name or 'virksomheten'}, som gjelder til og med {nb_date(unit.valid_until)}."
            )
    return errors


class SiteSettings(models.Model):
    """The municipality's own name, department and logo: one row, edited by an administrator."""

    municipality_name = models.CharField("kommunens navn", max_length=120, default="Kommune")
    department_name = models.CharField("tjenesteområde", max_length=120, default="Helse og omsorg")
    due_day = models.PositiveSmallIntegerField(
        "frist for tall (dag i måneden etter)", default=10, validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text="Tallene for en måned skal være registrert innen denne dagen i måneden etter.",
    )  # fmt: skip
    plausibility_percent = models.PositiveSmallIntegerField(
        "rimelig endring fra i fjor (prosent)", default=50, validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="Et tall som er mer enn så mange prosent over eller under samme periode i fjor, spørres om "
        "når det registreres. Gjelder tall uten egne grenser.",
    )  # fmt: skip
    registering_office = models.CharField(
        "hvem registrerer tallene", max_length=120, blank=True,
        help_text="Kontoret som registrerer tallene, for eksempel servicetorget. Tomt: «Tallene registreres sentralt».",
    )  # fmt: skip
    strategy_name = models.CharField(
        "navn på strategien", max_length=120, blank=True,
        help_text="Navnet på tjenesteområdets strategidokument, for eksempel «Strategi 2025». Tomt: «Strategier».",
    )  # fmt: skip
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

    @property
    def registered_by_text(self) -> str:
        """ "Tallene registreres av servicetorget." or, without an office, "Tallene registreres sentralt." """
        return (
            f"Tallene registreres av {self.registering_office}."
            if self.registering_office
            else ("Tallene registreres sentralt.")
        )

    @property
    def strategy_label(self) -> str:
        return self.strategy_name or "Strategier"


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
    history = HistoricalRecords()

    class Meta:
        ordering = ["-locked_at"]
        verbose_name = "periodelås"
        verbose_name_plural = "periodelåser"

    def __str__(self):
        return f"{self.period.label}: {self.reason}"

    @property
    def is_active(self) -> bool:
        return self.unlocked_at is None

    def covers(self, value: Period | datetime.date | str | None) -> bool:
        if isinstance(value, str):  # a period typed into a row not saved yet
            try:
                value = Period.parse(value)
            except InvalidPeriod:
                return False
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
        from horeport.validators import validate_no_national_id

        if not reason.strip():
            raise ValidationError({"unlock_reason": "Skriv hvorfor perioden låses opp."})
        validate_no_national_id(reason)
        self.unlocked_at = timezone.now()
        self.unlocked_by = user
        self.unlock_reason = reason.strip()
        self.save(update_fields=["unlocked_at", "unlocked_by", "unlock_reason"])

    # A lock is made by `period_lock` and ended by `unlock`, with a reason; nothing else changes it.
    UNLOCK_FIELDS = ("unlocked_at", "unlocked_by", "unlock_reason")

    def save(self, *args, **kwargs):
        if not self._state.adding:
            stored = PeriodLock.objects.filter(pk=self.pk).first()
            if stored is not None:
                fixed = [f.attname for f in self._meta.concrete_fields if f.name not in self.UNLOCK_FIELDS]
                if any(getattr(stored, name) != getattr(self, name) for name in fixed) or (
                    not stored.is_active
                    and (stored.unlocked_at, stored.unlock_reason) != (self.unlocked_at, self.unlock_reason)
                ):
                    raise ValidationError(
                        "En periodelås kan ikke endres. Lås perioden opp med en begrunnelse, og lås på nytt.",
                        code="lock_fixed",
                    )
                if self.unlocked_at is not None and not self.unlock_reason.strip():
                    raise ValidationError({"unlock_reason": "Skriv hvorfor perioden låses opp."})
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("En periodelås slettes ikke. Lås den opp med en begrunnelse.", code="lock_fixed")


def period_lock(*, period: Period, reason: str, user=None) -> PeriodLock:
    """Lock a period (a manual lock, or a published report)."""
    return PeriodLock.objects.create(period=period, reason=reason, locked_by=user)


class PeriodLockedError(ValidationError):
    """A change to a figure or entry inside a locked period."""

    def __init__(self, lock: PeriodLock):
        self.lock = lock
        super().__init__(lock.message, code="locked")


class StaleEditError(ValidationError):
    """Someone else saved (or deleted) the record after this form, grid or import preview was opened."""

    def __init__(self, instance, *, deleted: bool = False):
        super().__init__(deleted_message() if deleted else stale_message(instance), code="stale")


def last_change(instance) -> str:
    """Who changed a row last, and when: " av Anne Administrator 29.11.2026 kl. 08:12"."""
    latest = instance.history.order_by("-history_date").select_related("history_user").first()
    if latest is None:
        return ""
    user = latest.history_user
    name = (user.get_full_name() or user.get_username()) if user else "en annen bruker"
    return f" av {name} {nb_datetime(latest.history_date)}"


def stale_message(instance) -> str:
    """The one message for a refused stale save: who changed the row, and when."""
    return (
        f"Denne posten ble endret{last_change(instance)} etter at du åpnet skjemaet. Endringen din er ikke lagret. "
        "Last inn siden på nytt for å se den nye verdien, og gjør endringen igjen."
    )


def deleted_message() -> str:
    return (
        "Denne posten ble slettet av en annen bruker etter at du åpnet skjemaet. Endringen din er ikke lagret. "
        "Last inn siden på nytt og gjør endringen igjen."
    )


class OneSourceError(ValidationError):
    """A figure for a period that already has figures from another source (its months, or an aggregate)."""


# A row's state as stored: field attname -> value ("category_id", "period", "registered_on" ...).
State = dict


class TrackedQuerySet(models.QuerySet):
    """Bulk writes of tracked rows go through the same checks as one row's save and delete."""

    def delete(self):
        """Delete row by row (locks, history), all or none."""
        with transaction.atomic(using=self.db):
            rows = list(self)
            for row in rows:
                row.delete()
        return len(rows), {self.model._meta.label: len(rows)}

    delete.alters_data = True
    delete.queryset_only = True

    def update(self, **kwargs):
        raise TypeError(
            f"{self.model.__name__} is written row by row through save(): update() would pass by its "
            "version, its locks and its history."
        )

    def bulk_create(self, objs, *args, history: bool = True, **kwargs):
        """Create many rows at once (demo data): each is checked as one save would be, and its
        history kept (`history=False` where the caller writes a history of its own)."""
        objs = list(objs)
        locks = list(PeriodLock.objects.active())
        for obj in objs:
            obj.check_writable(locks=locks)
        created = super().bulk_create(objs, *args, **kwargs)
        if history:
            self.model.history.bulk_history_create([obj for obj in created if obj.pk is not None])
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        raise TypeError(f"{self.model.__name__} is written row by row through save().")


class TrackedModel(models.Model):
    """A figure or register entry, written through the one write path.

    Whatever writes a row (a form, an entry grid, an import, the Django admin, a command), its
    `save` and `delete` here:
    - refuse a stale change: the row changed or was deleted since it was read (`version`);
    - refuse a change to what a locked period's figures depend on, naming the lock;
    - refuse free text holding a fødselsnummer;
    - refuse a second source for a period (months beside an entered half-year or year aggregate);
    - keep every change, with who and when (django-simple-history).

    The snapshot of the row as loaded is taken here. A model declares only what is its own:
    - `lock_field`: the field that places a row in time (a `PeriodField` or a date);
    - `lock_groups`: where a model has several dates, which fields each date anchors
      (default: every field is anchored by `lock_field`);
    - `free_fields`: text no figure counts, editable in a locked period;
    - `source_series`: the fields naming a series whose periods may not overlap;
    - `touched(before, after)`: a pure function from two stored states to the periods or dates a
      change alters, where the default from `lock_groups` is not enough.
    """

    lock_field: str = "period"
    lock_groups: dict[str, tuple[str, ...]] | None = None
    free_fields: tuple[str, ...] = ()
    source_series: tuple[str, ...] = ()
    # Roles: a Registrator may add, change and delete rows of every TrackedModel.
    registrator_may_edit = True

    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(inherit=True)

    objects = TrackedQuerySet.as_manager()

    class Meta:
        abstract = True

    # -- what a model declares ----------------------------------------------------------------

    @classmethod
    def anchors(cls) -> dict[str, tuple[str, ...]]:
        """Each field that places the row in time, with the attnames of the fields it anchors."""
        meta = cls._meta
        free = {meta.get_field(name).attname for name in cls.free_fields} | {"version", meta.pk.attname}
        if cls.lock_groups is None:
            counted = tuple(f.attname for f in meta.concrete_fields if f.attname not in free)
            return {meta.get_field(cls.lock_field).attname: counted}
        return {
            meta.get_field(anchor).attname: tuple(meta.get_field(name).attname for name in names)
            for anchor, names in cls.lock_groups.items()
        }

    @classmethod
    def touched(cls, before: State | None, after: State | None) -> list:
        """The periods or dates whose figures a change from `before` to `after` alters (None:
        created or deleted). By default each anchor's old and new value, where a field it
        anchors changed."""
        points = []
        for anchor, fields in cls.anchors().items():
            if before is None or after is None or any(before.get(f) != after.get(f) for f in fields):
                points += [state.get(anchor) for state in (before, after) if state is not None]
        return points

    # -- the snapshot ---------------------------------------------------------------------------

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded = instance._current_state()
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._loaded = self._current_state()

    def _current_state(self) -> State:
        return {f.attname: self.__dict__[f.attname] for f in self._meta.concrete_fields if f.attname in self.__dict__}

    def _stored_state(self) -> State | None:
        """The row as it was read (None for a new row); fields not read are fetched once."""
        if self._state.adding or self.pk is None:
            return None
        loaded = getattr(self, "_loaded", None)
        missing = [f.attname for f in self._meta.concrete_fields if loaded is None or f.attname not in loaded]
        if missing:
            stored = type(self)._base_manager.filter(pk=self.pk).values(*missing).first()
            if stored is None:
                return None if loaded is None else loaded
            loaded = {**(loaded or {}), **stored}
            self._loaded = loaded
        return loaded

    def states(self, *, deleting: bool = False) -> tuple[State | None, State | None]:
        """The row before and after this change (None: not stored yet, or being deleted)."""
        before = self._stored_state()
        after = None if deleting else {**(before or {}), **self._current_state()}
        return before, after

    # -- the checks -------------------------------------------------------------------------------

    def lock_points(self, *, deleting: bool = False) -> list:
        """The periods or dates this change alters the figures of."""
        before, after = self.states(deleting=deleting)
        if before is not None and after is not None:
            free = {self._meta.get_field(name).attname for name in self.free_fields} | {"version"}
            if all(after[name] == before.get(name) for name in after if name not in free):
                return []
        return [point for point in dict.fromkeys(self.touched(before, after)) if point is not None]

    def locked_by(self, *, deleting: bool = False, locks: list[PeriodLock] | None = None) -> PeriodLock | None:
        """The active lock that forbids this change, if any."""
        points = self.lock_points(deleting=deleting)
        if not points:
            return None
        locks = list(PeriodLock.objects.active()) if locks is None else locks
        return next((lock for point in points for lock in locks if lock.covers(point)), None)

    def held_fields(self, locks: list[PeriodLock] | None = None) -> tuple[PeriodLock | None, set[str]]:
        """Where the row stands now: the lock holding it, and the fields that lock holds (shown
        read-only in a form). A new row counts where its anchors already place it (a grid's row)."""
        state = self._stored_state() or self._current_state()
        locks = list(PeriodLock.objects.active()) if locks is None else locks
        first, held = None, set()
        names = {f.attname: f.name for f in self._meta.concrete_fields}
        for anchor, fields in self.anchors().items():
            value = state.get(anchor)
            lock = next((lock for lock in locks if lock.covers(value)), None)
            if lock is not None:
                first = first or lock
                held |= {names[attname] for attname in fields}
        return first, held

    def personal_data_errors(self) -> dict[str, str]:
        """Free text that holds a fødselsnummer, by field."""
        from horeport.validators import contains_national_id, national_id_message

        return {
            field.name: national_id_message()
            for field in self._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and contains_national_id(getattr(self, field.attname, None))
        }

    def source_conflict(self, year_rows: list[TrackedModel] | None = None) -> TrackedModel | None:
        """A stored row of the same series whose period overlaps this one's (one source per period).
        `year_rows`: every stored row of the period's year, read once by a caller that cleans many rows."""
        period = getattr(self, self.lock_field, None)
        if not self.source_series or not isinstance(period, Period):
            return None
        series = {self._meta.get_field(name).attname: None for name in self.source_series}
        series = {attname: getattr(self, attname) for attname in series}
        if year_rows is None:
            others = type(self)._base_manager.filter(**series).exclude(pk=self.pk)
            others = others.filter(**{f"{self.lock_field}__startswith": str(period.year)})
        else:
            others = [
                row for row in year_rows
                if row.pk != self.pk and all(getattr(row, name) == value for name, value in series.items())
            ]  # fmt: skip
        for other in others:
            other_period = getattr(other, self.lock_field)
            if other_period != period and (other_period in period or period in other_period):
                return other
        return None

    def source_message(self, other: TrackedModel) -> str:
        period, other_period = getattr(self, self.lock_field), getattr(other, self.lock_field)
        if period in other_period:
            return (
                f"Tall for {period.label} kan ikke registreres: {other_period.label} har et samlet tall ({other}), "
                f"og en periode har bare én kilde. Slett det samlede tallet for {other_period.label} først "
                "(det tas vare på i historikken), eller rett det i stedet."
            )
        return (
            f"Et samlet tall for {period.label} kan ikke registreres: det finnes tall for {other_period.label} "
            f"({other}), og en periode har bare én kilde. Slett tallene for {other_period.label} først "
            "(de tas vare på i historikken)."
        )

    def check_writable(
        self,
        *,
        deleting: bool = False,
        locks: list[PeriodLock] | None = None,
        personal_data: bool = True,
        year_rows: list[TrackedModel] | None = None,
    ) -> None:
        """Refuse a change inside a locked period, personal data and a second source."""
        lock = self.locked_by(deleting=deleting, locks=locks)
        if lock is not None:
            raise PeriodLockedError(lock)
        if deleting:
            return
        errors = self.personal_data_errors() if personal_data else {}
        if errors:
            raise ValidationError(errors)
        other = self.source_conflict(year_rows)
        if other is not None:
            raise OneSourceError({self.lock_field: self.source_message(other)}, code="source")

    def clean(self):
        super().clean()
        # In a form, each field's validator says it. `_active_locks` and `_year_rows`: the active locks
        # and the stored rows of the period's year, read once by a caller that cleans many rows (an
        # import), instead of once per row. Saving reads them again.
        self.check_writable(
            personal_data=False,
            locks=getattr(self, "_active_locks", None),
            year_rows=getattr(self, "_year_rows", None),
        )

    # -- writing --------------------------------------------------------------------------------

    def _claim_version(self) -> None:
        """Take the next version only if nobody else has: the row lock taken by this UPDATE holds
        until the transaction ends, on SQLite and PostgreSQL alike."""
        claimed = type(self)._base_manager.filter(pk=self.pk, version=self.version).update(version=self.version + 1)
        if not claimed:
            deleted = not type(self)._base_manager.filter(pk=self.pk).exists()
            raise StaleEditError(self, deleted=deleted)
        self.version += 1

    def save(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using")):
            self.check_writable()
            if not self._state.adding:
                self._claim_version()
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "version"}
            super().save(*args, **kwargs)
        self._loaded = self._current_state()

    save.alters_data = True

    def delete(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using")):
            self.check_writable(deleting=True)
            self._claim_version()
            return super().delete(*args, **kwargs)

    delete.alters_data = True


class PreviewedImport(models.Model):
    """An uploaded file kept between its preview and its confirmation (the deviation register's
    import, the figures entered through an Excel template).

    The preview records the `version` of every row it showed (None: a row it would add), keyed by
    a reference of the import's own; confirming re-plans against the database as it is then and
    refuses the whole file if any of those rows changed since (`changed_since_preview`)."""

    created_at = models.DateTimeField("lastet opp", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="lastet opp av"
    )
    filename = models.CharField("filnavn", max_length=255)
    checksum = models.CharField("sjekksum (SHA-256)", max_length=64)
    rows = models.JSONField("rader", default=list)  # the file's rows as read
    # The version of every row the last preview showed (None: would be added), by reference.
    versions = models.JSONField("versjoner ved forhåndsvisning", default=dict, blank=True)
    saved_at = models.DateTimeField("lagret", null=True, blank=True)
    summary = models.CharField("resultat", max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def versions_record(self, shown: dict[str, TrackedModel | None]) -> None:
        """Remember what the preview showed: each reference's row as stored then (None: not stored)."""
        versions = {
            reference: row.version if row is not None and row.pk is not None else None
            for reference, row in shown.items()
        }
        if versions != self.versions:
            self.versions = versions
            if self.pk is not None:
                self.save(update_fields=["versions"])

    def changed_since_preview(
        self, now: dict[str, TrackedModel | None], labels: dict[str, str] | None = None
    ) -> list[str]:
        """The rows that differ now from what the preview showed, one line each saying who changed
        it (`now`: each reference's row as stored now, None or unsaved where there is none)."""
        changed = []
        for reference, shown in self.versions.items():
            row = now.get(reference)
            current = row.version if row is not None and row.pk is not None else None
            if shown == current:
                continue
            label = (labels or {}).get(reference, reference)
            if current is None:
                changed.append(f"{label}: slettet etter forhåndsvisningen")
            elif shown is None:
                changed.append(f"{label}: registrert{last_change(row)} etter forhåndsvisningen")
            else:
                changed.append(f"{label}: endret{last_change(row)} etter forhåndsvisningen")
        return changed


class BulkUpload(PreviewedImport):
    """Figures entered through an Excel template (horeport/bulk.py), between preview and confirmation."""

    registrator_may_edit = True  # the staff who enter figures upload them too

    kind = models.CharField("skjema", max_length=40)
    period = PeriodField("periode")

    class Meta(PreviewedImport.Meta):
        verbose_name = "opplasting av tall"
        verbose_name_plural = "opplastinger av tall"

    def __str__(self):
        return f"{self.filename} ({timezone.localtime(self.created_at):%d.%m.%Y %H:%M})"


# -- plausibility (horeport/plausibility.py) ------------------------------------------------------


class FigureLimit(models.Model):
    """The lowest and highest plausible value an administrator set for one figure; where set, they
    replace the comparison with last year."""

    kind = models.CharField("type tall", max_length=40)  # a `plausibility.Figures.key`
    figure_id = models.PositiveIntegerField("tall")
    measure = models.CharField("mål", max_length=40, blank=True)
    name = models.CharField("tall", max_length=300)
    minimum = models.DecimalField("laveste rimelige verdi", max_digits=16, decimal_places=4, null=True, blank=True)
    maximum = models.DecimalField("høyeste rimelige verdi", max_digits=16, decimal_places=4, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "grense for rimelig verdi"
        verbose_name_plural = "grenser for rimelige verdier"
        constraints = [
            models.UniqueConstraint(fields=["kind", "figure_id", "measure"], name="horeport_one_limit_per_figure",
                                    violation_error_message="Tallet har allerede grenser. Endre dem i stedet."),
        ]  # fmt: skip

    def __str__(self):
        return self.name

    def clean(self):
        if self.minimum is None and self.maximum is None:
            raise ValidationError("Fyll inn en laveste eller en høyeste verdi, eller begge.")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValidationError({"maximum": "Den høyeste verdien kan ikke være lavere enn den laveste."})


class FlaggedFigureQuerySet(models.QuerySet):
    def unchecked(self):
        return self.filter(checked_at__isnull=True)


class FlaggedFigure(models.Model):
    """A figure entered although it was questioned as implausible, confirmed by the one who
    entered it; listed on the reporting status until someone marks it checked."""

    kind = models.CharField("type tall", max_length=40)
    figure_id = models.PositiveIntegerField("tall")
    measure = models.CharField("mål", max_length=40, blank=True)
    period = PeriodField("periode")
    unit = models.ForeignKey(ServiceUnit, models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="virksomhet")  # fmt: skip
    name = models.CharField("tall", max_length=300)
    url = models.CharField("lenke", max_length=300)
    value = models.DecimalField("verdi", max_digits=16, decimal_places=4)
    previous = models.DecimalField("samme periode i fjor", max_digits=16, decimal_places=4, null=True, blank=True)
    reason = models.CharField("merknad", max_length=300)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="bekreftet av")  # fmt: skip
    entered_at = models.DateTimeField("bekreftet", default=timezone.now)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="kontrollert av")  # fmt: skip
    checked_at = models.DateTimeField("kontrollert", null=True, blank=True)

    objects = FlaggedFigureQuerySet.as_manager()

    class Meta:
        ordering = ["-period", "name"]
        verbose_name = "spurt tall"
        verbose_name_plural = "spurte tall"
        permissions = [("check_flaggedfigure", "Kan merke spurte tall som kontrollert")]
        indexes = [models.Index(fields=["checked_at"], name="horeport_flag_checked")]

    def __str__(self):
        return f"{self.name}, {self.period.label}"

    @property
    def cell(self):
        from horeport.plausibility import Cell

        return Cell(self.kind, self.figure_id, self.measure, self.period, self.unit_id)

    def check_off(self, *, user) -> None:
        """Mark the figure checked: it leaves the reporting status's list."""
        self.checked_by, self.checked_at = user, timezone.now()
        self.save(update_fields=["checked_by", "checked_at"])


class JobStatus(models.TextChoices):
    QUEUED = "queued", "I kø"
    RUNNING = "running", "Pågår"
    DONE = "done", "Ferdig"
    FAILED = "failed", "Feilet"


JOB_STOPPED_MESSAGE = "Jobben stoppet uten å bli ferdig. Prøv igjen."


JOB_WAITING_MESSAGE = (
    "Jobben venter fortsatt på å bli startet. Den starter av seg selv når en bakgrunnsarbeider er ledig; "
    "står den lenge i kø, kan det være at ingen arbeider kjører. Si fra til en administrator."
)


def job_stale_before(now: datetime.datetime | None = None) -> datetime.datetime:
    """A running job that has not reported since this time has stopped (its worker died)."""
    return (now or timezone.now()) - datetime.timedelta(seconds=settings.JOB_STALE_SECONDS)


class JobQuerySet(models.QuerySet):
    def unfinished(self):
        """Jobs still waiting, or running and reporting: not done, not failed, not stopped."""
        return self.filter(
            models.Q(status=JobStatus.QUEUED) | models.Q(status=JobStatus.RUNNING, reported_at__gte=job_stale_before())
        )


class Job(models.Model):
    """Long work run in the background (an export, a report's file, publishing, an import): who
    asked, how far it has come, and its result: a file to download, or a page to go on to.

    The tasks framework has no progress of its own; a job's row is written outside the task's
    transaction (each update commits at once) so that its page can show it while it runs. Each
    report sets `reported_at`; a running job silent for longer than JOB_STALE_SECONDS has stopped
    (its worker died mid-job) and is shown as failed (`shown_status`), without writing to its row.
    """

    kind = models.CharField("type", max_length=40)
    title = models.CharField("tittel", max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name="bestilt av"
    )
    status = models.CharField("status", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField("ferdig", default=0)
    total = models.PositiveIntegerField("totalt", default=0)
    unit = models.CharField("enhet", max_length=20, default="rader")  # what done and total count
    message = models.CharField("melding", max_length=500, blank=True)  # why it failed, or what it did
    result_url = models.CharField("resultat", max_length=500, blank=True)  # the page the finished job leads to
    result_name = models.CharField("filnavn", max_length=200, blank=True)  # the name the file downloads as
    result_path = models.CharField("fil", max_length=500, blank=True)  # relative to settings.JOB_ROOT
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField("bestilt", default=timezone.now)
    reported_at = models.DateTimeField("sist meldt fra", default=timezone.now)  # each report of progress
    finished_at = models.DateTimeField("ferdig", null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "bakgrunnsjobb"
        verbose_name_plural = "bakgrunnsjobber"
        indexes = [models.Index(fields=["finished_at"])]

    def __str__(self):
        return f"{self.title} ({self.shown_status_label.lower()})"

    @property
    def is_stopped(self) -> bool:
        """Running, but silent for longer than JOB_STALE_SECONDS: its worker stopped mid-job."""
        return self.status == JobStatus.RUNNING and self.reported_at < job_stale_before()

    @property
    def shown_status(self) -> str:
        """The status a user reads: a stopped job has failed."""
        return JobStatus.FAILED if self.is_stopped else self.status

    @property
    def shown_status_label(self) -> str:
        return JobStatus(self.shown_status).label

    @property
    def shown_message(self) -> str:
        return JOB_STOPPED_MESSAGE if self.is_stopped else self.message

    @property
    def waiting_notice(self) -> str:
        """Said under a job that has waited in the queue for longer than JOB_QUEUE_NOTICE_SECONDS:
        no worker may be running (the job starts as soon as one is)."""
        waited = timezone.now() - self.created_at
        if self.status != JobStatus.QUEUED or waited.total_seconds() < settings.JOB_QUEUE_NOTICE_SECONDS:
            return ""
        return JOB_WAITING_MESSAGE

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.shown_status in (JobStatus.DONE, JobStatus.FAILED)
