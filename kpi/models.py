"""The målekart (perspectives, indicators, bands, results), key figures, and the status of
strategies, theme plans and their measures.

Indicators, bands, key figure series, strategies, plans and measures are reference data an
administrator manages; results, key figure values and measure statuses are figures
(`TrackedModel`): their history is kept, stale forms and locked periods are refused.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from horeport.computed import COMPUTED_RULES, rule_choices, rule_title
from horeport.fields import PeriodField
from horeport.formatting import NBSP, nb_as_stored, nb_number
from horeport.models import ServiceUnit, TrackedModel
from horeport.periods import Kind, Period
from horeport.validators import validate_no_national_id
from kpi import bands
from kpi.bands import Condition

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2999)]


class Scorecard(models.TextChoices):
    SHARED = "gjennomgaende", "Gjennomgående målekart"
    UNIQUE = "unikt", "Unikt målekart"


class IndicatorUnit(models.TextChoices):
    PERCENT = "percent", "Prosent (%)"
    SCORE = "score", "Skår (på indikatorens skala)"
    COUNT = "count", "Antall"
    DAYS = "days", "Døgn"
    MONTHS = "months", "Måneder"
    NUMBER = "number", "Tall"


# What is written after a number of each unit ("54,55 %", "2,04 døgn", "5,4 mnd.").
UNIT_SUFFIX = {
    IndicatorUnit.PERCENT: "%",
    IndicatorUnit.SCORE: "",
    IndicatorUnit.COUNT: "",
    IndicatorUnit.DAYS: "døgn",
    IndicatorUnit.MONTHS: "mnd.",
    IndicatorUnit.NUMBER: "",
}


class Frequency(models.TextChoices):
    """How often an indicator is measured: the kind of period its results belong to."""

    MONTH = Kind.MONTH.value, "Månedlig"
    QUARTER = Kind.QUARTER.value, "Kvartalsvis"
    TERTIAL = Kind.TERTIAL.value, "Tertialvis"
    HALF = Kind.HALF.value, "Halvårlig"
    YEAR = Kind.YEAR.value, "Årlig"


def with_suffix(value, suffix: str, decimals: int) -> str:
    text = nb_number(value, decimals)
    if suffix and text != "–":
        return f"{text}{NBSP}{suffix}"
    return text


def frequency_check(period: Period | None, frequency: str, what: str) -> None:
    """Refuse a period of another kind than the series is kept at."""
    if isinstance(period, Period) and period.kind != Kind(frequency):  # no period yet: its own field says so
        label = Frequency(frequency).label.lower()
        raise ValidationError({"period": f"{what} registreres {label}; velg en periode av den typen."})


# -- the målekart -------------------------------------------------------------------------


class Perspective(models.Model):
    """A perspective or central challenge of a målekart ("Ø.2. God økonomistyring")."""

    code = models.CharField("kode", max_length=20, unique=True, help_text="For eksempel Ø.2 eller B-HO.1.")
    name = models.CharField("sentral utfordring", max_length=200)
    scorecard = models.CharField("målekart", max_length=20, choices=Scorecard.choices, default=Scorecard.SHARED)
    sort_order = models.PositiveIntegerField("rekkefølge", default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scorecard", "sort_order", "code"]
        verbose_name = "sentral utfordring"
        verbose_name_plural = "sentrale utfordringer"

    def __str__(self):
        return f"{self.code}. {self.name}"


class IndicatorQuerySet(models.QuerySet):
    def for_malekart(self):
        return self.select_related("perspective").prefetch_related("bands")


class Indicator(models.Model):
    """A measure of the målekart ("S.3.1 Andel miljøsertifiserte virksomheter")."""

    perspective = models.ForeignKey(
        Perspective, models.PROTECT, related_name="indicators", verbose_name="sentral utfordring"
    )
    code = models.CharField("kode", max_length=20, unique=True, help_text="For eksempel S.3.1 eller B-HO.2.3.")
    name = models.CharField("måleindikator", max_length=300)
    unit = models.CharField("måleenhet", max_length=20, choices=IndicatorUnit.choices, default=IndicatorUnit.PERCENT)
    decimals = models.PositiveSmallIntegerField(
        "antall desimaler", default=1, validators=[MaxValueValidator(4)],
        help_text="Hvor mange desimaler resultatet vises med.",
    )  # fmt: skip
    frequency = models.CharField("frekvens", max_length=10, choices=Frequency.choices, default=Frequency.YEAR)
    scale_min = models.DecimalField(
        "skala fra", max_digits=6, decimal_places=2, null=True, blank=True,
        help_text="For en skår: laveste mulige verdi på skalaen brukerne svarer på, for eksempel 0 eller 1.",
    )  # fmt: skip
    scale_max = models.DecimalField(
        "skala til", max_digits=6, decimal_places=2, null=True, blank=True,
        help_text="For en skår: høyeste mulige verdi, for eksempel 6 eller 10.",
    )  # fmt: skip
    introduced_year = models.PositiveSmallIntegerField(
        "ny indikator fra år", null=True, blank=True, validators=YEAR_VALIDATORS,
        help_text="Året indikatoren tas i bruk. Før det vises «Ny indikator fra …».",
    )  # fmt: skip
    retired_year = models.PositiveSmallIntegerField(
        "utgått fra år", null=True, blank=True, validators=YEAR_VALIDATORS,
        help_text="Første år indikatoren ikke lenger måles. La stå tomt så lenge den er i bruk.",
    )  # fmt: skip
    computation = models.CharField(
        "beregnes etter regel", max_length=60, blank=True, choices=rule_choices,
        help_text="Resultatene regnes ut av registrerte tall etter denne regelen i stedet for å registreres. "
        "Tomt: resultatene registreres.",
    )  # fmt: skip
    description = models.TextField("beskrivelse", blank=True)
    sort_order = models.PositiveIntegerField("rekkefølge", default=0)
    history = HistoricalRecords()

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["perspective__scorecard", "perspective__sort_order", "sort_order", "code"]
        verbose_name = "indikator"
        verbose_name_plural = "indikatorer"

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        if self.introduced_year and self.retired_year and self.retired_year <= self.introduced_year:
            raise ValidationError({"retired_year": "Året indikatoren går ut må være etter året den ble innført."})
        if self.computation and self.computation not in COMPUTED_RULES:
            raise ValidationError({"computation": f"Regelen «{self.computation}» finnes ikke."})
        if self.computation and self.pk and (entered := self.results.count()):
            plural = entered > 1
            raise ValidationError({"computation": (
                f"{self.code} har {entered} registrert{'e' if plural else ''} resultat{'er' if plural else ''}. "
                "En indikator som beregnes, har ingen registrerte resultater: slett dem først (de tas vare på i "
                "historikken), eller legg inn en ny indikator for de beregnede resultatene."
            )})  # fmt: skip
        if self.unit == IndicatorUnit.SCORE:
            for name in ("scale_min", "scale_max"):
                if getattr(self, name) is None:
                    raise ValidationError({name: "En skår trenger skalaen den måles på, for eksempel 1 til 10."})
            if self.scale_max <= self.scale_min:
                raise ValidationError({"scale_max": "Skalaens høyeste verdi må være større enn den laveste."})

    @property
    def computation_title(self) -> str:
        return rule_title(self.computation) if self.computation else ""

    @property
    def unit_label(self) -> str:
        """The unit as the pages name it: "Prosent (%)", or a score with its scale, "Skår 0–6"."""
        if self.unit == IndicatorUnit.SCORE and self.scale_label:
            return f"Skår {self.scale_label}"
        return self.get_unit_display()

    @property
    def scale_label(self) -> str:
        """ "0–6", "1–10" ("" without a scale)."""
        if self.scale_min is None or self.scale_max is None:
            return ""
        return f"{nb_as_stored(self.scale_min)}–{nb_as_stored(self.scale_max)}"

    @property
    def kind(self) -> Kind:
        return Kind(self.frequency)

    @property
    def suffix(self) -> str:
        return UNIT_SUFFIX.get(self.unit, "")

    def show(self, value) -> str:
        """A result as the målekart prints it: "54,55 %", "2,04 døgn", "5,11"."""
        return with_suffix(value, self.suffix, self.decimals)

    def is_new_in(self, period: Period) -> bool:
        return bool(self.introduced_year) and period.year < self.introduced_year

    def is_retired_in(self, period: Period) -> bool:
        return bool(self.retired_year) and period.year >= self.retired_year

    @property
    def new_text(self) -> str:
        return f"Ny indikator fra {self.introduced_year}"

    def sorted_bands(self) -> list[Band]:
        """The bands, oldest first (uses the prefetched bands where there are any)."""
        return sorted(self.bands.all(), key=lambda band: band.valid_from)

    def band_for(self, period: Period) -> Band | None:
        """The bands valid at the period's start."""
        valid = [band for band in self.sorted_bands() if band.valid_from <= period.start.year]
        return valid[-1] if valid else None

    def band_shown_for(self, period: Period) -> Band | None:
        """The bands printed beside a period's result: those valid then, or else the first to
        come (a new indicator's bands are printed before its first result, as in the målekart)."""
        band = self.band_for(period)
        if band is None:
            bands_ = self.sorted_bands()
            band = bands_[0] if bands_ else None
        return band


