"""The waitlists app's report sections, and the tables and charts its pages share with them."""

from __future__ import annotations

from dataclasses import replace

from horeport.calculations import change
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
from waitlists.models import HousingType, PrivateHousingKeyFigure
from waitlists.selectors import PrivateHousingData, Resolved, Value, WaitlistData

# The rows of a housing type's table, in the source documents' order. The waitlist and the
# effectuation time are always shown; the others only where a figure exists.
ROWS = [
    ("waitlist", ""),  # labelled by the periods' end ("Venteliste pr. 31.12.")
    ("effectuation_days", "Effektueringstid i gj.snitt"),
    ("applications_processed", "Behandlede søknader"),
    ("applications_granted", "Innvilgede søknader"),
    ("dwellings_allocated", "Tildelte boliger"),
    ("needs_reported", "Meldt behov neste 4 år – ikke vedtak"),
    ("housing_swaps", "Bytte bolig"),
]
MAIN_ROWS = ("waitlist", "effectuation_days")
COMPUTED_NOTE = (
    "«Beregnet» betyr regnet ut av sakslisten: ventelisten er sakene med vedtak som ikke hadde flyttet inn "
    "ved periodens slutt, og effektueringstiden er snittet av dagene fra vedtak til innflytting for sakene "
    "som flyttet inn i perioden."
)


def comparison_periods(period: Period, count: int) -> list[Period]:
    """The same period in `count` years up to and including the period's own, oldest first."""
    return [Period(period.kind, period.year - back, period.index) for back in range(max(1, count) - 1, -1, -1)]


def waitlist_label(periods: list[Period]) -> str:
    """ "Venteliste pr. 31.12." where every period ends on the same day of the year."""
    ends = {(p.end.day, p.end.month) for p in periods}
    if len(ends) == 1:
        day, month = ends.pop()
        return f"Venteliste pr. {day:02d}.{month:02d}."
    return "Venteliste ved periodens slutt"


def value_cell(name: str, value: Value) -> Cell:
    if name == "effectuation_days":
        return Cell.days(value.value, note=value.note)
    return Cell.integer(value.value, note=value.note)


def housing_type_table(resolved: list[Resolved], *, title: str = "") -> Table:
    """One housing type over some periods: the source documents' table."""
    periods = [r.period for r in resolved]
    housing_type = resolved[0].housing_type
    rows = []
    for name, label in ROWS:
        values = [r[name] for r in resolved]
        if name not in MAIN_ROWS and not any(v.present for v in values):
            continue
        rows.append(Row(label or waitlist_label(periods), [value_cell(name, v) for v in values], key=name))
    notes = [COMPUTED_NOTE] if any(r.computed for r in resolved) else []
    return Table(
        title or housing_type.name,
        [Column(p.label) for p in periods],
        rows,
        row_header=housing_type.name,
        notes=notes,
        register_counts=True,
    )


def across_types_table(data: WaitlistData, housing_types, periods: list[Period], name: str, title: str) -> Table:
    """One figure (the waitlist or the effectuation time) for every housing type, side by side."""
    rows = []
    for housing_type in housing_types:
        values = [data.resolve(housing_type, p)[name] for p in periods]
        rows.append(Row(housing_type.name, [value_cell(name, v) for v in values], key=str(housing_type.pk)))
    return Table(title, [Column(p.label) for p in periods], rows, row_header="Boligtype", register_counts=True)


def series_chart(data: WaitlistData, housing_types, periods: list[Period], name: str, title: str) -> Chart:
    """A line per housing type of one figure over the periods."""
    series = [ChartSeries(t.name, [data.resolve(t, p)[name].value for p in periods]) for t in housing_types]
    unit = "dager" if name == "effectuation_days" else "antall"
    return Chart(title, [p.short_label for p in periods], series, kind="line", unit=unit)


# -- sections -----------------------------------------------------------------------------------


