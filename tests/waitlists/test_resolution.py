"""Which number a period shows: entered month-ends, whole years, months summed, or the case list."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from horeport.periods import Period
from tests.waitlists.helpers import case, day, figure, housing_type
from waitlists.selectors import CASES, ENTERED, MONTHS, YEAR_END, WaitlistData

pytestmark = pytest.mark.django_db


def resolve(kind, period, first=2014, last=2017):
    return WaitlistData([kind], first, last).resolve(kind, Period.parse(period))


def test_a_month_cannot_be_entered_into_a_year_with_a_year_figure():
    """One source per period: the year figure stays the year's figure, nothing replaces it silently."""
    kind = housing_type()
    figure(kind, "2016", waitlist=13, dwellings_allocated=39)
    with pytest.raises(ValidationError) as refused:
        figure(kind, "2016-12", waitlist=14)
    assert "Tall for desember 2016 kan ikke registreres: 2016 har et samlet tall" in refused.value.messages[0]
    value = resolve(kind, "2016")["waitlist"]
    assert (value.value, value.source) == (13, ENTERED)


def test_a_year_figure_cannot_be_entered_into_a_year_with_months():
    kind = housing_type()
    figure(kind, "2016-11", waitlist=20)
    with pytest.raises(ValidationError, match="Et samlet tall for 2016 kan ikke registreres"):
        figure(kind, "2016", waitlist=13)
    assert resolve(kind, "2016")["waitlist"].value is None  # no month-end of December yet


def test_a_half_year_reads_the_waitlist_at_the_end_of_june():
    kind = housing_type()
    figure(kind, "2016-05", waitlist=9)
    figure(kind, "2016-06", waitlist=11)
    assert resolve(kind, "2016-H1")["waitlist"].value == 11
    assert not resolve(kind, "2016-H2")["waitlist"].present


def test_flows_of_a_year_are_its_own_figure_else_its_months_summed_with_a_note():
    kind = housing_type()
    figure(kind, "2016", dwellings_allocated=39)
    year = resolve(kind, "2016")["dwellings_allocated"]
    assert (year.value, year.source) == (39, ENTERED)
    figure(kind, "2017-01", dwellings_allocated=3, applications_processed=5)
    figure(kind, "2017-02", dwellings_allocated=4)
    allocated = resolve(kind, "2017")["dwellings_allocated"]
    assert (allocated.value, allocated.source, allocated.note) == (7, MONTHS, "2 av 12 mnd.")
    assert resolve(kind, "2017")["applications_processed"].note == "1 av 12 mnd."


def test_the_effectuation_time_of_a_year_from_months_is_the_mean_over_the_allocations():
    kind = housing_type()
    figure(kind, "2017-01", effectuation_days="100", dwellings_allocated=2)
    figure(kind, "2017-02", effectuation_days="400", dwellings_allocated=1)
    value = resolve(kind, "2017")["effectuation_days"]
    assert value.value == Decimal(200)  # (2·100 + 1·400) / 3, not (100 + 400) / 2
    assert value.note == "2 av 12 mnd."


def test_cases_open_in_a_period_replace_the_entered_figures_and_are_marked_computed():
    kind = housing_type()
    figure(kind, "2016", waitlist=13, effectuation_days="104")
    case(kind, "A", "2016-02-01", "2016-04-01")  # 60 days
    case(kind, "B", "2016-03-01", "2016-03-31")  # 30 days
    case(kind, "C", "2016-10-01")  # waiting at 31.12.
    resolved = resolve(kind, "2016")
    assert (resolved["waitlist"].value, resolved["waitlist"].source) == (1, CASES)
    assert resolved["effectuation_days"].value == Decimal(45)
    assert resolved["effectuation_days"].note == "beregnet av 2 saker"
    assert resolved.computed
    # The entered year figure stays, for history.
    assert kind.figures.get().waitlist == 13


def test_where_no_case_moved_in_the_entered_effectuation_time_is_used():
    kind = housing_type()
    figure(kind, "2016", effectuation_days="104")
    case(kind, "C", "2016-10-01")
    value = resolve(kind, "2016")["effectuation_days"]
    assert (value.value, value.source) == (Decimal(104), ENTERED)


def test_a_case_list_started_late_leaves_earlier_periods_to_the_entered_figures():
    kind = housing_type(cases_complete_from=day("2017-01-01"))
    figure(kind, "2016", waitlist=32)
    case(kind, "A", "2016-12-20", "2017-02-01")  # registered when the list was started
    assert resolve(kind, "2016")["waitlist"].value == 32  # not 1 from the single case
    assert resolve(kind, "2017-01")["waitlist"].value == 1


def test_a_years_waitlist_is_the_stock_of_december_and_of_the_second_half_year_but_not_of_november():
    kind = housing_type()
    figure(kind, "2016", waitlist=13, dwellings_allocated=39)
    december = resolve(kind, "2016-12")
    assert (december["waitlist"].value, december["waitlist"].source) == (13, YEAR_END)
    assert not december["dwellings_allocated"].present  # a year's flow says nothing about December
    assert resolve(kind, "2016-H2")["waitlist"].value == 13
    assert not resolve(kind, "2016-11").has_data