def _bound(label: str) -> models.DecimalField:
    return models.DecimalField(label, max_digits=14, decimal_places=4, null=True, blank=True)


class Band(models.Model):
    """An indicator's green and red conditions, valid from a year (yellow is what lies between)."""

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="bands", verbose_name="indikator")
    valid_from = models.PositiveSmallIntegerField(
        "gjelder fra år", validators=YEAR_VALIDATORS,
        help_text="Grensene gjelder resultater for perioder som begynner dette året eller senere.",
    )  # fmt: skip
    green_lower = _bound("ønsket: nedre grense")
    green_lower_inclusive = models.BooleanField("ønsket: nedre grense er med", default=True)
    green_upper = _bound("ønsket: øvre grense")
    green_upper_inclusive = models.BooleanField("ønsket: øvre grense er med", default=True)
    red_lower = _bound("ikke godkjent: nedre grense")
    red_lower_inclusive = models.BooleanField("ikke godkjent: nedre grense er med", default=True)
    red_upper = _bound("ikke godkjent: øvre grense")
    red_upper_inclusive = models.BooleanField("ikke godkjent: øvre grense er med", default=True)
    green_text = models.CharField(
        "tekst for ønsket resultat", max_length=120, blank=True,
        help_text="Kommunens egen formulering. Står feltet tomt, lages teksten av grensene.",
    )  # fmt: skip
    yellow_text = models.CharField(
        "tekst for laveste aksepterte resultat", max_length=120, blank=True,
        help_text="Kommunens egen formulering. Står feltet tomt, lages teksten av grensene.",
    )  # fmt: skip
    red_text = models.CharField(
        "tekst for ikke godkjent resultat", max_length=120, blank=True,
        help_text="Kommunens egen formulering. Står feltet tomt, lages teksten av grensene.",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "valid_from"]
        verbose_name = "grenseverdier"
        verbose_name_plural = "grenseverdier"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "valid_from"], name="kpi_band_one_per_year",
                violation_error_message="Indikatoren har allerede grenseverdier som gjelder fra dette året.",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.indicator.code} fra {self.valid_from}"

    @property
    def green(self) -> Condition:
        return Condition(self.green_lower, self.green_lower_inclusive, self.green_upper, self.green_upper_inclusive)

    @property
    def red(self) -> Condition:
        return Condition(self.red_lower, self.red_lower_inclusive, self.red_upper, self.red_upper_inclusive)

    def status(self, value) -> str:
        return bands.band_status(value, self.green, self.red)

    @property
    def higher_is_better(self) -> bool | None:
        return bands.higher_is_better(self.green, self.red)

    # -- the three printed columns ------------------------------------------------------

    def _suffix(self) -> str:
        return self.indicator.suffix

    @property
    def green_generated(self) -> str:
        return self.green.describe(self._suffix())

    @property
    def red_generated(self) -> str:
        return self.red.describe(self._suffix())

    @property
    def yellow_generated(self) -> str:
        gaps = bands.complement(self.green, self.red)
        return " eller ".join(gap.describe(self._suffix()) for gap in gaps) or "–"

    @property
    def green_display(self) -> str:
        return self.green_text or self.green_generated

    @property
    def yellow_display(self) -> str:
        return self.yellow_text or self.yellow_generated

    @property
    def red_display(self) -> str:
        return self.red_text or self.red_generated

    # -- validation ---------------------------------------------------------------------

    def conditions_errors(self) -> dict[str, str]:
        """What is wrong with the conditions, by field, in Norwegian (empty when they are fine)."""
        errors = {}
        for name, label, condition in (("green", "ønsket", self.green), ("red", "ikke godkjent", self.red)):
            if not condition.is_bounded:
                errors[f"{name}_lower"] = f"Oppgi minst én grense for {label} resultat."
            elif condition.is_empty:
                errors[f"{name}_lower"] = (
                    f"Grensene for {label} resultat tar ingen verdier: den nedre grensen er over den øvre."
                )
        if not errors:
            common = bands.conditions_overlap(self.green, self.red)
            if common is not None:
                errors["red_lower"] = (
                    "Ønsket og ikke godkjent resultat overlapper: "
                    f"{common.describe(self._suffix())} ville vært begge deler. Juster grensene."
                )
        return errors

    def clean(self):
        errors = self.conditions_errors()
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Refused here too, so that no path (admin, shell, import) can store overlapping bands.
        errors = self.conditions_errors()
        if errors:
            raise ValidationError(errors)
        super().save(*args, **kwargs)


