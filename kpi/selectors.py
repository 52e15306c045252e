"""Reads for the målekart, key figures and strategy status, shared by pages and report sections.

Each function reads with a fixed number of queries, however many indicators there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import CharField, ExpressionWrapper, F, Min

from horeport.calculations import Change, change
from horeport.computed import compute, dependency_models
from horeport.kept import history_version
from horeport.models import ServiceUnit
from horeport.periods import Kind, Period, period_range
from kpi.bands import GREEN, NONE, RED, STATUS_WORDS, YELLOW
from kpi.models import (
    Band,
    Indicator,
    KeyFigure,
    KeyFigureValue,
    Measure,
    MeasureState,
    MeasureStatus,
    Perspective,
    Result,
    Scorecard,
    Strategy,
    StrategyScope,
    ThemePlan,
    adds_up,
)

NEW = "new"  # an indicator not yet introduced: shown as "Ny indikator fra 2016", not as missing
SUMMARY_ORDER = (GREEN, YELLOW, RED, NONE, NEW)


@dataclass(frozen=True)
class Assessment:
    """A result's status and what the reader sees for it."""

    status: str  # green, yellow, red or none: the `data-status` of the målekart
    label: str  # the visible word: Ønsket, Akseptert, Ikke godkjent, Mangler data, Ny indikator fra 2016
    reason: str = ""  # "new" (not introduced yet), "no_band" (no bands for the period), "" otherwise
    note: str = ""

    @property
    def summary_key(self) -> str:
        return NEW if self.reason == NEW else self.status

    @property
    def badge(self) -> str:
        """The word in the status badge (a new indicator's year is in the result cell)."""
        return "Ny indikator" if self.reason == NEW else self.label


def assess(indicator: Indicator, period: Period, value: Decimal | None) -> Assessment:
    """The status of an indicator's result for a period, by the bands valid at the period's start."""
    if indicator.is_new_in(period):
        return Assessment(NONE, indicator.new_text, NEW)
    if value is None:
        return Assessment(NONE, STATUS_WORDS[NONE])
    band = indicator.band_for(period)
    if band is None:
        return Assessment(NONE, "Ingen grenser", "no_band", f"Ingen grenseverdier gjaldt i {period.year}.")
    status = band.status(value)
    return Assessment(status, STATUS_WORDS[status])


def latest_complete(kind: Kind, as_of: Period) -> Period:
    """The last period of a kind that has ended by the end of `as_of` (a yearly indicator seen
    from March 2016 shows 2015; a monthly one seen from 2016 shows December 2016)."""
    period = Period.containing(as_of.end, kind)
    return period if period.end <= as_of.end else period.previous()


# -- the målekart -------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultValue:
    """A result as the målekart reads it: only its value (read as plain values, no model instance)."""

    value: Decimal | None
    units: int = 0  # a department figure summed over this many units in force; 0: entered as it is

    @property
    def note(self) -> str:
        return summed_note(self.units)


def summed_note(units: int) -> str:
    """What a department figure summed from its units says beside it ("" for an entered one)."""
    if not units:
        return ""
    return f"sum av {units} virksomhet{'er' if units > 1 else ''}"


def units_sums(model, owner: str, owner_ids, periods) -> dict[tuple[int, str], tuple[Decimal, int]]:
    """Per (owner id, period text), the sum of the values entered per unit over the units in force
    in that period, and how many units it sums (`owner`: "indicator_id" or "key_figure_id").

    The roll-up across a reorganisation: a period before it sums the old units, one after it the
    new ones (horeport.models.ServiceUnit.in_force). Two queries."""
    texts = {str(p): p for p in periods}
    if not owner_ids or not texts:
        return {}
    in_force = {}
    units = list(ServiceUnit.objects.only("pk", "valid_from", "valid_until"))
    for text, period in texts.items():
        in_force[text] = {unit.pk for unit in units if unit.in_force(period)}
    rows = (
        model.objects.filter(**{f"{owner}__in": owner_ids}, period__in=texts, unit__isnull=False)
        .annotate(period_text=ExpressionWrapper(F("period"), output_field=CharField()))
        .values_list(owner, "period_text", "unit_id", "value")
    )
    sums: dict[tuple[int, str], tuple[Decimal, int]] = {}
    for owner_id, period, unit_id, value in rows:
        if unit_id in in_force.get(period, ()):
            total, count = sums.get((owner_id, period), (Decimal(0), 0))
            sums[(owner_id, period)] = (total + value, count + 1)
    return sums


