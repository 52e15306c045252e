"""The housing pages: what they show, their empty states, and that their queries do not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from horeport.models import SiteSettings
from tests.waitlists.helpers import case, figure, housing_type
from waitlists import demo

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # the first request of a session also creates the site settings and caches content types
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_types(count, start=0):
    for i in range(start, start + count):
        kind = housing_type(f"Boligtype {i:02d}", order=i)
        for year in (2014, 2015, 2016):
            figure(kind, str(year), waitlist=i + year % 10, effectuation_days=100 + i)
        figure(kind, "2017-11", waitlist=5)  # months of a year without a year figure (one source)
        case(kind, f"S-{i}", "2016-10-01", "2016-11-15")


def test_the_overview_shows_the_seed_figures_across_types(leder_client):
    demo.load()
    html = leder_client.get(reverse("waitlists:index")).content.decode()
    assert "Venteliste pr. 31.12." in html and "Effektueringstid i gj.snitt (dager)" in html
    assert '<td class="num">1\u00a0474</td>' in html  # utviklingshemmede 2014
    assert html.count('data-row="waitlist"') == 6  # one seed table per type
    assert "Bytte bolig" in html
    assert html.count('<img src="data:image/svg+xml;base64,') == 2


def test_the_overview_queries_do_not_grow_with_the_number_of_housing_types(leder_client):
    add_types(2)
    few = queries(leder_client, reverse("waitlists:index") + "?aar=2016")
    add_types(8, start=2)
    many = queries(leder_client, reverse("waitlists:index") + "?aar=2016")
    assert many == few


def test_the_housing_type_page_queries_do_not_grow_with_figures_or_types(leder_client, django_assert_max_num_queries):
    add_types(2)
    from waitlists.models import HousingType

    first = HousingType.objects.first()
    url = reverse("waitlists:type_detail", args=[first.pk])
    few = queries(leder_client, url)
    add_types(8, start=2)
    for month in range(1, 11):
        figure(first, f"2017-{month:02d}", waitlist=month)
    assert queries(leder_client, url) == few
    with django_assert_max_num_queries(15):
        response = leder_client.get(url)
    assert response.status_code == 200


def test_the_case_list_queries_do_not_grow_with_the_number_of_cases(leder_client):
    kind = housing_type()
    for i in range(3):
        case(kind, f"A-{i}", "2016-01-01")
    few = queries(leder_client, reverse("waitlists:case_list"))
    other = housing_type("Bolig uten bemanning")
    for i in range(30):
        case(other if i % 2 else kind, f"B-{i}", "2016-02-01", "2016-03-01")
    assert queries(leder_client, reverse("waitlists:case_list")) == few


def test_the_housing_type_page_shows_its_table_charts_and_entered_figures(leder_client):
    demo.load()
    from waitlists.models import HousingType

    kind = HousingType.objects.get(name="Bolig med bemanning, eldre")
    html = leder_client.get(reverse("waitlists:type_detail", args=[kind.pk]) + "?aar=2016").content.decode()
    assert "Bolig med stasjonær bemanning for eldre" in html
    assert "Behandlede søknader" in html and '<td class="num">77</td>' in html
    assert html.count('<img src="data:image/svg+xml;base64,') == 2
    assert "2016 (hele året)" in html
    assert "Registrer tall" not in html  # a leader reads, does not enter


def test_a_month_end_figure_shows_in_the_latest_months_and_in_waitlists_now(leder_client):
    kind = housing_type()
    figure(kind, "2016-03", waitlist=9)
    figure(kind, "2015-03", waitlist=12)
    html = leder_client.get(reverse("waitlists:type_detail", args=[kind.pk])).content.decode()
    assert "Siste måneder" in html and "mars 2016" in html
    overview = leder_client.get(reverse("waitlists:index")).content.decode()
    assert "Ventelister nå" in overview and "Siste måned med tall: mars 2016." in overview
    assert "31.03.2016" in overview and "31.03.2015" in overview
    assert '<td class="num">-3</td>' in overview and '<td class="num">-25,0\u00a0%</td>' in overview


def test_empty_states_say_what_to_do(registrator_client, administrator_client):
    assert (
        "En administrator legger dem inn under Boligtyper."
        in registrator_client.get(reverse("waitlists:index")).content.decode()
    )
    assert "Ny boligtype" in administrator_client.get(reverse("waitlists:index")).content.decode()
    housing_type()
    html = registrator_client.get(reverse("waitlists:index")).content.decode()
    assert "Ingen ventelistetall er registrert ennå." in html and "Registrer tall" in html
    assert "Ingen saker er ført ennå." in registrator_client.get(reverse("waitlists:case_list")).content.decode()
    assert (
        "Ingen nøkkeltall er satt opp ennå."
        in registrator_client.get(reverse("waitlists:private_housing")).content.decode()
    )


def test_pages_have_no_inline_styles_or_scripts(registrator_client):
    demo.load()
    for name in ("waitlists:index", "waitlists:figure_create", "waitlists:case_list", "waitlists:private_housing"):
        html = registrator_client.get(reverse(name)).content.decode()
        assert "style=" not in html and "<style" not in html
        assert "<script>" not in html


def test_a_year_in_the_address_is_used_and_nonsense_is_ignored(leder_client):
    demo.load()
    html = leder_client.get(reverse("waitlists:index") + "?aar=2015&antall=5").content.decode()
    assert '<th scope="col" class="num">2011</th>' in html and '<th scope="col" class="num">2016</th>' not in html
    assert leder_client.get(reverse("waitlists:index") + "?aar=abc&antall=99").status_code == 200


def test_who_registers_the_figures_is_the_sites_setting(leder_client):
    housing_type()  # a housing type without figures: the page says who registers them
    assert "Tallene registreres sentralt." in leder_client.get(reverse("waitlists:index")).content.decode()
    site = SiteSettings.current()
    site.registering_office = "Servicetorget"
    site.save()
    assert "Tallene registreres av Servicetorget." in leder_client.get(reverse("waitlists:index")).content.decode()