class Result(TrackedModel):
    """An indicator's result for one period, for the whole department or one service unit."""

    indicator = models.ForeignKey(Indicator, models.PROTECT, related_name="results", verbose_name="indikator")
    period = PeriodField("periode")
    unit = models.ForeignKey(
        ServiceUnit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="virksomhet",
        help_text="Tomt for hele tjenesteområdet.",
    )  # fmt: skip
    value = models.DecimalField("resultat", max_digits=14, decimal_places=4)
    comment = models.TextField("kommentar", blank=True, validators=[validate_no_national_id])

    class Meta:
        verbose_name = "resultat"
        verbose_name_plural = "resultater"
        # The periods that hold results, read one by one from this index (kpi.selectors.result_periods).
        indexes = [models.Index(fields=["period"], name="kpi_result_period")]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], condition=Q(unit__isnull=True), name="kpi_result_one_per_period",
                violation_error_message="Indikatoren har allerede et resultat for denne perioden.",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period", "unit"], condition=Q(unit__isnull=False),
                name="kpi_result_one_per_period_and_unit",
                violation_error_message="Indikatoren har allerede et resultat for denne perioden og virksomheten.",
            ),
        ]  # fmt: skip

    def __str__(self):
        where = f", {self.unit}" if self.unit_id else ""
        return f"{self.indicator.code} {self.period.label}{where}"

    def clean(self):
        super().clean()
        indicator = self.indicator if self.indicator_id else None
        if indicator is None or self.period is None:
            return
        frequency_check(self.period, indicator.frequency, f"Indikatoren {indicator.code}")
        if indicator.is_new_in(self.period):
            raise ValidationError(
                {"period": f"{indicator.code} er ny fra {indicator.introduced_year}; det er ikke et resultat før det."}
            )
        if indicator.is_retired_in(self.period):
            raise ValidationError({"period": f"{indicator.code} er ikke målt fra {indicator.retired_year}."})
        unit_check(self.unit if self.unit_id else None, self.period)
        value_check(indicator, self.value)

    def check_writable(self, *, deleting: bool = False, **kwargs) -> None:
        super().check_writable(deleting=deleting, **kwargs)
        if not deleting and self.indicator_id and self.indicator.computation:
            raise ValidationError(computed_message(self.indicator), code="computed")