def reporting_units(model, owner: str, owner_ids, period: Period) -> dict[int, set[int]]:
    """Per owner id, the units expected to report it in the period: the units in force then that
    have reported it before, or that succeed (directly or further on) a unit that did, so that
    after a reorganisation the new units are expected from its first period. The units whose sum
    is the department's figure (`units_sums`) once each of them has reported. Three queries."""
    owner_ids = list(owner_ids)
    if not owner_ids:
        return {}
    units = {unit.pk: unit for unit in ServiceUnit.objects.prefetch_related("successors")}
    reported: dict[int, set[int]] = {}
    pairs = model.objects.filter(**{f"{owner}__in": owner_ids}, unit__isnull=False).values_list(owner, "unit_id")
    for owner_id, unit_id in pairs.distinct():
        reported.setdefault(owner_id, set()).add(unit_id)
    expected = {}
    for owner_id, reporters in reported.items():
        found, waiting = set(reporters), list(reporters)
        while waiting:
            for successor in units[waiting.pop()].successors.all():
                if successor.pk not in found:
                    found.add(successor.pk)
                    waiting.append(successor.pk)
        expected[owner_id] = {pk for pk in found if units[pk].in_force(period)}
    return expected


def department_results(indicators, periods) -> dict[tuple[int, str], ResultValue]:
    """The department's results of the indicators in the periods: the result entered for the
    department where there is one, else, for a count, the sum of the units in force then."""
    indicators = list(indicators)
    wanted = {i.pk: list(periods) for i in indicators}
    return _results(wanted, None, adding=[i.pk for i in indicators if adds_up(i)])


@dataclass
class ResultCell:
    period: Period
    result: ResultValue | None
    assessment: Assessment
    text: str  # the value as printed, or "Ny indikator fra 2016"
    span: int = 1  # consecutive periods before the indicator was introduced share one cell

    @property
    def value(self) -> Decimal | None:
        return None if self.result is None else self.result.value

    @property
    def note(self) -> str:
        """ "sum av 4 virksomheter" for a department count summed over its units; "" otherwise."""
        return getattr(self.result, "note", "")


@dataclass
class MalekartLine:
    indicator: Indicator
    period: Period  # the indicator's period shown as "the result" (latest complete as of the chosen period)
    band: Band | None  # the bands printed beside it
    cells: list[ResultCell]  # the last periods, oldest first; the last is `period`
    trend: list[tuple[Period, Decimal | None]]
    sparkline: str = ""  # set by the page: a data: URI
    sparkline_alt: str = ""

    @property
    def current(self) -> ResultCell:
        return self.cells[-1]

    @property
    def assessment(self) -> Assessment:
        return self.current.assessment

    @property
    def merged_cells(self) -> list[ResultCell]:
        """The cells with consecutive not-yet-introduced periods merged into one spanning cell."""
        merged: list[ResultCell] = []
        for cell in self.cells:
            if merged and cell.assessment.reason == NEW and merged[-1].assessment.reason == NEW:
                merged[-1] = ResultCell(merged[-1].period, None, merged[-1].assessment, merged[-1].text,
                                        merged[-1].span + 1)  # fmt: skip
            else:
                merged.append(cell)
        return merged


@dataclass
class PerspectiveGroup:
    perspective: object
    lines: list[MalekartLine] = field(default_factory=list)


@dataclass
class ScorecardGroup:
    scorecard: str
    label: str
    perspectives: list[PerspectiveGroup] = field(default_factory=list)

    @property
    def lines(self) -> list[MalekartLine]:
        return [line for group in self.perspectives for line in group.lines]


