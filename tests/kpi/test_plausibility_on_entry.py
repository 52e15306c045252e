"""A result or key figure far from the same period last year is questioned next to its cell, and
saved only once the user confirms it (horeport/plausibility.py)."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from horeport import plausibility
from horeport.models import FigureLimit, FlaggedFigure, ServiceUnit, SiteSettings
from horeport.periods import Period
from kpi.forms import ResultRowForm
from kpi.models import KeyFigure, KeyFigureValue, Result
from tests.kpi.helpers import indicator, result, row_html, text_of
from tests.kpi.test_result_entry import URL, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def s_3_1():
    item = indicator("S.3.1", name="Andel miljøsertifiserte virksomheter")
    result(item, "2014", "54.55")
    return item


def question(html: str, code: str) -> str:
    """The text of the question next to an indicator's result cell, or ""."""
    match = re.search(r'<div class="plausibility-warning[^"]*"[^>]*>(.*?)</div>\s*</div>', row_html(html, code), re.S)
    return text_of(match.group(1)) if match else ""


def confirm(data: dict, html: str) -> dict:
    """Tick every «Tallet er riktig» on the page, as the user would."""
    return {**data, "riktig": re.findall(r'name="riktig" value="([^"]+)"', html)}


def test_a_result_far_from_last_year_is_questioned_next_to_its_cell_and_not_saved(registrator_client, s_3_1):
    response = registrator_client.post(URL, form_data(registrator_client, **{"S.3.1": "90"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert question(html, "S.3.1") == (
        "90 er 65 % over samme periode i fjor (54,55). Tallet er riktig : Resultat for S.3.1"
    )
    assert "Kontroller tallet før du lagrer" in html and "Ingenting er lagret ennå." in html
    assert not Result.objects.filter(period="2015").exists()
    # What was typed stays in the cell, and the question is read with the field.
    field = f"id_r{s_3_1.pk}-value"
    cell = re.search(rf'<input[^>]*id="{field}"[^>]*>', html).group(0)
    assert 'value="90"' in cell and f'aria-describedby="{field}_question"' in cell
    assert f'<p id="{field}_question">' in html


def test_a_confirmed_result_is_saved_and_listed_on_the_reporting_status(registrator_client, registrator, leder_client,
                                                                         s_3_1):  # fmt: skip
    data = form_data(registrator_client, **{"S.3.1": "90"})
    first = registrator_client.post(URL, data).content.decode()
    response = registrator_client.post(URL, confirm(data, first), follow=True)
    assert "Resultatene for 2015 er lagret (1 nye)." in response.content.decode()
    assert Result.objects.get(period="2015").value == Decimal(90)
    flag = FlaggedFigure.objects.get()
    assert (flag.name, flag.period, flag.value, flag.entered_by) == (
        "S.3.1 Andel miljøsertifiserte virksomheter", Period.parse("2015"), Decimal(90), registrator,
    )  # fmt: skip
    status = text_of(leder_client.get(reverse("reporting_status")).content.decode())
    assert "S.3.1 Andel miljøsertifiserte virksomheter 2015 90 90 er 65 % over samme periode i fjor (54,55)." in status


def test_a_confirmation_holds_only_for_the_value_confirmed(registrator_client, s_3_1):
    data = form_data(registrator_client, **{"S.3.1": "90"})
    first = registrator_client.post(URL, data).content.decode()
    changed = {**confirm(data, first), f"r{s_3_1.pk}-value": "95"}
    html = registrator_client.post(URL, changed).content.decode()
    assert question(html, "S.3.1").startswith("95 er 74 % over samme periode i fjor (54,55).")
    assert not Result.objects.filter(period="2015").exists()


def test_a_plausible_correction_saves_without_a_flag(registrator_client, s_3_1):
    data = form_data(registrator_client, **{"S.3.1": "90"})
    registrator_client.post(URL, data)
    response = registrator_client.post(URL, {**data, f"r{s_3_1.pk}-value": "60"}, follow=True)
    assert "Resultatene for 2015 er lagret (1 nye)." in response.content.decode()
    assert Result.objects.get(period="2015").value == Decimal(60)
    assert not FlaggedFigure.objects.exists()


def test_correcting_a_confirmed_figure_takes_it_off_the_list(registrator_client, s_3_1):
    data = form_data(registrator_client, **{"S.3.1": "90"})
    registrator_client.post(URL, confirm(data, registrator_client.post(URL, data).content.decode()))
    assert FlaggedFigure.objects.unchecked().count() == 1
    registrator_client.post(URL, form_data(registrator_client, **{"S.3.1": "60"}))
    assert Result.objects.get(period="2015").value == Decimal(60)
    assert not FlaggedFigure.objects.exists()


def test_no_question_without_last_years_result(registrator_client):
    indicator("S.3.1")
    response = registrator_client.post(URL, form_data(registrator_client, **{"S.3.1": "90"}), follow=True)
    assert "Resultatene for 2015 er lagret (1 nye)." in response.content.decode()
    assert not FlaggedFigure.objects.exists()


def test_an_unchanged_value_is_not_questioned_again(registrator_client, s_3_1):
    result(s_3_1, "2015", "90")
    data = form_data(registrator_client)
    data[f"r{s_3_1.pk}-comment"] = "Nye virksomheter sertifisert"
    response = registrator_client.post(URL, data, follow=True)
    assert "Resultatene for 2015 er lagret (1 endret)." in response.content.decode()


def test_limits_set_by_an_administrator_replace_last_year(registrator_client, s_3_1):
    FigureLimit.objects.create(kind="kpi.result", figure_id=s_3_1.pk, name="S.3.1", minimum=40, maximum=95)
    response = registrator_client.post(URL, form_data(registrator_client, **{"S.3.1": "90"}), follow=True)
    assert "Resultatene for 2015 er lagret (1 nye)." in response.content.decode()  # +65 %, but inside the limits
    html = registrator_client.post(URL, form_data(registrator_client, **{"S.3.1": "96"})).content.decode()
    assert question(html, "S.3.1").startswith("96 er over den høyeste rimelige verdien for tallet (95).")
    assert Result.objects.get(period="2015").value == Decimal(90)


def test_a_unit_is_compared_with_its_own_last_year(registrator_client, s_3_1):
    unit = ServiceUnit.objects.create(name="Brukertorget")
    result(s_3_1, "2014", "10", unit=unit)
    html = registrator_client.post(URL, form_data(registrator_client, unit=str(unit.pk), **{"S.3.1": "60"}))
    assert question(html.content.decode(), "S.3.1").startswith("60 er 500 % over samme periode i fjor (10).")


def test_the_check_does_not_grow_in_queries_with_the_rows_questioned(s_3_1):
    def rows(count: int) -> list[ResultRowForm]:
        items = [s_3_1] + [indicator(f"Q.{count}.{n}", perspective_code="Q") for n in range(count - 1)]
        for item in items[1:]:
            result(item, "2014", "50")
        forms = []
        for item in items:
            instance = Result(indicator=item, period=Period.parse("2015"))
            form = ResultRowForm({f"r{item.pk}-value": "90"}, instance=instance, indicator=item, prefix=f"r{item.pk}")
            form.is_valid()
            forms.append(form)
        return forms

    SiteSettings.current()  # the first look creates the site's settings
    few, many = rows(2), rows(20)
    with CaptureQueriesContext(connection) as two:
        plausibility.forms_check(few)
    with CaptureQueriesContext(connection) as twenty:
        plausibility.forms_check(many)
    assert sum(len(f.warnings) for f in few) == 2 and sum(len(f.warnings) for f in many) == 20
    assert len(twenty) == len(two)


# -- key figures ------------------------------------------------------------------------------


def test_a_key_figure_is_questioned_and_saved_once_confirmed(registrator_client):
    figure = KeyFigure.objects.create(name="Plasser i sykehjem", unit="plasser")
    KeyFigureValue.objects.create(key_figure=figure, period=Period.parse("2014"), value=Decimal(727))
    url = reverse("kpi:key_figure_entry")
    data = {"periode": "2015", f"k{figure.pk}-value": "1 600", f"k{figure.pk}-comment": "", f"k{figure.pk}-version": ""}
    response = registrator_client.post(url, data)
    html = response.content.decode()
    match = re.search(r'<tr data-key-figure="\d+"[^>]*>(.*?)</tr>', html, re.S)
    assert "1 600 er 120 % over samme periode i fjor (727)." in text_of(match.group(1))
    assert not KeyFigureValue.objects.filter(period="2015").exists()
    registrator_client.post(url, confirm(data, html))
    assert KeyFigureValue.objects.get(period="2015").value == Decimal(1600)
    assert FlaggedFigure.objects.get().name == "Plasser i sykehjem"
