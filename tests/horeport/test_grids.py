"""The shared entry grid: rows of one period on one form, saved all together or not at all."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from horeport.grids import Grid, RowForm
from horeport.models import period_lock
from horeport.periods import Period
from tests.tracked.models import Figure

pytestmark = pytest.mark.django_db
PERIOD = Period.parse("2016-03")
NAMES = ["venteliste", "tildelt"]


class FigureRow(RowForm):
    class Meta:
        model = Figure
        fields = ["value"]


def figure(name, value):
    return Figure.objects.create(name=name, period=PERIOD, value=Decimal(value))


def grid(data=None) -> Grid:
    """The grid as a view builds it: a row per name, with its stored figure where there is one."""
    stored = {f.name: f for f in Figure.objects.filter(period=PERIOD)}
    return Grid(
        [
            (name, FigureRow(data, instance=stored.get(name) or Figure(name=name, period=PERIOD), prefix=f"f{i}"))
            for i, name in enumerate(NAMES)
        ]
    )


def posted(**typed) -> dict:
    """What the browser posts: the grid as it is opened now, with the given rows typed in."""
    data = {}
    for name, form in grid().rows:
        value, version = form["value"].value(), form["version"].value()
        data[f"{form.prefix}-value"] = typed.get(name, "" if value is None else str(value))
        data[f"{form.prefix}-version"] = "" if version is None else version
    return data


def stored() -> list[tuple[str, Decimal]]:
    return list(Figure.objects.order_by("name").values_list("name", "value"))


def test_it_creates_the_filled_rows_and_skips_the_blank_ones():
    rows = grid(posted(venteliste="14,5"))
    assert rows.save_if_valid()
    assert stored() == [("venteliste", Decimal("14.5"))]
    assert rows.saved == [("venteliste", "created")] and rows.summary == "1 nye"


def test_it_saves_a_changed_row_and_leaves_an_unchanged_one_alone():
    waitlist, allocated = figure("venteliste", "14"), figure("tildelt", "2")
    rows = grid(posted(venteliste="15"))
    assert rows.save_if_valid() and rows.summary == "1 endret"
    waitlist.refresh_from_db()
    allocated.refresh_from_db()
    assert (waitlist.value, waitlist.version) == (Decimal(15), 1)
    assert (allocated.version, allocated.history.count()) == (0, 1)


def test_emptying_a_row_deletes_it_and_keeps_the_deletion_in_history():
    saved = figure("venteliste", "14")
    rows = grid(posted(venteliste="", tildelt="3"))
    assert rows.save_if_valid()
    assert stored() == [("tildelt", Decimal(3))]
    assert Figure.history.filter(id=saved.pk, history_type="-").exists()
    assert rows.saved == [("venteliste", "deleted"), ("tildelt", "created")]
    assert rows.summary == "1 nye, 1 slettet"


def test_saving_what_was_opened_changes_nothing():
    figure("venteliste", "14")
    rows = grid(posted())
    assert rows.save_if_valid() and rows.summary == "ingen endringer"
    assert Figure.objects.get().version == 0


def test_one_bad_cell_saves_nothing_and_is_marked_on_its_row():
    rows = grid(posted(venteliste="14", tildelt="fem"))
    assert not rows.save_if_valid()
    assert rows.invalid_rows == 1 and not rows.errors
    assert dict(rows.rows)["tildelt"].errors["value"] == [
        "«fem» er ikke et tall. Bruk desimalkomma, for eksempel 2,04."
    ]
    assert not Figure.objects.exists()


def test_a_stale_row_refuses_the_whole_grid_naming_who_changed_it(leder):
    figure("venteliste", "14")
    data = posted(venteliste="15", tildelt="3")
    theirs = Figure.objects.get()
    theirs._history_user = leder
    theirs.value = Decimal(16)
    theirs.save()
    rows = grid(data)
    assert not rows.save_if_valid()
    assert "endret av Lars Leder" in dict(rows.rows)["venteliste"].non_field_errors()[0]
    assert stored() == [("venteliste", Decimal(16))]


def test_a_row_registered_by_someone_else_since_the_grid_was_opened_is_not_overwritten():
    data = posted(venteliste="15")
    figure("venteliste", "16")
    rows = grid(data)
    assert not rows.save_if_valid()
    assert "etter at du åpnet skjemaet" in dict(rows.rows)["venteliste"].non_field_errors()[0]
    assert stored() == [("venteliste", Decimal(16))]


def test_a_locked_period_is_shown_read_only_and_a_change_typed_before_the_lock_is_refused():
    data = posted(venteliste="15")
    lock = period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    opened = grid()
    assert opened.lock == lock
    assert all(form.fields["value"].widget.attrs["readonly"] for form in opened.forms)
    assert all(form.lock_notice.startswith(lock.message) for form in opened.forms)
    rows = grid(data)
    assert not rows.save_if_valid()
    assert dict(rows.rows)["venteliste"].non_field_errors() == [f"{lock.message} Endringen din er ikke lagret."]
    assert dict(rows.rows)["venteliste"]["value"].value() == "15"  # what was typed stays on the page
    assert not Figure.objects.exists()


def test_the_models_checks_apply_to_the_rows_that_will_be_saved():
    """Without the grid's lock, a change inside a locked period is refused next to its row;
    a stored row left as it is passes."""
    figure("venteliste", "14")
    figure("tildelt", "2")
    data = posted(venteliste="15")
    period_lock(period=Period.parse("2016-Q1"), reason="Kvartalsrapport")
    rows = dict(grid(data).rows)
    assert not rows["venteliste"].is_valid()
    assert "Perioden 1. kvartal 2016 er låst (Kvartalsrapport" in rows["venteliste"].non_field_errors()[0]
    assert rows["tildelt"].is_valid()


def test_a_models_message_about_a_field_the_row_does_not_show_is_the_rows_message(monkeypatch):
    def clean(self):
        raise ValidationError({"period": "Perioden passer ikke for dette tallet."})

    monkeypatch.setattr(Figure, "clean", clean)
    rows = grid(posted(venteliste="14"))
    assert not rows.is_valid()
    assert dict(rows.rows)["venteliste"].non_field_errors() == ["Perioden passer ikke for dette tallet."]


def test_a_change_after_validation_stores_nothing_and_becomes_the_grids_message():
    allocated = figure("tildelt", "2")
    rows = grid(posted(venteliste="14", tildelt="3"))
    assert rows.is_valid()
    theirs = Figure.objects.get(pk=allocated.pk)
    theirs.value = Decimal(4)
    theirs.save()
    assert not rows.save_if_valid()
    assert "etter at du åpnet skjemaet" in rows.errors[0] and rows.errors[0].endswith(" Ingenting er lagret.")
    assert stored() == [("tildelt", Decimal(4))]  # the new row went back with the rest


def test_a_deletion_after_someone_elses_change_stores_nothing():
    waitlist = figure("venteliste", "14")
    rows = grid(posted(venteliste=""))
    assert rows.is_valid()
    theirs = Figure.objects.get(pk=waitlist.pk)
    theirs.value = Decimal(16)
    theirs.save()
    assert not rows.save_if_valid()
    assert "etter at du åpnet skjemaet" in rows.errors[0]
    assert stored() == [("venteliste", Decimal(16))]


def test_a_lock_taken_after_validation_stores_nothing_and_names_the_lock():
    rows = grid(posted(venteliste="14", tildelt="3"))
    assert rows.is_valid()
    lock = period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    assert not rows.save_if_valid()
    assert rows.errors == [f"{lock.message} Ingenting er lagret."]
    assert not Figure.objects.exists()


def test_a_row_stored_by_someone_else_at_the_same_moment_is_a_message(monkeypatch):
    def clash(self, *args, **kwargs):  # what the database says when two people insert the same row
        raise IntegrityError("duplicate key value violates unique constraint")

    rows = grid(posted(venteliste="14"))
    monkeypatch.setattr(Figure, "save", clash)
    assert not rows.save_if_valid()
    assert rows.errors == [
        "Noen andre lagret det samme samtidig. Ingenting er lagret; last inn siden på nytt og prøv igjen."
    ]
