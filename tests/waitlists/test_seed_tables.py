"""The demo data gives back seed 000's housing tables, computed from the stored figures.

The expected tables below are copied from the source document (seed 000, "Effektiveringstid og
venteliste" and "Venteliste og effektueringstid"); the tables compared with them are built by
the report section from the database, after `waitlists.demo.load()` stored the figures.
"""

import pytest

from horeport.periods import Period
from horeport.sections import SectionOptions
from waitlists import demo
from waitlists.report_sections import housing, private_housing

pytestmark = pytest.mark.django_db

SEED_HOUSING = """
Bolig med bemanning, eldre	2014	2015	2016
Venteliste pr 31.12.	23	12	13
Effektiveringstid i gj.snitt	135	134	104

Bolig med service	2014	2015	2016
Venteliste pr 31.12.	16	0	14
Effektiveringstid i gj.snitt	216	140	51

Bolig med bemanning, psykisk syke	2014	2015	2016
Venteliste pr. 31.12.	7	4	3
Effektueringstid i gj.snitt.	467	290	207

Bolig med bemanning, ROP	2014	2015	2016
Venteliste pr. 31.12.	10	4	2
Effektueringstid i gj.snitt	362	337	362

Bolig med bemanning, utviklingshemmede	2014	2015	2016
Venteliste pr. 31.12	11	10	23
Effektueringstid i gj.snitt	1474	1312	1365
Meldt behov neste 4 år – ikke vedtak	38	44	45

Bolig uten bemanning	2014	2015	2016
Venteliste pr. 31.12	57	59	32
Effektueringstid i gj.snitt	544	472	429
Bytte bolig			14
"""

# The source's words for a row, and the section's row key.
ROW_KEYS = {"venteliste": "waitlist", "effektiveringstid": "effectuation_days", "effektueringstid": "effectuation_days",
            "meldt behov": "needs_reported", "bytte bolig": "housing_swaps"}  # fmt: skip


def seed_tables():
    tables = {}
    for block in SEED_HOUSING.strip().split("\n\n"):
        header, *rows = block.splitlines()
        name, *years = header.split("\t")
        table = {}
        for row in rows:
            label, *values = row.split("\t")
            key = next(k for word, k in ROW_KEYS.items() if label.lower().startswith(word))
            table[key] = [int(v) if v else None for v in values]
        tables[name] = (years, table)
    return tables


@pytest.fixture
def demo_data():
    demo.load()


def test_every_housing_table_of_the_seed_is_given_back_for_2016(demo_data):
    section = housing(period=Period.parse("2016"), options=SectionOptions(comparison_years=3))
    built = {table.title: table for table in section.tables}
    expected = seed_tables()
    assert set(built) == set(expected)
    for name, (years, rows) in expected.items():
        table = built[name]
        assert [c.label for c in table.columns] == years
        by_key = {row.key: row for row in table.rows}
        for key, values in rows.items():
            assert [cell.value for cell in by_key[key].cells] == values, (name, key)
        assert by_key["waitlist"].header == "Venteliste pr. 31.12."


def test_the_extra_rows_appear_only_where_the_source_has_them(demo_data):
    section = housing(period=Period.parse("2016"), options=SectionOptions())
    rows = {table.title: [row.key for row in table.rows] for table in section.tables}
    assert rows["Bolig med bemanning, eldre"] == [
        "waitlist", "effectuation_days", "applications_processed", "applications_granted", "dwellings_allocated",
    ]  # fmt: skip
    assert rows["Bolig med service"] == ["waitlist", "effectuation_days"]
    assert rows["Bolig med bemanning, utviklingshemmede"][-1] == "needs_reported"
    assert rows["Bolig uten bemanning"][-1] == "housing_swaps"


def test_the_2016_text_figures_for_elderly_housing_are_stored(demo_data):
    # "Brukertorget har behandlet 77 søknader i 2016. 57 av søknadene ble innvilget. Det er tildelt 39 boliger."
    section = housing(period=Period.parse("2016"), options=SectionOptions())
    table = next(t for t in section.tables if t.title == "Bolig med bemanning, eldre")
    last = {row.key: row.cells[-1].text_value for row in table.rows}
    assert (last["applications_processed"], last["applications_granted"], last["dwellings_allocated"]) == (
        "77", "57", "39",
    )  # fmt: skip


def test_the_section_charts_carry_every_type_over_the_three_years(demo_data):
    section = housing(period=Period.parse("2016"), options=SectionOptions())
    waitlist_chart, days_chart = section.charts
    assert waitlist_chart.categories == ["2014", "2015", "2016"]
    series = {s.name: s.values for s in waitlist_chart.series}
    assert series["Bolig uten bemanning"] == [57, 59, 32]
    assert {s.name: s.values for s in days_chart.series}["Bolig med bemanning, utviklingshemmede"] == [1474, 1312, 1365]


SEED_PRIVATE = """
Antall boliger/utleiere Brukertorget har henvendt seg til	154
Antall boliger utleid via Brukertorget	60
Boliger til flykninger formidlet via Brukertorget	12
Antall deltagere på boligskolen	82
Boligskole for flykninger (4 stk)	47
"""


def test_the_private_housing_key_figures_of_2016(demo_data):
    section = private_housing(period=Period.parse("2016"), options=SectionOptions())
    (table,) = section.tables
    assert [c.label for c in table.columns] == ["Antall 2016"]  # 2014 and 2015 hold nothing and are left out
    built = [row.cells[0].value for row in table.rows]
    assert built == [int(line.rsplit("\t", 1)[1]) for line in SEED_PRIVATE.strip().splitlines()]
    # The source's "(4 stk)" is kept as the figure's note, and its "flykninger" spelled right.
    assert table.rows[-1].header == "Boligskole for flyktninger"
    assert table.rows[-1].cells[0].note == "4 kurs"


def test_loading_the_demo_twice_changes_nothing(demo_data):
    from waitlists.models import PrivateHousingFigure, WaitlistFigure

    before = (WaitlistFigure.history.count(), PrivateHousingFigure.history.count())
    demo.load()
    assert (WaitlistFigure.history.count(), PrivateHousingFigure.history.count()) == before
