"""The report sections of the målekart, key figures and strategy status: neutral values."""

from decimal import Decimal

import pytest

from horeport import demo as core_demo
from horeport.periods import Kind, Period
from horeport.sections import CellType, SectionOptions, sections_autodiscover
from kpi import demo
from kpi.models import KeyFigure, KeyFigureValue, Measure, MeasureStatus, Strategy, StrategyScope, ThemePlan
from tests.kpi.helpers import indicator, result

pytestmark = pytest.mark.django_db
OPTIONS = SectionOptions()
PERIODS = ["2016-03", "2016-Q1", "2016-T1", "2016-H1", "2016"]


def section(key, period, options=OPTIONS):
    spec = sections_autodiscover()[key]
    return spec.function(period=Period.parse(period), options=options)


def rows_by_key(table):
    return {row.key: row for row in table.rows if row.key}


def test_the_sections_are_registered_under_the_agreed_keys():
    registry = sections_autodiscover()
    for key in ("kpi.malekart", "kpi.monthly_indicators", "kpi.key_figures", "kpi.strategy_status"):
        assert key in registry
    assert registry["kpi.monthly_indicators"].period_kinds == (Kind.MONTH,)


def test_the_malekart_section_of_2014_has_a_keyed_row_and_a_status_cell_per_indicator():
    core_demo.load()
    demo.load()
    malekart = section("kpi.malekart", "2014")
    shared, unique = malekart.tables
    assert (shared.title, unique.title) == ("Gjennomgående målekart", "Unikt målekart")
    # 2012 holds no result of any indicator: the column is left out.
    assert [c.label for c in shared.columns] == [
        "Ønsket resultat", "Laveste aksepterte resultat", "Ikke godkjent resultat", "2013", "2014", "Status",
    ]  # fmt: skip
    rows = rows_by_key(shared) | rows_by_key(unique)
    assert len(rows) == 24
    s31 = rows["S.3.1"].cells
    # A band's values never break inside: no-break spaces, a word joiner after the range's dash.
    assert [c.text_value for c in s31] == [
        "95\xa0-\u2060\xa0100\xa0%",
        "60\xa0-\u2060\xa094\xa0%",
        "0\xa0-\u2060\xa059\xa0%",
        "–",
        "54,55\xa0%",
        "Ikke godkjent",
    ]
    assert s31[0].excel_value == "95\xa0-\xa0100\xa0%"
    assert s31[4].type is CellType.PERCENT and s31[4].value == Decimal("54.55") and s31[5].status == "red"
    # Each result carries the status by the bands of its own period; a missing one none.
    assert (s31[3].status, s31[4].status) == (None, "red")
    b_ho_23 = rows["B-HO.2.3"].cells[3:]
    assert [c.text_value for c in b_ho_23] == ["3,70\xa0døgn", "2,04\xa0døgn", "Ønsket"]
    # No band was in force in 2013 (the fixture says so): that result has no colour.
    assert [c.status for c in b_ho_23] == [None, "green", "green"]
    assert rows["Ø.2.1"].cells[5].status == "yellow"
    assert [c.text_value for c in rows["MA.1.3"].cells[3:]] == ["", "Ny indikator fra 2016", "Ny indikator"]
    assert rows["MA.1.3"].cells[5].status == "none" and rows["MA.1.3"].cells[4].status is None
    assert [row.header for row in shared.rows if row.kind == "group"][:2] == [
        "Ø.2. God økonomistyring", "S.3. Natur, kulturmiljø og samfunnssikkerhet",
    ]  # fmt: skip
    assert malekart.paragraphs == [
        "Av 17 indikatorer som måles, 13 har ønsket resultat, 3 har akseptert resultat og 1 har ikke godkjent "
        "resultat. 7 indikatorer er nye og måles senere."
    ]


def test_a_malekart_for_a_period_without_results_says_so_once_and_shows_the_latest_results():
    core_demo.load()
    demo.load()
    malekart = section("kpi.malekart", "2016")
    assert malekart.paragraphs[0] == (
        "Ingen resultater er registrert for 2016 ennå. Tabellen viser de siste resultatene, for 2014, "
        "med status etter grenseverdiene som gjaldt da."
    )
    shared, unique = malekart.tables
    assert [c.label for c in shared.columns][3:] == ["2013", "2014", "Status"]
    rows = rows_by_key(shared) | rows_by_key(unique)
    statuses = [row.cells[-1].text_value for row in rows.values()]
    assert "Mangler data" not in statuses  # no row of grey "Mangler data" where 2014 has results
    assert [c.text_value for c in rows["S.3.1"].cells[4:]] == ["54,55\xa0%", "Ikke godkjent"]
    assert shared.status_legend and not unique.status_legend


def test_band_texts_keep_each_value_on_one_line():
    from kpi.report_sections import band_text

    assert band_text("95 - 100 %") == "95\xa0-\u2060\xa0100\xa0%"
    assert band_text("Mer enn 0,75 % negativt avvik") == "Mer enn 0,75\xa0% negativt avvik"
    # Too long for one line of a band column: it may break after the dash only.
    assert band_text("4,4 - 5,4 mnd.") == "4,4\xa0- 5,4\xa0mnd."


def test_the_short_malekart_leaves_out_the_band_columns():
    result(indicator("S.3.1"), "2014", "96")
    table = section("kpi.malekart", "2014", SectionOptions(short=True)).tables[0]
    assert [c.label for c in table.columns] == ["Resultat 2014", "Status"]


