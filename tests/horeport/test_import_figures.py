"""`manage.py import_figures FILE --user NAME [--confirm]`: the preview printed, saved only when confirmed."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.horeport.helpers import fill, template
from tests.volumes.helpers import make_figure, make_service
from volumes.models import VolumeFigure


@pytest.fixture
def filled(db, tmp_path):
    bpa = make_service("BPA", slug="bpa")
    make_figure(bpa, "2016-12", users_over_18=40)
    workbook = template("tjenester", "2016-12")
    fill(workbook, "bpa", "Antall brukere > 18 år", 42)
    path = tmp_path / "tjenester-2016-12.xlsx"
    workbook.save(path)
    return workbook, path


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_figures", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_preview_and_saves_nothing(filled, registrator):
    _, path = filled
    printed = run(str(path), "--user", "rita")
    assert "BPA, Antall brukere > 18 år: 40 → 42" in printed
    assert "Ingenting er lagret" in printed
    assert VolumeFigure.objects.get().users_over_18 == 40


def test_it_saves_when_confirmed_with_the_user_in_the_history(filled, registrator):
    _, path = filled
    assert "Lagret: 1 tall endret i 1 rader." in run(str(path), "--user", "rita", "--confirm")
    stored = VolumeFigure.objects.get()
    assert stored.users_over_18 == 42 and stored.history.first().history_user == registrator


def test_it_refuses_a_file_with_refused_cells(filled, registrator, tmp_path):
    workbook, _ = filled
    fill(workbook, "bpa", "Antall brukere > 18 år", -1)
    path = tmp_path / "feil.xlsx"
    workbook.save(path)
    with pytest.raises(CommandError, match="Ingenting er lagret"):
        run(str(path), "--user", "rita", "--confirm")
    assert VolumeFigure.objects.get().users_over_18 == 40


def test_it_refuses_a_user_who_may_not_enter_figures(filled, leder):
    _, path = filled
    with pytest.raises(CommandError, match="har ikke lov"):
        run(str(path), "--user", "lars", "--confirm")
