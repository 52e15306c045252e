"""The economy's pages: the overview's numbers, the entry grid, the adjustments, the workbook."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from economy.models import AccountsFigure, BudgetAdjustment, BudgetArea, BudgetFrame
from horeport.models import period_lock
from horeport.periods import Period
from tests.economy.helpers import accounts, area, frame, kroner, seed_003_figures
from tests.kpi.helpers import text_of

pytestmark = pytest.mark.django_db
URL = reverse("economy:index")


def row_text(html: str, key: str) -> str:
    match = re.search(rf'<tr[^>]*data-row="{key}"[^>]*>(.*?)</tr>', html, re.S)
    assert match, f"no row {key}"
    return text_of(match.group(1))


def test_the_overview_shows_frame_adjustments_accounts_difference_and_use(leder_client):
    item = seed_003_figures()
    html = leder_client.get(URL, {"periode": "2017"}).content.decode()
    assert row_text(html, str(item.pk)) == "Helse- og sosialkontorene 615,1 +23,5 638,6 653,5 +14,9 +2,3 % 102,3"
    assert "et merforbruk på 14,9 mill. kr av en samlet ramme på 638,6 mill. kr" in text_of(html)
    assert "forbruksprosent på 102,3" in text_of(html)


def test_a_tertial_counts_only_the_adjustments_so_far_and_its_accumulated_accounts(leder_client):
    item = seed_003_figures()
    html = leder_client.get(URL, {"periode": "2017-T1"}).content.decode()
    # 220,0 of 625,1 (615,1 + the 1. tertial's 10,0): 35,2 % used; no difference before the year ends.
    assert row_text(html, str(item.pk)) == "Helse- og sosialkontorene 615,1 +10,0 625,1 220,0 35,2"


def test_each_area_has_its_row_and_the_total_sums_them(leder_client):
    home, rest = area("Hjemmebaserte tjenester", sort_order=1), area("Øvrig", sort_order=2)
    frame(home, "2017", "349.5")
    accounts(home, "2017", "342.8")
    frame(rest, "2017", "289.1")
    accounts(rest, "2017", "310.7")
    html = leder_client.get(URL, {"periode": "2017"}).content.decode()
    assert row_text(html, str(home.pk)) == "Hjemmebaserte tjenester 349,5 0,0 349,5 342,8 -6,7 -1,9 % 98,1"
    assert row_text(html, "total") == "Sum 638,6 0,0 638,6 653,5 +14,9 +2,3 % 102,3"


def test_an_area_without_a_frame_is_left_out_of_the_total_and_the_page_says_so(leder_client):
    frame(area("A"), "2017", "100")
    accounts(area("B"), "2017", "5")
    html = text_of(leder_client.get(URL, {"periode": "2017"}).content.decode())
    assert "Uten ramme for 2017, og derfor ikke med i summen: B." in html


def test_the_workbook_holds_the_same_numbers_as_real_numbers(leder_client):
    seed_003_figures()
    response = leder_client.get(reverse("economy:overview_xlsx"), {"periode": "2017"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    figures = rows["Helse- og sosialkontorene"]
    assert figures[:5] == pytest.approx((615.1, 23.5, 638.6, 653.5, 14.9))
    assert figures[5] == pytest.approx(0.02333, abs=1e-5)  # the difference in percent, as a fraction
    assert figures[6] == pytest.approx(102.333, abs=1e-3)


def test_the_entry_grid_saves_frames_and_accounts_in_kroner(registrator_client):
    item = area()
    url = reverse("economy:entry", args=[2017])
    data = {f"f{item.pk}-amount": "349 500 000", f"a{item.pk}-2017-amount": "342 800 000"}
    response = registrator_client.post(url, data)
    assert response.status_code == 302
    assert BudgetFrame.objects.get().amount == kroner("349.5")
    assert AccountsFigure.objects.get(period="2017").amount == kroner("342.8")


def test_the_entry_grid_refuses_a_locked_year_and_saves_nothing(registrator_client):
    item = area()
    period_lock(period=Period.parse("2017"), reason="Årsrapport 2017, versjon 1")
    response = registrator_client.post(reverse("economy:entry", args=[2017]), {f"f{item.pk}-amount": "1 000"})
    assert response.status_code == 400
    assert "Perioden 2017 er låst" in text_of(response.content.decode())
    assert not BudgetFrame.objects.exists()


def test_a_typo_in_an_amount_is_a_message_next_to_it(registrator_client):
    item = area()
    response = registrator_client.post(reverse("economy:entry", args=[2017]), {f"f{item.pk}-amount": "3,4,5"})
    assert response.status_code == 400
    assert "«3,4,5» er ikke et tall" in text_of(response.content.decode())
    assert not BudgetFrame.objects.exists()


def test_an_adjustment_is_registered_with_its_tertial_and_reason(registrator_client):
    item = area()
    data = {"area": item.pk, "period": "2017-T2", "amount": "-2 500 000", "reason": "Redusert ramme, 2. tertial"}
    response = registrator_client.post(reverse("economy:adjustment_create") + "?aar=2017", data)
    assert response.status_code == 302
    saved = BudgetAdjustment.objects.get()
    assert (saved.period, saved.amount) == (Period.parse("2017-T2"), kroner("-2.5"))


def test_an_adjustment_without_a_reason_is_refused(registrator_client):
    item = area()
    data = {"area": item.pk, "period": "2017-T2", "amount": "1000", "reason": ""}
    response = registrator_client.post(reverse("economy:adjustment_create") + "?aar=2017", data)
    assert response.status_code == 400
    assert not BudgetAdjustment.objects.exists()


def test_a_manager_sees_no_entry_links(leder_client):
    seed_003_figures()
    html = leder_client.get(URL, {"periode": "2017"}).content.decode()
    assert reverse("economy:entry", args=[2017]) not in html
    assert "Ny budsjettjustering" not in html


@pytest.mark.parametrize("unit_id", ["99999999999999999999", "abc", "-1"])
def test_a_unit_no_row_can_have_is_refused_next_to_the_field_and_nothing_is_saved(administrator_client, unit_id):
    # The product's page answers a refused form with 400, Django's admin with its form again (200).
    for url, status in ((reverse("economy:area_create"), 400), (reverse("admin:economy_budgetarea_add"), 200)):
        response = administrator_client.post(url, {"name": "Nytt område", "units": [unit_id], "sort_order": "1"})
        assert response.status_code == status
        assert "er ikke en gyldig verdi" in response.content.decode()
    assert not BudgetArea.objects.filter(name="Nytt område").exists()