@pytest.mark.parametrize("period", PERIODS)
def test_every_section_works_for_every_period_kind_it_declares(period):
    yearly = indicator("S.3.1")
    monthly = indicator("M.1", frequency="month", green="<= 3", red="> 5", unit="days")
    result(yearly, "2015", "96")
    result(monthly, "2016-03", "6")
    item = KeyFigure.objects.create(name="KAD-plasser", unit="plasser")
    KeyFigureValue.objects.create(key_figure=item, period=Period.parse("2015"), value=Decimal(7))
    for key, spec in sections_autodiscover().items():
        if key.startswith("kpi.") and Period.parse(period).kind in spec.period_kinds:
            value = section(key, period)
            assert value.key == key and value.period == Period.parse(period)


def test_sections_are_honestly_empty_without_data():
    for key in ("kpi.malekart", "kpi.key_figures", "kpi.strategy_status", "kpi.monthly_indicators"):
        value = section(key, "2016-03")
        assert value.is_empty and value.notes, key
    indicator("S.3.1")
    # The indicators and their bands still show, each result "Mangler data".
    without_results = section("kpi.malekart", "2016")
    assert without_results.notes == ["Ingen resultater er registrert for 2016 ennå."]
    assert without_results.tables[0].rows[-1].cells[-1].text_value == "Mangler data"


def test_monthly_indicators_compare_with_the_same_month_last_year_in_points_for_percentages():
    item = indicator("M.1", frequency="month", green=">= 95", red="< 60")
    result(item, "2015-03", "90")
    result(item, "2016-03", "96.5")
    value = section("kpi.monthly_indicators", "2016-03")
    row = rows_by_key(value.tables[0])["M.1"]
    assert [c.text_value for c in row.cells] == [
        "minst 95\xa0%", "96,50\xa0%", "90,00\xa0%", "+6,5\xa0prosentpoeng", "", "Ønsket",
    ]  # fmt: skip
    assert [c.label for c in value.tables[0].columns][1:3] == ["mar. 2016", "mar. 2015"]


def test_key_figures_show_the_latest_value_with_the_change_from_the_year_before():
    item = KeyFigure.objects.create(name="Ressurspersoner i etikk", unit="personer")
    for year, number in (("2015", "119"), ("2016", "131")):
        KeyFigureValue.objects.create(key_figure=item, period=Period.parse(year), value=Decimal(number))
    row = section("kpi.key_figures", "2016").tables[0].rows[0]
    assert [c.text_value for c in row.cells] == ["2016", "131\xa0personer", "119\xa0personer", "+12", "+10,1\xa0%"]
    row = section("kpi.key_figures", "2016-H1").tables[0].rows[0]  # the last whole year by the end of June
    assert [c.text_value for c in row.cells][:2] == ["2015", "119\xa0personer"]


def test_the_strategy_status_groups_measures_by_plan_with_the_latest_status():
    plan = ThemePlan.objects.create(name="Temaplan psykisk helse og rus", first_year=2015, last_year=2018)
    fontenehus = Measure.objects.create(name="Fontenehus", theme_plan=plan)
    Measure.objects.create(name="Lavterskel døgntilbud", theme_plan=plan)
    MeasureStatus.objects.create(measure=fontenehus, period=Period.parse("2016"), status="implemented",
                                 comment="Fontenehuset åpnet i april 2016.")  # fmt: skip
    value = section("kpi.strategy_status", "2016")
    table = value.tables[0]
    assert [(row.kind, row.header) for row in table.rows] == [
        ("group", "Temaplan psykisk helse og rus 2015–2018"),
        ("data", "Fontenehus"),
        ("data", "Lavterskel døgntilbud"),
    ]
    assert [c.text_value for c in table.rows[1].cells] == ["Gjennomført", "2016", "Fontenehuset åpnet i april 2016."]
    assert value.paragraphs == [
        "Av 2 tiltak er status rapportert for 1 (1 gjennomført); 1 har ingen rapportert status."
    ]
    assert section("kpi.strategy_status", "2016-H1").tables[0].rows[1].cells[0].text_value == "Ingen status"


def test_the_strategy_status_shows_the_cases_and_the_municipalitys_strategies():
    plan = ThemePlan.objects.create(name="Temaplan psykisk helse og rus", first_year=2015, last_year=2018,
                                    adopted="Kommunestyret juni 2014, sak 77/14")  # fmt: skip
    Measure.objects.create(name="Fontenehus", theme_plan=plan, decision="sak 145/15")
    own = Strategy.objects.create(number=4, name="Sikre kvalitet og kompetanse")
    Measure.objects.create(name="FOU-modellen", strategy=own)
    for number, name in enumerate(["Medborgerskap og samskaping", "God kvalitet"], start=1):
        Strategy.objects.create(scope=StrategyScope.MUNICIPALITY, number=number, name=name)
    value = section("kpi.strategy_status", "2016")
    assert [(row.kind, row.header) for row in value.tables[0].rows] == [
        ("group", "4. Sikre kvalitet og kompetanse"),
        ("data", "FOU-modellen"),
        ("group", "Temaplan psykisk helse og rus 2015–2018 (Kommunestyret juni 2014, sak 77/14)"),
        ("data", "Fontenehus (sak 145/15)"),
    ]
    assert value.paragraphs[0] == (
        "Kommunens overordnede strategier, som gjelder alle tjenesteområder: Medborgerskap og samskaping, "
        "God kvalitet. Tjenesteområdets egne strategier, temaplaner og tiltak følger."
    )
