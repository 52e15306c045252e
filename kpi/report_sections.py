"""Report sections of the målekart, key figures and strategy status (for the reports app).

Each returns the neutral `Section` value: no HTML, no request; an honest empty section when
there is nothing to show.
"""

from __future__ import annotations

import re
from dataclasses import replace

from horeport.calculations import change
from horeport.formatting import NBSP
from horeport.periods import Kind, Period
from horeport.sections import Cell, CellType, Column, Row, Section, SectionOptions, Table, report_section
from kpi import selectors
from kpi.bands import GREEN, NONE, RED, YELLOW
from kpi.models import Indicator, IndicatorUnit, KeyFigure, MeasureState, StrategyScope
from kpi.selectors import NEW, Assessment, assess, latest_complete


def result_cell(indicator: Indicator, value, *, note: str = "") -> Cell:
    """A result typed by its unit, with the indicator's decimals."""
    if indicator.unit == IndicatorUnit.PERCENT:
        return Cell.percent(value, indicator.decimals, note=note)
    return Cell.decimal(value, indicator.decimals, unit=indicator.suffix, note=note)


def status_cell(assessment: Assessment) -> Cell:
    if assessment.reason:
        # A new indicator, or a result without bands: grey, with its own word (not "Mangler data").
        return Cell(assessment.badge, CellType.STATUS, note=assessment.note, status=NONE)
    return Cell.of_status(assessment.status, note=assessment.note)


# -- målekart -------------------------------------------------------------------------------


@report_section(
    "kpi.malekart",
    "Målekart",
    description="Indikatorene gruppert etter sentrale utfordringer, med grenseverdier, resultat og status.",
)
def malekart(*, period: Period, options: SectionOptions) -> Section:
    # The results of the last years beside the bands, as the dashboard shows them; the short
    # form (1st and 3rd quarter) shows the latest result and its status only.
    history = 1 if options.short else min(3, max(1, options.comparison_years))  # more would crowd the bands
    data = selectors.malekart_build(period=period, history=history, trend=1)
    section = Section(period)
    if not data.lines:
        section.notes.append("Ingen indikatorer er lagt inn.")
        return section
    if not any(line.current.result for line in data.lines):
        # Nothing for the report's own period yet: say so once, and show the latest results
        # there are, with their status and the bands valid then (not a table of "Mangler data").
        latest = _latest_result_period(period)
        if latest is None:
            section.notes.append(f"Ingen resultater er registrert for {data.lines[0].period.label} ennå.")
        else:
            section.paragraphs.append(
                f"Ingen resultater er registrert for {data.lines[0].period.label} ennå. Tabellen viser de siste "
                f"resultatene, for {latest.label}, med status etter grenseverdiene som gjaldt da."
            )
            data = selectors.malekart_build(period=latest, history=history, trend=1)
    columns_by_line = {tuple(cell.period for cell in line.cells) for line in data.lines}
    shared = columns_by_line.pop() if len(columns_by_line) == 1 else None
    # Leading result columns without a single result say nothing: they are left out.
    first = 0
    while first < history - 1 and not any(line.cells[first].result for line in data.lines):
        first += 1
    shown = history - first
    if shared:
        shared = shared[first:]
        result_columns = [Column(f"Resultat {p.label}" if len(shared) == 1 else p.label) for p in shared]
    else:
        result_columns = [Column("Resultat" if i == shown - 1 else f"{shown - 1 - i} før") for i in range(shown)]
    bands = [] if options.short else [
        Column("Ønsket resultat", numeric=False),
        Column("Laveste aksepterte resultat", numeric=False),
        Column("Ikke godkjent resultat", numeric=False),
    ]  # fmt: skip
    for scorecard in data.scorecards:
        table = Table(
            scorecard.label,
            [*bands, *result_columns, Column("Status", numeric=False, status=True)],
            row_header="Måleindikator",
        )
        table.status_legend = not section.tables  # once, above the first table
        for group in scorecard.perspectives:
            table.rows.append(Row(str(group.perspective), [], kind="group"))
            for line in group.lines:
                indicator, assessment = line.indicator, line.current.assessment
                results = []
                for cell in line.cells[first:]:
                    note = "" if shared else cell.period.label
                    if cell.assessment.reason == NEW:
                        # "Ny indikator fra 2016" once, in the latest column, not as a missing value.
                        results.append(Cell.text(indicator.new_text if cell is line.current else ""))
                    else:
                        results.append(result_status_cell(indicator, cell, note=note))
                band_cells = [] if options.short else [
                    Cell.text(band_text(line.band.green_display) if line.band else None),
                    Cell.text(band_text(line.band.yellow_display) if line.band else None),
                    Cell.text(band_text(line.band.red_display) if line.band else None),
                ]  # fmt: skip
                table.rows.append(
                    Row(f"{indicator.code} {indicator.name}", [*band_cells, *results, status_cell(assessment)],
                        key=indicator.code)
                )  # fmt: skip
        section.tables.append(table)
    section.paragraphs.append(_summary_sentence(data))
    if not shared:
        section.notes.append("Hver indikator viser de siste resultatene for sin frekvens; perioden står ved tallet.")
    return section


