"""The economy's rules, on numbers alone."""

from decimal import Decimal

from economy.calculations import budget_deviation, budget_use, difference, difference_percent, revised_budget
from horeport.formatting import nb_number
from horeport.periods import Period

T1, T2, T3 = (Period.parse(f"2017-T{i}") for i in (1, 2, 3))
ADJUSTMENTS = [(T1, Decimal(10_000_000)), (T2, Decimal(13_500_000)), (T3, Decimal(-1_000_000))]


def test_the_revised_budget_adds_the_adjustments_up_to_the_period():
    frame = Decimal(615_100_000)
    assert revised_budget(frame, ADJUSTMENTS, up_to=T1) == Decimal(625_100_000)
    assert revised_budget(frame, ADJUSTMENTS, up_to=T2) == Decimal(638_600_000)
    assert revised_budget(frame, ADJUSTMENTS, up_to=Period.parse("2017")) == Decimal(637_600_000)


def test_there_is_no_revised_budget_without_a_frame():
    assert revised_budget(None, ADJUSTMENTS, up_to=T2) is None


def test_overspending_is_a_positive_difference_and_a_use_above_100():
    budget, accounts = Decimal(638_600_000), Decimal(653_500_000)
    assert difference(accounts, budget) == Decimal(14_900_000)
    assert nb_number(difference_percent(accounts, budget), 1) == "2,3"
    assert nb_number(budget_use(accounts, budget), 1) == "102,3"
    assert nb_number(budget_deviation(accounts, budget), 2) == "-2,33"


def test_underspending_is_a_negative_difference():
    assert difference(Decimal(342_800_000), Decimal(349_500_000)) == Decimal(-6_700_000)
    assert nb_number(budget_use(Decimal(342_800_000), Decimal(349_500_000)), 1) == "98,1"


def test_the_use_is_rounded_half_up_when_shown():
    # 100,05 % exactly: shown as 100,1 (half away from zero), never 100,0.
    assert nb_number(budget_use(Decimal(100_050), Decimal(100_000)), 1) == "100,1"


def test_nothing_is_computed_from_a_missing_or_zero_budget():
    assert budget_use(Decimal(5), None) is None
    assert budget_use(Decimal(5), Decimal(0)) is None
    assert difference_percent(Decimal(5), Decimal(0)) is None
    assert difference(None, Decimal(5)) is None
