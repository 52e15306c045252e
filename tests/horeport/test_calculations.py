from decimal import Decimal

from horeport.calculations import average_per_month, change, mean, per_user
from horeport.formatting import nb_percent


def test_change_is_relative_to_the_earlier_value():
    # Seed 000: legemiddelavvik registered 440 in 2015, 588 in 2016: +148, 33,6 %.
    result = change(440, 588)
    assert result.absolute == 148
    assert nb_percent(result.relative) == "33,6\u00a0%"


def test_change_from_zero_has_no_percentage():
    result = change(0, 5)
    assert result.absolute == 5
    assert result.relative is None
    assert nb_percent(result.relative) == "–"


def test_change_between_percentages_is_in_points():
    result = change(Decimal("54.55"), Decimal("60.00"), percentages=True)
    assert result.in_points
    assert result.absolute == Decimal("5.45")
    assert result.relative is None


def test_average_per_month_counts_only_months_with_a_value():
    average = average_per_month([270, 268, None, 272, 270, 270], 6)
    assert average.value == Decimal(270)
    assert average.months_with_value == 5
    assert average.note == "5 av 6 mnd."


def test_average_per_month_of_a_complete_period_has_no_note():
    average = average_per_month({1: 10, 2: 20}, 2)
    assert average.value == 15
    assert average.complete and average.note == ""


def test_average_of_no_months_is_no_value():
    assert average_per_month([None, None], 2).value is None


def test_per_user_is_the_ratio_of_the_averages_not_the_mean_of_ratios():
    hours, users = [100, 300], [10, 50]  # monthly ratios 10 and 6, mean 8
    ratio = per_user(average_per_month(hours, 2).value, average_per_month(users, 2).value)
    assert ratio == Decimal(200) / Decimal(30)
    assert per_user(10, 0) is None


def test_mean_skips_missing_values():
    assert mean([1474, None, 1312]) == Decimal(1393)
