"""Report kinds and their ordered sections, commentary per section, and published versions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from horeport.fields import PeriodField
from horeport.models import PeriodLock, TrackedModel
from horeport.periods import MONTH_NAMES, Kind, Period, period_range
from horeport.sections import SHEET_TITLE_MAX, SMALL_NUMBERS_THRESHOLD
from horeport.validators import validate_no_national_id
from reports.chapters import is_chapter_key

# Reports are chosen from this year on (the source documents' figures start in 2012).
EARLIEST_YEAR = 2010
REPORT_PERIOD_KINDS = [(k.value, k.label) for k in (Kind.MONTH, Kind.QUARTER, Kind.HALF, Kind.YEAR)]


def index_label(kind: Kind, index: int) -> str:
    """The name of a period within its year: "mars", "1. kvartal", "1. halvår"."""
    if kind is Kind.MONTH:
        return MONTH_NAMES[index - 1]
    return f"{index}. {kind.label.lower()}"


def validate_period_indexes(value):
    if not isinstance(value, list) or not all(isinstance(i, int) and 1 <= i <= 12 for i in value):
        raise ValidationError("Oppgi periodenumrene som en liste med hele tall, for eksempel [1, 3].")


class ReportKind(models.Model):
    """A kind of report (director, committee, half-year, annual): its period kind and settings."""

    slug = models.SlugField(
        "kortnavn", max_length=30, unique=True, help_text="Brukes i adresser og i kommandoen render_report."
    )
    name = models.CharField("navn", max_length=100)
    period_kind = models.CharField("periode", max_length=10, choices=REPORT_PERIOD_KINDS)
    period_indexes = models.JSONField(
        "perioder i året",
        default=list,
        blank=True,
        validators=[validate_period_indexes],
        help_text="Hvilke perioder i året rapporten lages for (tom: alle). Halvårsrapporten gjelder 1. halvår.",
    )
    short_form_indexes = models.JSONField(
        "kortversjon for",
        default=list,
        blank=True,
        validators=[validate_period_indexes],
        help_text="Perioder i året som får kortversjonen (for eksempel 1. og 3. kvartal).",
    )
    small_numbers_on = models.BooleanField(
        "skjul små tall",
        default=False,
        help_text="Skjuler små antall i tabeller over registreringer (avvik, klagesaker) av personvernhensyn.",
    )
    small_numbers_threshold = models.PositiveSmallIntegerField(
        "grense for små tall",
        default=SMALL_NUMBERS_THRESHOLD,
        validators=[MinValueValidator(2), MaxValueValidator(20)],
        help_text="Antall under denne grensen vises som «:».",
    )
    comparison_years = models.PositiveSmallIntegerField(
        "år i sammenligninger",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Hvor mange år tabeller med utvikling over flere år viser.",
    )
    sort_order = models.PositiveIntegerField("rekkefølge", default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "rapporttype"
        verbose_name_plural = "rapporttyper"
        permissions = [("preview_report", "Kan forhåndsvise rapporter og skrive ut utkast")]

    def __str__(self):
        return self.name

    @property
    def kind(self) -> Kind:
        return Kind(self.period_kind)

    @property
    def small_numbers(self) -> int | None:
        """The threshold below which register counts are hidden, or None when off."""
        return self.small_numbers_threshold if self.small_numbers_on else None

    def allows(self, period: Period) -> bool:
        return period.kind is self.kind and (not self.period_indexes or period.index in self.period_indexes)

    def is_short(self, period: Period) -> bool:
        return period.index in (self.short_form_indexes or [])

    def describe_periods(self) -> str:
        """ "1. halvår", "kvartal (kortversjon i 1. og 3. kvartal)", "måned"."""
        kind = self.kind
        if self.period_indexes and kind is not Kind.YEAR:
            text = " og ".join(index_label(kind, i) for i in self.period_indexes)
        else:
            text = kind.label.lower()
        if self.short_form_indexes:
            text += f" (kortversjon i {' og '.join(index_label(kind, i) for i in self.short_form_indexes)})"
        return text

    def title(self, period: Period) -> str:
        """ "Årsrapport 2016", "Rapport til HO-komiteen 4. kvartal 2016"."""
        return f"{self.name} {period.label}"

    def latest_complete_period(self, today: datetime.date | None = None) -> Period:
        """The newest period of this kind that has ended and that the kind is made for."""
        period = Period.containing(today or timezone.localdate(), self.kind).previous()
        for candidate in (period.shift(-step) for step in range(self.kind.count)):
            if self.allows(candidate):
                return candidate
        return period  # no index of the year is allowed (a misconfiguration): the previous period

    def periods(self, today: datetime.date | None = None) -> list[Period]:
        """Every period a report of this kind can be chosen for, newest first."""
        latest = self.latest_complete_period(today)
        first = Period.containing(datetime.date(EARLIEST_YEAR, 1, 1), self.kind)
        return [p for p in reversed(list(period_range(first, latest))) if self.allows(p)]


class ReportKindSection(models.Model):
    """One section of a report kind, by the key a domain app registered it under, or a free chapter
    of the kind (a key starting with "chapter.", its title in `title`: reports/chapters.py)."""

    kind = models.ForeignKey(ReportKind, models.CASCADE, related_name="sections", verbose_name="rapporttype")
    key = models.CharField("seksjon", max_length=60)
    title = models.CharField(
        "egen tittel", max_length=200, blank=True,
        help_text="Tittelen seksjonen får i denne rapporttypen. Tomt: seksjonens egen tittel.",
    )  # fmt: skip
    short_title = models.CharField(
        "kort tittel", max_length=SHEET_TITLE_MAX, blank=True,
        help_text=f"Arkfanen i Excel når den egne tittelen er lengre enn {SHEET_TITLE_MAX} tegn.",
    )  # fmt: skip
    order = models.PositiveIntegerField("rekkefølge", default=0)
    enabled = models.BooleanField("med i rapporten", default=True)
    in_short_form = models.BooleanField("med i kortversjonen", default=True)

    class Meta:
        ordering = ["kind", "order", "pk"]
        verbose_name = "seksjon i rapporttype"
        verbose_name_plural = "seksjoner i rapporttyper"
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="reports_unique_kind_section")]

    def __str__(self):
        return f"{self.kind}: {self.key}"

    @property
    def is_chapter(self) -> bool:
        return is_chapter_key(self.key)


class SectionCommentary(TrackedModel):
    """Text written for one report (a kind and a period), in Markdown (horeport/narrative.py): the
    commentary under a section, stored under the section's key, or a chapter's text (the
    introduction, the summary), stored under the chapter's key (reports/chapters.py). A draft
    until the report is published; then locked with the period and frozen in the version's data."""

    lock_field = "period"

    kind = models.ForeignKey(ReportKind, models.CASCADE, related_name="commentaries", verbose_name="rapporttype")
    period = PeriodField("periode")
    section_key = models.CharField(
        "del", max_length=60, help_text="Seksjonens nøkkel (kommentar) eller kapitlets (innledning, oppsummering)."
    )
    text = models.TextField("tekst", blank=True, validators=[validate_no_national_id])

    class Meta:
        verbose_name = "tekst i rapport"
        verbose_name_plural = "tekster i rapporter"
        constraints = [
            models.UniqueConstraint(fields=["kind", "period", "section_key"], name="reports_unique_commentary")
        ]

    def __str__(self):
        return f"{self.kind.title(self.period)}: {self.section_key}"


