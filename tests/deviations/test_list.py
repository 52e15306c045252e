"""The list for staff: filters, sorting, pages, the Excel export, and a constant query count."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from deviations.models import Severity, Status
from horeport.models import ServiceUnit
from tests.deviations.helpers import make_deviation

pytestmark = pytest.mark.django_db
LIST = reverse("deviations:index")


def references(response) -> list[str]:
    return [row.reference for row in response.context["table"].paginated_rows.data]


@pytest.fixture
def register(categories, unit):
    home = ServiceUnit.objects.create(name="Søndre Borgen sykehjem")
    return {
        "medication": make_deviation(categories["Legemiddelavvik"], unit, "2016-01-10", reference="A-1",
                                     description="Feil dose morgenmedisin.", severity=Severity.MINOR),
        "violence": make_deviation(categories["Vold og trusler"], home, "2016-02-15", reference="A-2",
                                   closed_on="2016-02-20", severity=Severity.SERIOUS),
        "fall": make_deviation(categories["Fall"], home, "2016-03-20", reference="A-3",
                               status=Status.IN_PROGRESS, measures="Sensormatte på rommet."),
        "hospital": make_deviation(categories["Legemiddelavvik"], unit, "2016-04-01", reference="A-4",
                                   to_hospital=True),
    }  # fmt: skip


def test_the_list_shows_the_newest_first(registrator_client, register):
    assert references(registrator_client.get(LIST)) == ["A-4", "A-3", "A-2", "A-1"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda r: f"category={r['medication'].category_id}", ["A-4", "A-1"]),
        (lambda r: f"unit={r['violence'].unit_id}", ["A-3", "A-2"]),
        (lambda r: "status=lukket", ["A-2"]),
        (lambda r: "status=under_behandling", ["A-3"]),
        (lambda r: f"severity={Severity.SERIOUS}", ["A-2"]),
        (lambda r: "to_hospital=true", ["A-4"]),
        (lambda r: "registered_from=2016-02-01&registered_to=2016-03-31", ["A-3", "A-2"]),
        (lambda r: "q=morgenmedisin", ["A-1"]),
        (lambda r: "q=SENSORMATTE", ["A-3"]),
        (lambda r: "q=A-2", ["A-2"]),
    ],
    ids=["category", "unit", "closed", "in progress", "severity", "hospital", "date range", "text", "text in measures",
         "reference"],
)  # fmt: skip
def test_each_filter_narrows_the_list(leder_client, register, query, expected):
    response = leder_client.get(f"{LIST}?{query(register)}")
    assert references(response) == expected
    assert f"<strong>{len(expected)}</strong> avvik passer til filteret." in response.content.decode()


def test_a_date_that_is_not_a_date_gets_a_message_and_no_server_error(leder_client, register):
    response = leder_client.get(f"{LIST}?registered_from=i+går")
    assert response.status_code == 200
    assert 'id="id_registered_from_error"' in response.content.decode()


def test_sorting_by_a_column_and_back(leder_client, register):
    assert references(leder_client.get(f"{LIST}?sort=reference")) == ["A-1", "A-2", "A-3", "A-4"]
    assert references(leder_client.get(f"{LIST}?sort=-reference")) == ["A-4", "A-3", "A-2", "A-1"]
    html = leder_client.get(f"{LIST}?sort=reference").content.decode()
    assert 'aria-sort="ascending"' in html


def test_the_list_is_paginated_and_sorting_starts_again_on_the_first_page(leder_client, categories, unit):
    for day in range(1, 56):
        make_deviation(categories["Fall"], unit, datetime.date(2016, 1, 1) + datetime.timedelta(days=day))
    first = leder_client.get(LIST)
    assert len(references(first)) == 50
    assert "Side 1 av 2" in first.content.decode()
    second = leder_client.get(f"{LIST}?page=2&status=registrert")
    assert len(references(second)) == 5
    html = second.content.decode()
    assert (
        'href="?status=registrert&amp;sort=reference"' in html or 'href="?sort=reference&amp;status=registrert"' in html
    )


def test_an_empty_register_says_what_to_do(registrator_client, db):
    html = registrator_client.get(LIST).content.decode()
    assert "Ingen avvik er registrert ennå." in html
    assert "Registrer det første avviket" in html


def test_a_filter_without_matches_says_so(leder_client, register):
    html = leder_client.get(f"{LIST}?q=finnes-ikke").content.decode()
    assert "Ingen avvik passer til filteret." in html


def test_the_export_holds_the_filtered_rows_with_real_dates_and_numbers(leder_client, register):
    response = leder_client.get(reverse("deviations:export") + "?status=lukket")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    assert header[:6] == ("Saksnummer", "Kategori", "Virksomhet", "Hendelsesdato", "Registrert", "Alvorlighetsgrad")
    assert len(data) == 1
    record = dict(zip(header, data[0], strict=True))
    assert record["Saksnummer"] == "A-2"
    assert record["Registrert"] == datetime.datetime(2016, 2, 15)  # a real date, not text
    assert record["Lukket"] == datetime.datetime(2016, 2, 20)
    assert record["Alvorlighetsgrad"] == 3  # a real number
    assert record["Status"] == "Lukket"
    assert sheet["E2"].number_format == "DD.MM.YYYY"


def test_the_export_link_carries_the_filter(leder_client, register):
    html = leder_client.get(f"{LIST}?status=lukket&page=1").content.decode()
    assert f'href="{reverse("deviations:export")}?status=lukket"' in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_list_and_the_export_do_not_query_per_row(leder_client, categories, unit, django_assert_max_num_queries):
    make_deviation(categories["Fall"], unit, "2016-01-02")
    leder_client.get(LIST)  # the first request of a site creates its settings row
    few_list, few_export = _queries(leder_client, LIST), _queries(leder_client, reverse("deviations:export"))
    other = ServiceUnit.objects.create(name="Mestringshuset")
    for day in range(60):
        category = list(categories.values())[day % 3]
        make_deviation(category, other if day % 2 else unit, datetime.date(2016, 1, 3) + datetime.timedelta(days=day))
    assert _queries(leder_client, LIST) == few_list
    assert _queries(leder_client, reverse("deviations:export")) == few_export
    with django_assert_max_num_queries(12):
        response = leder_client.get(LIST)
    assert response.status_code == 200 and response.context["table"].paginator.count == 61


def test_text_that_looks_like_a_formula_is_exported_as_text(leder_client, categories, unit):
    make_deviation(categories["Fall"], unit, "2016-01-02", description='=HYPERLINK("http://example.com","klikk")')
    sheet = load_workbook(io.BytesIO(leder_client.get(reverse("deviations:export")).content)).active
    assert sheet["G2"].data_type == "s"
    assert sheet["G2"].value == '=HYPERLINK("http://example.com","klikk")'


def test_severity_is_shown_as_words(leder_client, register):
    table = leder_client.get(reverse("deviations:index")).content.decode().split("<table", 1)[1].split("</table>")[0]
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", table, re.S)]
    assert "3 – Alvorlig" in cells and "2 – Mindre alvorlig" in cells
    assert "3" not in cells  # no bare number