def result_status_cell(indicator: Indicator, cell: selectors.ResultCell, *, note: str = "") -> Cell:
    """A result with the status it has by the bands valid in its own period (none where it is missing)."""
    summed = getattr(cell.result, "note", "")  # a count summed over the units in force
    value = result_cell(indicator, cell.value, note=", ".join(part for part in (note, summed) if part))
    if cell.value is None or cell.assessment.reason:
        return value
    return replace(value, status=cell.assessment.status)


# Spaces inside a value ("95 - 100 %", "0,75 %") that must not break a line; after the dash of a
# range a word joiner, since a line may otherwise break after a hyphen.
WORD_JOINER = "\u2060"
RANGE_ON_ONE_LINE = 10  # characters: "95 - 100 %" fits a band column, "4,4 - 5,4 mnd." does not
_VALUE_SPACES = re.compile(r"(?<=\d) (?=[-–%\d])|(?<=\d) (?=[^\W\d_]{1,6}\.?(?:\s|$))|(?<=[-–]) (?=\d)")


def band_text(text: str) -> str:
    """A band's text with non-breaking spaces inside each value: "95 - 100 %" stays on one line."""
    glued = _VALUE_SPACES.sub(NBSP, text)
    if len(glued) > RANGE_ON_ONE_LINE:
        # Too wide for a band column on one line: it may break after the dash, never elsewhere.
        return re.sub(r"(?<=\d)\s*([-–])\s*(?=\d)", rf"{NBSP}\1 ", glued)
    return re.sub(r"(?<=\d)\s*([-–])\s*(?=\d)", rf"{NBSP}\1{WORD_JOINER}{NBSP}", glued)


def _latest_result_period(period: Period) -> Period | None:
    """The latest period that holds a målekart result and ended by the end of `period`."""
    ended = [p for p in selectors.result_periods() if p.end <= period.end]
    return max(ended, key=lambda p: (p.end, -p.kind.months), default=None)


def _summary_sentence(data: selectors.Malekart) -> str:
    counts = {key: count for key, _, count in data.summary}
    total = len(data.lines)
    measured = total - counts.get(NEW, 0)
    parts = [
        f"{counts.get(GREEN, 0)} har ønsket resultat",
        f"{counts.get(YELLOW, 0)} har akseptert resultat",
        f"{counts.get(RED, 0)} har ikke godkjent resultat",
    ]
    if counts.get(NONE):
        parts.append(f"{counts[NONE]} mangler resultat")
    sentence = f"Av {measured} indikatorer som måles, " + ", ".join(parts[:-1]) + f" og {parts[-1]}."
    if counts.get(NEW):
        sentence += f" {counts[NEW]} indikatorer er nye og måles senere."
    return sentence


# -- monthly indicators -----------------------------------------------------------------------


@report_section(
    "kpi.monthly_indicators",
    "Månedlige indikatorer",
    period_kinds=(Kind.MONTH,),
    description="Indikatorene som måles månedlig: resultat for måneden mot samme måned i fjor, med status.",
)
def monthly_indicators(*, period: Period, options: SectionOptions) -> Section:
    section = Section(period)
    indicators = [
        i for i in Indicator.objects.for_malekart().filter(frequency=Kind.MONTH) if not i.is_retired_in(period)
    ]
    if not indicators:
        section.notes.append("Ingen indikatorer måles månedlig.")
        return section
    last_year = period.same_period_last_year()
    results = {key: r.value for key, r in selectors.department_results(indicators, [period, last_year]).items()}
    table = Table(
        f"Månedlige indikatorer, {period.label}",
        [
            Column("Ønsket resultat", numeric=False),
            Column(period.short_label),
            Column(last_year.short_label),
            Column("Endring"),
            Column("Endring i %"),
            Column("Status", numeric=False),
        ],
        row_header="Måleindikator",
    )
    for indicator in indicators:
        value, earlier = results.get((indicator.pk, str(period))), results.get((indicator.pk, str(last_year)))
        assessment = assess(indicator, period, value)
        band = indicator.band_shown_for(period)
        if assessment.reason == NEW:
            now_cell, then_cell = Cell.text(indicator.new_text), Cell.text(None)
            absolute, relative = Cell.text(None), Cell.text(None)
        else:
            now_cell, then_cell = result_cell(indicator, value), result_cell(indicator, earlier)
            absolute, relative = Cell.changes(
                change(earlier, value, percentages=indicator.unit == IndicatorUnit.PERCENT), decimals=1
            )
        table.rows.append(
            Row(f"{indicator.code} {indicator.name}",
                [Cell.text(band.green_display if band else None), now_cell, then_cell, absolute, relative,
                 status_cell(assessment)],
                key=indicator.code)
        )  # fmt: skip
    section.tables.append(table)
    if any(i.unit == IndicatorUnit.PERCENT for i in indicators):
        section.notes.append("Endring mellom to prosenttall er i prosentpoeng.")
    return section


# -- key figures --------------------------------------------------------------------------------


