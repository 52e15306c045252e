import datetime

import pytest

from horeport.periods import InvalidPeriod, Kind, Period, months_up_to, period_range


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2016-03", "mars 2016", datetime.date(2016, 3, 1), datetime.date(2016, 3, 31)),
        ("2016-02", "februar 2016", datetime.date(2016, 2, 1), datetime.date(2016, 2, 29)),
        ("2016-Q1", "1. kvartal 2016", datetime.date(2016, 1, 1), datetime.date(2016, 3, 31)),
        ("2016-T2", "2. tertial 2016", datetime.date(2016, 5, 1), datetime.date(2016, 8, 31)),
        ("2016-H1", "1. halvår 2016", datetime.date(2016, 1, 1), datetime.date(2016, 6, 30)),
        ("2016-H2", "2. halvår 2016", datetime.date(2016, 7, 1), datetime.date(2016, 12, 31)),
        ("2016", "2016", datetime.date(2016, 1, 1), datetime.date(2016, 12, 31)),
    ],
)
def test_it_parses_labels_and_dates_each_kind(text, label, start, end):
    period = Period.parse(text)
    assert str(period) == text
    assert period.label == label
    assert (period.start, period.end) == (start, end)


def test_it_gives_the_reference_date_label():
    assert Period.parse("2016").end_label == "pr. 31.12.2016"


@pytest.mark.parametrize("text", ["2016-13", "2016-Q5", "2016-T4", "2016-H3", "16", "mars", "", "2016-3"])
def test_it_refuses_what_is_not_a_period_with_a_norwegian_message(text):
    with pytest.raises(InvalidPeriod) as error:
        Period.parse(text)
    assert "finnes ikke" in str(error.value) or "er ikke en periode" in str(error.value)


def test_it_accepts_lower_case_and_spaces():
    assert Period.parse(" 2016-q4 ") == Period(Kind.QUARTER, 2016, 4)


def test_it_steps_across_year_ends():
    assert Period.parse("2016-01").previous() == Period.parse("2015-12")
    assert Period.parse("2015-Q4").next() == Period.parse("2016-Q1")
    assert Period.parse("2016-03").same_period_last_year() == Period.parse("2015-03")
    assert Period.parse("2016-T3").shift(-4) == Period.parse("2015-T2")


def test_it_orders_by_start_then_length():
    periods = [Period.parse(p) for p in ["2016", "2016-03", "2015-12", "2016-H1", "2016-Q1", "2016-01"]]
    assert [str(p) for p in sorted(periods)] == ["2015-12", "2016-01", "2016-Q1", "2016-H1", "2016", "2016-03"]


def test_it_iterates_months_and_subperiods():
    assert [str(p) for p in Period.parse("2016-Q2").months()] == ["2016-04", "2016-05", "2016-06"]
    assert [str(p) for p in Period.parse("2016").subperiods(Kind.HALF)] == ["2016-H1", "2016-H2"]
    assert [str(p) for p in period_range(Period.parse("2015-11"), Period.parse("2016-02"))] == [
        "2015-11", "2015-12", "2016-01", "2016-02",
    ]  # fmt: skip
    assert len(months_up_to(Period.parse("2016-Q3"))) == 9


def test_it_knows_what_it_contains():
    year = Period.parse("2016")
    assert Period.parse("2016-07") in year
    assert datetime.date(2016, 12, 31) in year
    assert Period.parse("2015-12") not in year
    assert year not in Period.parse("2016-H1")
    assert Period.containing(datetime.date(2016, 8, 15), Kind.TERTIAL) == Period.parse("2016-T2")