@dataclass
class Malekart:
    period: Period
    unit: object
    scorecards: list[ScorecardGroup]

    @property
    def lines(self) -> list[MalekartLine]:
        return [line for scorecard in self.scorecards for line in scorecard.lines]

    @property
    def summary(self) -> list[tuple[str, str, int]]:
        """(key, word, count) per status, in the order green, yellow, red, none, new."""
        counts = dict.fromkeys(SUMMARY_ORDER, 0)
        for line in self.lines:
            counts[line.assessment.summary_key] += 1
        words = {**STATUS_WORDS, NEW: "Ny indikator"}
        return [(key, words[key], counts[key]) for key in SUMMARY_ORDER if counts[key] or key != NEW]

    @property
    def shared_headings(self) -> list[str] | None:
        """Column headings for the result columns when every line shows the same periods."""
        periods = {tuple(cell.period for cell in line.cells) for line in self.lines}
        if len(periods) == 1:
            return [period.short_label for period in periods.pop()]
        return None


def malekart_build(
    *,
    period: Period,
    indicators=None,
    unit=None,
    scorecard: str | None = None,
    history: int = 3,
    trend: int = 8,
) -> Malekart:
    """The målekart as of a period: per indicator the bands, the last `history` results and
    their status, and the values for a trend line. Two queries, whatever the number of rows."""
    queryset = (indicators if indicators is not None else Indicator.objects.all()).for_malekart()
    if scorecard:
        queryset = queryset.filter(perspective__scorecard=scorecard)
    indicators = [i for i in queryset if not i.is_retired_in(latest_complete(i.kind, period))]

    wanted: dict[int, list[Period]] = {}
    ranges: dict[Period, list[Period]] = {}  # indicators of one frequency share their periods
    for indicator in indicators:
        last = latest_complete(indicator.kind, period)
        if last not in ranges:
            ranges[last] = list(period_range(last.shift(-(max(history, trend) - 1)), last))
        wanted[indicator.pk] = ranges[last]
    results = _results(wanted, unit, adding=[i.pk for i in indicators if adds_up(i)])
    results.update(computed_results([i for i in indicators if i.computation], wanted, unit))

    groups: dict[str, ScorecardGroup] = {}
    for indicator in indicators:
        periods = wanted[indicator.pk]
        cells = []
        for shown in periods[-history:]:
            result = results.get((indicator.pk, str(shown)))
            assessment = assess(indicator, shown, None if result is None else result.value)
            text = indicator.new_text if assessment.reason == NEW else indicator.show(result and result.value)
            cells.append(ResultCell(shown, result, assessment, text))
        values = [(p, getattr(results.get((indicator.pk, str(p))), "value", None)) for p in periods[-trend:]]
        line = MalekartLine(indicator, periods[-1], indicator.band_shown_for(periods[-1]), cells, values)
        perspective = indicator.perspective
        group = groups.setdefault(
            perspective.scorecard, ScorecardGroup(perspective.scorecard, Scorecard(perspective.scorecard).label)
        )
        if not group.perspectives or group.perspectives[-1].perspective.pk != perspective.pk:
            group.perspectives.append(PerspectiveGroup(perspective))
        group.perspectives[-1].lines.append(line)
    ordered = [groups[key] for key in Scorecard.values if key in groups]
    return Malekart(period, unit, ordered)


def _results(wanted: dict[int, list[Period]], unit, adding=()) -> dict[tuple[int, str], ResultValue]:
    """The results wanted, by (indicator, period text): plain values, the period as stored (the
    målekart reads thousands of them when nothing is kept, so no model instances are made).

    For the department (no unit), the indicators in `adding` (counts) that have no result entered
    for the department get the sum of their units' results over the units in force then."""
    if not wanted:
        return {}
    periods = {str(p) for periods in wanted.values() for p in periods}
    queryset = Result.objects.filter(indicator_id__in=wanted, period__in=periods)
    queryset = queryset.filter(unit=unit) if unit is not None else queryset.filter(unit__isnull=True)
    rows = queryset.annotate(period_text=ExpressionWrapper(F("period"), output_field=CharField()))
    found = {
        (indicator_id, period): ResultValue(value)
        for indicator_id, period, value in rows.values_list("indicator_id", "period_text", "value")
    }
    if unit is None and adding:
        every = {p for i in adding for p in wanted.get(i, [])}
        for key, (total, count) in units_sums(Result, "indicator_id", adding, every).items():
            found.setdefault(key, ResultValue(total, count))
    return found


