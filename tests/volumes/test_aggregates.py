"""The rules of docs/rules.md as the services apply them: average per month over the months that
have a value, counts averaged (never summed), hours per user as the ratio of the averages, and
stored half-year/year averages weighted by the months they stand for."""

from decimal import Decimal

import pytest

from horeport.periods import Period
from volumes.aggregates import HOURS_TOTAL, USERS_TOTAL, Entry, month_sources, summarize
from volumes.models import AgeGroups, Service

P = Period.parse


def service(age_groups=AgeGroups.NONE, **extra):
    # Not saved: the rules need only the service's volume fields.
    return Service(name="Test", slug="test", age_groups=age_groups, **extra)


def entry(period, **values):
    return Entry(P(period), {k: Decimal(str(v)) for k, v in values.items()})


def test_the_average_per_month_skips_missing_months_and_says_how_many_it_had():
    entries = [entry("2016-01", users=10), entry("2016-02", users=12), entry("2016-04", users=14)]
    summary = summarize(service(), entries, P("2016-H1"))
    assert summary["users"].value == Decimal(12)  # (10 + 12 + 14) / 3, not / 6
    assert summary["users"].note == "3 av 6 mnd."


def test_counts_of_people_are_averaged_never_summed_across_months():
    entries = [entry(f"2016-{m:02d}", users=100) for m in range(1, 13)]
    summary = summarize(service(), entries, P("2016"))
    assert summary["users"].value == Decimal(100)
    assert summary["users"].note == ""


def test_hours_per_user_is_the_ratio_of_the_averages_not_the_mean_of_monthly_ratios():
    # January: 100 hours for 10 users (10 per user); February: 150 hours for 30 users (5 per user).
    entries = [entry("2016-01", users=10, hours=100), entry("2016-02", users=30, hours=150)]
    summary = summarize(service(), entries, P("2016-Q1"))
    assert summary.per_user == Decimal(250) / Decimal(40)  # 6,25 – the mean of the ratios would be 7,5
    assert summary.per_user_note == "2 av 3 mnd."


def test_hours_per_user_counts_only_the_months_that_have_both_hours_and_users():
    entries = [entry("2016-01", users=10, hours=100), entry("2016-02", users=20)]
    summary = summarize(service(), entries, P("2016-Q1"))
    assert summary["users"].value == Decimal(15)
    assert summary.per_user == Decimal(10)  # 100 / 10 over January; February has no hours


def test_a_year_built_from_two_half_year_averages_is_their_month_weighted_mean():
    entries = [entry("2016-H1", users=270, hours=918), entry("2016-H2", users=263, hours=843)]
    summary = summarize(service(), entries, P("2016"))
    assert summary["users"].value == Decimal("266.5")
    assert summary["users"].note == ""  # both halves stand for six months each
    assert summary.per_user == Decimal(1761) / Decimal(533)


def test_a_half_year_average_and_entered_months_are_weighted_by_the_months_they_cover():
    entries = [entry("2016-H1", users=100)] + [entry(f"2016-{m:02d}", users=130) for m in (7, 8, 9)]
    summary = summarize(service(), entries, P("2016"))
    assert summary["users"].value == Decimal(6 * 100 + 3 * 130) / 9
    assert summary["users"].note == "9 av 12 mnd."


def test_months_entered_take_precedence_over_an_average_stored_for_the_same_half_year():
    entries = [entry("2016-H1", users=270), entry("2016-01", users=300), entry("2016-02", users=310)]
    summary = summarize(service(), entries, P("2016-H1"))
    assert summary["users"].value == Decimal(305)
    assert summary["users"].note == "2 av 6 mnd."
    assert set(month_sources(entries, P("2016-H1"))) == {P("2016-01"), P("2016-02")}


def test_a_stored_average_never_pretends_to_know_a_shorter_period():
    entries = [entry("2016-H1", users=270), entry("2015", users=200)]
    assert summarize(service(), entries, P("2016-03"))["users"].value is None
    assert summarize(service(), entries, P("2016-Q1"))["users"].value is None
    assert summarize(service(), entries, P("2015-H2"))["users"].value is None
    assert summarize(service(), entries, P("2015"))["users"].value == Decimal(200)


def test_a_half_year_average_wins_over_a_year_average_for_the_same_year():
    entries = [entry("2016", users=50), entry("2016-H1", users=40)]
    summary = summarize(service(), entries, P("2016"))
    assert summary["users"].value == Decimal(40)
    assert summary["users"].note == "6 av 12 mnd."


def test_users_in_total_are_under_18_plus_over_18_and_of_which_over_60_is_not_added():
    entries = [entry("2016", users_under_18=66, users_over_18=63, users_over_60=12,
                     hours_under_18=3084, hours_over_18=3370, hours_over_60=686)]  # fmt: skip
    summary = summarize(service(AgeGroups.THREE), entries, P("2016"))
    assert summary[USERS_TOTAL].value == Decimal(129)
    assert summary[HOURS_TOTAL].value == Decimal(6454)
    assert summary.per_user == Decimal(6454) / Decimal(129)


def test_a_month_with_only_one_age_group_has_no_total():
    entries = [entry("2016-01", users_under_18=5, users_over_18=40), entry("2016-02", users_under_18=6)]
    summary = summarize(service(AgeGroups.TWO), entries, P("2016-Q1"))
    assert summary[USERS_TOTAL].value == Decimal(45)
    assert summary[USERS_TOTAL].note == "1 av 3 mnd."
    assert summary["users_under_18"].value == Decimal("5.5")


def test_a_missing_of_which_figure_stays_missing_and_does_not_touch_the_total():
    entries = [entry("2012", users_under_18=79, users_over_18="83.7", hours_under_18=3581, hours_over_18=4515)]
    summary = summarize(service(AgeGroups.THREE), entries, P("2012"))
    assert summary["users_over_60"].value is None
    assert summary["users_over_60"].note == ""
    assert summary[USERS_TOTAL].value == Decimal("162.7")


def test_hours_per_user_is_none_without_users():
    summary = summarize(service(), [entry("2016-01", users=0, hours=12)], P("2016-01"))
    assert summary.per_user is None


@pytest.mark.parametrize("records", [{"records_hours": False}, {"records_users": False}])
def test_a_service_that_records_one_quantity_has_no_hours_per_user(records):
    summary = summarize(service(**records), [entry("2016-01", users=10, hours=12)], P("2016-01"))
    assert summary.per_user is None
