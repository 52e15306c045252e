"""Waitlist figures far from the same month last year are questioned before they are saved
(horeport/plausibility.py), on the month-end grid and on the one-figure form."""

import re

import pytest
from django.urls import reverse

from horeport.models import FlaggedFigure
from tests.kpi.helpers import text_of
from tests.waitlists.helpers import figure, housing_type
from tests.waitlists.test_month_entry import URL, row
from waitlists.models import WaitlistFigure

pytestmark = pytest.mark.django_db


def ticked(data: dict, html: str) -> dict:
    return {**data, "riktig": re.findall(r'name="riktig" value="([^"]+)"', html)}


def test_the_month_grid_questions_a_waitlist_far_from_last_december(registrator_client, registrator):
    kind = housing_type("Bolig med service")
    figure(kind, "2015-12", waitlist=14)
    data = row(kind, waitlist="40", housing_swaps="1")
    response = registrator_client.post(URL, data)
    html = response.content.decode()
    cell = re.search(rf'<td class="num">\s*<label[^>]*for="id_t{kind.pk}-waitlist".*?</td>', html, re.S).group(0)
    assert "40 er 186 % over samme periode i fjor (14). Tallet er riktig" in text_of(cell)
    assert not WaitlistFigure.objects.filter(period="2016-12").exists()
    assert 'value="1"' in re.search(rf'<input[^>]*id="id_t{kind.pk}-housing_swaps"[^>]*>', html).group(0)

    saved = registrator_client.post(URL, ticked(data, html), follow=True)
    assert "Tallene for desember 2016 er lagret: Bolig med service." in saved.content.decode()
    assert WaitlistFigure.objects.get(period="2016-12").waitlist == 40
    flag = FlaggedFigure.objects.get()
    assert (flag.name, flag.measure, flag.entered_by) == (
        "Bolig med service: venteliste ved periodens slutt", "waitlist", registrator,
    )  # fmt: skip
    assert flag.url == reverse("waitlists:month_entry") + "?periode=2016-12"


def test_the_one_figure_form_questions_and_saves_once_confirmed(registrator_client):
    kind = housing_type()
    figure(kind, "2015-03", waitlist=10)
    data = {"housing_type": kind.pk, "year": "2016", "month": "3", "waitlist": "30"}
    response = registrator_client.post(reverse("waitlists:figure_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kontroller tallet før du lagrer" in html
    assert '<p id="id_waitlist_question">30 er 200 % over samme periode i fjor (10).</p>' in html.replace("\xa0", " ")
    assert 'aria-describedby="id_waitlist_helptext id_waitlist_question"' in html
    assert not WaitlistFigure.objects.filter(period="2016-03").exists()
    registrator_client.post(reverse("waitlists:figure_create"), ticked(data, html))
    assert WaitlistFigure.objects.get(period="2016-03").waitlist == 30
    assert FlaggedFigure.objects.get().value == 30
