"""Names that change over time: the name in force on a day, in a period, and the history text."""

import datetime

import pytest
from django import forms

from horeport.dated_names import (
    DatedName,
    NameSpan,
    first_day_text,
    last_day_text,
    name_for,
    name_history,
    name_on,
    name_spans,
    name_with_earlier,
)
from horeport.fields import FirstOfYearField
from horeport.periods import Period

day = datetime.date.fromisoformat
OMSORGSSTONAD = [DatedName(day("2020-01-01"), "Omsorgsstønad")]
# Given newest first on purpose: the order they were entered in does not matter.
THREE_NAMES = [DatedName(day("2022-07-01"), "Tredje"), DatedName(day("2020-01-01"), "Andre")]


def test_the_original_name_applies_until_the_day_before_a_later_name():
    assert name_on("Omsorgslønn", OMSORGSSTONAD, day("2019-12-31")) == "Omsorgslønn"
    assert name_on("Omsorgslønn", OMSORGSSTONAD, day("2020-01-01")) == "Omsorgsstønad"
    assert name_on("Omsorgslønn", OMSORGSSTONAD, day("2030-06-15")) == "Omsorgsstønad"


def test_a_name_without_later_names_never_changes():
    assert name_on("BPA", [], day("2030-01-01")) == "BPA"
    assert name_history("BPA", []) == ""
    assert name_with_earlier("BPA", [], day("2030-01-01")) == "BPA"


def test_the_later_names_apply_in_date_order_whatever_order_they_come_in():
    assert name_on("Første", THREE_NAMES, day("2019-12-31")) == "Første"
    assert name_on("Første", THREE_NAMES, day("2022-06-30")) == "Andre"
    assert name_on("Første", THREE_NAMES, day("2022-07-01")) == "Tredje"


def test_a_period_shows_the_name_in_force_on_its_last_day():
    assert name_for("Omsorgslønn", OMSORGSSTONAD, Period.parse("2019")) == "Omsorgslønn"
    assert name_for("Omsorgslønn", OMSORGSSTONAD, Period.parse("2019-12")) == "Omsorgslønn"
    assert name_for("Omsorgslønn", OMSORGSSTONAD, Period.parse("2020-01")) == "Omsorgsstønad"
    # A name that changes inside a period is the name of the period's report.
    assert name_for("Første", THREE_NAMES, Period.parse("2022-H1")) == "Andre"
    assert name_for("Første", THREE_NAMES, Period.parse("2022")) == "Tredje"


def test_the_history_names_every_name_with_its_dates():
    assert name_history("Omsorgslønn", OMSORGSSTONAD) == "Omsorgslønn til 31.12.2019, Omsorgsstønad fra 01.01.2020"
    assert name_history("Første", THREE_NAMES) == (
        "Første til 31.12.2019, Andre fra 01.01.2020 til 30.06.2022, Tredje fra 01.07.2022"
    )


def test_the_history_by_year_gives_years_where_a_name_changed_on_the_first_of_january():
    governor = [DatedName(day("2021-01-01"), "Statsforvalteren")]
    assert name_history("Fylkesmannen", governor, by_year=True) == (
        "Fylkesmannen til og med 2020, Statsforvalteren fra 2021"
    )
    assert name_history("Første", THREE_NAMES, by_year=True) == (
        "Første til og med 2019, Andre fra 2020 til 30.06.2022, Tredje fra 01.07.2022"
    )


def test_the_spans_give_each_name_its_first_and_last_day():
    assert name_spans("Første", THREE_NAMES) == [
        NameSpan("Første", None, day("2019-12-31")),
        NameSpan("Andre", day("2020-01-01"), day("2022-06-30")),
        NameSpan("Tredje", day("2022-07-01"), None),
    ]


def test_a_day_is_shown_as_a_year_only_where_that_is_exact():
    assert first_day_text(day("2020-01-01")) == "2020"
    assert first_day_text(day("2020-07-01")) == "01.07.2020"
    assert last_day_text(day("2019-12-31")) == "2019"
    assert last_day_text(day("2020-06-30")) == "30.06.2020"


def test_a_choice_shows_the_name_in_force_and_the_earlier_ones():
    assert name_with_earlier("Omsorgslønn", OMSORGSSTONAD, day("2024-01-01")) == "Omsorgsstønad (tidligere Omsorgslønn)"
    assert name_with_earlier("Første", THREE_NAMES, day("2023-01-01")) == "Tredje (tidligere Første, Andre)"


def test_a_name_that_comes_back_is_not_listed_twice():
    back = [DatedName(day("2020-01-01"), "Nytt"), DatedName(day("2021-01-01"), "Gammelt")]
    assert name_with_earlier("Gammelt", back, day("2022-01-01")) == "Gammelt (tidligere Nytt)"


class YearForm(forms.Form):
    valid_from = FirstOfYearField(label="Gjelder fra år")


def test_a_year_typed_is_kept_as_the_first_of_january():
    form = YearForm({"valid_from": "2020"})
    assert form.is_valid()
    assert form.cleaned_data["valid_from"] == day("2020-01-01")


@pytest.mark.parametrize("typed", ["1899", "20 20", "2020-01-01", "abc"])
def test_a_year_that_is_not_a_year_is_refused(typed):
    assert not YearForm({"valid_from": typed}).is_valid()


def test_a_stored_date_is_shown_and_compared_as_its_year():
    form = YearForm({"valid_from": "2020"}, initial={"valid_from": day("2020-01-01")})
    assert not form.has_changed()
    assert YearForm(initial={"valid_from": day("2020-01-01")})["valid_from"].value() == 2020
    assert YearForm({"valid_from": "2021"}, initial={"valid_from": day("2020-01-01")}).has_changed()
