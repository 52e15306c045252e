"""The shared tracking piece: history, stale forms refused, locked periods refused."""

import datetime
from decimal import Decimal

import pytest
from django import forms

from horeport.forms import TrackedModelForm
from horeport.models import PeriodLock, PeriodLockedError, StaleEditError, period_lock
from horeport.periods import Period
from tests.tracked.models import Entry, Figure

pytestmark = pytest.mark.django_db


class FigureForm(TrackedModelForm):
    class Meta:
        model = Figure
        fields = ["name", "period", "value"]


def figure(period="2016-03", value="10"):
    return Figure.objects.create(name="Venteliste", period=Period.parse(period), value=Decimal(value))


def test_it_keeps_every_change_with_before_and_after():
    row = figure(value="12")
    row.value = Decimal("13")
    row.save()
    history = list(row.history.order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert history[0].value == Decimal("12") and history[1].value == Decimal("13")


def test_it_refuses_a_save_from_a_stale_copy():
    row = figure()
    mine, theirs = Figure.objects.get(pk=row.pk), Figure.objects.get(pk=row.pk)
    theirs.value = Decimal("11")
    theirs.save()
    mine.value = Decimal("99")
    with pytest.raises(StaleEditError):
        mine.save()
    assert Figure.objects.get(pk=row.pk).value == Decimal("11")


def test_a_stale_form_is_refused_with_a_message_naming_who_changed_it(registrator):
    row = figure()
    opened = FigureForm(instance=row).initial | {"version": row.version}
    theirs = Figure.objects.get(pk=row.pk)
    theirs._history_user = registrator
    theirs.value = Decimal("11")
    theirs.save()
    form = FigureForm(
        data={"name": "Venteliste", "period": "2016-03", "value": "12", "version": opened["version"]},
        instance=Figure.objects.get(pk=row.pk),
    )
    assert not form.is_valid()
    assert "endret av Rita Registrator" in form.non_field_errors()[0]
    assert Figure.objects.get(pk=row.pk).value == Decimal("11")


def test_a_form_accepts_the_decimal_comma():
    form = FigureForm(data={"name": "Liggetid", "period": "2014", "value": "2,04"})
    assert form.is_valid(), form.errors
    assert form.save().value == Decimal("2.04")


def test_a_change_inside_a_locked_period_is_refused_naming_the_lock():
    row = figure("2016-03")
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    row.value = Decimal("50")
    with pytest.raises(PeriodLockedError) as error:
        row.save()
    assert "Årsrapport 2016, versjon 1" in error.value.messages[0]
    assert Figure.objects.get(pk=row.pk).value == Decimal("10")


def test_a_new_figure_in_a_locked_period_is_refused():
    period_lock(period=Period.parse("2016-Q1"), reason="Rapport til HO-komiteen")
    with pytest.raises(PeriodLockedError):
        figure("2016-02")
    assert not Figure.objects.exists()


def test_deleting_or_moving_a_figure_out_of_a_locked_period_is_refused():
    row = figure("2016-03")
    period_lock(period=Period.parse("2016-03"), reason="Rapport til direktør")
    with pytest.raises(PeriodLockedError):
        row.delete()
    row.period = Period.parse("2016-04")
    with pytest.raises(PeriodLockedError):
        row.save()
    assert Figure.objects.get(pk=row.pk).period == Period.parse("2016-03")


def test_a_lock_covers_only_figures_inside_its_period():
    period_lock(period=Period.parse("2016-Q1"), reason="Rapport til HO-komiteen")
    figure("2016-04")  # the next quarter stays open
    figure("2015")  # another year stays open
    with pytest.raises(PeriodLockedError):
        figure("2016-Q1")


def test_the_form_shows_the_lock_message_instead_of_saving():
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 2")
    form = FigureForm(data={"name": "Venteliste", "period": "2016-06", "value": "3"})
    assert not form.is_valid()
    assert "Perioden 2016 er låst (Årsrapport 2016, versjon 2" in " ".join(form.non_field_errors())


def test_unlocking_with_a_reason_opens_the_period_again(administrator):
    row = figure("2016-03")
    lock = period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    lock.unlock(user=administrator, reason="Feil i tallene for mars")
    row.value = Decimal("20")
    row.save()
    lock.refresh_from_db()
    assert lock.unlocked_by == administrator and lock.unlock_reason == "Feil i tallene for mars"
    assert not PeriodLock.objects.active().exists()


def test_unlocking_without_a_reason_is_refused(administrator):
    lock = period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    with pytest.raises(forms.ValidationError):
        lock.unlock(user=administrator, reason="  ")
    lock.refresh_from_db()
    assert lock.is_active


def test_a_register_entry_is_locked_by_its_date():
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    with pytest.raises(PeriodLockedError):
        Entry.objects.create(reference="A-1", registered_on=datetime.date(2016, 5, 2))
    Entry.objects.create(reference="A-2", registered_on=datetime.date(2017, 1, 2))
    assert list(Entry.objects.values_list("reference", flat=True)) == ["A-2"]
