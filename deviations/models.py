"""The deviation register (avviksregister): quality deviations and deviations sent to the hospital."""

from __future__ import annotations

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from horeport.formatting import nb_datetime
from horeport.models import PreviewedImport, ServiceUnit, TrackedModel, TrackedQuerySet, unit_date_error


class Category(models.Model):
    """A kind of deviation (legemiddelavvik, vold og trusler, fall …): reference data."""

    name = models.CharField("navn", max_length=80, unique=True)
    description = models.CharField("beskrivelse", max_length=240, blank=True)
    active = models.BooleanField("aktiv", default=True, help_text="Bare aktive kategorier kan velges for nye avvik.")
    sort_order = models.PositiveIntegerField("rekkefølge", default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "avvikskategori"
        verbose_name_plural = "avvikskategorier"

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    REGISTERED = "registrert", "Registrert"
    IN_PROGRESS = "under_behandling", "Under behandling"
    CLOSED = "lukket", "Lukket"


class Severity(models.IntegerChoices):
    """The consequence of the event, on the four steps common in Norwegian health services'
    quality systems (the consequence axis of a risk matrix)."""

    INSIGNIFICANT = 1, "1 – Ubetydelig"
    MINOR = 2, "2 – Mindre alvorlig"
    SERIOUS = 3, "3 – Alvorlig"
    CRITICAL = 4, "4 – Svært alvorlig"


SEVERITY_HELP = (
    "1 Ubetydelig: ingen skade. 2 Mindre alvorlig: forbigående, liten skade. "
    "3 Alvorlig: betydelig skade eller behov for behandling. 4 Svært alvorlig: varig skade eller død."
)


class DeviationQuerySet(TrackedQuerySet):
    def registered_in(self, start: datetime.date, end: datetime.date):
        return self.filter(registered_on__gte=start, registered_on__lte=end)

    def closed_by(self, cutoff: datetime.date):
        return self.filter(status=Status.CLOSED, closed_on__lte=cutoff)

    def open_at(self, day: datetime.date):
        """Registered by the day and not closed by it."""
        return self.filter(registered_on__lte=day).exclude(status=Status.CLOSED, closed_on__lte=day)

    def internal(self):
        """The municipality's own deviations (not those sent to the hospital)."""
        return self.filter(to_hospital=False)


class Deviation(TrackedModel):
    """One deviation (avvik): what happened, what was done and learnt, and where it stands."""

    lock_field = "registered_on"

    reference = models.CharField(
        "saksnummer", max_length=40, unique=True,
        help_text="Saksnummeret i kommunens avvikssystem, for eksempel AVV-2016-00123.",
        error_messages={"unique": "Et avvik med dette saksnummeret finnes allerede."},
    )  # fmt: skip
    category = models.ForeignKey(Category, models.PROTECT, related_name="deviations", verbose_name="kategori")
    unit = models.ForeignKey(ServiceUnit, models.PROTECT, related_name="deviations", verbose_name="virksomhet")
    occurred_on = models.DateField("hendelsesdato", help_text="Datoen hendelsen skjedde.")
    registered_on = models.DateField("registrert", help_text="Datoen avviket ble meldt.")
    severity = models.PositiveSmallIntegerField(
        "alvorlighetsgrad", choices=Severity.choices, default=Severity.INSIGNIFICANT, help_text=SEVERITY_HELP
    )
    description = models.TextField(
        "hva skjedde", help_text="Beskriv hendelsen uten navn, fødselsnummer eller andre personopplysninger."
    )
    immediate_action = models.TextField("strakstiltak", blank=True, help_text="Det som ble gjort med en gang.")
    measures = models.TextField(
        "tiltak", blank=True, help_text="Tiltak for å hindre at det skjer igjen. Må fylles ut før avviket lukkes."
    )
    learning = models.TextField("læring", blank=True, help_text="Hva virksomheten har lært (læringsløyfe).")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.REGISTERED)
    closed_on = models.DateField("lukket dato", null=True, blank=True)
    to_hospital = models.BooleanField(
        "avvik til sykehus", default=False,
        help_text="Avviket gjelder sykehusets håndtering og er sendt dit (læringsløyfe med sykehuset).",
    )  # fmt: skip
    counterpart = models.CharField(
        "sykehus",
        max_length=120,
        blank=True,
        help_text="Hvilket sykehus avviket er sendt til, for eksempel lokalsykehuset.",
    )

    objects = DeviationQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on", "-reference"]
        verbose_name = "avvik"
        verbose_name_plural = "avvik"
        indexes = [
            # The list's order (newest first, then the reference), read backwards: a deep page walks
            # the index instead of sorting the register.
            models.Index(fields=["registered_on", "reference"], name="deviations_list_order"),
            models.Index(fields=["status", "closed_on"]),
        ]

    def __str__(self):
        return f"{self.reference} ({self.category_name})"

    def get_absolute_url(self):
        return reverse("deviations:detail", args=[self.pk])

    @property
    def category_name(self) -> str:
        return self.category.name if self.category_id else "uten kategori"

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    # -- the lock: a deviation's place in time is its registration and its closing ----------
    # The registered and processed counts of a period depend on the registration date with what
    # is counted by it, and on the closing; the text (what happened, measures, learning) is not
    # counted and may be completed after the period is locked.
    lock_groups = {
        "registered_on": ("registered_on", "occurred_on", "category", "unit", "severity", "to_hospital"),
        "closed_on": ("status", "closed_on"),
    }
    free_fields = ("reference", "description", "immediate_action", "measures", "learning", "counterpart")

    # -- rules ---------------------------------------------------------------------------

    def clean(self):
        errors: dict[str, list[str]] = {}

        def add(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        today = timezone.localdate()
        if self.registered_on and self.registered_on > today:
            add("registered_on", "Registreringsdatoen kan ikke være fram i tid.")
        if self.occurred_on and self.registered_on and self.occurred_on > self.registered_on:
            add("occurred_on", "Hendelsen kan ikke ha skjedd etter at avviket ble registrert.")
        # The event happened at the unit: it must have existed then (a deviation from before a
        # reorganisation may be registered after it, on the unit that has since ended).
        if message := unit_date_error(self, date_field="occurred_on", when="på hendelsesdatoen"):
            add("unit", message)
        if self.is_closed:
            if not self.closed_on:
                add("closed_on", "Skriv når avviket ble lukket.")
            elif self.registered_on and self.closed_on < self.registered_on:
                add("closed_on", "Avviket kan ikke lukkes før det ble registrert.")
            elif self.closed_on > today:
                add("closed_on", "Lukket dato kan ikke være fram i tid.")
            if not (self.measures or "").strip():
                add("measures", "Beskriv tiltakene før avviket lukkes.")
        elif self.closed_on:
            add("closed_on", "Lukket dato fylles bare ut når status er «Lukket».")
        if self.to_hospital and not (self.counterpart or "").strip():
            add("counterpart", "Skriv hvilket sykehus avviket er sendt til.")
        elif not self.to_hospital and (self.counterpart or "").strip():
            add("counterpart", "Sykehus fylles bare ut for avvik som er sendt til sykehus.")
        try:
            super().clean()  # the period lock
        except ValidationError as error:
            errors.setdefault(NON_FIELD_ERRORS, []).extend(error.messages)
        if errors:
            raise ValidationError(errors)


class ImportBatch(PreviewedImport):
    """An uploaded register extract, kept between its preview and its confirmation."""

    registrator_may_edit = True  # staff who register deviations import them too

    # A large file (over IMPORT_IMMEDIATE_ROWS rows) is not kept in `rows`: it stays on disk and is
    # read in chunks by the preview and the saving job (deviations/tasks.py), and the preview keeps
    # only its counts and the rows it lists. Changes since the preview are found in the history.
    path = models.CharField("fil på disk", max_length=500, blank=True)
    row_count = models.PositiveIntegerField("rader", default=0)
    previewed_at = models.DateTimeField("forhåndsvist", null=True, blank=True)
    preview = models.JSONField("forhåndsvisning", default=dict, blank=True)

    class Meta(PreviewedImport.Meta):
        verbose_name = "import av avvik"
        verbose_name_plural = "importer av avvik"

    def __str__(self):
        return f"{self.filename} ({nb_datetime(self.created_at)})"

    @property
    def is_large(self) -> bool:
        return bool(self.path)
