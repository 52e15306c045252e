"""The complaint register: complaints about the municipality's decisions (klagesaker), what the
municipality did with them, and the county governor's decision."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from complaints.authority import authority_name
from horeport.dated_names import LaterName, NamedOverTime, one_name_per_date
from horeport.formatting import nb_date
from horeport.models import PeriodLock, ServiceUnit, TrackedModel, unit_date_error
from horeport.validators import validate_no_national_id


class CaseType(NamedOverTime):
    """A kind of decision people complain about (reference data, kept by an administrator).

    A case type keeps the name it first had; later names are dated (`CaseTypeName`), so a 2016
    report says "Omsorgslønn" and a 2022 one "Omsorgsstønad".
    """

    name = models.CharField(
        "navn", max_length=80, unique=True,
        help_text="Navnet sakstypen hadde da den ble tatt i bruk. Senere navn legges inn med dato.",
        error_messages={"unique": "Det finnes allerede en sakstype med dette navnet."},
    )  # fmt: skip
    sort_order = models.PositiveIntegerField("rekkefølge", default=0)
    active = models.BooleanField(
        "aktiv", default=True,
        help_text="Bare aktive sakstyper kan velges for nye klager. Statistikken viser også andre "
        "sakstyper når de har klager i perioden.",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "sakstype"
        verbose_name_plural = "sakstyper"

    def __str__(self):
        return self.current_name


class CaseTypeName(LaterName):
    """A later name of a case type, valid from a date (omsorgslønn → omsorgsstønad)."""

    case_type = models.ForeignKey(CaseType, models.CASCADE, related_name="names", verbose_name="sakstype")
    history = HistoricalRecords()

    class Meta(LaterName.Meta):
        ordering = ["case_type", "valid_from"]
        constraints = [
            one_name_per_date(
                "case_type", name="complaints_one_name_per_date",
                message="Sakstypen har allerede et navn som gjelder fra denne datoen.",
            )
        ]  # fmt: skip


class Decision(models.TextChoices):
    """The county governor's decision on a complaint."""

    STADFESTET = "stadfestet", "Stadfestet"
    DELVIS_OMGJORT = "delvis_omgjort", "Delvis omgjort"
    OMGJORT = "omgjort", "Omgjort"
    OPPHEVET = "opphevet", "Opphevet"
    AVVIST = "avvist", "Avvist"
    TRUKKET = "trukket", "Trukket"


class Status(models.TextChoices):
    """Where a complaint is in its lifecycle."""

    IN_MUNICIPALITY = "i_kommunen", "Under behandling i kommunen"
    REVERSED = "omgjort_av_kommunen", "Omgjort av kommunen"
    PENDING = "ikke_avgjort", "Sendt, ikke avgjort"
    DECIDED = "avgjort", "Avgjort"


# The attributes a period's counts are made of (attnames), and the dates among them.
DATE_FIELDS = ("received_on", "reversed_on", "sent_on", "decided_on")


def complaint_status(*, reversed_on, decision, sent_on) -> Status:
    """Where a complaint is, from its dates and decision."""
    if reversed_on:
        return Status.REVERSED
    if decision:
        return Status.DECIDED
    if sent_on:
        return Status.PENDING
    return Status.IN_MUNICIPALITY


DECISION_LABELS = dict(Decision.choices)


def complaint_status_label(*, received_on, reversed_on, decision, sent_on) -> str:
    """The status in words: the decision, "Hos Fylkesmannen, ikke avgjort", or the status."""
    status = complaint_status(reversed_on=reversed_on, decision=decision, sent_on=sent_on)
    if status is Status.DECIDED:
        return DECISION_LABELS.get(decision, decision)
    if status is Status.PENDING:
        return f"Hos {authority_name(sent_on or received_on)}, ikke avgjort"
    return status.label


