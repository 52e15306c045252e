"""The services' grid questions a figure far from the same month last year, next to its cell
(horeport/plausibility.py); a confirmed one is saved and listed on the reporting status."""

import re
from decimal import Decimal

import pytest

from horeport.models import FlaggedFigure
from tests.kpi.helpers import text_of
from tests.volumes.helpers import make_figure
from tests.volumes.test_grid import grid_data, grid_url, stored

pytestmark = pytest.mark.django_db


def test_a_month_far_from_last_year_is_questioned_in_its_cell_and_saved_once_confirmed(registrator_client, bpa):
    make_figure(bpa, "2016-03", users_under_18=5, users_over_18=40)
    url = grid_url(bpa)
    data = grid_data(registrator_client, url, c03_users_under_18="5", c03_users_over_18="90")
    response = registrator_client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    cell = re.search(r'<td class="grid-cell[^"]*">\s*<label[^>]*for="id_c03_users_over_18".*?</td>', html, re.S)
    assert "has-warning" in cell.group(0)
    assert "90 er 125 % over samme periode i fjor (40). Tallet er riktig" in text_of(cell.group(0))
    assert stored(bpa, "2017-03") is None

    ticked = {**data, "riktig": re.findall(r'name="riktig" value="([^"]+)"', html)}
    registrator_client.post(url, ticked)
    assert stored(bpa, "2017-03").users_over_18 == Decimal(90)
    assert FlaggedFigure.objects.get().name == "BPA: Antall brukere > 18 år"


def test_a_year_average_last_year_stands_for_its_months(registrator_client, bpa):
    make_figure(bpa, "2016", users_under_18=4, users_over_18=40)
    url = grid_url(bpa)
    html = registrator_client.post(url, grid_data(registrator_client, url, c01_users_over_18="41",
                                                  c02_users_over_18="70")).content.decode()  # fmt: skip
    assert "70 er 75 % over samme periode i fjor (40)." in text_of(html)
    assert "41 er" not in text_of(html)