@report_section(
    "waitlists.housing",
    "Venteliste og effektueringstid",
    period_kinds=(Kind.YEAR, Kind.HALF),
    description="Per boligtype: venteliste ved periodens slutt og effektueringstid i snitt, over 3–5 år.",
)
def housing(*, period: Period, options: SectionOptions) -> Section:
    asked = periods = comparison_periods(period, options.comparison_years)
    housing_types = list(HousingType.objects.all())
    data = WaitlistData(housing_types, periods[0].year, periods[-1].year)
    # Years before the first figure of any type would only be empty columns: leave them out.
    first = next(
        (i for i, p in enumerate(periods) if any(data.resolve(t, p).has_data for t in housing_types)), len(periods) - 1
    )
    periods = periods[first:]
    tables, shown = [], []
    for housing_type in housing_types:
        resolved = [data.resolve(housing_type, p) for p in periods]
        if not any(r.has_data for r in resolved):
            continue
        shown.append(housing_type)
        tables.append(suppress_small_numbers(housing_type_table(resolved), options.small_numbers))
    section = Section(period, tables=tables, small_numbers=options.small_numbers)
    if not shown:
        section.notes.append(f"Ingen ventelistetall er registrert for {asked[0].label}–{asked[-1].label}.")
        return section
    section.charts = [
        series_chart(data, shown, periods, "waitlist", waitlist_label(periods)),
        series_chart(data, shown, periods, "effectuation_days", "Effektueringstid i gj.snitt (dager)"),
    ]
    return section


@report_section(
    "waitlists.current",
    "Ventelister nå",
    period_kinds=tuple(Kind),
    description="Venteliste per boligtype ved periodens slutt, mot samme tid året før.",
)
def current(*, period: Period, options: SectionOptions) -> Section:
    table = current_table(period, small_numbers=options.small_numbers)
    section = Section(period, small_numbers=options.small_numbers)
    if table.is_empty:
        section.notes.append(f"Ingen venteliste er registrert {period.end_label} eller samme tid året før.")
    else:
        section.tables.append(table)
    return section


def current_table(period: Period, *, small_numbers: int | None = None, housing_types=None) -> Table:
    last_year = period.same_period_last_year()
    housing_types = list(HousingType.objects.all() if housing_types is None else housing_types)
    data = WaitlistData(housing_types, last_year.year, period.year)
    rows, computed = [], False
    for housing_type in housing_types:
        old, new = data.resolve(housing_type, last_year)["waitlist"], data.resolve(housing_type, period)["waitlist"]
        if not (old.present or new.present):
            continue
        computed = computed or old.computed or new.computed
        cells = [value_cell("waitlist", old), value_cell("waitlist", new), *Cell.changes(change(old.value, new.value))]
        rows.append(Row(housing_type.name, cells, key=str(housing_type.pk)))
    table = Table(
        f"Venteliste {period.end_label} mot samme tid året før",
        [Column(last_year.end_label.removeprefix("pr. ")), Column(period.end_label.removeprefix("pr. ")),
         Column("Endring"), Column("Endring i %")],
        rows,
        row_header="Boligtype",
        register_counts=True,
    )  # fmt: skip
    if computed:
        table.notes.append(COMPUTED_NOTE)
    table = suppress_small_numbers(table, small_numbers)
    # A change next to a hidden count would reveal it.
    for row in table.rows:
        if row.cells[0].suppressed or row.cells[1].suppressed:
            row.cells[2:] = [replace(cell, suppressed=True) for cell in row.cells[2:]]
    return table


@report_section(
    "waitlists.private_housing",
    "Privat boligfremskaffelse",
    period_kinds=tuple(Kind),
    description="Nøkkeltall for privat leie eller kjøp av egen bolig.",
)
def private_housing(*, period: Period, options: SectionOptions) -> Section:
    section = Section(period)
    table = private_housing_table(comparison_periods(period, options.comparison_years))
    if table.is_empty:
        section.notes.append(f"Ingen nøkkeltall for privat boligfremskaffelse er registrert for {period.label}.")
    else:
        section.tables.append(table)
    return section


def private_housing_table(periods: list[Period], key_figures=None) -> Table:
    """Every key figure over the periods; years without any figure are left out, the last kept."""
    data = PrivateHousingData(periods[0].year, periods[-1].year)
    key_figures = list(PrivateHousingKeyFigure.objects.all() if key_figures is None else key_figures)
    values = {m.pk: [data.resolve(m, p) for p in periods] for m in key_figures}
    keep = [
        i for i, _ in enumerate(periods) if i == len(periods) - 1 or any(values[m.pk][i].present for m in key_figures)
    ]
    rows = [
        Row(m.name, [Cell.integer(values[m.pk][i].value, note=values[m.pk][i].note) for i in keep], key=str(m.pk))
        for m in key_figures
        if any(values[m.pk][i].present for i in keep)
    ]
    return Table(
        "Nøkkeltall privat boligfremskaffelse",
        [Column(f"Antall {periods[i].label}") for i in keep],
        rows,
        row_header="Nøkkeltall",
    )
