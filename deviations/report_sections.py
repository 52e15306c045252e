"""The deviation register's report sections (docs/rules.md: registered and processed deviations, small numbers).

Each reads the database and returns a neutral `Section`; counts of register entries are marked
`register_counts` and pass through `suppress_small_numbers` when the report asks for it.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils import timezone

from deviations import selectors
from horeport.calculations import change
from horeport.formatting import nb_date, nb_number, nb_percent
from horeport.periods import Kind, Period
from horeport.sections import (
    Cell,
    Chart,
    ChartSeries,
    Column,
    Row,
    Section,
    SectionOptions,
    Table,
    report_section,
    suppress_small_numbers,
)

REGISTERED = "Antall registrerte avvik"
PROCESSED = "Antall behandlede avvik"
ALL_KINDS = tuple(Kind)


def change_columns() -> list[Column]:
    return [Column("Endring i antall"), Column("Endring i prosent")]


def suppress(table: Table, threshold: int | None) -> Table:
    """Hide small counts, and the change cells of any row whose counts are hidden (a change
    next to a shown count would reveal the hidden one)."""
    table = suppress_small_numbers(table, threshold)
    rows = []
    for row in table.rows:
        if any(cell.suppressed for cell in row.cells):
            cells = [replace(cell, suppressed=True) if cell.signed else cell for cell in row.cells]
            row = replace(row, cells=cells)
        rows.append(row)
    return replace(table, rows=rows)


def _shown(cell: Cell):
    return None if cell.suppressed else cell.value


def _is_small(count: int | None, options: SectionOptions) -> bool:
    """Would this count be hidden in a table? (Then no sentence may state it either.)"""
    return bool(options.small_numbers and count and 0 < count < options.small_numbers)


def _empty(period: Period, options: SectionOptions, message: str) -> Section:
    return Section(period, notes=[message], small_numbers=options.small_numbers)


# -- registered and processed per category ---------------------------------------------------


@report_section(
    "deviations.by_category",
    "Kvalitetsavvik",
    period_kinds=ALL_KINDS,
    description="Registrerte og behandlede avvik per kategori, perioden mot samme periode året før.",
)
def by_category(*, period: Period, options: SectionOptions) -> Section:
    previous = period.same_period_last_year()
    cutoff = options.cutoff_for(period)
    counts = selectors.counts_by_category([previous, period], cutoff=cutoff)
    if not counts:
        message = f"Ingen avvik er registrert i {period.label} eller {previous.label}."
        return _empty(period, options, message)

    rows = []
    for item in counts:
        rows.append(Row(item.category.name, [Cell.text(None)] * 4, kind="group", key=f"category-{item.category.pk}"))
        for label, values in ((REGISTERED, item.registered), (PROCESSED, item.processed)):
            old, new = values[previous], values[period]
            rows.append(
                Row(label, [Cell.integer(old), Cell.integer(new), *Cell.changes(change(old, new))], level=1,
                    key=f"category-{item.category.pk}-{'registered' if label == REGISTERED else 'processed'}")
            )  # fmt: skip
    table = Table(
        "Interne avviksmeldinger per kategori",
        columns=[Column(previous.label), Column(period.label), *change_columns()],
        rows=rows,
        row_header="Type avvik",
        notes=[
            f"Registrerte avvik: meldt i perioden. Behandlede avvik: av disse, lukket innen {nb_date(cutoff)}.",
            f"Endring i prosent er regnet av tallet for {previous.label}.",
            "Avvik sendt til sykehus er ikke med her; de står i tabellen over avvik til sykehus.",
        ],
        register_counts=True,
    )
    table = suppress(table, options.small_numbers)

    section = Section(period, tables=[table], small_numbers=options.small_numbers)
    registered_rows = [row for row in table.rows if row.header == REGISTERED]
    values_old = [_shown(row.cells[0]) for row in registered_rows]
    values_new = [_shown(row.cells[1]) for row in registered_rows]
    if None in values_old or None in values_new:
        section.notes.append("Diagrammet er utelatt fordi små tall er skjult.")
    else:
        section.charts.append(
            Chart(
                "Registrerte avvik per kategori",
                categories=[item.category.name for item in counts],
                series=[ChartSeries(previous.label, values_old), ChartSeries(period.label, values_new)],
                kind="bar",
                unit="avvik",
            )
        )
    return section


# -- deviations sent to the hospital ------------------------------------------------------------


@report_section(
    "deviations.hospital",
    "Avvik til sykehus",
    period_kinds=ALL_KINDS,
    description="Avvik kommunen har sendt til sykehuset, per år (eller periode) med endring.",
)
def hospital(*, period: Period, options: SectionOptions) -> Section:
    first_year = selectors.first_year_with_data()
    count = max(2, options.comparison_years)
    periods = [Period(period.kind, period.year - back, period.index) for back in range(count - 1, -1, -1)]
    if first_year is not None:
        periods = [p for p in periods if p.year >= first_year] or [period]
    by_hospital = _merge_spellings(selectors.hospital_counts(periods))
    if not by_hospital or not any(sum(v.values()) for v in by_hospital.values()):
        message = f"Ingen avvik er sendt til sykehus i {period.label} eller årene før."
        return _empty(period, options, message)

    names = sorted(by_hospital)
    totals = {p: sum(by_hospital[name][p] for name in names) for p in periods}
    several = len(names) > 1
    columns = [Column(name) for name in names] if several else []
    columns += [Column("Antall avvik" if not several else "Totalt", is_total=several), *change_columns()]
    rows = []
    for i, p in enumerate(periods):
        cells = [Cell.integer(by_hospital[name][p]) for name in names] if several else []
        cells.append(Cell.integer(totals[p]))
        earlier_total = totals[periods[i - 1]] if i else None  # the first row has nothing to compare with
        cells += list(Cell.changes(change(earlier_total, totals[p])))
        rows.append(Row(p.label, cells, key=str(p)))
    table = Table(
        "Avvik sendt til sykehus",
        columns=columns,
        rows=rows,
        row_header="Periode",
        notes=["Endring fra perioden før, i prosent av tallet for perioden før."],
        register_counts=True,
    )
    table = suppress(table, options.small_numbers)
    section = Section(period, tables=[table], small_numbers=options.small_numbers)

    current, earlier = totals[period], totals.get(period.same_period_last_year())
    place = names[0] if not several else "sykehus"
    if not _is_small(current, options) and not _is_small(earlier, options):
        sentence = f"I {period.label} sendte kommunen {nb_number(current)} avvik til {place}."
        if earlier is not None:
            sentence += f" I {period.same_period_last_year().label} ble det sendt {nb_number(earlier)}"
            difference = change(earlier, current)
            if difference.relative is not None and difference.absolute:
                word = "en økning" if difference.absolute > 0 else "en nedgang"
                sentence += f"; det er {word} på {nb_percent(abs(difference.relative))}."
            else:
                sentence += "."
        section.paragraphs.append(sentence)
    shown = [_shown(row.cells[len(names) if several else 0]) for row in table.rows]
    if None not in shown:
        section.charts.append(
            Chart(
                "Avvik sendt til sykehus",
                categories=[p.label for p in periods],
                series=[ChartSeries("Avvik til sykehus", shown)],
                kind="bar",
                unit="avvik",
            )
        )
    return section


def _merge_spellings(counts: dict[str, dict[Period, int]]) -> dict[str, dict[Period, int]]:
    """One row per hospital, however its name was typed ("Sykehuset Vest", "sykehuset vest ")."""
    merged: dict[str, dict[Period, int]] = {}
    names: dict[str, str] = {}
    for name, values in counts.items():
        key = " ".join(name.split()).casefold()
        display = names.setdefault(key, " ".join(name.split()) or "Uten navn")
        target = merged.setdefault(display, dict.fromkeys(values, 0))
        for period, value in values.items():
            target[period] += value
    return merged


# -- new deviations by category (the director's monthly report) --------------------------------


@report_section(
    "deviations.new_by_category",
    "Nye avvik per kategori",
    period_kinds=ALL_KINDS,
    description="Avvik registrert i perioden per kategori, mot samme periode året før.",
)
def new_by_category(*, period: Period, options: SectionOptions) -> Section:
    previous = period.same_period_last_year()
    counts = selectors.counts_by_category([previous, period], cutoff=period.end)
    if not counts:
        message = f"Ingen avvik er registrert i {period.label} eller {previous.label}."
        return _empty(period, options, message)
    rows = []
    for item in counts:
        old, new = item.registered[previous], item.registered[period]
        rows.append(Row(item.category.name, [Cell.integer(old), Cell.integer(new), *Cell.changes(change(old, new))],
                        key=f"category-{item.category.pk}"))  # fmt: skip
    if len(counts) > 1:  # a total of one row adds nothing (and would undo small-number suppression)
        old_total = sum(item.registered[previous] for item in counts)
        new_total = sum(item.registered[period] for item in counts)
        rows.append(
            Row("Totalt", [Cell.integer(old_total), Cell.integer(new_total),
                           *Cell.changes(change(old_total, new_total))], kind="total", key="total")
        )  # fmt: skip
    table = Table(
        "Nye avvik per kategori",
        columns=[Column(previous.label), Column(period.label), *change_columns()],
        rows=rows,
        row_header="Kategori",
        notes=[
            "Avvik registrert i perioden. Avvik sendt til sykehus er ikke med.",
            f"Endring i prosent er regnet av tallet for {previous.label}.",
        ],
        register_counts=True,
    )
    table = suppress(table, options.small_numbers)
    return Section(period, tables=[table], small_numbers=options.small_numbers)


# -- open deviations by age --------------------------------------------------------------------


@report_section(
    "deviations.open",
    "Åpne avvik",
    period_kinds=ALL_KINDS,
    description="Avvik som ikke er lukket ved periodens slutt, etter hvor lenge de har vært åpne.",
)
def open_deviations(*, period: Period, options: SectionOptions) -> Section:
    day = min(options.cutoff_for(period), timezone.localdate())
    counts = selectors.open_by_age(day)
    if not counts:
        return _empty(period, options, f"Ingen avvik var åpne per {nb_date(day)}.")
    bands = [label for label, _low, _high in selectors.AGE_BANDS]
    rows = [
        Row(
            category.name,
            [*(Cell.integer(n) for n in values), Cell.integer(sum(values))],
            key=f"category-{category.pk}",
        )
        for category, values in counts
    ]
    if len(counts) > 1:  # a total of one row adds nothing (and would undo small-number suppression)
        column_totals = [sum(values[i] for _c, values in counts) for i in range(len(bands))]
        rows.append(
            Row("Totalt", [*(Cell.integer(n) for n in column_totals), Cell.integer(sum(column_totals))], kind="total",
                key="total")
        )  # fmt: skip
    table = Table(
        f"Åpne avvik per {nb_date(day)} etter alder",
        columns=[*(Column(label) for label in bands), Column("Totalt", is_total=True)],
        rows=rows,
        row_header="Kategori",
        notes=[
            "Åpne avvik: registrert innen datoen og ikke lukket innen den, også avvik sendt til sykehus. "
            "Alderen regnes fra registreringsdatoen."
        ],
        register_counts=True,
    )
    table = suppress(table, options.small_numbers)
    return Section(period, tables=[table], small_numbers=options.small_numbers)
