"""The målekart is built again in the background after a write to anything it shows (kpi/apps.py,
kpi/tasks.py), the figures a computed indicator reads included."""

from types import SimpleNamespace

import pytest

from economy.models import AccountsFigure, BudgetAdjustment, BudgetArea, BudgetFrame
from horeport.computed import dependency_models
from kpi import tasks
from tests.economy.helpers import accounts, adjustment, area, frame

# Each write commits on its own, as a page's does: the warming is ordered once per transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def warmed(monkeypatch):
    """Each time the warming task is ordered."""
    ordered = []
    monkeypatch.setattr(tasks, "malekart_warm_task", SimpleNamespace(enqueue=lambda **kwargs: ordered.append(kwargs)))
    return ordered


def test_a_write_to_each_economy_model_a_computed_indicator_reads_orders_the_malekart_built_again(warmed):
    assert set(dependency_models()) == {BudgetArea, BudgetFrame, BudgetAdjustment, AccountsFigure}
    item = area("Hjemmebaserte tjenester")
    assert len(warmed) == 1
    frame(item, "2017", "615.1")
    adjustment(item, "2017-T1", "10.0")
    accounts(item, "2017", "653.5")
    assert len(warmed) == 4


def test_a_deleted_economy_figure_orders_it_too(warmed):
    figure = accounts(area("Hjemmebaserte tjenester"), "2017", "653.5")
    warmed.clear()
    figure.delete()
    assert len(warmed) == 1
