"""The registers' tables: a page or page size from the address that makes no sense shows a page anyway."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["deviations:index", "complaints:index", "waitlists:case_list"])
@pytest.mark.parametrize(
    "query",
    ["page=0", "page=-1", "page=abc", "page=1e5", "page=99999999999999999999999", "per_page=-1", "per_page=0",
     "per_page=1e9", "sort=-", "sort=2.45E-19", "sort=reference__password"],
)  # fmt: skip
def test_a_page_or_page_size_that_makes_no_sense_still_shows_the_list(leder_client, page, query):
    response = leder_client.get(f"{reverse(page)}?{query}")
    assert response.status_code == 200
    assert response.context["table"].page.number == 1


@pytest.mark.parametrize("sort", ["", "sort=reference", "sort=-registered_on", "sort=category", "sort=severity"])
def test_every_page_read_from_either_end_holds_the_rows_of_that_page(leder_client, monkeypatch, sort):
    """Pages past the middle are read from the other end (horeport.tables.DeepPagePaginator), and
    rows that sort alike (the same severity) are told apart by their key: the pages together hold
    every row once, in the list's order, on SQLite and PostgreSQL alike."""
    from deviations import views
    from deviations.models import Category, Deviation
    from horeport.models import ServiceUnit

    monkeypatch.setattr(views, "PER_PAGE", 3)
    categories = [Category.objects.create(name=name) for name in ("Fall", "Legemiddel")]
    unit = ServiceUnit.objects.create(name="Hjemmetjenesten")
    for number in range(11):
        day = f"2016-01-{1 + number // 2:02d}"  # two on most days: the reference decides
        Deviation.objects.create(
            reference=f"R-{number:02d}", category=categories[number % 2], unit=unit, occurred_on=day,
            registered_on=day, severity=1 + number % 3, description="Fall.",
        )  # fmt: skip
    pages = [
        [row.record.reference for row in leder_client.get(f"{reverse('deviations:index')}?{sort}&page={page}")
         .context["table"].page.object_list]
        for page in range(1, 5)
    ]  # fmt: skip
    shown = [reference for page in pages for reference in page]
    assert [len(page) for page in pages] == [3, 3, 3, 2]
    assert sorted(shown) == [f"R-{number:02d}" for number in range(11)]
    if sort in ("", "sort=-registered_on"):
        assert shown == [f"R-{number:02d}" for number in reversed(range(11))]  # newest first, then the reference
    if sort == "sort=reference":
        assert shown == [f"R-{number:02d}" for number in range(11)]
