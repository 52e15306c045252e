"""An administrator manages the services in the app's own screens."""

import datetime

import pytest
from django.urls import reverse

from horeport.periods import Period
from tests.volumes.helpers import make_figure
from volumes.models import AgeGroups, Service, ServiceName

pytestmark = pytest.mark.django_db


def service_data(**changes):
    data = {
        "name": "Omsorgslønn", "slug": "", "description": "", "age_groups": AgeGroups.THREE,
        "young_up_to": "18", "elderly_over": "60",
        "records_users": "on", "records_hours": "on", "report_table": "omsorgslonn", "sort_order": "40",
        "active": "on",
        "names-TOTAL_FORMS": "1", "names-INITIAL_FORMS": "0", "names-MIN_NUM_FORMS": "0", "names-MAX_NUM_FORMS": "1000",
        "names-0-valid_from": "2020", "names-0-name": "Omsorgsstønad",
    }  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_an_administrator_adds_a_service_with_a_dated_name(administrator_client):
    response = administrator_client.post(reverse("volumes:service_create"), service_data(), follow=True)
    assert "Tjenesten «Omsorgslønn» er lagret." in [str(m) for m in response.context["messages"]]
    service = Service.objects.get()
    assert service.slug == "omsorgslonn"  # ø spelled out, not dropped
    assert [(n.valid_from, n.name) for n in service.names.all()] == [(datetime.date(2020, 1, 1), "Omsorgsstønad")]
    assert service.name_for(Period.of_year(2019)) == "Omsorgslønn"
    assert service.name_for(Period.of_year(2020)) == "Omsorgsstønad"


def test_the_list_shows_every_service_with_its_names(administrator_client):
    service = Service.objects.create(name="Omsorgslønn", slug="omsorgslonn", active=False)
    ServiceName.objects.create(service=service, valid_from=datetime.date(2020, 1, 1), name="Omsorgsstønad")
    html = administrator_client.get(reverse("volumes:service_list")).content.decode()
    assert "Omsorgsstønad (fra 2020)" in html and "Ikke aktiv" in html


def test_an_address_used_by_the_app_s_own_pages_is_refused(administrator_client):
    response = administrator_client.post(reverse("volumes:service_create"), service_data(slug="oppsett"))
    assert response.context["form"].errors["slug"] == [
        "«oppsett» er en egen side under Tjenester. Velg en annen adresse."
    ]


def test_a_name_without_letters_needs_an_address_written_out(administrator_client):
    response = administrator_client.post(reverse("volumes:service_create"), service_data(name="§ – §"))
    assert response.context["form"].errors["slug"] == ["Skriv en adresse med bokstaver eller tall, for eksempel «bpa»."]
    assert not Service.objects.exists()


def test_a_service_must_record_something(administrator_client):
    response = administrator_client.post(
        reverse("volumes:service_create"), service_data(records_users=None, records_hours=None)
    )
    assert response.context["form"].non_field_errors() == [
        "En tjeneste må registrere brukere, timer eller begge deler."
    ]


def test_two_names_from_the_same_year_are_refused(administrator_client):
    service = Service.objects.create(name="Omsorgslønn", slug="omsorgslonn", age_groups=AgeGroups.THREE)
    ServiceName.objects.create(service=service, valid_from=datetime.date(2020, 1, 1), name="Omsorgsstønad")
    response = administrator_client.post(
        reverse("volumes:service_update", kwargs={"pk": service.pk}),
        service_data(slug="omsorgslonn", **{"names-0-name": "Omsorgsstøtte"}),
    )
    assert response.status_code == 400
    assert ServiceName.objects.get().name == "Omsorgsstønad"
    assert "Tjenesten har allerede et navn som gjelder fra dette året." in response.content.decode()


def test_the_age_groups_cannot_change_once_figures_are_stored(administrator_client):
    service = Service.objects.create(name="BPA", slug="bpa", age_groups=AgeGroups.THREE)
    make_figure(service, "2016", users_under_18=6)
    response = administrator_client.post(
        reverse("volumes:service_update", kwargs={"pk": service.pk}),
        service_data(name="BPA", slug="bpa", age_groups=AgeGroups.NONE, **{"names-TOTAL_FORMS": "0"}),
    )
    assert response.context["form"].errors["age_groups"][0].startswith("Tjenesten har tall registrert")
    service.refresh_from_db()
    assert service.age_groups == AgeGroups.THREE


def test_a_renamed_service_keeps_its_figures_and_history(administrator_client):
    service = Service.objects.create(name="BPA", slug="bpa", age_groups=AgeGroups.THREE)
    make_figure(service, "2016", users_under_18=6)
    administrator_client.post(
        reverse("volumes:service_update", kwargs={"pk": service.pk}),
        service_data(name="Brukerstyrt personlig assistanse", slug="bpa", **{"names-TOTAL_FORMS": "0"}),
    )
    service.refresh_from_db()
    assert service.name == "Brukerstyrt personlig assistanse" and service.figures.count() == 1
    assert service.history.count() == 2


def test_a_later_name_is_edited_as_its_year(administrator_client):
    service = Service.objects.create(name="Omsorgslønn", slug="omsorgslonn", age_groups=AgeGroups.THREE)
    later = ServiceName.objects.create(service=service, valid_from=datetime.date(2020, 1, 1), name="Omsorgsstønad")
    url = reverse("volumes:service_update", kwargs={"pk": service.pk})
    html = administrator_client.get(url).content.decode()
    assert 'name="names-0-valid_from" value="2020"' in html
    unchanged = {"names-INITIAL_FORMS": "1", "names-0-id": str(later.pk), "names-0-service": str(service.pk)}
    administrator_client.post(url, service_data(slug="omsorgslonn", **unchanged))
    assert later.history.count() == 1  # the same year again is no change
    administrator_client.post(url, service_data(slug="omsorgslonn", **unchanged, **{"names-0-valid_from": "2021"}))
    later.refresh_from_db()
    assert later.valid_from == datetime.date(2021, 1, 1) and later.history.count() == 2
