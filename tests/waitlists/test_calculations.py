"""The waitlist rules on plain values: the waitlist at a date and the effectuation time of a period."""

import datetime
from decimal import Decimal

from horeport.periods import Period
from waitlists.calculations import effectuation_days, waitlist_at, weighted_effectuation
from waitlists.models import CaseState, affected_months, waitlist_months


def d(text):
    return datetime.date.fromisoformat(text)


def state(decided, moved_in=None, closed=None, housing_type=1):
    return CaseState(housing_type, d(decided), d(moved_in) if moved_in else None, d(closed) if closed else None)


CASES = [
    state("2016-01-10", "2016-03-01"),  # 51 days, moved in in March
    state("2016-02-01", "2016-03-31"),  # 59 days, moved in in March
    state("2016-02-15"),  # no move-in yet
    state("2015-11-20", "2016-04-02"),  # moved in in April: outside March
    state("2016-03-05", closed="2016-03-20"),  # withdrawn
    state("2016-04-01"),  # decided after March
]


def test_the_waitlist_at_a_date_counts_cases_decided_by_then_and_not_yet_moved_in():
    # On 29 February: the January case (moves in 1 March), the February cases and the 2015 case.
    assert waitlist_at(CASES, d("2016-02-29")) == 4
    # On 31 March: the case without move-in and the 2015 case (moves in 2 April); the March
    # move-ins and the withdrawn case have left, the April decision has not come.
    assert waitlist_at(CASES, d("2016-03-31")) == 2


def test_a_case_is_off_the_list_on_its_move_in_day_and_on_the_list_on_its_decision_day():
    one = [state("2016-05-10", "2016-06-01")]
    assert waitlist_at(one, d("2016-05-09")) == 0
    assert waitlist_at(one, d("2016-05-10")) == 1
    assert waitlist_at(one, d("2016-05-31")) == 1
    assert waitlist_at(one, d("2016-06-01")) == 0


def test_the_effectuation_time_is_the_mean_over_the_cases_that_moved_in_during_the_period():
    days, count = effectuation_days(CASES, Period.parse("2016-03"))
    assert count == 2
    assert days == Decimal(51 + 59) / 2


def test_a_case_without_move_in_and_a_case_moved_in_outside_the_period_do_not_count():
    days, count = effectuation_days([state("2016-02-15"), state("2015-11-20", "2016-04-02")], Period.parse("2016-03"))
    assert (days, count) == (None, 0)
    days, count = effectuation_days(CASES, Period.parse("2016-Q1"))
    assert count == 2  # the April move-in is outside the first quarter too
    days, count = effectuation_days(CASES, Period.parse("2016"))
    assert count == 3 and days == Decimal(51 + 59 + 134) / 3


def test_a_year_from_month_figures_is_the_mean_over_all_allocations_not_a_mean_of_means():
    # 2 dwellings at 100 days in one month and 1 at 400 in another: 600 days over 3 cases.
    assert weighted_effectuation([(Decimal(100), 2), (Decimal(400), 1), (None, None)]) == Decimal(200)
    assert weighted_effectuation([(Decimal(100), 2), (Decimal(400), None)]) is None


def test_an_open_case_is_on_every_month_end_waitlist_until_the_horizon():
    months = waitlist_months(state("2016-11-20"), until=d("2017-02-28"))
    assert sorted(months) == [Period.parse(p) for p in ("2016-11", "2016-12", "2017-01", "2017-02")]
    assert waitlist_months(state("2016-11-20", "2016-12-31"), until=d("2030-01-01")) == {Period.parse("2016-11")}


def test_moving_a_move_in_date_within_the_next_year_leaves_last_year_alone():
    old, new = state("2016-12-10"), state("2016-12-10", "2017-01-15")
    months = affected_months(old, new, until=d("2017-06-30"))
    assert Period.parse("2016-12") not in months
    assert Period.parse("2017-01") in months


def test_a_new_case_spanning_a_year_affects_every_month_end_of_it():
    months = affected_months(None, state("2015-11-20", "2017-02-03"), until=d("2017-06-30"))
    assert all(Period.month(2016, m) in months for m in range(1, 13))


def test_changing_a_decision_date_affects_the_move_in_month_even_inside_one_month():
    old, new = state("2016-03-05", "2016-06-10"), state("2016-03-10", "2016-06-10")
    months = affected_months(old, new, until=d("2017-01-01"))
    assert Period.parse("2016-06") in months  # the June effectuation time changes
    assert Period.parse("2016-04") not in months  # the April waitlist does not
