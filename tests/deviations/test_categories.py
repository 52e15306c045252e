"""Categories are reference data: an administrator manages them in the app's own pages."""

import pytest
from django.urls import reverse

from deviations.forms import DeviationForm
from deviations.models import Category
from tests.deviations.helpers import make_deviation

pytestmark = pytest.mark.django_db


def test_an_administrator_adds_a_category(administrator_client):
    response = administrator_client.post(
        reverse("deviations:category_create"),
        {
            "name": "Brann og sikkerhet",
            "description": "Brannalarm og rømningsveier.",
            "sort_order": "50",
            "active": "on",
        },
        follow=True,
    )
    assert "Kategorien «Brann og sikkerhet» er lagret." in response.content.decode()
    assert Category.objects.get().history.count() == 1


def test_a_duplicate_name_gets_a_message_next_to_the_field(administrator_client, categories):
    response = administrator_client.post(reverse("deviations:category_create"), {"name": "Fall", "sort_order": "1"})
    assert 'id="id_name_error"' in response.content.decode()
    assert Category.objects.count() == 3


def test_a_registrator_sees_the_categories_but_cannot_change_them(registrator_client, categories):
    html = registrator_client.get(reverse("deviations:category_list")).content.decode()
    assert "Legemiddelavvik" in html and "Ny kategori" not in html
    response = registrator_client.post(reverse("deviations:category_create"), {"name": "Annet", "sort_order": "1"})
    assert response.status_code == 403
    assert not Category.objects.filter(name="Annet").exists()


def test_an_inactive_category_is_not_offered_for_new_deviations_but_stays_on_old_ones(categories, unit):
    fall = categories["Fall"]
    deviation = make_deviation(fall, unit, "2016-03-02")
    fall.active = False
    fall.save()
    assert fall not in DeviationForm().fields["category"].queryset
    assert fall in DeviationForm(instance=deviation).fields["category"].queryset


def test_a_category_in_use_cannot_be_deleted(administrator_client, categories, unit):
    make_deviation(categories["Fall"], unit, "2016-03-02")
    response = administrator_client.post(
        reverse("deviations:category_delete", args=[categories["Fall"].pk]), follow=True
    )
    assert "er brukt av avvik og kan ikke slettes" in response.content.decode()
    assert Category.objects.filter(name="Fall").exists()


def test_an_unused_category_can_be_deleted(administrator_client, categories):
    response = administrator_client.post(
        reverse("deviations:category_delete", args=[categories["Fall"].pk]), follow=True
    )
    assert "Kategorien «Fall» er slettet." in response.content.decode()
    assert not Category.objects.filter(name="Fall").exists()