def computed_results(indicators, wanted: dict[int, list[Period]], unit) -> dict[tuple[int, str], Result]:
    """The results of indicators computed by a named rule, as unsaved results: never stored."""
    computed = {}
    for indicator in indicators:
        for period in wanted.get(indicator.pk, []):
            value = compute(indicator.computation, period=period, unit=unit)
            if value is not None:
                computed[(indicator.pk, str(period))] = Result(
                    indicator=indicator, period=period, unit=unit, value=value
                )
    return computed


# Each distinct period found by one index probe from the last (a "loose index scan"): the time
# grows with the number of periods, not with the results (40 units × 120 indicators × 10 years).
_DISTINCT_PERIODS = """
WITH RECURSIVE found(period) AS (
    SELECT MIN(period) FROM {table}
    UNION ALL
    SELECT (SELECT MIN(period) FROM {table} WHERE period > found.period) FROM found WHERE found.period IS NOT NULL
)
SELECT period FROM found WHERE period IS NOT NULL
"""


def malekart_models() -> list:
    """The models whose rows the målekart's table shows or computes from: results, indicators,
    bands, perspectives, unit names, and every model a computed indicator's rule reads."""
    return list(dict.fromkeys((Result, Indicator, Band, Perspective, ServiceUnit, *dependency_models())))


def malekart_version() -> str:
    """A value that changes with every change to what the målekart's table shows
    (`malekart_models`), in any process (horeport.kept.history_version). One query."""
    return history_version(malekart_models())


def result_periods() -> list[Period]:
    """Every period that holds a result, oldest first (one query, by the index on the period)."""
    with connection.cursor() as cursor:
        cursor.execute(_DISTINCT_PERIODS.format(table=connection.ops.quote_name(Result._meta.db_table)))
        return sorted(Period.parse(period) for (period,) in cursor.fetchall())


def kinds_in_use() -> list[Kind]:
    """The period kinds of the indicators, longest first (years before months)."""
    kinds = {Kind(f) for f in Indicator.objects.order_by().values_list("frequency", flat=True).distinct()} or {
        Kind.YEAR
    }
    return sorted(kinds, key=lambda kind: -kind.months)


# -- key figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentValue:
    """A key figure's department value for a period: entered for the department (`stored`), or
    summed over the units in force then (`units` of them, for a figure that is their sum)."""

    value: Decimal
    stored: KeyFigureValue | None = None
    units: int = 0

    @property
    def note(self) -> str:
        return summed_note(self.units)


def department_key_figures(figures, periods) -> dict[tuple[int, str], DepartmentValue]:
    """Per (key figure, period text), the department's value: the value entered for the department
    if there is one, else the sum over the units in force (KeyFigure.sum_of_units). Three queries."""
    figures = list(figures)
    texts = [str(p) for p in periods]
    found = {
        (v.key_figure_id, str(v.period)): DepartmentValue(v.value, stored=v)
        for v in KeyFigureValue.objects.filter(key_figure__in=figures, period__in=texts, unit__isnull=True)
    }
    adding = [f.pk for f in figures if f.sum_of_units]
    for key, (total, count) in units_sums(KeyFigureValue, "key_figure_id", adding, periods).items():
        found.setdefault(key, DepartmentValue(total, units=count))
    return found


@dataclass
class KeyFigureLine:
    key_figure: KeyFigure
    values: list[tuple[Period, DepartmentValue | None]]
    change: Change  # between the last two periods shown


def key_figure_table(*, kind: Kind, last: Period, count: int = 5, key_figures=None) -> list[KeyFigureLine]:
    """Per key figure of a kind, its department values in the `count` periods up to `last`, with
    the change between the last two (by horeport.calculations.change)."""
    figures = list(key_figures if key_figures is not None else KeyFigure.objects.filter(active=True, frequency=kind))
    periods = list(period_range(last.shift(-(count - 1)), last))
    values = department_key_figures(figures, periods)
    lines = []
    for figure in figures:
        row = [(p, values.get((figure.pk, str(p)))) for p in periods]
        old = row[-2][1].value if len(row) > 1 and row[-2][1] else None
        new = row[-1][1].value if row[-1][1] else None
        lines.append(KeyFigureLine(figure, row, change(old, new, percentages=figure.is_percent)))
    return lines


