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