def computed_message(indicator: Indicator) -> str:
    return (
        f"Resultatene for {indicator.code} registreres ikke: de beregnes etter regelen «{indicator.computation_title}»."
    )


def unit_check(unit: ServiceUnit | None, period: Period | None) -> None:
    """Refuse a figure for a unit that did not exist in the period (before it began, after it ended)."""
    if unit is not None and isinstance(period, Period) and not unit.in_force(period):
        raise ValidationError({"unit": unit.not_in_force_message(period)})


def adds_up(indicator: Indicator) -> bool:
    """Whether the department's result is the sum of the units' (a count; see docs/rules.md)."""
    return indicator.unit == IndicatorUnit.COUNT


def value_check(indicator: Indicator, value: Decimal | None) -> None:
    """Refuse a value the unit cannot take (a score outside the indicator's scale, a negative count)."""
    if value is None:
        return
    low, high = indicator.scale_min, indicator.scale_max
    if indicator.unit == IndicatorUnit.SCORE and low is not None and high is not None and not low <= value <= high:
        raise ValidationError({"value": f"En skår er mellom {nb_as_stored(low)} og {nb_as_stored(high)}."})
    if indicator.unit in (IndicatorUnit.COUNT, IndicatorUnit.DAYS, IndicatorUnit.MONTHS) and value < 0:
        raise ValidationError({"value": "Resultatet kan ikke være negativt."})


