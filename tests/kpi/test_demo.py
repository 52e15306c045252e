"""The demo data: the målekart of seed 001, its 2014 results and their status; key figures and
the strategy status of seeds 000, 002 and 004."""

from decimal import Decimal

import pytest
from django.urls import reverse

from horeport import demo as core_demo
from horeport.periods import Period
from kpi import demo
from kpi.models import (
    Band,
    Indicator,
    KeyFigure,
    KeyFigureValue,
    Measure,
    MeasureStatus,
    Perspective,
    Result,
    Strategy,
    StrategyScope,
    ThemePlan,
)
from kpi.selectors import assess
from tests.kpi.helpers import row_html, status_of, text_of

pytestmark = pytest.mark.django_db

# The status each 2014 result must get from its bands (the statuses are computed, not stored).
EXPECTED_2014 = {
    "Ø.2.1": ("-0.70", "yellow"),
    "S.3.1": ("54.55", "red"),
    "MV.1.1": ("91", "yellow"),
    "MV.2.1": ("100", "green"),
    "B.1.1": ("5.11", "green"),
    "B.2.2": ("4.9", "green"),
    "B.3.1": ("4.81", "green"),
    "MA.1.1": ("5.33", "green"),
    "MA.2.1": ("4.95", "green"),
    "MA.3.1": ("5.61", "green"),
    "MA.4.1": ("5.26", "green"),
    "MA.5.1": ("5.63", "green"),
    "L.1.1": ("4.96", "green"),
    "L.1.2": ("5.29", "green"),
    "B-HO.2.2": ("5.4", "yellow"),
    "B-HO.2.3": ("2.04", "green"),
    "B-HO.3.1": ("4.61", "green"),
}
NEW_FROM_2016 = ["MA.1.3", "B-HO.1.1", "B-HO.1.2", "B-HO.1.3", "B-HO.2.1", "B-HO.2.4", "B-HO.4.1"]


@pytest.fixture
def demo_loaded():
    core_demo.load()
    demo.load()


def test_every_indicator_of_the_malekart_is_loaded(demo_loaded):
    assert Indicator.objects.count() == len(EXPECTED_2014) + len(NEW_FROM_2016) == 24
    assert Perspective.objects.filter(scorecard="gjennomgaende").count() == 13
    assert Perspective.objects.filter(scorecard="unikt").count() == 4
    assert Band.objects.count() == 24


def test_each_2014_result_is_stored_as_printed_and_gets_its_status(demo_loaded):
    for code, (value, status) in EXPECTED_2014.items():
        item = Indicator.objects.get(code=code)
        stored = Result.objects.get(indicator=item, period="2014", unit__isnull=True)
        assert stored.value == Decimal(value), code
        assert assess(item, Period.parse("2014"), stored.value).status == status, code


def test_indicators_new_from_2016_have_no_2014_result_and_say_so(demo_loaded):
    for code in NEW_FROM_2016:
        item = Indicator.objects.get(code=code)
        assert item.introduced_year == 2016, code
        assert not Result.objects.filter(indicator=item).exists(), code
        assert assess(item, Period.parse("2014"), None).label == "Ny indikator fra 2016", code


def test_the_dashboard_shows_the_printed_columns_results_and_statuses_of_2014(demo_loaded, leder_client):
    html = leder_client.get(reverse("kpi:index"), {"periode": "2014"}).content.decode()
    for code, (_, status) in EXPECTED_2014.items():
        assert status_of(html, code) == status, code
    for code in NEW_FROM_2016:
        row = text_of(row_html(html, code))
        assert status_of(html, code) == "none" and "Ny indikator fra 2016" in row and "Mangler data" not in row
    assert text_of(row_html(html, "S.3.1")).split(" Andel")[0] == "S.3.1"
    s31 = text_of(row_html(html, "S.3.1"))
    assert "95 - 100 % 60 - 94 % 0 - 59 %" in s31 and "54,55 %" in s31 and "Ikke godkjent" in s31
    o21 = text_of(row_html(html, "Ø.2.1"))
    assert "0 % negativt avvik 0,1 - 0,75 % negativt avvik Mer enn 0,75 % negativt avvik" in o21 and "-0,70 %" in o21
    assert "2,04 døgn" in text_of(row_html(html, "B-HO.2.3"))
    assert "5,4 mnd." in text_of(row_html(html, "B-HO.2.2"))
    assert "> 30 11 - 29 0 - 10" in text_of(row_html(html, "B-HO.1.1"))  # "nov.29" restored


