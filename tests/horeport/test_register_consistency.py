"""The registers speak alike: the same words on the filter and download buttons, the same dash in an
empty cell, and no heading repeated by the caption of the table right below it (issue 12, item 6)."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse

from deviations.models import Category
from horeport.models import ServiceUnit
from tests.complaints.helpers import make_case_type, make_complaint
from tests.deviations.helpers import make_deviation
from tests.kpi.helpers import indicator, result, row_html, text_of
from tests.waitlists.helpers import case, housing_type

pytestmark = pytest.mark.django_db

REGISTERS = ["deviations:index", "complaints:index", "waitlists:case_list"]


class PageParts(HTMLParser):
    """What a reader sees of a page: its buttons (with the form they send), its filter summaries,
    its empty-looking cells, and each visible caption with the heading just before its table."""

    VOID = {"br", "img", "input", "meta", "link", "col", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.buttons: list[tuple[str, str]] = []  # (text, "get"/"post"/"" for a link)
        self.summaries: list[str] = []
        self.cells: list[str] = []
        self.heading_then_caption: list[tuple[str, str]] = []
        self._stack: list[tuple[str, dict]] = []
        self._texts: list[list[str]] = []
        self._form_method = ""
        self._last_heading: str | None = None  # cleared by any text between it and a table

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form_method = (attrs.get("method") or "get").lower()
        if tag in self.VOID:
            return
        self._stack.append((tag, attrs))
        self._texts.append([])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form_method = ""
        if tag in self.VOID or not self._stack:
            return
        open_tag, attrs = self._stack.pop()
        raw = "".join(self._texts.pop())
        text = " ".join(raw.split())
        if self._texts:
            self._texts[-1].append(raw if "ds-sr-only" not in (attrs.get("class") or "") else "")
        classes = attrs.get("class") or ""
        if open_tag == "button" or (open_tag == "a" and "ds-button" in classes):
            self.buttons.append((text, self._form_method if open_tag == "button" else ""))
        elif open_tag == "summary":
            self.summaries.append(text)
        elif open_tag in ("td", "th"):
            self.cells.append(text)
        elif open_tag in ("h1", "h2", "h3"):
            self._last_heading = text
            return
        elif open_tag == "caption" and "ds-sr-only" not in classes and self._last_heading is not None:
            self.heading_then_caption.append((self._last_heading, text))
        if open_tag == "p" and text:
            self._last_heading = None

    def handle_data(self, data):
        if self._texts:
            self._texts[-1].append(data)


def parts_of(response) -> PageParts:
    assert response.status_code == 200
    parser = PageParts()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def registers(db):
    unit = ServiceUnit.objects.create(name="Hjemmetjenesten", short_name="HJT")
    make_deviation(Category.objects.create(name="Fall"), unit, "2016-03-01")
    make_complaint("16/00001", make_case_type("Vederlag"), "2016-03-01")
    case(housing_type(), "S-1", "2016-02-01")


def test_every_register_names_its_filter_buttons_alike(registers, administrator_client):
    for name in REGISTERS:
        unfiltered = parts_of(administrator_client.get(reverse(name)))
        assert ("Filtrer", "get") in unfiltered.buttons, name
        assert unfiltered.summaries == ["Filtre"], name
        assert not [text for text, _ in unfiltered.buttons if text in ("Nullstill", "Fjern filtrene")], name

        filtered = parts_of(administrator_client.get(reverse(name), {"q": "x", "reference": "x"}))
        assert ("Fjern filtrene", "") in filtered.buttons, name
        assert filtered.summaries == ["Filtre (i bruk)"], name


def test_every_download_button_says_last_ned_som_excel(registers, administrator_client):
    pages = ["deviations:index", "complaints:index", "reporting_status"]
    for name in pages:
        buttons = [text for text, _ in parts_of(administrator_client.get(reverse(name))).buttons]
        downloads = [text for text in buttons if text.startswith(("Last ned", "Eksporter", "Excel"))]
        assert downloads == ["Last ned som Excel"], (name, buttons)


def test_an_empty_cell_shows_the_same_dash_in_every_register(registers, administrator_client):
    for name in REGISTERS:
        cells = parts_of(administrator_client.get(reverse(name))).cells
        assert not [cell for cell in cells if cell in ("-", "—", "None")], (name, cells)
    # The complaint has no unit and was neither sent nor decided: three dashes, each with words for a
    # screen reader.
    html = administrator_client.get(reverse("complaints:index")).content.decode()
    assert html.count('<span aria-hidden="true">–</span><span class="ds-sr-only">ikke registrert</span>') == 3


def test_a_sorted_column_is_told_by_aria_sort_in_every_register(registers, administrator_client):
    for name in REGISTERS:
        html = administrator_client.get(reverse(name)).content.decode()
        assert html.count("aria-sort=") == 1, name  # the default order's column, and only it


def test_no_heading_is_repeated_by_the_caption_of_the_table_below_it(administrator_client):
    call_command("load_demo", stdout=io.StringIO())
    pages = ["/tjenester/", "/tjenester/bpa/", "/avvik/statistikk/?periode=2016", "/klagesaker/statistikk/",
             "/boliger/", "/rapporteringsstatus/?periode=2016-12"]  # fmt: skip
    for url in pages:
        pairs = parts_of(administrator_client.get(url)).heading_then_caption
        repeats = [(heading, caption) for heading, caption in pairs if heading.lower() in caption.lower()]
        assert repeats == [], url


def test_a_missing_result_on_the_malekart_is_the_same_dash_with_words(leder_client):
    s31 = indicator("S.3.1")
    result(s31, "2014", "54.55")  # 2012 and 2013 have none
    row = row_html(leder_client.get(reverse("kpi:index")).content.decode(), "S.3.1")
    assert row.count('<span aria-hidden="true">–</span><span class="ds-sr-only">ikke registrert</span>') == 2
    assert "54,55" in text_of(row)
