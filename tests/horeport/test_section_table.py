"""The one partial every page, the report preview and the PDF render a section table with."""

import re
from dataclasses import replace

from django.template.loader import render_to_string

from horeport.sections import Cell, Column, Row, Table, suppress_small_numbers

PARTIAL = "horeport/section_table.html"


def scorecard() -> Table:
    return Table(
        "Målekart",
        [Column("Ønsket", numeric=False), Column("2016"), Column("Status", numeric=False)],
        rows=[
            Row("B.1. God kvalitet", [], kind="group"),
            Row("B.1.1 Brukertilfredshet", [Cell.text("4,5 - 6"), Cell.decimal(5, 2), Cell.of_status("red")],
                key="B.1.1"),
            Row("herav over 80 år", [Cell.text("4,5 - 6")], level=1),  # short: padded
        ],
        row_header="Måleindikator",
        header_groups=[Column("Grenseverdi", numeric=False, span=2), Column("Resultat", span=2)],
        notes=["Ingen resultater for 2016 ennå."],
    )  # fmt: skip


def row_html(html: str, header: str) -> str:
    return re.search(rf"<tr[^>]*>\s*<th[^>]*>{re.escape(header)}</th>.*?</tr>", html, re.S)[0]


def test_headers_groups_levels_status_padding_and_notes():
    html = render_to_string(PARTIAL, {"table": scorecard()})
    assert "<caption>Målekart</caption>" in html
    assert '<th scope="colgroup" colspan="2">Grenseverdi</th>' in html
    assert '<th scope="colgroup" colspan="2" class="num">Resultat</th>' in html
    assert '<th scope="col" class="row-header">Måleindikator</th>' in html
    assert '<th scope="col">Ønsket</th>' in html and '<th scope="col" class="num">2016</th>' in html
    # A group row without values is one heading across the table.
    assert re.search(r'<tr class="group">\s*<th scope="colgroup" colspan="4">B.1. God kvalitet</th>\s*</tr>', html)
    indicator = row_html(html, "B.1.1 Brukertilfredshet")
    assert 'data-row="B.1.1"' in indicator
    assert '<td class="num">5,00</td>' in indicator
    # Colour is never the only signal: the status carries its word.
    assert '<td class="status-cell" data-status="red"><span class="status status--red">Ikke godkjent</span></td>' in (
        indicator
    )
    short = row_html(html, "herav over 80 år")
    assert re.match(r'<tr>\s*<th scope="row" class="level-1">', short)
    assert short.count("<td") == 3  # padded to the table's columns
    assert '<p class="note table-note">Ingen resultater for 2016 ennå.</p>' in html


def test_a_result_coloured_by_its_status_has_its_shape_and_word_and_the_table_a_legend():
    table = scorecard()
    table.status_legend = True
    table.rows[1].cells[1] = replace(Cell.decimal(5, 2), status="green")
    html = render_to_string(PARTIAL, {"table": table})
    indicator = row_html(html, "B.1.1 Brukertilfredshet")
    assert '<td class="num result--green" data-result-status="green">' in indicator
    assert '<span class="status-mark" aria-hidden="true"></span>5,00<span class="ds-sr-only"> (Ønsket)</span>' in (
        indicator
    )
    # The status column keeps its data-status; the legend gives the four words once, above the table.
    assert indicator.count("data-status=") == 1
    legend = re.search(r'<p class="status-legend".*?</p>', html, re.S)[0]
    assert re.findall(r">([^<>]+)</span>", legend) == ["Ønsket", "Akseptert", "Ikke godkjent", "Mangler data"]
    assert html.index("status-legend") < html.index("<table")


def test_totals_suppressed_cells_and_cell_notes():
    table = Table(
        "Klager",
        [Column("Antall", is_total=True), Column("Omgjort")],
        rows=[
            Row("Vederlag", [Cell.integer(2), Cell.integer(1, note="1 av 2 mnd.")], key="vederlag"),
            Row("BPA", [Cell.integer(5), Cell.integer(3)], key="bpa"),
            Row("Totalt", [Cell.integer(7), Cell.integer(4)], kind="total", key="total"),
        ],
        row_header="Sakstype",
        register_counts=True,
    )
    html = render_to_string(PARTIAL, {"table": suppress_small_numbers(table, 3)})
    assert '<td class="num suppressed">:</td>' in row_html(html, "Vederlag")
    assert '<tr class="total" data-row="total">' in html
    table.rows[0].cells[1] = Cell.integer(4, note="2 av 6 mnd.")
    html = render_to_string(PARTIAL, {"table": table})
    assert '<td class="num">4 <span class="note">2 av 6 mnd.</span></td>' in html


def test_options_key_attribute_hidden_caption_and_row_header_links_and_table_class():
    table = Table("Venteliste", [Column("2016")], rows=[Row("Bolig med service", [Cell.integer(14)], key="2")],
                  row_header="Boligtype")  # fmt: skip
    html = render_to_string(
        PARTIAL,
        {"table": table, "table_class": "report-table", "table_key": "waitlist", "key_attribute": "indicator",
         "hide_caption": True, "hide_row_header": True, "row_link": "waitlists:type_detail", "row_query": "aar=2016"},
    )  # fmt: skip
    # data-title: the printed report repeats it, marked "(forts.)", on a page that continues the table
    assert (
        '<table class="ds-table section-table section-table--one-value report-table" data-border '
        'data-table="waitlist" data-title="Venteliste">' in html
    )
    assert '<caption class="ds-sr-only">Venteliste</caption>' in html
    assert '<th scope="col" class="row-header"><span class="ds-sr-only">Tall</span></th>' in html
    assert 'data-indicator="2"' in html and "data-row=" not in html
    assert (
        '<th scope="row"><a class="ds-link" href="/boliger/boligtyper/2/?aar=2016">Bolig med service</a></th>' in html
    )


def test_a_group_row_spans_the_table_unless_it_has_values():
    table = Table(
        "Avvik",
        [Column("2015"), Column("2016")],
        rows=[
            Row("Fall", [Cell.text(None), Cell.text(None)], kind="group", key="fall"),
            Row("Helse", [Cell.integer(3), Cell.integer(4)], kind="group", key="helse"),
        ],
    )
    html = render_to_string(PARTIAL, {"table": table})
    assert re.search(r'<tr class="group" data-row="fall">\s*<th scope="colgroup" colspan="3">Fall</th>\s*</tr>', html)
    assert re.search(r'<tr class="group" data-row="helse">\s*<th scope="row">Helse</th>\s*<td class="num">3</td>', html)