@report_section(
    "kpi.key_figures",
    "Nøkkeltall",
    description="Nøkkeltallene for perioden, med endring fra samme periode året før.",
)
def key_figures(*, period: Period, options: SectionOptions) -> Section:
    section = Section(period)
    figures = list(KeyFigure.objects.filter(active=True))
    # Each figure at its own frequency: the last of its periods that has ended by the period's end.
    wanted = {f.pk: latest_complete(f.kind, period) for f in figures}
    periods = {str(p) for p in wanted.values()} | {str(p.same_period_last_year()) for p in wanted.values()}
    values = selectors.department_key_figures(figures, {Period.parse(p) for p in periods})
    table = Table(
        "Nøkkeltall",
        [
            Column("Periode", numeric=False),
            Column("Verdi"),
            Column("Samme periode året før"),
            Column("Endring"),
            Column("Endring i %"),
        ],
        row_header="Nøkkeltall",
    )
    for figure in figures:
        shown = wanted[figure.pk]
        now = values.get((figure.pk, str(shown)))
        before = values.get((figure.pk, str(shown.same_period_last_year())))
        value, earlier = (now.value if now else None), (before.value if before else None)
        if value is None and earlier is None:
            continue
        absolute, relative = Cell.changes(change(earlier, value, percentages=figure.is_percent), decimals=1)
        table.rows.append(
            Row(figure.name,
                [Cell.text(shown.label),
                 Cell.decimal(value, figure.decimals, unit=figure.unit, note=now.note if now else ""),
                 Cell.decimal(earlier, figure.decimals, unit=figure.unit, note=before.note if before else ""),
                 absolute, relative])
        )  # fmt: skip
    if table.rows:
        section.tables.append(table)
        section.notes.append(
            "Endringen er ny verdi minus verdien for samme periode året før, og i prosent av den. "
            "Der en av verdiene mangler, står det «–»."
        )
    else:
        section.notes.append(f"Ingen nøkkeltall er registrert for {period.label} eller året før.")
    return section


# -- strategy status ----------------------------------------------------------------------------


@report_section(
    "kpi.strategy_status",
    "Strategier og temaplaner",
    description="Strategiene, temaplanene og tiltakene deres, med siste rapporterte status.",
)
def strategy_status(*, period: Period, options: SectionOptions) -> Section:
    section = Section(period)
    strategies, plans, others = selectors.strategy_overview(period)
    table = Table(
        f"Status for tiltak pr. {period.end:%d.%m.%Y}",
        [Column("Status", numeric=False), Column("Rapportert for", numeric=False), Column("Kommentar", numeric=False)],
        row_header="Tiltak",
    )
    own, municipality = selectors.by_scope(strategies)
    if municipality:
        names = ", ".join(strategy.name for strategy, _ in municipality)
        section.paragraphs.append(
            f"Kommunens overordnede strategier, som gjelder alle tjenesteområder: {names}. "
            "Tjenesteområdets egne strategier, temaplaner og tiltak følger."
        )
    groups = [group for _, group in own + municipality if group.lines] + [group for group in plans if group.lines]
    if others.lines:
        groups.append(others)
    lines = []
    for group in groups:
        table.rows.append(Row(_group_title(group), [], kind="group"))
        for line in group.lines:
            lines.append(line)
            table.rows.append(
                Row(_measure_title(line.measure),
                    [Cell.text(line.state_label),
                     Cell.text(line.reported_in.label if line.reported_in else None),
                     Cell.text(line.status.comment if line.status else None)],
                    key=str(line.measure.pk), level=1)
            )  # fmt: skip
    if not lines:
        section.notes.append("Ingen tiltak er lagt inn.")
        return section
    section.tables.append(table)
    counts = {state: sum(1 for line in lines if line.state == state) for state, _ in MeasureState.choices}
    without = sum(1 for line in lines if not line.status)
    parts = [f"{counts[state]} {label.lower()}" for state, label in MeasureState.choices if counts[state]]
    sentence = f"Av {len(lines)} tiltak er status rapportert for {len(lines) - without}"
    sentence += f" ({', '.join(parts)})" if parts else ""
    sentence += f"; {without} har ingen rapportert status." if without else "."
    section.paragraphs.append(sentence)
    section.notes.append("Hvert tiltak viser den siste statusen som er rapportert for en periode som var over da.")
    return section


def _group_title(group) -> str:
    """ "Temaplan psykisk helse og rus 2015–2018 (Kommunestyret juni 2014, sak 77/14)"."""
    if group.plan:
        title = f"{group.plan.name} {group.plan.years_label}".strip()
        return f"{title} ({group.plan.adopted})" if group.plan.adopted else title
    if group.strategy and group.strategy.scope == StrategyScope.MUNICIPALITY:
        return f"Kommunens overordnede strategi: {group.strategy.name}"
    return group.title


def _measure_title(measure) -> str:
    """A measure with the case it rests on, as on the strategy page: "Fontenehus (sak 145/15)"."""
    return f"{measure.name} ({measure.decision})" if measure.decision else measure.name
