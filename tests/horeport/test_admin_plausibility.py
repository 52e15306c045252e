"""A figure saved through the Django admin is checked for plausibility too (horeport/admin.py,
horeport/plausibility.py): the admin saves it without a question, but one far from last year is
put on the reporting status's list of figures to check, and the admin says so."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from horeport.models import FlaggedFigure
from kpi.models import Result
from tests.html_forms import page_forms
from tests.kpi.helpers import indicator, result, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def s_3_1():
    item = indicator("S.3.1", name="Andel miljøsertifiserte virksomheter")
    result(item, "2014", "54.55")
    return item


def admin_save(client, row: Result, value: str):
    """Open the result's change page in the admin, type the value, save; the page it leads to."""
    url = reverse("admin:kpi_result_change", args=[row.pk])
    form = max(
        (f for f in page_forms(client.get(url).content.decode()) if f.method == "post"), key=lambda f: len(f.fields)
    )
    data = form.data()
    data["value"] = [value]
    return client.post(url, data, follow=True)


def flagged_rows(client) -> list[str]:
    html = client.get(reverse("reporting_status")).content.decode()
    return [text_of(row) for row in re.findall(r"<tr data-flag=[^>]*>(.*?)</tr>", html, re.S)]


def test_a_figure_far_from_last_year_saved_in_the_admin_is_listed_for_checking(
    administrator_client, administrator, s_3_1
):
    row = result(s_3_1, "2015", "55")
    response = admin_save(administrator_client, row, "96.5")
    assert response.redirect_chain and response.status_code == 200
    assert Result.objects.get(pk=row.pk).value == Decimal("96.5")  # saved, as the admin asked
    message = text_of(response.content.decode())
    assert "77 % over samme periode i fjor" in message and "står under «Tall som skal kontrolleres»" in message
    flag = FlaggedFigure.objects.get()
    assert (flag.value, flag.entered_by) == (Decimal("96.5"), administrator)
    assert "Lagret i administrasjonen." in flag.reason
    (listed,) = flagged_rows(administrator_client)
    assert "Andel miljøsertifiserte virksomheter" in listed and "Lagret i administrasjonen." in listed


def test_a_plausible_figure_saved_in_the_admin_is_not_listed(administrator_client, s_3_1):
    row = result(s_3_1, "2015", "55")
    response = admin_save(administrator_client, row, "56.2")
    assert Result.objects.get(pk=row.pk).value == Decimal("56.2")
    assert "Tall som skal kontrolleres" not in text_of(response.content.decode())
    assert not FlaggedFigure.objects.exists()


def test_correcting_it_in_the_admin_takes_it_off_the_list(administrator_client, s_3_1):
    row = result(s_3_1, "2015", "55")
    admin_save(administrator_client, row, "96.5")
    admin_save(administrator_client, row, "56.2")
    assert not FlaggedFigure.objects.unchecked().exists()
    assert flagged_rows(administrator_client) == []


def test_the_admin_takes_a_decimal_comma_as_the_entry_pages_do(administrator_client, s_3_1):
    row = result(s_3_1, "2015", "55")
    response = admin_save(administrator_client, row, "56,25")
    assert response.redirect_chain and "Oppgi et tall" not in text_of(response.content.decode())
    assert Result.objects.get(pk=row.pk).value == Decimal("56.25")
