"""The neutral section value: cells format themselves the Norwegian way and know their Excel
format; small register counts are hidden with their totals protected."""

from decimal import Decimal

from horeport import sections
from horeport.calculations import change
from horeport.charts import chart_png, chart_svg, sparkline_svg
from horeport.periods import Period
from horeport.sections import (
    SECTION_REGISTRY,
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


def test_cells_show_norwegian_text():
    assert Cell.integer(3084).text_value == "3\u00a0084"
    assert Cell.percent(Decimal("25.227")).text_value == "25,2\u00a0%"
    assert Cell.decimal(Decimal("2.04"), 2, unit="døgn").text_value == "2,04\u00a0døgn"
    assert Cell.integer(None).text_value == "–"
    assert Cell.of_status("red").text_value == "Ikke godkjent"


def test_a_change_pair_gives_the_difference_and_the_percentage():
    absolute, relative = Cell.changes(change(440, 588))
    assert (absolute.text_value, relative.text_value) == ("+148", "+33,6\u00a0%")
    absolute, relative = Cell.changes(change(0, 4))
    assert (absolute.text_value, relative.text_value) == ("+4", "–")


def test_cells_store_real_numbers_for_excel():
    assert Cell.percent(Decimal("25.2")).excel_value == 0.252
    assert Cell.percent(Decimal("25.2")).number_format == "0.0%;-0.0%;0%"
    assert Cell.integer(3084).excel_value == 3084
    assert Cell.integer(3084).number_format == "#,##0"
    assert Cell.decimal(Decimal("50.3")).number_format == "#,##0.0"


def counts_table(rows):
    columns = [Column("Stadfestet"), Column("Omgjort"), Column("Totalt", is_total=True)]
    return Table("Klagesaker", columns, [Row(name, [Cell.integer(v) for v in values]) for name, values in rows],
                 register_counts=True)  # fmt: skip


def test_small_counts_are_hidden_and_the_total_cannot_reveal_them():
    table = suppress_small_numbers(counts_table([("Vederlag", [5, 0, 5]), ("Omsorgslønn", [1, 4, 5])]), 3)
    vederlag, omsorgslonn = ([c.text_value for c in row.cells] for row in table.rows)
    assert vederlag == ["5", "0", "5"]
    assert omsorgslonn == [":", ":", "5"]  # 1 is hidden, and 4 with it, or 5 − 4 would tell
    assert "Tall under 3 er skjult" in table.notes[-1]


def test_suppression_is_off_unless_asked_for():
    table = counts_table([("Omsorgslønn", [1, 4, 5])])
    assert [c.text_value for c in suppress_small_numbers(table, None).rows[0].cells] == ["1", "4", "5"]


def test_charts_render_as_svg_with_text_and_as_png():
    chart = Chart("Venteliste", ["2014", "2015", "2016"], [ChartSeries("Bolig med service", [16, 0, 14])])
    svg = chart_svg(chart)
    assert svg.startswith("<?xml") and "Venteliste" in svg and "2016" in svg
    assert chart_png(chart).startswith(b"\x89PNG")
    assert "<svg" in sparkline_svg([1, None, 3])


def test_a_small_row_total_is_protected_by_the_totals_row():
    columns = [Column("Stadfestet"), Column("Omgjort"), Column("Antall", is_total=True)]
    rows = [
        Row("Vederlag", [Cell.integer(5), Cell.integer(0), Cell.integer(5)]),
        Row("BPA", [Cell.integer(2), Cell.integer(0), Cell.integer(2)]),
        Row("Støttekontakt", [Cell.integer(4), Cell.integer(3), Cell.integer(7)]),
        Row("Totalt", [Cell.integer(11), Cell.integer(3), Cell.integer(14)], kind="total"),
    ]
    table = suppress_small_numbers(Table("Klagesaker", columns, rows, register_counts=True), 3)
    shown = [[c.text_value for c in row.cells] for row in table.rows]
    assert shown[1][0] == ":" and shown[1][2] == ":"  # BPA's 2 and its total
    # No row or column tied to a total may hide exactly one cell: it could be worked out
    # (e.g. BPA's "Antall" as 14 − 5 − 7).
    for line in [*shown, *zip(*shown, strict=True)]:
        assert list(line).count(":") != 1, line


def test_a_section_gets_the_key_and_title_it_is_registered_under_unless_it_names_itself(monkeypatch):
    monkeypatch.setattr("horeport.sections.SECTION_REGISTRY", dict(SECTION_REGISTRY))

    @report_section("test.plain", "Tjenester i måneden")
    def plain(*, period, options):
        return Section(period)

    @report_section("test.named", "Omsorgslønn/omsorgsstønad – utvikling", sheet_title="Omsorgslønn – utvikling")
    def named(*, period, options):
        return Section(period, title="Omsorgsstønad – utvikling")  # the name in force in the period

    period, options = Period.parse("2020"), SectionOptions()
    made = plain(period=period, options=options)
    assert (made.key, made.title) == ("test.plain", "Tjenester i måneden")
    assert sections.SECTION_REGISTRY["test.plain"].function(period=period, options=options) == made
    renamed = named(period=period, options=options)
    assert (renamed.key, renamed.title) == ("test.named", "Omsorgsstønad – utvikling")
