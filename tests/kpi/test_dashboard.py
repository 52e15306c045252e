"""The målekart dashboard as a manager sees it."""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from horeport.models import ServiceUnit
from kpi import tasks as kpi_tasks
from tests.kpi.helpers import indicator, result, row_html, status_of, text_of

pytestmark = pytest.mark.django_db
URL = reverse("kpi:index")


def test_it_shows_each_indicator_with_its_bands_results_status_and_a_word(leder_client):
    s31 = indicator("S.3.1", name="Andel miljøsertifiserte virksomheter", green_text="95 - 100 %")
    result(s31, "2013", "50")
    result(s31, "2014", "54.55")
    html = leder_client.get(URL).content.decode()
    assert status_of(html, "S.3.1") == "red"
    row = text_of(row_html(html, "S.3.1"))
    assert "50,00 % 54,55 % Ikke godkjent" in row
    assert 'class="status status--red">Ikke godkjent</span>' in row_html(html, "S.3.1")
    assert "Målekart 2014" in html  # the latest period with a result is shown first


def test_the_three_columns_show_generated_text_where_the_municipality_gave_none(leder_client):
    result(indicator("S.3.1"), "2014", "96")
    row = text_of(row_html(leder_client.get(URL).content.decode(), "S.3.1"))
    assert "minst 95 % fra 60 til under 95 % under 60 %" in row


def test_the_last_three_periods_are_shown_and_a_trend_line_drawn(leder_client):
    item = indicator("B-HO.2.3", unit="days", green="<= 3", red="> 5", perspective_code="B-HO.2", scorecard="unikt")
    for year, value in (("2012", "4.1"), ("2013", "3.7"), ("2014", "2.04")):
        result(item, year, value)
    html = leder_client.get(URL, {"periode": "2014"}).content.decode()
    assert "4,10 døgn 3,70 døgn 2,04 døgn Ønsket" in text_of(row_html(html, "B-HO.2.3"))
    assert '<img src="data:image/svg+xml;base64,' in row_html(html, "B-HO.2.3")
    assert 'alt="Utvikling – 2012: 4,10' in row_html(html, "B-HO.2.3")


def test_a_summary_counts_the_indicators_per_status(leder_client):
    result(indicator("A.1"), "2014", "96")
    result(indicator("A.2"), "2014", "70")
    result(indicator("A.3"), "2014", "10")
    indicator("A.4")
    indicator("A.5", introduced_year=2016, valid_from=2016)
    html = leder_client.get(URL, {"periode": "2014"}).content.decode()
    for key, count in (("green", 1), ("yellow", 1), ("red", 1), ("none", 1), ("new", 1)):
        assert f'data-summary="{key}"' in html
        summary = html.split(f'data-summary="{key}"')[1].split("</li>")[0]
        assert f'kpi-summary__count">{count}<' in summary


def test_an_earlier_year_shows_that_years_statuses(leder_client):
    item = indicator("S.3.1")
    result(item, "2014", "54.55")
    result(item, "2015", "96")
    assert status_of(leder_client.get(URL).content.decode(), "S.3.1") == "green"  # 2015, the latest
    assert status_of(leder_client.get(URL, {"periode": "2014"}).content.decode(), "S.3.1") == "red"


def test_it_filters_by_malekart(leder_client):
    indicator("S.3.1")
    indicator("B-HO.2.3", green="<= 3", red="> 5", perspective_code="B-HO.2", scorecard="unikt")
    html = leder_client.get(URL, {"malekart": "unikt"}).content.decode()
    assert 'data-indicator="B-HO.2.3"' in html and 'data-indicator="S.3.1"' not in html
    assert "Unikt målekart" in html and "Gjennomgående målekart</h2>" not in html


def test_it_shows_a_units_results_when_a_unit_is_chosen(leder_client):
    unit = ServiceUnit.objects.create(name="Brukertorget")
    item = indicator("Ø.2.1", green=">= 0", red="< -0.75", perspective_code="Ø.2")
    result(item, "2014", "-0.70")
    result(item, "2014", "-1.20", unit=unit)
    assert status_of(leder_client.get(URL, {"periode": "2014"}).content.decode(), "Ø.2.1") == "yellow"
    html = leder_client.get(URL, {"periode": "2014", "virksomhet": unit.pk}).content.decode()
    assert status_of(html, "Ø.2.1") == "red" and "-1,20 %" in text_of(row_html(html, "Ø.2.1"))


def test_a_yearly_indicator_seen_from_a_month_shows_the_last_complete_year(leder_client):
    yearly = indicator("S.3.1")
    monthly = indicator("M.1", frequency="month", green="<= 3", red="> 5", unit="days")
    result(yearly, "2015", "96")
    result(monthly, "2016-03", "6")
    html = leder_client.get(URL, {"periode": "2016-03"}).content.decode()
    assert status_of(html, "S.3.1") == "green" and "2015" in row_html(html, "S.3.1")
    assert status_of(html, "M.1") == "red" and "mar. 2016" in row_html(html, "M.1")


def test_a_period_that_is_not_offered_gives_a_message_not_an_error(leder_client):
    result(indicator("S.3.1"), "2014", "54.55")
    response = leder_client.get(URL, {"periode": "tull", "virksomhet": "999"})
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode() or "gyldig" in response.content.decode()
    assert status_of(response.content.decode(), "S.3.1") == "red"