def test_the_2013_result_the_text_states_is_loaded_without_a_status(demo_loaded):
    item = Indicator.objects.get(code="B-HO.2.3")
    assert Result.objects.get(indicator=item, period="2013").value == Decimal("3.7")
    assert assess(item, Period.parse("2013"), Decimal("3.7")).reason == "no_band"


def test_no_result_later_than_the_seed_is_invented(demo_loaded):
    assert sorted({str(p) for p in Result.objects.values_list("period", flat=True)}) == ["2013", "2014"]


def test_key_figures_are_only_those_no_other_app_holds(demo_loaded):
    values = {(v.key_figure.name, str(v.period)): v.value for v in KeyFigureValue.objects.select_related("key_figure")}
    assert values == {
        ("Ressurspersoner i etikk utdannet, til sammen", "2015"): Decimal(119),
        ("Kommunale akutte døgnplasser (KAD-plasser) ved Søndre Borgen sykehjem", "2016"): Decimal(7),
        # Seed 002's figures, each in the year it belongs to.
        ("Nedgang i liggetid på sykehus for utskrivningsklare pasienter siden 2010", "2014"): Decimal("71.6"),
        ("Effektueringstid for hjemmeboende som venter på langtidsplass", "2014"): Decimal(51),
    }
    assert not KeyFigure.objects.filter(name__icontains="Brukertorget").exists()


def test_the_five_strategies_the_theme_plans_and_the_measures_are_loaded(demo_loaded):
    assert list(Strategy.objects.filter(scope=StrategyScope.DEPARTMENT).values_list("name", flat=True)) == [
        "Styrke, videreutvikle og samle en forebyggende helsetjeneste",
        "Styrke, videreutvikle og samle helse- og omsorgstjenestene",
        "Fremme en aktiv brukerrolle",
        "Sikre kvalitet og kompetanse",
        "Sikre tilstrekkelig personell med nødvendig kompetanse",
    ]
    plan = ThemePlan.objects.get(name="Temaplan psykisk helse og rus")
    assert (plan.first_year, plan.last_year) == (2015, 2018)
    assert ThemePlan.objects.count() == 5
    assert Measure.objects.filter(name__startswith="Sak om").count() == 7  # every "Det skal fremmes sak om …"
    fontenehus = MeasureStatus.objects.get(measure__name="Fontenehus")
    assert (str(fontenehus.period), fontenehus.status) == ("2016", "implemented")
    assert not MeasureStatus.objects.filter(measure__name__startswith="Sak om").exists()


def test_loading_twice_changes_nothing(demo_loaded):
    def snapshot():
        return {
            model.__name__: (model.objects.count(), model.history.count())
            for model in (Perspective, Indicator, Band, Result, KeyFigure, KeyFigureValue, Strategy, ThemePlan,
                          Measure, MeasureStatus)
        }  # fmt: skip

    before = snapshot()
    versions = list(Result.objects.order_by("pk").values_list("version", flat=True))
    demo.load()
    assert snapshot() == before
    assert list(Result.objects.order_by("pk").values_list("version", flat=True)) == versions


def test_the_municipalitys_five_strategies_stand_beside_the_departments_own(demo_loaded):
    """Seed 004 opens with the five strategies the municipality set for all its service areas."""
    assert list(Strategy.objects.filter(scope=StrategyScope.MUNICIPALITY).values_list("name", flat=True)) == [
        "Medborgerskap og samskaping",
        "Forebygging og tidlig innsats",
        "God helhet og samhandling",
        "God kvalitet",
        "Nødvendig kompetanse",
    ]


def test_every_case_the_seeds_cite_is_held_with_its_measure_or_plan(demo_loaded):
    held = " ".join(Measure.objects.values_list("decision", flat=True)) + " "
    held += " ".join(ThemePlan.objects.values_list("adopted", flat=True))
    for case in ("21/15", "21/16", "37/16", "6/16", "36/16", "71/12", "72/16", "77/14", "92/15", "145/15"):
        assert f"sak {case}" in held, case


def test_the_key_figures_page_shows_seed_002s_figures_with_their_years(demo_loaded, leder_client):
    html = text_of(leder_client.get(reverse("kpi:key_figures"), {"til": "2016"}).content.decode())
    assert "2012 2013 2014 2015 2016" in html  # the columns: each figure stands under its year
    assert "Nedgang i liggetid på sykehus for utskrivningsklare pasienter siden 2010 (%) – – 71,6 – –" in html
    assert "Effektueringstid for hjemmeboende som venter på langtidsplass (dager) – – 51 – –" in html
