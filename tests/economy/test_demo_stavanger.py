"""Seed 003's economy (economy/demo_stavanger.py): computed from the stored figures, the figures
the annual report states."""

import pytest

from economy import demo_stavanger
from economy.calculations import millions
from economy.models import AccountsFigure, BudgetAdjustment, BudgetFrame
from economy.selectors import economy_overview
from horeport.formatting import nb_number
from horeport.periods import Period

pytestmark = pytest.mark.django_db


@pytest.fixture
def overview():
    demo_stavanger.load()
    return economy_overview(period=Period.parse("2017"))


def mill(value) -> str:
    return nb_number(millions(value), 1)


def test_the_department_has_seed_003s_frame_use_and_overspending(overview):
    total = overview.total
    assert mill(total.revised) == "638,6"  # "en samlet ramme på kr 638,6 mill."
    assert nb_number(total.use, 1) == "102,3"  # "en forbruksprosent på 102,3"
    assert mill(total.difference) == "14,9"  # "et merforbruk på kr 14,9 mill."
    assert (
        mill(total.adjusted_by) == "23,5"
    )  # "budsjettjusteringer fra 1. og 2. tertialbehandling på totalt kr 23,5 mill."


def test_the_home_based_services_have_seed_003s_frame_use_and_underspending(overview):
    home = next(line for line in overview.lines if line.name == "Hjemmebaserte tjenester")
    assert mill(home.revised) == "349,5"  # "rammen på kr 349,5 mill."
    assert nb_number(home.use, 1) == "98,1"  # "en forbruksprosent på 98,1"
    assert mill(home.difference) == "-6,7"  # "et mindreforbruk på kr 6,7 mill."


def test_loading_twice_changes_nothing():
    demo_stavanger.load()
    versions = [
        sorted(model.objects.values_list("version", flat=True))
        for model in (BudgetFrame, BudgetAdjustment, AccountsFigure)
    ]
    demo_stavanger.load()
    assert versions == [
        sorted(model.objects.values_list("version", flat=True))
        for model in (BudgetFrame, BudgetAdjustment, AccountsFigure)
    ]
    assert BudgetFrame.objects.count() == 2
