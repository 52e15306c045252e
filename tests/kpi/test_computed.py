"""An indicator computed from stored figures by a named rule (horeport.computed): Ø.2.1 "Avvik i
forhold til budsjett" from the economy's figures, coloured by its bands as any result."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from economy.models import AccountsFigure
from horeport.periods import Period
from kpi.models import Result
from tests.economy.helpers import kroner, seed_003_figures
from tests.kpi.helpers import indicator, result, row_html, status_of, text_of

pytestmark = pytest.mark.django_db
RULE = "economy.budget_deviation"


def budget_deviation(**extra):
    return indicator(
        "Ø.2.1", name="Avvik i forhold til budsjett", green=">= 0", red="< -0.75", valid_from=2014,
        perspective_code="Ø.2", computation=RULE, **extra,
    )  # fmt: skip


def test_the_malekart_shows_the_computed_result_with_its_status(leder_client):
    budget_deviation()
    seed_003_figures()  # accounts 653,5 against a revised budget of 638,6: 2,33 % overspent
    html = leder_client.get(reverse("kpi:index"), {"periode": "2017"}).content.decode()
    assert "-2,33 %" in text_of(row_html(html, "Ø.2.1"))
    assert status_of(html, "Ø.2.1") == "red"


def test_a_change_to_the_figures_changes_the_malekart(leder_client):
    budget_deviation()
    seed_003_figures()
    leder_client.get(reverse("kpi:index"), {"periode": "2017"})  # the målekart is kept between requests
    figure = AccountsFigure.objects.get(period="2017")
    figure.amount = kroner("638.6")
    figure.save()
    html = leder_client.get(reverse("kpi:index"), {"periode": "2017"}).content.decode()
    assert "0,00 %" in text_of(row_html(html, "Ø.2.1"))
    assert status_of(html, "Ø.2.1") == "green"


def test_without_figures_the_result_is_missing(leder_client):
    budget_deviation()
    html = leder_client.get(reverse("kpi:index"), {"periode": "2017"}).content.decode()
    assert status_of(html, "Ø.2.1") == "none"


def test_the_entry_grid_shows_it_read_only_with_a_note(registrator_client):
    item = budget_deviation()
    seed_003_figures()
    html = registrator_client.get(reverse("kpi:result_entry"), {"periode": "2017"}).content.decode()
    row = row_html(html, "Ø.2.1")
    assert "<input" not in row
    assert "Beregnes, registreres ikke" in text_of(row) and "-2,33 %" in text_of(row)
    response = registrator_client.post(reverse("kpi:result_entry"), {"periode": "2017", f"r{item.pk}-value": "5"})
    assert response.status_code == 302
    assert not Result.objects.exists()


def test_a_result_for_a_computed_indicator_is_refused_whichever_way_it_comes():
    item = budget_deviation()
    with pytest.raises(ValidationError, match="de beregnes etter regelen"):
        Result.objects.create(indicator=item, period=Period.parse("2017"), value=Decimal("1"))


def form_data(item, computation):
    return {
        "perspective": item.perspective_id, "code": item.code, "name": item.name, "unit": "percent",
        "decimals": "2", "frequency": "year", "introduced_year": "", "retired_year": "",
        "computation": computation, "description": "", "sort_order": "0",
    }  # fmt: skip


def test_the_indicator_form_offers_the_registered_rules_only(administrator_client):
    item = indicator("Ø.2.1", perspective_code="Ø.2")
    url = reverse("kpi:indicator_update", args=[item.pk])
    assert RULE in administrator_client.get(url).content.decode()
    response = administrator_client.post(url, form_data(item, "economy.guesswork"))
    assert response.status_code == 400
    assert "Velg et gyldig valg" in text_of(response.content.decode())
    response = administrator_client.post(url, form_data(item, RULE))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.computation == RULE


def test_an_indicator_with_entered_results_is_not_made_computed(administrator_client):
    item = indicator("Ø.2.1", perspective_code="Ø.2")
    result(item, "2014", "-0.70")
    response = administrator_client.post(reverse("kpi:indicator_update", args=[item.pk]), form_data(item, RULE))
    assert response.status_code == 400
    assert "Ø.2.1 har 1 registrert resultat." in text_of(response.content.decode())
    item.refresh_from_db()
    assert item.computation == ""


def test_the_indicator_page_says_its_results_are_computed(leder_client):
    item = budget_deviation()
    html = text_of(leder_client.get(reverse("kpi:indicator", args=[item.pk])).content.decode())
    assert "Resultatene beregnes av registrerte tall etter regelen «Avvik i forhold til budsjett" in html
    assert "Ingen resultater er registrert" not in html
