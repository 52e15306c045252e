"""The economy's figures on the one write path: locks, versions, the period each may have."""

import pytest
from django.core.exceptions import ValidationError

from economy.models import AccountsFigure, BudgetFrame
from horeport.models import PeriodLockedError, StaleEditError, period_lock
from horeport.periods import Period
from tests.economy.helpers import accounts, adjustment, area, frame, kroner

pytestmark = pytest.mark.django_db


def test_a_frame_in_a_locked_year_is_refused_and_not_saved():
    stored = frame(area(), "2017", "349.5")
    period_lock(period=Period.parse("2017"), reason="Årsrapport 2017, versjon 1")
    stored.amount = kroner("350.0")
    with pytest.raises(PeriodLockedError, match="Perioden 2017 er låst"):
        stored.save()
    assert BudgetFrame.objects.get().amount == kroner("349.5")


def test_an_adjustment_in_a_locked_tertial_is_refused_also_when_the_year_is_locked():
    item = area()
    period_lock(period=Period.parse("2017"), reason="Årsrapport 2017, versjon 1")
    with pytest.raises(PeriodLockedError):
        adjustment(item, "2017-T2", "1.0")


def test_a_stale_change_is_refused():
    stored = accounts(area(), "2017", "342.8")
    first, second = AccountsFigure.objects.get(), AccountsFigure.objects.get()
    first.amount = kroner("343.0")
    first.save()
    second.amount = kroner("344.0")
    with pytest.raises(StaleEditError):
        second.save()
    stored.refresh_from_db()
    assert stored.amount == kroner("343.0")


def test_every_change_is_kept_in_the_history():
    stored = frame(area(), "2017", "349.5")
    stored.amount = kroner("350.0")
    stored.save()
    assert [h.amount for h in stored.history.order_by("history_date")] == [kroner("349.5"), kroner("350.0")]


def test_accounts_after_the_third_tertial_are_the_years():
    figure = AccountsFigure(area=area(), period=Period.parse("2017-T3"), amount=kroner("1"))
    with pytest.raises(ValidationError) as refused:
        figure.full_clean()
    assert "registrer det for 2017" in str(refused.value)


def test_a_frame_belongs_to_a_year():
    figure = BudgetFrame(area=area(), period=Period.parse("2017-T1"), amount=kroner("1"))
    with pytest.raises(ValidationError, match="Perioden må være én av: år"):
        figure.full_clean()


def test_a_locked_tertial_holds_the_years_frame_and_earlier_adjustments_its_budget_counts():
    item = area()
    stored = frame(item, "2017", "349.5")
    earlier = adjustment(item, "2017-T1", "1.0")
    period_lock(period=Period.parse("2017-T2"), reason="2. tertial 2017, versjon 1")
    stored.amount = kroner("350.0")
    with pytest.raises(PeriodLockedError, match="Perioden 2. tertial 2017 er låst"):
        stored.save()
    with pytest.raises(PeriodLockedError):
        earlier.delete()
    adjustment(item, "2017-T3", "2.0")  # a later adjustment does not change the 2. tertial's budget