class PublishedReportQuerySet(models.QuerySet):
    def without_files(self):
        """The list of versions, without loading the stored PDFs and workbooks."""
        return self.defer("pdf", "xlsx", "sections")


class PublishedReport(models.Model):
    """Version N of a report for a period: the files as published, the data, who and when."""

    kind = models.ForeignKey(ReportKind, models.PROTECT, related_name="published", verbose_name="rapporttype")
    period = PeriodField("periode")
    version = models.PositiveIntegerField("versjon")
    title = models.CharField("tittel", max_length=200)
    pdf = models.BinaryField("PDF")
    xlsx = models.BinaryField("Excel-arbeidsbok")
    sections = models.JSONField("seksjonsdata")
    pdf_sha256 = models.CharField("sjekksum (PDF)", max_length=64)
    xlsx_sha256 = models.CharField("sjekksum (Excel)", max_length=64)
    published_at = models.DateTimeField("publisert", default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="publisert av",
    )  # fmt: skip
    lock = models.ForeignKey(
        PeriodLock, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="periodelås"
    )

    objects = PublishedReportQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "publisert rapport"
        verbose_name_plural = "publiserte rapporter"
        permissions = [("download_publishedreport", "Kan laste ned publiserte rapporter")]
        constraints = [
            models.UniqueConstraint(fields=["kind", "period", "version"], name="reports_unique_published_version")
        ]

    def __str__(self):
        return f"{self.title}, versjon {self.version}"

    @property
    def version_label(self) -> str:
        return f"Publisert versjon {self.version}"