# -- key figures --------------------------------------------------------------------------


class KeyFigure(models.Model):
    """A named series of plain numbers per period (nøkkeltall), without bands."""

    name = models.CharField("navn", max_length=200, unique=True)
    unit = models.CharField("enhet", max_length=40, blank=True, help_text="For eksempel personer, plasser, kr.")
    decimals = models.PositiveSmallIntegerField("antall desimaler", default=0, validators=[MaxValueValidator(4)])
    frequency = models.CharField("frekvens", max_length=10, choices=Frequency.choices, default=Frequency.YEAR)
    description = models.TextField("beskrivelse", blank=True)
    sort_order = models.PositiveIntegerField("rekkefølge", default=0)
    active = models.BooleanField("i bruk", default=True)
    sum_of_units = models.BooleanField(
        "summen av virksomhetene", default=False,
        help_text="Et antall eller et beløp som kan registreres per virksomhet: tjenesteområdets verdi for en "
        "periode er da summen over virksomhetene som fantes i perioden, når den ikke er registrert selv. "
        "Ikke for prosenter og gjennomsnitt.",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "nøkkeltall"
        verbose_name_plural = "nøkkeltall"

    def __str__(self):
        return self.name

    @property
    def kind(self) -> Kind:
        return Kind(self.frequency)

    def show(self, value) -> str:
        return with_suffix(value, self.unit, self.decimals)

    @property
    def is_percent(self) -> bool:
        """A change between two percentages is given in percentage points."""
        return self.unit.strip() == "%"

    def clean(self):
        super().clean()
        if self.sum_of_units and self.is_percent:
            raise ValidationError(
                {"sum_of_units": "En prosent kan ikke summeres over virksomhetene: registrer tjenesteområdets verdi."}
            )


class KeyFigureValue(TrackedModel):
    """A key figure's value for one period, for the whole department or one service unit."""

    key_figure = models.ForeignKey(KeyFigure, models.PROTECT, related_name="values", verbose_name="nøkkeltall")
    period = PeriodField("periode")
    unit = models.ForeignKey(
        ServiceUnit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="virksomhet",
        help_text="Tomt for hele tjenesteområdet.",
    )  # fmt: skip
    value = models.DecimalField("verdi", max_digits=16, decimal_places=4)
    comment = models.TextField("kommentar", blank=True, validators=[validate_no_national_id])

    class Meta:
        verbose_name = "verdi for nøkkeltall"
        verbose_name_plural = "verdier for nøkkeltall"
        constraints = [
            models.UniqueConstraint(
                fields=["key_figure", "period"], condition=Q(unit__isnull=True),
                name="kpi_keyfigurevalue_one_per_period",
                violation_error_message="Nøkkeltallet har allerede en verdi for denne perioden.",
            ),
            models.UniqueConstraint(
                fields=["key_figure", "period", "unit"], condition=Q(unit__isnull=False),
                name="kpi_keyfigurevalue_one_per_period_and_unit",
                violation_error_message="Nøkkeltallet har allerede en verdi for denne perioden og virksomheten.",
            ),
        ]  # fmt: skip

    def __str__(self):
        where = f", {self.unit}" if self.unit_id else ""
        return f"{self.key_figure} {self.period.label}{where}"

    def clean(self):
        super().clean()
        if self.key_figure_id and self.period is not None:
            frequency_check(self.period, self.key_figure.frequency, f"«{self.key_figure}»")
            unit_check(self.unit if self.unit_id else None, self.period)


# -- strategies, theme plans and measures --------------------------------------------------


class StrategyScope(models.TextChoices):
    """Whose strategy: the department's own, or one the municipality set for all its service areas."""

    DEPARTMENT = "department", "Tjenesteområdets strategi"
    MUNICIPALITY = "municipality", "Kommunens overordnede strategi"


class Strategy(models.Model):
    """A strategy: one of the department's own, or one of the municipality's for every service area."""

    scope = models.CharField(
        "gjelder", max_length=20, choices=StrategyScope.choices, default=StrategyScope.DEPARTMENT,
        help_text="Tjenesteområdets egen strategi, eller kommunens overordnede som gjelder alle tjenesteområder.",
    )  # fmt: skip
    number = models.PositiveSmallIntegerField("nummer")
    name = models.CharField("navn", max_length=200)
    description = models.TextField("beskrivelse", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scope", "number"]
        verbose_name = "strategi"
        verbose_name_plural = "strategier"
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "number"], name="kpi_strategy_one_number_per_scope",
                violation_error_message="Det finnes allerede en strategi med dette nummeret.",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.number}. {self.name}"


