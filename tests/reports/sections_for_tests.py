"""Report sections for the reports app's tests, built from simple data as a domain app's would be.

Importing this module registers them; their keys start with "test.". `test.figures` reads the
test-only `Figure` model, so a published report shows what was entered.
"""

from __future__ import annotations

from decimal import Decimal

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
from tests.tracked.models import Figure

ALL_KINDS = (Kind.MONTH, Kind.QUARTER, Kind.HALF, Kind.YEAR)

# Complaints per case type: (upheld, partly reversed, reversed), as in seed 000's table.
COMPLAINTS = [
    ("Omsorgslønn", 0, 1, 1),
    ("Støttekontakt", 1, 0, 3),
    ("Vederlag", 5, 0, 0),
    ("Psykisk helse", 2, 0, 0),
]
# Registered deviations per category, last year and this year (seed 000).
DEVIATIONS = [("Legemiddelavvik", 440, 588), ("Vold og trusler", 945, 1986), ("Fall", 146, 481)]
# Waitlist at 31.12. (bolig med service, seed 000).
WAITLIST = {2012: None, 2013: 9, 2014: 16, 2015: 0, 2016: 14}
LONG_TABLE_ROWS = 90


@report_section("test.counts", "Klagesaker per sakstype", period_kinds=ALL_KINDS)
def counts(*, period: Period, options: SectionOptions) -> Section:
    columns = [Column("Stadfestet"), Column("Delvis omgjort"), Column("Omgjort"), Column("Totalt", is_total=True)]
    rows = [
        Row(name, [Cell.integer(v) for v in (a, b, c, a + b + c)], key=name.lower()) for name, a, b, c in COMPLAINTS
    ]
    totals = [sum(row[i] for row in COMPLAINTS) for i in (1, 2, 3)]
    rows.append(Row("Totalt", [Cell.integer(v) for v in (*totals, sum(totals))], kind="total"))
    table = Table("Klager sendt til Fylkesmannen", columns, rows, row_header="Sakstype", register_counts=True)
    table = suppress_small_numbers(table, options.small_numbers)
    return Section(period, tables=[table], small_numbers=options.small_numbers)


@report_section("test.percentages", "Kvalitetsavvik", period_kinds=ALL_KINDS)
def percentages(*, period: Period, options: SectionOptions) -> Section:
    last, this = period.same_period_last_year(), period
    columns = [Column(last.label), Column(this.label), Column("Endring"), Column("Endring i prosent")]
    rows = []
    for name, old, new in DEVIATIONS:
        rows.append(Row(name, [], kind="group"))
        rows.append(
            Row(
                "Antall registrerte avvik",
                [Cell.integer(old), Cell.integer(new), *Cell.changes(change(old, new))],
                level=1,
            )
        )
    old_share, new_share = Decimal("97.7"), Decimal("92.86")
    share_change = Cell.changes(change(old_share, new_share, percentages=True))
    rows.append(Row("Andel behandlet", [Cell.percent(old_share), Cell.percent(new_share), *share_change]))
    stay = [Cell.decimal(Decimal("2.04"), 2, unit="døgn"), Cell.decimal(Decimal("1.5"), 2, unit="døgn")]
    rows.append(Row("Liggetid", [*stay, Cell.text(None), Cell.text(None)]))
    table = Table("Registrerte avvik", columns, rows, row_header="Type avvik")
    chart = Chart(
        "Registrerte avvik",
        [name for name, _, _ in DEVIATIONS],
        [
            ChartSeries(last.label, [old for _, old, _ in DEVIATIONS]),
            ChartSeries(this.label, [new for _, _, new in DEVIATIONS]),
        ],
        kind="bar",
        unit="avvik",
    )
    return Section(
        period,
        tables=[table],
        charts=[chart],
        paragraphs=[f"I {this.label} ble det registrert {sum(n for _, _, n in DEVIATIONS)} avvik."],
        notes=["Endring i prosent er regnet fra fjorårets tall."],
    )


@report_section("test.long_table", "Venteliste over mange år", period_kinds=ALL_KINDS)
def long_table(*, period: Period, options: SectionOptions) -> Section:
    columns = [Column("Søknader"), Column("Innvilget"), Column("Andel innvilget")]
    rows = []
    for i in range(1, LONG_TABLE_ROWS + 1):
        applications, granted = 100 + i, 50 + i
        rows.append(Row(f"Rad {i}", [Cell.integer(applications), Cell.integer(granted),
                                     Cell.percent(Decimal(granted) / Decimal(applications) * 100)]))  # fmt: skip
    years = [y for y in sorted(WAITLIST) if y > period.year - options.comparison_years]
    chart = Chart(
        "Venteliste pr. 31.12.",
        [str(y) for y in years],
        [ChartSeries("Bolig med service", [WAITLIST[y] for y in years])],
    )
    table = Table("Søknader per rad", columns, rows, row_header="Rad")
    return Section(period, tables=[table], charts=[chart])


@report_section("test.figures", "Registrerte tall", period_kinds=ALL_KINDS)
def figures(*, period: Period, options: SectionOptions) -> Section:
    rows = [
        Row(figure.name, [Cell.decimal(figure.value, 2)])
        for figure in Figure.objects.order_by("name")
        if figure.period in period
    ]
    table = Table("Tall i perioden", [Column("Verdi")], rows, row_header="Navn")
    return Section(period, tables=[table])


@report_section("test.empty", "Tom seksjon", period_kinds=ALL_KINDS)
def empty(*, period: Period, options: SectionOptions) -> Section:
    return Section(period, tables=[Table("Ingenting", [Column("Antall")], [])])


@report_section("test.yearly", "Bare for år", period_kinds=(Kind.YEAR,))
def yearly(*, period: Period, options: SectionOptions) -> Section:
    return Section(period, paragraphs=["Et år."])


@report_section("test.broken", "Seksjon med feil", period_kinds=ALL_KINDS)
def broken(*, period: Period, options: SectionOptions) -> Section:
    raise RuntimeError("a bug in a section")


TEST_KEYS = ["test.counts", "test.percentages", "test.long_table"]


@report_section(
    "test.notes",
    "Brukere og timer pr. måned i mange tjenester og aldersgrupper",
    period_kinds=ALL_KINDS,
    sheet_title="Brukere og timer pr. måned",
)
def notes(*, period: Period, options: SectionOptions) -> Section:
    columns = [Column("Brukere"), Column("Timer")]
    rows = [
        Row("BPA", [Cell.decimal(51, 1, note="5 av 6 mnd."), Cell.decimal(None, 1)]),
        Row("FAT", [Cell.decimal(12, 1), Cell.decimal(300, 1)]),
    ]
    first = Table("Tjenester", columns, rows, row_header="Tjeneste")
    second = Table("Aldersgrupper", [Column("Brukere")], [Row("Under 18 år", [Cell.integer(7)])], row_header="Alder")
    return Section(period, tables=[first, second])