class Complaint(TrackedModel):
    """A complaint (klagesak): received, then reversed by the municipality itself or sent to the
    county governor, whose decision ends it; sent without a decision yet, it is pending.

    Its place in time is its received, reversed, sent and decided dates: see `lock_groups`.
    """

    lock_field = "received_on"

    reference = models.CharField(
        "saksreferanse", max_length=40, unique=True, validators=[validate_no_national_id],
        help_text="Arkivets saksnummer eller en annen anonym referanse, for eksempel 16/01234. "
        "Aldri navn eller fødselsnummer.",
        error_messages={"unique": "Det finnes allerede en klage med denne saksreferansen."},
    )  # fmt: skip
    case_type = models.ForeignKey(CaseType, models.PROTECT, related_name="complaints", verbose_name="sakstype")
    unit = models.ForeignKey(
        ServiceUnit, models.PROTECT, null=True, blank=True, related_name="complaints", verbose_name="virksomhet"
    )
    received_on = models.DateField("mottatt")
    reversed_on = models.DateField(
        "omgjort av kommunen", null=True, blank=True,
        help_text="Datoen kommunen selv omgjorde vedtaket. Da sendes ikke klagen videre.",
    )  # fmt: skip
    sent_on = models.DateField("sendt til Fylkesmannen/Statsforvalteren", null=True, blank=True)
    decision = models.CharField("utfall", max_length=20, choices=Decision.choices, blank=True)
    decided_on = models.DateField("avgjort", null=True, blank=True)
    note = models.TextField(
        "merknad", max_length=500, blank=True, validators=[validate_no_national_id],
        help_text="Kort og anonymt: ingen navn eller fødselsnummer.",
    )  # fmt: skip

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = "klagesak"
        verbose_name_plural = "klagesaker"
        indexes = [models.Index(fields=["sent_on"]), models.Index(fields=["received_on"])]

    def __str__(self):
        return f"Klagesak {self.reference}"

    # -- lifecycle ----------------------------------------------------------------------

    @property
    def status(self) -> Status:
        return complaint_status(reversed_on=self.reversed_on, decision=self.decision, sent_on=self.sent_on)

    @property
    def authority(self) -> str:
        """The county governor's name when the complaint was sent (or would be sent today)."""
        return authority_name(self.sent_on or self.received_on)

    @property
    def status_label(self) -> str:
        return complaint_status_label(
            received_on=self.received_on, reversed_on=self.reversed_on, decision=self.decision, sent_on=self.sent_on
        )

    @property
    def is_open(self) -> bool:
        return self.status in (Status.IN_MUNICIPALITY, Status.PENDING)

    def clean(self):
        errors = lifecycle_errors(
            received_on=self.received_on, reversed_on=self.reversed_on, sent_on=self.sent_on,
            decision=self.decision, decided_on=self.decided_on,
        )  # fmt: skip
        # The unit whose decision is complained about handles the complaint: it must exist when
        # the complaint is received (after a reorganisation, its successor does).
        if message := unit_date_error(self, date_field="received_on", when="da klagen ble mottatt"):
            errors["unit"] = message
        if errors:
            raise ValidationError(errors)
        super().clean()  # the lock

    # -- locks: what a locked period counted must not change ------------------------------
    # Each date places the complaint in a count, by case type and unit; the decision goes with
    # its date. The note is not counted.
    lock_groups = {
        "received_on": ("received_on", "case_type", "unit"),
        "reversed_on": ("reversed_on", "case_type", "unit"),
        "sent_on": ("sent_on", "case_type", "unit"),
        "decided_on": ("decision", "decided_on", "case_type", "unit"),
    }
    free_fields = ("reference", "note")

    @classmethod
    def touched(cls, before, after) -> list:
        """Each changed date's old and new value (all of them for a new type or unit), and the end
        of every locked period at which the complaint counted, or would count, as open in a
        different way."""
        return [*super().touched(before, after), *open_count_changes(before, after)]


def lifecycle_errors(*, received_on, reversed_on, sent_on, decision, decided_on) -> dict[str, str]:
    """The lifecycle rules, as messages per field (empty when the complaint is consistent)."""
    errors: dict[str, str] = {}
    today = timezone.localdate()
    authority = authority_name(sent_on or received_on)
    for name, value in (("received_on", received_on), ("reversed_on", reversed_on), ("sent_on", sent_on),
                        ("decided_on", decided_on)):  # fmt: skip
        if value and value > today:
            errors[name] = "Datoen kan ikke være frem i tid."
    if received_on:
        for name, value in (("reversed_on", reversed_on), ("sent_on", sent_on)):
            if value and value < received_on and name not in errors:
                errors[name] = f"Datoen kan ikke være før klagen ble mottatt ({nb_date(received_on)})."
    if reversed_on and sent_on:
        errors.setdefault(
            "reversed_on",
            f"En klage som kommunen har omgjort selv, sendes ikke til {authority}. Fjern én av datoene.",
        )
    if decision and not sent_on:
        errors["decision"] = f"Et vedtak fra {authority} krever at klagen er sendt dit. Fyll inn datoen den ble sendt."
    if decision and not decided_on:
        errors.setdefault("decided_on", "Skriv inn datoen for vedtaket.")
    if decided_on and not decision:
        errors.setdefault("decision", "Velg utfallet av vedtaket, eller fjern datoen.")
    if decided_on and not sent_on and "decision" not in errors:
        errors["decided_on"] = f"Klagen må være sendt til {authority} før den kan avgjøres."
    if decided_on and sent_on and decided_on < sent_on and "decided_on" not in errors:
        errors["decided_on"] = f"Vedtaksdatoen kan ikke være før klagen ble sendt ({nb_date(sent_on)})."
    return errors


def open_state(state: dict | None, day: datetime.date):
    """How the open complaints on a day count this complaint: None if it is not open then."""
    if state is None or state["received_on"] is None or state["received_on"] > day:
        return None
    if any(state[name] and state[name] <= day for name in ("reversed_on", "decided_on")):
        return None
    at_authority = bool(state["sent_on"] and state["sent_on"] <= day)
    return (state["case_type_id"], state["unit_id"], at_authority, state["received_on"])


def open_count_changes(before: dict | None, after: dict | None) -> list[datetime.date]:
    """The ends of locked periods whose count of open complaints this change would alter."""
    if before == after:
        return []
    ends = {lock.period.end for lock in PeriodLock.objects.active()}
    return sorted(end for end in ends if open_state(before, end) != open_state(after, end))
