"""The register's list: filters, sorting, pages, the Excel export, and a query count that does not
grow with the number of rows."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from horeport.models import ServiceUnit
from tests.complaints.helpers import day, make_case_type, make_complaint

pytestmark = pytest.mark.django_db
LIST = reverse("complaints:index")


@pytest.fixture
def register(vederlag, omsorgslonn):
    unit = ServiceUnit.objects.create(name="Brukertorget")
    make_complaint("16/00100", vederlag, "2016-02-01", sent="2016-02-20", decision="stadfestet", decided="2016-05-01",
                   unit=unit, note="Gjelder egenandel")  # fmt: skip
    make_complaint("16/00200", omsorgslonn, "2016-03-01", sent="2016-03-20")
    make_complaint("16/00300", omsorgslonn, "2016-04-01", reversed_="2016-04-10")
    make_complaint("17/00050", vederlag, "2017-01-10")
    return unit


def references(response):
    return [row.record.reference for row in response.context["table"].paginated_rows]


def test_the_list_shows_the_newest_first_with_the_name_that_applied(leder_client, register):
    response = leder_client.get(LIST)
    assert references(response) == ["17/00050", "16/00300", "16/00200", "16/00100"]
    html = response.content.decode()
    assert "Omsorgslønn" in html and "Omsorgsstønad" not in html.split("<tbody", 1)[1]
    assert "Hos Fylkesmannen, ikke avgjort" in html
    assert "4 klager" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"utfall": "stadfestet"}, ["16/00100"]),
        ({"utfall": "omgjort_av_kommunen"}, ["16/00300"]),
        ({"status": "apne"}, ["17/00050", "16/00200"]),
        ({"status": "ikke_avgjort"}, ["16/00200"]),
        ({"status": "i_kommunen"}, ["17/00050"]),
        ({"status": "avsluttet"}, ["16/00300", "16/00100"]),
        ({"q": "egenandel"}, ["16/00100"]),
        ({"q": "16/002"}, ["16/00200"]),
        ({"fra": "2016-03-01", "til": "2016-12-31"}, ["16/00300", "16/00200"]),
        ({"dato": "sendt", "fra": "01.03.2016", "til": "31.12.2016"}, ["16/00200"]),
        ({"dato": "avgjort", "fra": "2016-01-01"}, ["16/00100"]),
    ],
)
def test_the_filters_narrow_the_list(leder_client, register, query, expected):
    assert references(leder_client.get(LIST, query)) == expected


def test_the_case_type_and_unit_filters(leder_client, register, omsorgslonn):
    assert references(leder_client.get(LIST, {"sakstype": omsorgslonn.pk})) == ["16/00300", "16/00200"]
    assert references(leder_client.get(LIST, {"virksomhet": register.pk})) == ["16/00100"]


def test_a_bad_filter_value_gets_a_message_not_an_error(leder_client, register):
    response = leder_client.get(LIST, {"fra": "i fjor", "utfall": "tapt"})
    assert response.status_code == 200
    form = response.context["filter"].form
    assert "fra" in form.errors and "utfall" in form.errors


def test_it_sorts_by_a_column(leder_client, register):
    assert references(leder_client.get(LIST, {"sort": "reference"})) == ["16/00100", "16/00200", "16/00300",
                                                                         "17/00050"]  # fmt: skip
    assert references(leder_client.get(LIST, {"sort": "-sent_on"}))[:2] == ["16/00200", "16/00100"]
    assert set(references(leder_client.get(LIST, {"sort": "case_type"}))[:2]) == {"16/00300", "16/00200"}


def test_it_shows_25_rows_a_page(leder_client, vederlag):
    for n in range(30):
        make_complaint(f"16/{n:05d}", vederlag, "2016-02-01")
    first = leder_client.get(LIST, {"sort": "reference"})
    assert len(references(first)) == 25 and "Side 1 av 2" in first.content.decode()
    second = leder_client.get(LIST, {"sort": "reference", "page": 2})
    assert references(second) == [f"16/{n:05d}" for n in range(25, 30)]


def test_the_query_count_does_not_grow_with_the_rows(leder_client, django_assert_max_num_queries, omsorgslonn):
    units = [ServiceUnit.objects.create(name=f"Virksomhet {n}") for n in range(3)]
    case_types = [omsorgslonn, *(make_case_type(f"Sakstype {n}") for n in range(3))]

    def add(count, start):
        for n in range(start, start + count):
            make_complaint(f"16/{n:05d}", case_types[n % 4], "2016-02-01", unit=units[n % 3], sent="2016-02-10",
                           decision="omgjort", decided="2016-03-01")  # fmt: skip

    add(2, 0)
    with CaptureQueriesContext(connection) as few:
        leder_client.get(LIST)
    add(23, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = leder_client.get(LIST)
    assert len(references(response)) == 25


def test_the_export_holds_the_filtered_rows_with_real_dates(leder_client, register):
    response = leder_client.get(reverse("complaints:export"), {"status": "apne", "sort": "reference"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r[0] == "Saksreferanse"))
    data = rows[header + 1 :]
    assert [r[0] for r in data] == ["16/00200", "17/00050"]
    assert data[0][1] == "Omsorgslønn" and data[0][5].date() == day("2016-03-20")
    assert sheet.cell(row=header + 2, column=4).number_format == "DD.MM.YYYY"
    assert "Status: Åpne (ikke avgjort)" in rows[1][0]


def test_text_that_looks_like_a_formula_stays_text_in_the_export(leder_client, vederlag):
    make_complaint("16/1", vederlag, "2016-02-01", note='=HYPERLINK("http://example.com")')
    sheet = load_workbook(BytesIO(leder_client.get(reverse("complaints:export")).content)).active
    notes = [cell for cell in sheet["J"] if cell.value and str(cell.value).startswith("=")]
    assert notes and all(cell.data_type == "s" for cell in notes)


def test_an_empty_register_says_what_to_do(registrator_client, leder_client):
    assert "Registrer den første med knappen «Ny klage»" in registrator_client.get(LIST).content.decode()
    html = leder_client.get(LIST).content.decode()
    assert "Ingen klager er registrert ennå." in html and "Ny klage" not in html


def test_no_match_says_so(leder_client, register):
    assert "Ingen klager passer med filtrene" in leder_client.get(LIST, {"q": "finnes ikke"}).content.decode()


def test_complaints_without_a_date_come_last_whichever_way_it_is_sorted(leder_client, register):
    for sort in ("sent_on", "-sent_on"):
        assert set(references(leder_client.get(LIST, {"sort": sort}))[-2:]) == {"16/00300", "17/00050"}, sort
    assert references(leder_client.get(LIST, {"sort": "-decided_on"}))[0] == "16/00100"
