"""The overview, a page per service, the history page, and that they stay cheap."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from horeport.periods import Period
from tests.volumes.helpers import make_figure, make_service
from volumes.models import AgeGroups, ServiceName, VolumeFigure

pytestmark = pytest.mark.django_db


def cell_texts(html: str, table: str, row: str) -> list[str]:
    """The cells of one row of a table on the page, as a reader sees them."""
    table_html = html.split(f'data-table="{table}"', 1)[1].split("</table>", 1)[0]
    row_html = table_html.split(f'data-row="{row}"', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r'<td class="num">(.*?)</td>', row_html, re.S)
    cells = [re.sub(r'<span class="note">.*?</span>', "", c) for c in cells]  # "5 av 6 mnd." notes aside
    return [re.sub(r"<[^>]+>", "", c).replace("&nbsp;", "\xa0").strip() for c in cells]


def test_the_overview_shows_each_service_s_latest_year(leder_client, seed):
    response = leder_client.get(reverse("volumes:index"))
    html = response.content.decode()
    assert cell_texts(html, "overview", "bpa") == ["2016", "51,0", "11\xa0280,0", "221,2"]
    assert cell_texts(html, "overview", "mestringshuset-psykisk-helse") == ["2016", "266,5", "880,5", "3,3"]
    assert 'alt="Brukere totalt per år: 2012: 162,7; 2013: 151,1; 2014: 133,1; 2015: 128,0; 2016: 129,0"' in html
    # The row shows 2016, so the name in force in 2016, with today's name beside it.
    row = html.split('data-row="omsorgslonn"', 1)[1].split("</th>", 1)[0]
    assert re.sub(r"<[^>]+>", "", row).split(">", 1)[1].split() == ["Omsorgslønn", "nå", "Omsorgsstønad"]


def test_the_overview_without_services_says_what_to_do(administrator_client, leder_client):
    assert "Legg inn en tjeneste" in administrator_client.get(reverse("volumes:index")).content.decode()
    assert "En administrator legger inn tjenestene" in leder_client.get(reverse("volumes:index")).content.decode()


def test_the_overview_shows_the_latest_month_against_the_same_month_last_year(leder_client, bpa):
    make_figure(bpa, "2016-03", users_under_18=6, users_over_18=44, hours_under_18=1200, hours_over_18=8000)
    make_figure(bpa, "2017-03", users_under_18=6, users_over_18=49, hours_under_18=1300, hours_over_18=9000)
    html = leder_client.get(reverse("volumes:index")).content.decode()
    assert "Siste måned med tall: mars 2017" in html
    assert cell_texts(html, "monthly", "bpa") == ["50", "55", "+5", "+10,0\xa0%", "9\xa0200", "10\xa0300", "+1\xa0100",
                                                  "+12,0\xa0%"]  # fmt: skip


def test_the_service_page_shows_the_half_years_the_year_and_the_multi_year_comparison(leder_client, seed):
    url = reverse("volumes:service", kwargs={"slug": "mestringshuset-rus"})
    html = leder_client.get(url).content.decode()
    assert cell_texts(html, "half-year", "users") == ["129,0", "84,0", "106,5"]
    assert cell_texts(html, "half-year", "per_user") == ["0,9", "3,0", "1,7"]
    assert "Registrert som gjennomsnitt pr. måned for 1. halvår 2016, 2. halvår 2016, ikke måned for måned." in html
    assert 'data-table="comparison"' not in html  # one year of figures: nothing to compare
    assert html.count('<img src="data:image/svg+xml;base64,') == 3  # users, hours, hours per user
    assert "Ingen månedstall for 2016." in html


def test_the_omsorgslonn_page_compares_2012_to_2016_and_uses_the_name_of_its_period(leder_client, seed):
    url = reverse("volumes:service", kwargs={"slug": "omsorgslonn"})
    html = leder_client.get(url + "?aar=2016").content.decode()
    assert '<h1 class="ds-heading" data-size="lg">Omsorgslønn</h1>' in html
    assert "Andre navn: Omsorgsstønad (fra 2020)." in html
    assert cell_texts(html, "comparison", "users_total") == ["129,0", "128,0", "133,1", "151,1", "162,7"]
    assert cell_texts(html, "comparison", "per_user") == ["50,0", "50,8", "50,6", "51,5", "49,8"]
    # Only a year average is stored for 2016: the page shows the year, not two empty half-years.
    assert cell_texts(html, "half-year", "hours_total") == ["6\xa0454,0"]
    html_2020 = leder_client.get(url + "?aar=2020").content.decode()
    assert '<h1 class="ds-heading" data-size="lg">Omsorgsstønad</h1>' in html_2020
    assert "Andre navn: Omsorgslønn (til 2019)." in html_2020
    assert "Ingen tall er registrert for Omsorgsstønad i 2020." in html_2020


def test_a_bad_year_in_the_address_falls_back_to_the_latest_year(leder_client, seed):
    response = leder_client.get(reverse("volumes:service", kwargs={"slug": "bpa"}) + "?aar=tjue")
    assert response.status_code == 200 and response.context["year"] == 2016


def test_the_service_page_shows_a_year_s_months_as_entered(leder_client, bpa):
    make_figure(bpa, "2017-01", users_under_18=5, users_over_18=40, hours_under_18=1200, hours_over_18="9000.5")
    html = leder_client.get(reverse("volumes:service", kwargs={"slug": "bpa"})).content.decode()
    assert cell_texts(html, "months", "users_total")[:2] == ["45", "–"]
    assert cell_texts(html, "months", "hours_total")[0] == "10\xa0200,5"
    assert cell_texts(html, "half-year", "users_total") == ["45,0", "–", "45,0"]
    assert "1 av 6 mnd." in html and "1 av 12 mnd." in html


def test_only_editors_see_the_buttons_that_open_the_grid(leder_client, registrator_client, bpa):
    url = reverse("volumes:service", kwargs={"slug": "bpa"})
    assert "Registrer månedstall" not in leder_client.get(url).content.decode()
    assert "Registrer månedstall" in registrator_client.get(url).content.decode()


def test_the_history_page_shows_who_changed_a_figure(registrator_client, registrator, bpa):
    figure = make_figure(bpa, "2016", users_under_18=6)
    figure._history_user = registrator
    figure.users_under_18 = 7
    figure.save()
    response = registrator_client.get(reverse("volumes:figure_history", kwargs={"pk": figure.pk}))
    html = response.content.decode()
    assert "Historikk: BPA, 2016" in html and "Rita Registrator" in html
    assert "Brukere ≤ 18 år" in html


def test_the_service_page_does_not_grow_in_queries_with_months_or_years(leder_client, django_assert_max_num_queries):
    small, large = make_service("Liten", slug="liten"), make_service("Stor", slug="stor")
    make_figure(small, "2016-01", users_under_18=1, users_over_18=1)
    for year in range(2012, 2017):
        for month in range(1, 13):
            make_figure(large, f"{year}-{month:02d}", users_under_18=month, users_over_18=year - 2000,
                        hours_under_18=10, hours_over_18=20)  # fmt: skip
        ServiceName.objects.create(service=large, valid_from=datetime.date(year, 1, 1), name=f"Stor {year}")
    leder_client.get(reverse("volumes:index"))  # the first page of a session also creates the site's settings
    with django_assert_max_num_queries(14) as few:
        assert leder_client.get(reverse("volumes:service", kwargs={"slug": "liten"}) + "?aar=2016").status_code == 200
    with django_assert_max_num_queries(len(few)):
        response = leder_client.get(reverse("volumes:service", kwargs={"slug": "stor"}) + "?aar=2016")
    assert response.status_code == 200 and response.context["year"] == 2016


def test_the_overview_does_not_grow_in_queries_with_services(leder_client, django_assert_max_num_queries):
    make_figure(make_service("Første", slug="forste"), "2016-01", users_under_18=1, users_over_18=1)
    leder_client.get(reverse("volumes:index"))
    with django_assert_max_num_queries(14) as few:
        assert leder_client.get(reverse("volumes:index")).status_code == 200
    for i in range(8):
        service = make_service(f"Tjeneste {i}", slug=f"t{i}", age_groups=AgeGroups.NONE)
        ServiceName.objects.create(service=service, valid_from=datetime.date(2015, 1, 1), name=f"Ny {i}")
        for month in range(1, 13):
            make_figure(service, f"2016-{month:02d}", users=month, hours=month * 3)
    with django_assert_max_num_queries(len(few)):
        response = leder_client.get(reverse("volumes:index"))
    assert response.status_code == 200 and "Ny 7" in response.content.decode()  # its name in 2016


def test_a_service_that_counts_only_users_shows_no_hours(leder_client, registrator_client):
    # Another municipality's kind of service (Stavanger's Housing First counts places, not hours).
    service = make_service("Housing First", slug="housing-first", age_groups=AgeGroups.NONE, records_hours=False)
    make_figure(service, "2017-01", users=18)
    make_figure(service, "2017-02", users=20)
    html = leder_client.get(reverse("volumes:service", kwargs={"slug": "housing-first"})).content.decode()
    assert cell_texts(html, "half-year", "users") == ["19,0", "–", "19,0"]
    assert 'data-row="hours"' not in html and 'data-row="per_user"' not in html
    form = registrator_client.get(reverse("volumes:grid", kwargs={"slug": "housing-first", "year": 2017})).context[
        "form"
    ]
    assert [f.label for f in form.volume_fields] == ["Antall brukere"] and form.total_rows() == []


def test_a_month_entered_into_a_year_with_an_entered_average_is_refused_and_the_average_stays(
    registrator_client, leder_client, seed
):
    """One source per period: BPA 2016 holds an average per month (51 users, 11 280 hours); typing
    January 2016 into the grid must not silently replace it."""
    url = reverse("volumes:grid", kwargs={"slug": "bpa", "year": 2016})
    page = registrator_client.get(url)
    [note] = page.context["other_grains"]
    assert note.startswith("For 2016 er det registrert et snitt pr. måned. En periode har bare én kilde")
    assert page.context["form"]["c01_users_over_18"].field.widget.attrs.get("readonly")

    form = page.context["form"]
    data = {name: "" if form[name].value() is None else str(form[name].value()) for name in form.fields}
    response = registrator_client.post(url, {**data, "c01_users_under_18": "7", "c01_users_over_18": "45",
                                             "c01_hours_under_18": "1500", "c01_hours_over_18": "9900"})  # fmt: skip
    assert response.status_code == 400
    [error] = response.context["form"].non_field_errors()
    assert error.startswith("januar 2016: Tall for januar 2016 kan ikke registreres: 2016 har et samlet tall")
    assert not VolumeFigure.objects.filter(service=seed["bpa"], period=Period.parse("2016-01")).exists()
    html = leder_client.get(reverse("volumes:index")).content.decode()
    assert cell_texts(html, "overview", "bpa") == ["2016", "51,0", "11\xa0280,0", "221,2"]


def test_an_average_entered_for_a_year_with_months_is_refused(registrator_client, seed):
    make_figure(seed["bpa"], "2017-01", users_under_18=6, users_over_18=45)
    url = reverse("volumes:grid", kwargs={"slug": "bpa", "year": 2017}) + "?inndeling=ar"
    page = registrator_client.get(url)
    assert page.context["other_grains"][0].startswith("Det finnes månedstall for 1 måned(er) dette året.")
    response = registrator_client.post(url, {"c01_users_under_18": "5", "c01_users_over_18": "50", "c01_version": ""})
    assert response.status_code == 400
    [error] = response.context["form"].non_field_errors()
    assert "Et samlet tall for 2017 kan ikke registreres: det finnes tall for januar 2017" in error
    assert not VolumeFigure.objects.filter(service=seed["bpa"], period=Period.parse("2017")).exists()


def test_the_year_chooser_offers_every_year_from_the_data_to_next_year(leder_client, bpa):
    make_figure(bpa, "2016-01", users_under_18=5, users_over_18=40, hours_under_18=1200, hours_over_18=9000)
    response = leder_client.get(reverse("volumes:service", kwargs={"slug": "bpa"}))
    offered = re.findall(r'<option value="(\d{4})"', response.content.decode())
    this_year = timezone.localdate().year  # as the page counts years: in Oslo, not UTC
    assert {"2016", "2017", str(this_year), str(this_year + 1)} <= set(offered)
    assert offered == sorted(offered, reverse=True)


@pytest.mark.parametrize("year", ["0", "-1", "1e5", "%00", "99999"])
def test_a_year_that_is_no_year_shows_the_latest_year_with_a_message(leder_client, bpa, year):
    make_figure(bpa, "2016-01", users_under_18=5, users_over_18=40, hours_under_18=1200, hours_over_18=9000)
    response = leder_client.get(reverse("volumes:service", kwargs={"slug": "bpa"}) + f"?aar={year}")
    assert response.status_code == 200 and response.context["year"] == 2016
    assert "Viser 2016." in response.content.decode()


def test_the_age_groups_are_the_services_own_bounds(registrator_client, registrator):
    youth = make_service("Avlastning", slug="avlastning", young_up_to=16, elderly_over=67)
    figure = make_figure(youth, "2016", users_under_18=4, users_over_18=9, users_over_60=2)
    figure._history_user = registrator
    figure.users_under_18 = 5
    figure.save()
    grid = registrator_client.get(reverse("volumes:grid", kwargs={"slug": "avlastning", "year": 2017}))
    assert "Antall brukere ≤ 16 år" in grid.content.decode()
    assert "herav antall brukere &gt; 67 år" in grid.content.decode()
    page = registrator_client.get(reverse("volumes:service", kwargs={"slug": "avlastning"}) + "?aar=2016")
    assert "Antall brukere &gt; 16 år" in page.content.decode() and "≤ 18 år" not in page.content.decode()
    history = registrator_client.get(reverse("volumes:figure_history", kwargs={"pk": figure.pk}))
    assert "Brukere ≤ 16 år" in history.content.decode()