def test_without_indicators_it_says_what_to_do(leder_client, administrator_client):
    assert "En administrator legger inn indikatorene" in leder_client.get(URL).content.decode()
    assert "Legg inn sentrale utfordringer og indikatorer under Forvaltning." in (
        administrator_client.get(URL).content.decode()
    )


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_query_count_does_not_grow_with_the_number_of_indicators(leder_client, django_assert_max_num_queries):
    """Counted when the målekart is built (the first view after a change) and when it is kept."""

    def add(start, count):
        for n in range(start, start + count):
            item = indicator(f"X.{n}", perspective_code=f"X{n % 3}")
            result(item, "2013", "70")
            result(item, "2014", "96")

    def built_and_kept():
        for alias in ("default", "local"):
            caches[alias].clear()  # as after a write: nothing kept
        return _queries(leder_client, {"periode": "2014"}), _queries(leder_client, {"periode": "2014"})

    add(0, 3)
    leder_client.get(URL, {"periode": "2013"})  # the first request of a session does a little more
    few_built, few_kept = built_and_kept()
    add(3, 27)
    many_built, many_kept = built_and_kept()
    assert (many_built, many_kept) == (few_built, few_kept)
    assert few_kept < few_built
    with django_assert_max_num_queries(15):
        response = leder_client.get(URL, {"periode": "2014", "malekart": "gjennomgaende"})
    assert response.status_code == 200 and 'data-indicator="X.29"' in response.content.decode()


def test_a_change_shows_at_once_though_the_malekart_is_kept_between_views(leder_client):
    item = indicator("S.3.1", green=">= 95", red="< 60")
    kept = result(item, "2014", "96")
    unit = ServiceUnit.objects.create(name="Hjemmetjenesten")
    assert status_of(leder_client.get(URL, {"periode": "2014"}).content.decode(), "S.3.1") == "green"

    kept.value = 50
    kept.save()  # a new result value
    html = leder_client.get(URL, {"periode": "2014"}).content.decode()
    assert status_of(html, "S.3.1") == "red" and "50,00" in row_html(html, "S.3.1")

    band = item.bands.get()
    band.red_upper = 40
    band.save()  # new bands: 50 is now yellow
    assert status_of(leder_client.get(URL, {"periode": "2014"}).content.decode(), "S.3.1") == "yellow"

    result(item, "2014", "99", unit=unit)
    unit.name = "Hjemmetjenesten Nord"
    unit.save()  # a unit renamed
    html = leder_client.get(URL, {"periode": "2014", "virksomhet": unit.pk}).content.decode()
    assert "Resultater for Hjemmetjenesten Nord" in html and status_of(html, "S.3.1") == "green"

    kept.delete()  # a result deleted
    assert status_of(leder_client.get(URL, {"periode": "2014"}).content.decode(), "S.3.1") == "none"


def test_after_a_restart_the_dashboard_is_read_from_the_shared_cache(leder_client):
    result(indicator("S.3.1"), "2014", "96")
    leder_client.get(URL, {"periode": "2013"})  # the first request of a session does a little more
    built = _queries(leder_client, {})
    kept = _queries(leder_client, {})
    caches["local"].clear()  # a new process: nothing in its memory, the shared cache as it was
    assert kept < built
    assert _queries(leder_client, {}) == kept  # read, not built (the shared cache is in memory here)


def test_the_databases_cache_table_keeps_the_dashboard_for_every_process(leder_client, settings):
    """The shared cache without REDIS_URL (horeport/settings.py)."""
    table = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "horeport_cache"}
    settings.CACHES = {**settings.CACHES, "default": table}
    call_command("createcachetable")  # the migration's work (the test database is made with the tests' caches)
    result(indicator("S.3.1"), "2014", "96")
    leder_client.get(URL, {"periode": "2013"})  # the first request of a session does a little more
    built = _queries(leder_client, {})
    caches["local"].clear()  # a new process
    html = leder_client.get(URL).content.decode()
    assert status_of(html, "S.3.1") == "green"
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM horeport_cache")
        assert cursor.fetchone()[0] >= 3  # the periods, the filter form and the table
    caches["local"].clear()
    assert _queries(leder_client, {}) < built


@pytest.mark.django_db(transaction=True)
def test_after_a_write_the_dashboard_is_built_again_in_the_background(leder_client, monkeypatch):
    item = indicator("S.3.1", green=">= 95", red="< 60")
    result(item, "2013", "70")
    kept = result(item, "2014", "96")
    other = result(indicator("S.3.2"), "2014", "97")
    leder_client.get(URL, {"periode": "2013"})  # the first request of a session does a little more
    rebuilds = []
    enqueue = kpi_tasks._enqueue
    monkeypatch.setattr(kpi_tasks, "_enqueue", lambda: (rebuilds.append(1), enqueue()))
    with transaction.atomic():
        kept.value = 50
        kept.save()
        other.delete()
    assert rebuilds == [1]  # once the transaction commits, once however many rows it wrote

    first = _queries(leder_client, {})  # the first view after the write finds it built
    html = leder_client.get(URL).content.decode()
    assert first == _queries(leder_client, {})
    assert status_of(html, "S.3.1") == "red" and "50,00" in row_html(html, "S.3.1")
