"""The services' report sections: the half-year table, the omsorgsstønad and BPA developments,
and every service's month against the same month last year (the director's report)."""

from __future__ import annotations

from dataclasses import replace

from horeport.calculations import change
from horeport.periods import Kind, Period
from horeport.sections import Cell, Chart, ChartSeries, Column, Row, Section, SectionOptions, Table, report_section
from volumes import selectors
from volumes.aggregates import HOURS_TOTAL, USERS_TOTAL, summarize
from volumes.models import PER_USER_LABEL, ReportTable
from volumes.tables import as_entered, half_year_columns, service_charts, summary_table


def _with_note(cell: Cell, note: str) -> Cell:
    """The cell with "sum av N virksomheter" beside it where the month is the sum of the units."""
    return replace(cell, note=note) if note else cell


def _has_values(table: Table) -> bool:
    return any(cell.value is not None for row in table.rows for cell in row.cells)


@report_section(
    "volumes.mestringshuset_fat", "Tjenester pr. halvår", period_kinds=(Kind.YEAR, Kind.HALF),
    description="Tjenestene i halvårstabellen (for eksempel psykisk helse og rus): brukere, timer vedtak og "
    "timer pr. bruker, gjennomsnitt pr. måned for halvårene og året.",
)  # fmt: skip
def mestringshuset_fat(*, period: Period, options: SectionOptions) -> Section:
    services = selectors.services(report_table=ReportTable.MESTRINGSHUSET_FAT)
    if period.kind is Kind.YEAR:
        columns = half_year_columns(period.year)
    else:
        earlier = period.same_period_last_year()
        columns = [(earlier, earlier.month_range_label), (period, period.month_range_label)]
    figures = selectors.figures_by_service(services, first_year=columns[0][0].year, last_year=period.year)
    section = Section(period)
    shown = []
    for service in services:
        table = summary_table(service, figures[service.pk], columns, title=service.name_for(period))
        if _has_values(table):
            section.tables.append(table)
            shown.append(service)
    if not shown:
        section.notes.append(f"Ingen tall for tjenestene i tabellen er registrert for {period.label}.")
        return section
    categories = [label for _, label in columns]
    users, per_user = [], []
    for service in shown:
        summaries = [summarize(service, figures[service.pk], p) for p, _ in columns]
        name = service.name_for(period)
        users.append(ChartSeries(name, [s.value(USERS_TOTAL) for s in summaries]))
        per_user.append(ChartSeries(name, [s.per_user for s in summaries]))
    section.charts = [
        Chart("Antall brukere, gjennomsnitt pr. mnd.", categories, users, kind="bar", unit="brukere"),
        Chart(PER_USER_LABEL, categories, per_user, kind="bar", unit="timer", decimals=1),
    ]
    return section


def _development(table: ReportTable, period: Period, options: SectionOptions) -> Section:
    """A multi-year table per service (newest first, as the source), with charts oldest first."""
    services = selectors.services(report_table=table)
    count = max(1, options.comparison_years)
    periods = [period]
    while len(periods) < count:
        periods.append(periods[-1].same_period_last_year())
    figures = selectors.figures_by_service(services, first_year=periods[-1].year, last_year=period.year)
    section = Section(period)
    if len(services) == 1:
        # The name in force in the period: "Omsorgslønn – utvikling" in 2016, "Omsorgsstønad – utvikling" from 2020.
        section.title = f"{services[0].name_for(period)} – utvikling"
    for service in services:
        summaries = {p: summarize(service, figures[service.pk], p) for p in periods}
        # Leave out the oldest periods before the service has any figure (BPA starts in 2013).
        shown = list(periods)
        while shown and summaries[shown[-1]].is_empty:
            shown.pop()
        if not shown:
            continue
        name = service.name_for(period)
        span = f"{shown[-1].label}–{shown[0].label}" if len(shown) > 1 else shown[0].label
        columns = [(p, p.label if p.kind is Kind.YEAR else p.short_label) for p in shown]
        section.tables.append(
            summary_table(service, figures[service.pk], columns, title=f"{name} {span}, gjennomsnitt pr. mnd.")
        )
        chronological = list(reversed(shown))
        # The source's report charts users and hours per user; the hours are in the table.
        charts = service_charts(service, [summaries[p] for p in chronological], [p.label for p in chronological],
                                shown=("users", "per_user"))  # fmt: skip
        section.charts += [
            Chart(f"{name}: {chart.title[:1].lower()}{chart.title[1:]}", chart.categories, chart.series,
                  chart.kind, chart.unit, chart.decimals)
            for chart in charts
        ]  # fmt: skip
    if not section.tables:
        section.notes += [_why_empty(service, period, periods[-1]) for service in services] or [
            f"Ingen tjenester er valgt for tabellen «{table.label}» (under Tjenester)."
        ]
        section.empty_reason = " ".join(note for note in section.notes if not note.startswith("Ingen "))
    return section


