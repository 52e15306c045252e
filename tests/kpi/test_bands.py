"""The band-status rule and the overlap check: pure functions, no database."""

from decimal import Decimal

import pytest

from kpi.bands import Condition, band_status, complement, conditions_overlap, higher_is_better

D = Decimal
C = Condition.parse


# -- higher is better: "95 - 100 %" / "60 - 94 %" / "0 - 59 %" as green >= 95, red < 60 -------------


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("100", "green"), ("95", "green"),  # at the green bound, which is included
        ("94.99", "yellow"), ("94.5", "yellow"),  # between the printed ranges: has not reached 95
        ("60", "yellow"), ("91", "yellow"),  # the lowest accepted result is 60
        ("59.99", "red"), ("59.5", "red"), ("54.55", "red"), ("0", "red"),  # has not reached 60
    ],
)  # fmt: skip
def test_a_share_is_green_from_95_and_red_below_60(value, status):
    assert band_status(D(value), C(">= 95"), C("< 60")) == status


@pytest.mark.parametrize(
    ("value", "status"),
    [("6", "green"), ("4.5", "green"), ("4.49", "yellow"), ("4.45", "yellow"), ("4", "yellow"),
     ("3.99", "red"), ("3.95", "red")],
)  # fmt: skip
def test_a_score_is_green_from_4_5_and_red_below_4(value, status):
    assert band_status(D(value), C(">= 4.5"), C("< 4")) == status


@pytest.mark.parametrize(
    ("value", "status"), [("31", "green"), ("30", "yellow"), ("11", "yellow"), ("10.5", "yellow"), ("10", "red")]
)
def test_a_count_printed_over_30_and_up_to_10(value, status):
    assert band_status(D(value), C("> 30"), C("<= 10")) == status


# -- lower is better ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status"),
    [("0", "green"), ("2.04", "green"), ("3", "green"), ("3.01", "yellow"), ("4", "yellow"), ("5", "yellow"),
     ("5.01", "red"), ("7", "red")],
)  # fmt: skip
def test_days_in_hospital_are_green_up_to_3_and_red_above_5(value, status):
    assert band_status(D(value), C("<= 3"), C("> 5")) == status


@pytest.mark.parametrize(
    ("value", "status"),
    [("4.49", "green"), ("4.5", "yellow"), ("5.4", "yellow"), ("5.5", "yellow"), ("5.51", "red")],
)
def test_months_of_social_assistance_are_green_below_4_5_and_red_above_5_5(value, status):
    assert band_status(D(value), C("< 4.5"), C("> 5.5")) == status


@pytest.mark.parametrize(
    ("value", "status"), [("0.5", "green"), ("0", "green"), ("-0.70", "yellow"), ("-0.75", "yellow"), ("-0.76", "red")]
)
def test_a_budget_deviation_is_green_at_zero_or_above_and_red_beyond_minus_0_75(value, status):
    assert band_status(D(value), C(">= 0"), C("< -0.75")) == status


def test_no_result_has_no_status():
    assert band_status(None, C(">= 95"), C("< 60")) == "none"


def test_a_closed_interval_contains_both_bounds_and_an_open_one_neither():
    closed, open_ = C("[4, 5]"), C("(4, 5)")
    assert closed.contains(D(4)) and closed.contains(D(5))
    assert not open_.contains(D(4)) and not open_.contains(D(5)) and open_.contains(D("4.5"))


# -- the overlap check ----------------------------------------------------------------------------


def test_bands_that_share_results_overlap_and_the_overlap_is_named():
    common = conditions_overlap(C(">= 90"), C("< 95"))
    assert common is not None
    assert (common.lower, common.lower_inclusive, common.upper, common.upper_inclusive) == (D(90), True, D(95), False)
    assert common.describe("%") == "fra 90 til under 95\xa0%"


def test_bands_that_meet_at_an_open_bound_do_not_overlap():
    assert conditions_overlap(C(">= 95"), C("< 95")) is None
    assert conditions_overlap(C("> 95"), C("<= 95")) is None
    assert conditions_overlap(C("> 95"), C("< 95")) is None


def test_bands_that_both_include_the_same_bound_overlap_at_that_value():
    common = conditions_overlap(C(">= 95"), C("<= 95"))
    assert common is not None and common.contains(D(95)) and not common.contains(D("95.01"))


def test_lower_is_better_bands_apart_do_not_overlap_but_crossed_ones_do():
    assert conditions_overlap(C("<= 3"), C("> 5")) is None
    assert conditions_overlap(C("<= 6"), C("> 5")) is not None


def test_a_green_band_between_two_red_values_is_checked_against_the_red_interval():
    assert conditions_overlap(C("[40, 60]"), C("[0, 39]")) is None
    assert conditions_overlap(C("[40, 60]"), C("[0, 40]")) is not None


def test_an_unbounded_condition_overlaps_everything():
    assert conditions_overlap(Condition(), C("< 60")) is not None


# -- text -----------------------------------------------------------------------------------------


def test_the_yellow_band_is_what_green_and_red_leave_between_them():
    assert [c.describe("%") for c in complement(C(">= 95"), C("< 60"))] == ["fra 60 til under 95\xa0%"]
    assert [c.describe("døgn") for c in complement(C("<= 3"), C("> 5"))] == ["over 3 til og med 5\xa0døgn"]
    assert [c.describe("mnd.") for c in complement(C("< 4.5"), C("> 5.5"))] == ["4,5–5,5\xa0mnd."]
    assert complement(C(">= 95"), C("< 95")) == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [(">= 95", "minst 95"), ("> 30", "over 30"), ("< 60", "under 60"), ("<= 10", "høyst 10"),
     ("[60, 94]", "60–94"), ("= 100", "100"), ("< -0.75", "under -0,75"), ("(4, 5]", "over 4 til og med 5")],
)  # fmt: skip
def test_conditions_are_described_in_norwegian(text, shown):
    assert C(text).describe() == shown


def test_the_direction_is_implied_by_the_bands():
    assert higher_is_better(C(">= 95"), C("< 60")) is True
    assert higher_is_better(C("<= 3"), C("> 5")) is False


def test_a_condition_that_cannot_be_read_is_refused():
    with pytest.raises(ValueError):
        C("about 95")
