"""The economy on the reporting status: a tertial's accounts are due in its last month."""

import pytest

from economy.contributions import due
from horeport.periods import Period
from tests.economy.helpers import accounts, area

pytestmark = pytest.mark.django_db


def test_the_accounts_are_due_in_a_tertials_last_month_for_every_area():
    home, rest = area("Hjemmebaserte tjenester"), area("Øvrig")
    accounts(home, "2017-T1", "112.3")
    (item,) = due(period=Period.parse("2017-04"))
    assert (item.what, item.filled, item.expected, item.state_word) == ("Regnskap pr. 1. tertial 2017", 1, 2, "Delvis")
    accounts(home, "2017", "342.8")
    accounts(rest, "2017", "310.7")
    (item,) = due(period=Period.parse("2017-12"))
    assert (item.what, item.state_word) == ("Regnskap 2017", "Fullført")


def test_nothing_is_due_in_other_months_or_without_budget_areas():
    assert due(period=Period.parse("2017-04")) == []
    area()
    assert due(period=Period.parse("2017-05")) == []