def _why_empty(service, period: Period, first: Period) -> str:
    """Why a service has no table for a period: nothing entered, or only whole-year averages."""
    name = service.name_for(period)
    years = sorted(selectors.years_with_figures(service))
    if period.kind is not Kind.YEAR and years and years[-1] >= first.year:
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        return (
            f"{name} er registrert som gjennomsnitt for hele år ({span}), ikke pr. måned, så tallene for "
            f"{period.label} finnes ikke for seg. Årstallene står i årsrapporten."
        )
    span = f"{first.label}–{period.label}" if first != period else period.label
    return f"Ingen tall er registrert for {name} i {span}."


@report_section(
    "volumes.omsorgslonn", "Utvikling: omsorgsstønad", period_kinds=(Kind.YEAR, Kind.HALF),
    description="Omsorgslønn (omsorgsstønad fra 2020): brukere og timer pr. aldersgruppe, gjennomsnitt pr. "
    "måned, flere år.",
)  # fmt: skip
def omsorgslonn(*, period: Period, options: SectionOptions) -> Section:
    return _development(ReportTable.OMSORGSLONN, period, options)


@report_section(
    "volumes.bpa", "Utvikling: BPA", period_kinds=(Kind.YEAR, Kind.HALF),
    description="Brukerstyrt personlig assistanse: brukere og timer pr. aldersgruppe, gjennomsnitt pr. måned, "
    "flere år.",
)  # fmt: skip
def bpa(*, period: Period, options: SectionOptions) -> Section:
    return _development(ReportTable.BPA, period, options)


@report_section(
    "volumes.monthly", "Tjenester i måneden", period_kinds=(Kind.MONTH,),
    description="Brukere og timer vedtak for hver tjeneste i måneden, mot samme måned i fjor.",
)  # fmt: skip
def monthly(*, period: Period, options: SectionOptions) -> Section:
    services = selectors.services()
    earlier = period.same_period_last_year()
    figures = selectors.figures_by_service(services, first_year=earlier.year, last_year=period.year)
    columns = [
        Column(f"Brukere {earlier.short_label}"), Column(f"Brukere {period.short_label}"),
        Column("Endring"), Column("Endring %"),
        Column(f"Timer {earlier.short_label}"), Column(f"Timer {period.short_label}"),
        Column("Endring"), Column("Endring %"),
    ]  # fmt: skip
    table = Table(f"Brukere og timer vedtak, {period.label} mot {earlier.label}", columns, row_header="Tjeneste")
    for service in services:
        before, now = (summarize(service, figures[service.pk], p) for p in (earlier, period))
        if before.is_empty and now.is_empty:
            continue
        cells = []
        for key, recorded in ((USERS_TOTAL, service.records_users), (HOURS_TOTAL, service.records_hours)):
            old, new = before.value(key), now.value(key)
            if not recorded:  # no figure, shown "–" like any missing number (on the page and in the report)
                cells += [Cell.integer(None)] * 4
                continue
            cells += [
                _with_note(as_entered(old), before.units_note),
                _with_note(as_entered(new), now.units_note),
                *Cell.changes(change(old, new)),
            ]
        table.rows.append(Row(service.name_for(period), cells, key=service.slug))
    section = Section(period, tables=[table] if table.rows else [])
    if not table.rows:
        section.notes.append(f"Ingen tjenester har tall for {period.label} eller {earlier.label}.")
    else:
        table.notes.append("Brukere og timer i alt for måneden (alle aldersgrupper).")
    return section
