"""Bands, results and their rules as stored in the database."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from horeport.periods import Period
from kpi.models import Band, Indicator, KeyFigure, KeyFigureValue, Result
from kpi.selectors import assess, latest_complete
from tests.kpi.helpers import band, indicator, perspective, result

pytestmark = pytest.mark.django_db


def test_it_refuses_overlapping_bands_on_save_with_a_norwegian_message():
    item = indicator(green=None, red=None)
    with pytest.raises(ValidationError) as error:
        band(item, green=">= 90", red="< 95")
    assert error.value.message_dict["red_lower"] == [
        "Ønsket og ikke godkjent resultat overlapper: fra 90 til under 95\xa0% ville vært begge deler. Juster grensene."
    ]
    assert not Band.objects.exists()


def test_it_refuses_a_condition_without_bounds_and_one_that_takes_no_values():
    item = indicator(green=None, red=None)
    without = Band(indicator=item, valid_from=2014, red_upper=Decimal(60))
    with pytest.raises(ValidationError) as error:
        without.save()
    assert error.value.message_dict["green_lower"] == ["Oppgi minst én grense for ønsket resultat."]
    upside_down = Band(indicator=item, valid_from=2014, green_lower=Decimal(100), green_upper=Decimal(95),
                       red_upper=Decimal(60))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        upside_down.full_clean()
    assert "den nedre grensen er over den øvre" in error.value.message_dict["green_lower"][0]


def test_the_bands_valid_at_the_start_of_the_period_apply():
    item = indicator(green=">= 95", red="< 60", valid_from=2014)
    band(item, green=">= 90", red="< 80", valid_from=2016)
    assert assess(item, Period.parse("2015"), Decimal(92)).status == "yellow"  # 2014 bands
    assert assess(item, Period.parse("2016"), Decimal(92)).status == "green"  # 2016 bands
    assert assess(item, Period.parse("2016"), Decimal(70)).status == "red"


def test_a_result_before_any_bands_has_no_status_and_says_why():
    item = indicator(valid_from=2014)
    assessment = assess(item, Period.parse("2013"), Decimal("3.7"))
    assert (assessment.status, assessment.badge, assessment.note) == (
        "none", "Ingen grenser", "Ingen grenseverdier gjaldt i 2013.",
    )  # fmt: skip


def test_a_new_indicator_is_shown_as_new_not_as_missing_before_its_first_year():
    item = indicator("MA.1.3", introduced_year=2016, valid_from=2016)
    assessment = assess(item, Period.parse("2014"), None)
    assert (assessment.status, assessment.label) == ("none", "Ny indikator fra 2016")
    assert assess(item, Period.parse("2016"), None).label == "Mangler data"


def test_one_result_per_indicator_and_period_for_the_department_and_per_unit():
    from horeport.models import ServiceUnit

    item = indicator()
    unit = ServiceUnit.objects.create(name="Brukertorget")
    result(item, "2014", "54.55")
    result(item, "2014", "60", unit=unit)
    with pytest.raises(ValidationError) as error:
        Result(indicator=item, period=Period.parse("2014"), value=Decimal(1)).full_clean()
    assert "Indikatoren har allerede et resultat for denne perioden." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Result.objects.bulk_create([Result(indicator=item, period=Period.parse("2014"), value=Decimal(1))])
    with pytest.raises(IntegrityError), transaction.atomic():
        Result.objects.bulk_create([Result(indicator=item, period=Period.parse("2014"), value=Decimal(1), unit=unit)])


def test_a_result_must_be_for_a_period_of_the_indicators_frequency():
    item = indicator(frequency="year")
    with pytest.raises(ValidationError) as error:
        Result(indicator=item, period=Period.parse("2014-03"), value=Decimal(1)).full_clean()
    assert "registreres årlig" in str(error.value)


def test_a_result_before_the_indicator_is_introduced_is_refused():
    item = indicator("B-HO.1.1", unit="count", decimals=0, introduced_year=2016, green="> 30", red="<= 10")
    with pytest.raises(ValidationError) as error:
        Result(indicator=item, period=Period.parse("2014"), value=Decimal(12)).full_clean()
    assert "B-HO.1.1 er ny fra 2016" in str(error.value)


def test_a_score_above_six_is_refused():
    item = indicator("B.1.1", unit="score", green=">= 4.5", red="< 4")
    with pytest.raises(ValidationError) as error:
        Result(indicator=item, period=Period.parse("2014"), value=Decimal("51.1")).full_clean()
    assert error.value.message_dict["value"] == ["En skår er mellom 0 og 6."]


def test_results_are_shown_with_the_indicators_decimals_and_unit():
    assert (
        indicator("B-HO.2.3", unit="days", decimals=2, green="<= 3", red="> 5").show(Decimal("2.04")) == "2,04\xa0døgn"
    )
    assert indicator("B-HO.2.2", unit="months", decimals=1, green="< 4.5", red="> 5.5").show(Decimal("5.4")) == (
        "5,4\xa0mnd."
    )
    assert indicator("S.3.2", decimals=2).show(Decimal("54.55")) == "54,55\xa0%"
    assert indicator("S.3.3", decimals=2).show(None) == "–"


def test_the_latest_complete_period_of_a_kind_as_of_another():
    assert latest_complete(Period.parse("2016").kind, Period.parse("2016-03")) == Period.parse("2015")
    assert latest_complete(Period.parse("2016-03").kind, Period.parse("2016")) == Period.parse("2016-12")
    assert latest_complete(Period.parse("2016-Q1").kind, Period.parse("2016-05")) == Period.parse("2016-Q1")
    assert latest_complete(Period.parse("2016").kind, Period.parse("2016")) == Period.parse("2016")


def test_key_figure_values_keep_their_history_and_their_frequency():
    figure = KeyFigure.objects.create(name="KAD-plasser", unit="plasser")
    value = KeyFigureValue.objects.create(key_figure=figure, period=Period.parse("2016"), value=Decimal(7))
    value.value = Decimal(8)
    value.save()
    assert [h.value for h in value.history.order_by("history_date")] == [Decimal(7), Decimal(8)]
    with pytest.raises(ValidationError) as error:
        KeyFigureValue(key_figure=figure, period=Period.parse("2016-H1"), value=Decimal(7)).full_clean()
    assert "registreres årlig" in str(error.value)


def test_a_score_outside_the_indicators_scale_is_refused_and_one_inside_accepted():
    six_point = indicator("B.1.1", unit="score", green=">= 4.5", red="< 4", scale_min=Decimal(0), scale_max=Decimal(6))
    ten_point = indicator("B.1.2", unit="score", green=">= 8", red="< 6", scale_min=Decimal(1), scale_max=Decimal(10))
    with pytest.raises(ValidationError) as error:
        Result(indicator=six_point, period=Period.parse("2014"), value=Decimal(7)).full_clean()
    assert error.value.message_dict["value"] == ["En skår er mellom 0 og 6."]
    Result(indicator=ten_point, period=Period.parse("2014"), value=Decimal(7)).full_clean()
    with pytest.raises(ValidationError) as error:
        Result(indicator=ten_point, period=Period.parse("2014"), value=Decimal("0.5")).full_clean()
    assert error.value.message_dict["value"] == ["En skår er mellom 1 og 10."]


def test_a_score_indicator_needs_its_scale():
    item = Indicator(perspective=perspective(), code="B.9.9", name="Skår", unit="score")
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "En skår trenger skalaen den måles på" in error.value.message_dict["scale_min"][0]
    item.scale_min, item.scale_max = Decimal(6), Decimal(1)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.message_dict["scale_max"] == ["Skalaens høyeste verdi må være større enn den laveste."]


def test_a_score_is_named_with_its_scale():
    assert indicator("B.1.1", unit="score", scale_min=Decimal(1), scale_max=Decimal(10)).unit_label == "Skår 1–10"
    assert indicator("S.3.1").unit_label == "Prosent (%)"