def key_figure_kinds() -> list[Kind]:
    kinds = {
        Kind(f) for f in KeyFigure.objects.filter(active=True).order_by().values_list("frequency", flat=True).distinct()
    }
    return sorted(kinds, key=lambda kind: -kind.months)


def latest_key_figure_period(kind: Kind) -> Period | None:
    periods = [
        Period.parse(p)
        for p in KeyFigureValue.objects.filter(key_figure__frequency=kind).values_list("period", flat=True).distinct()
    ]
    return max(periods) if periods else None


def first_key_figure_year() -> int | None:
    first = KeyFigureValue.objects.aggregate(first=Min("period"))["first"]  # stored as "2016", "2016-03"…
    return int(str(first)[:4]) if first else None


# -- strategy status ----------------------------------------------------------------------


@dataclass
class MeasureLine:
    measure: Measure
    status: MeasureStatus | None  # the latest status reported by the end of the period

    @property
    def state_label(self) -> str:
        return self.status.get_status_display() if self.status else "Ingen status"

    @property
    def state(self) -> str:
        return self.status.status if self.status else ""

    @property
    def reported_in(self) -> Period | None:
        return self.status.period if self.status else None


@dataclass
class MeasureGroup:
    title: str
    plan: ThemePlan | None = None
    strategy: Strategy | None = None
    lines: list[MeasureLine] = field(default_factory=list)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        counts = {}
        for line in self.lines:
            counts[line.state] = counts.get(line.state, 0) + 1
        labels = [*MeasureState.choices, ("", "Ingen status")]
        return [(key, label, counts[key]) for key, label in labels if counts.get(key)]


def statuses_as_of(period: Period, measures) -> dict[int, MeasureStatus]:
    """Per measure, the latest status reported for a period that ended by the end of `period`."""
    latest: dict[int, MeasureStatus] = {}
    for status in MeasureStatus.objects.filter(measure__in=measures):
        if status.period.end > period.end:
            continue
        current = latest.get(status.measure_id)
        if current is None or (status.period.end, status.period.start) > (current.period.end, current.period.start):
            latest[status.measure_id] = status
    return latest


def strategy_overview(period: Period) -> tuple[list[tuple[Strategy, MeasureGroup]], list[MeasureGroup], MeasureGroup]:
    """The strategies (with the measures under them), the theme plans with their measures, and
    the measures under neither, each with its status as of the period. Five queries."""
    strategies = list(Strategy.objects.prefetch_related("theme_plans"))
    plans = list(ThemePlan.objects.select_related("strategy"))
    measures = list(Measure.objects.filter(active=True).select_related("theme_plan", "strategy"))
    latest = statuses_as_of(period, measures)
    by_strategy = {s.pk: MeasureGroup(str(s), strategy=s) for s in strategies}
    by_plan = {p.pk: MeasureGroup(p.name, plan=p) for p in plans}
    others = MeasureGroup("Tiltak utenfor temaplanene")
    for measure in measures:
        line = MeasureLine(measure, latest.get(measure.pk))
        if measure.theme_plan_id:
            by_plan[measure.theme_plan_id].lines.append(line)
        elif measure.strategy_id:
            by_strategy[measure.strategy_id].lines.append(line)
        else:
            others.lines.append(line)
    return [(s, by_strategy[s.pk]) for s in strategies], [by_plan[p.pk] for p in plans], others


def by_scope(strategies: list[tuple[Strategy, MeasureGroup]]) -> tuple[list, list]:
    """The department's own strategies and the municipality's overall ones, each in number order."""
    own = [(s, group) for s, group in strategies if s.scope == StrategyScope.DEPARTMENT]
    return own, [(s, group) for s, group in strategies if s.scope == StrategyScope.MUNICIPALITY]


def latest_status_period() -> Period | None:
    periods = [Period.parse(p) for p in MeasureStatus.objects.values_list("period", flat=True).distinct()]
    return max(periods) if periods else None


def first_status_year() -> int | None:
    """The first year a status can belong to: the earliest theme plan's first year, or status."""
    years = [y for y in ThemePlan.objects.values_list("first_year", flat=True) if y]
    years += [Period.parse(p).year for p in MeasureStatus.objects.values_list("period", flat=True).distinct()]
    return min(years, default=None)
