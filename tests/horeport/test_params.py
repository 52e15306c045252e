"""The one reader of a period, a year or a number in the query string, and the years a chooser offers."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.utils import timezone

from horeport.params import (
    YEARS_BACK,
    chooser_years,
    option_values,
    period_options,
    read_number,
    read_period,
    read_year,
)
from horeport.periods import Kind, Period

THIS_YEAR = timezone.localdate().year
BAD_YEARS = ["0", "-1", "1e5", "100000", "tjue", "%00", "\x00", "2016\x00", "9" * 5000, " "]


def request_for(query: dict):
    request = RequestFactory().get("/", query)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def said(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


@pytest.mark.parametrize("text", BAD_YEARS)
def test_a_bad_year_gives_the_default(text):
    request = request_for({"aar": text})
    assert read_year(request, 2016) == 2016


def test_a_bad_year_is_said_and_a_missing_one_is_not():
    request = request_for({"aar": "tjue"})
    read_year(request, 2016)
    assert said(request) == ["«tjue» er ikke et år som kan velges her. Viser 2016."]
    request = request_for({})
    assert read_year(request, 2016) == 2016 and said(request) == []


def test_a_year_the_page_does_not_offer_gives_the_default():
    assert read_year(request_for({"aar": "2015"}), 2016, years=[2017, 2016]) == 2016
    assert read_year(request_for({"aar": "2017"}), 2016, years=[2017, 2016]) == 2017


@pytest.mark.parametrize("text", ["2016-13", "2016-Q5", "abc", "0", "-1", "1e5", "%00", "2016\x00"])
def test_a_bad_period_gives_the_default(text):
    request = request_for({"periode": text})
    assert read_period(request, Period.parse("2016-03")) == Period.parse("2016-03")
    assert len(said(request)) == 1


def test_a_period_of_another_kind_or_not_offered_gives_the_default():
    default = Period.parse("2016-03")
    assert read_period(request_for({"periode": "2016"}), default, kinds=(Kind.MONTH,)) == default
    assert read_period(request_for({"periode": "2015-02"}), default, allowed={"2016-03", "2016-04"}) == default
    assert read_period(request_for({"periode": "2016-04"}), default, allowed={"2016-03", "2016-04"}).index == 4


def test_a_period_may_come_from_posted_data():
    request = RequestFactory().post("/", {"periode": "2016-Q2"})
    assert read_period(request, Period.of_year(2016), source=request.POST) == Period.parse("2016-Q2")


@pytest.mark.parametrize("text", ["99", "-3", "three", "%00", "3.0"])
def test_a_count_outside_the_list_gives_the_default(text):
    assert read_number(request_for({"antall": text}), "antall", 3, allowed=(3, 4, 5)) == 3


def test_a_count_from_the_list_is_used():
    assert read_number(request_for({"antall": "5"}), "antall", 3, allowed=(3, 4, 5)) == 5


def test_a_chooser_offers_every_year_from_the_first_with_data_to_next_year():
    years = chooser_years(2012, 2016, None)
    assert years[0] == THIS_YEAR + 1 and years[-1] == min(2012, THIS_YEAR - YEARS_BACK)
    assert 2017 in years and THIS_YEAR in years  # a year after the data and before today is offered too
    assert years == sorted(years, reverse=True) and len(set(years)) == len(years)


def test_a_chooser_without_data_reaches_back_to_enter_history():
    assert chooser_years() == list(range(THIS_YEAR + 1, THIS_YEAR - YEARS_BACK - 1, -1))


def test_period_options_group_months_by_year_newest_first():
    groups = period_options([Kind.MONTH], [2016, 2017])
    assert [label for label, _ in groups] == ["2017", "2016"]
    assert groups[0][1][0] == ("2017-12", "desember 2017")
    assert "2016-01" in option_values(groups) and len(option_values(groups)) == 24
    assert period_options([Kind.YEAR], [2016, 2017]) == [(None, [("2017", "2017"), ("2016", "2016")])]