class ThemePlan(models.Model):
    """A theme plan (temaplan) under Strategi 2020."""

    name = models.CharField("navn", max_length=200, unique=True)
    strategy = models.ForeignKey(
        Strategy, models.SET_NULL, null=True, blank=True, related_name="theme_plans", verbose_name="strategi",
        help_text="Strategien planen hører under, der det er sagt.",
    )  # fmt: skip
    first_year = models.PositiveSmallIntegerField("fra år", null=True, blank=True, validators=YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField("til år", null=True, blank=True, validators=YEAR_VALIDATORS)
    adopted = models.CharField(
        "vedtak", max_length=200, blank=True, help_text="For eksempel «Kommunestyret juni 2014, sak 77/14»."
    )
    description = models.TextField("beskrivelse", blank=True)
    sort_order = models.PositiveIntegerField("rekkefølge", default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "temaplan"
        verbose_name_plural = "temaplaner"

    def __str__(self):
        return self.name

    def clean(self):
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": "Planperioden kan ikke slutte før den begynner."})

    @property
    def years_label(self) -> str:
        if self.first_year and self.last_year:
            return f"{self.first_year}–{self.last_year}"
        return str(self.first_year or "")


class Measure(models.Model):
    """A measure (tiltak): in a theme plan, under a strategy, or a case to be put forward."""

    name = models.CharField("tiltak", max_length=300)
    theme_plan = models.ForeignKey(
        ThemePlan, models.SET_NULL, null=True, blank=True, related_name="measures", verbose_name="temaplan"
    )
    strategy = models.ForeignKey(
        Strategy, models.SET_NULL, null=True, blank=True, related_name="measures", verbose_name="strategi"
    )
    decision = models.CharField("vedtak/sak", max_length=120, blank=True, help_text="For eksempel «sak 145/15».")
    description = models.TextField("beskrivelse", blank=True)
    sort_order = models.PositiveIntegerField("rekkefølge", default=0)
    active = models.BooleanField("følges opp", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "tiltak"
        verbose_name_plural = "tiltak"

    def __str__(self):
        return self.name


class MeasureState(models.TextChoices):
    NOT_STARTED = "not_started", "Ikke startet"
    IN_PROGRESS = "in_progress", "Pågår"
    IMPLEMENTED = "implemented", "Gjennomført"
    POSTPONED = "postponed", "Utsatt"


class MeasureStatus(TrackedModel):
    """A measure's status as reported for one report period."""

    measure = models.ForeignKey(Measure, models.PROTECT, related_name="statuses", verbose_name="tiltak")
    period = PeriodField("rapportperiode")
    status = models.CharField("status", max_length=20, choices=MeasureState.choices)
    comment = models.TextField("kommentar", blank=True, validators=[validate_no_national_id])

    class Meta:
        verbose_name = "status for tiltak"
        verbose_name_plural = "status for tiltak"
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period"], name="kpi_measurestatus_one_per_period",
                violation_error_message="Tiltaket har allerede en status for denne perioden.",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.measure} {self.period.label}"
