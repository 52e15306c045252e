import django_tables2 as tables
from django.test import RequestFactory
from django_tables2 import RequestConfig


class FigureTable(tables.Table):
    name = tables.Column(verbose_name="Navn")


def test_the_shared_table_template_renders_sorting_and_pages():
    request = RequestFactory().get("/avvik/", {"side": "2", "q": "fall"})
    table = FigureTable([{"name": f"Rad {i}"} for i in range(5)], page_field="side")
    RequestConfig(request, paginate={"per_page": 2}).configure(table)
    html = table.as_html(request)
    assert "Rad 2" in html and "Rad 0" not in html
    assert "Side 2 av 3" in html
    assert 'href="?side=1&amp;q=fall"' in html or 'href="?q=fall&amp;side=1"' in html
    assert "Neste" in html and "Forrige" in html


def test_the_sorted_column_says_how_it_is_sorted():
    request = RequestFactory().get("/avvik/", {"sort": "-name"})
    table = FigureTable([{"name": "A"}, {"name": "B"}])
    RequestConfig(request, paginate=False).configure(table)
    html = table.as_html(request)
    assert 'aria-sort="descending"' in html
    assert html.index(">B<") < html.index(">A<")
