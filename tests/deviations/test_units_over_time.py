"""A deviation (and a complaint) is registered only on a unit that existed on its date: the form
offers the units in force, and the form, the admin and the import refuse another with the unit's
dates (seed 003's reorganisation: six home-services units until 31.12.2016, four from 01.01.2017)."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from complaints.models import CaseType, Complaint
from deviations import services
from deviations.models import Category, Deviation
from horeport import demo_stavanger
from horeport.models import ServiceUnit
from tests.deviations.helpers import form_data, make_deviation
from tests.deviations.test_import import HEADER, csv_file, preview_of, upload
from tests.kpi.helpers import text_of

pytestmark = pytest.mark.django_db

OLD_1 = "Hjemmebaserte tjenester, tidligere område 1"
MADLA = "Madla hjemmebaserte tjenester"
ENDED = (
    f"{OLD_1} gjelder til og med 31.12.2016 og fantes ikke på hendelsesdatoen, 03.01.2017. Velg en av "
    "etterfølgerne: Eiganes og Tasta hjemmebaserte tjenester, Hillevåg og Hinna hjemmebaserte tjenester, "
    "Hundvåg og Storhaug hjemmebaserte tjenester eller Madla hjemmebaserte tjenester."
)
NOT_YET = (
    f"{MADLA} gjelder fra 01.01.2017 og fantes ikke på hendelsesdatoen, 28.12.2016. Velg virksomheten som fantes da."
)


@pytest.fixture
def units():
    demo_stavanger.load()
    return {unit.name: unit for unit in ServiceUnit.objects.all()}


@pytest.fixture
def fall(db):
    return Category.objects.create(name="Fall")


def error_of(response, field: str) -> str:
    match = re.search(rf'id="id_{field}_error"[^>]*>(.*?)</div>', response.content.decode(), re.S)
    assert match, f"no message next to {field}"
    return text_of(match.group(1))


def offered(response) -> tuple[list[str], list[str]]:
    """The unit chooser's options as a reader sees them: those in force, and those in the group of ended units."""
    select = response.content.decode().split('name="unit"', 1)[1].split("</select>", 1)[0]
    main, _, group = select.partition("<optgroup")
    names = lambda html: [text_of(o) for o in re.findall(r"<option[^>]*>(.*?)</option>", html, re.S)]  # noqa: E731
    return [n for n in names(main) if n != "Velg virksomhet" and n != "Ingen virksomhet valgt"], names(group)


def test_the_form_offers_the_units_in_force_and_the_ended_ones_apart(registrator_client, units, fall, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: datetime.date(2017, 2, 1))
    in_force, ended = offered(registrator_client.get(reverse("deviations:create")))
    assert set(in_force) == set(demo_stavanger.NEW_UNITS)
    assert ended[0] == f"{OLD_1} (til og med 31.12.2016)" and len(ended) == 6


def test_units_without_dates_are_offered_as_before(registrator_client, fall):
    ServiceUnit.objects.create(name="Hjemmetjenesten")
    ServiceUnit.objects.create(name="Nedlagt", active=False)
    assert offered(registrator_client.get(reverse("deviations:create"))) == (["Hjemmetjenesten"], [])


def test_the_form_refuses_a_unit_that_had_ended_next_to_the_unit(registrator_client, units, fall):
    data = form_data(fall, units[OLD_1], occurred_on="2017-01-03", registered_on="2017-01-04")
    response = registrator_client.post(reverse("deviations:create"), data)
    assert response.status_code == 400
    assert error_of(response, "unit") == ENDED
    assert not Deviation.objects.exists()
    # Shown again with the date typed, the chooser offers the units in force then.
    assert set(offered(response)[0]) == set(demo_stavanger.NEW_UNITS)


def test_the_form_refuses_a_unit_that_had_not_begun(registrator_client, units, fall):
    data = form_data(fall, units[MADLA], occurred_on="2016-12-28", registered_on="2017-01-02")
    response = registrator_client.post(reverse("deviations:create"), data)
    assert error_of(response, "unit") == NOT_YET
    assert not Deviation.objects.exists()


def test_an_event_before_the_reorganisation_may_be_registered_after_it_on_the_old_unit(registrator_client, units, fall):
    data = form_data(fall, units[OLD_1], occurred_on="2016-12-28", registered_on="2017-01-04")
    response = registrator_client.post(reverse("deviations:create"), data, follow=True)
    assert response.status_code == 200
    assert Deviation.objects.get().unit == units[OLD_1]


def test_an_entry_saved_before_its_unit_got_dates_stays_editable(registrator_client, fall):
    unit = ServiceUnit.objects.create(name="Hjemmetjenesten")
    deviation = make_deviation(fall, unit, "2017-01-03", reference="AVV-2017-00001")
    unit.valid_until = datetime.date(2016, 12, 31)
    unit.save()
    data = form_data(fall, unit, reference="AVV-2017-00001", occurred_on="2017-01-03", registered_on="2017-01-03",
                     learning="Ny rutine.", version=deviation.version)  # fmt: skip
    response = registrator_client.post(reverse("deviations:update", args=[deviation.pk]), data)
    assert response.status_code == 302
    assert Deviation.objects.get().learning == "Ny rutine."


def test_the_admin_refuses_it_next_to_the_unit(units, fall):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("rot", password="test-pass-123"))
    data = form_data(fall, units[OLD_1], occurred_on="03.01.2017", registered_on="04.01.2017")
    response = client.post(reverse("admin:deviations_deviation_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    field = html.split('class="form-row field-unit', 1)[1].split('class="form-row', 1)[0]
    assert ENDED in text_of(field)
    assert not Deviation.objects.exists()


def test_the_import_refuses_the_row_with_its_reason_in_the_preview(registrator_client, units, fall):
    rows = [
        ["AVV-2017-00001", "Fall", OLD_1, "03.01.2017", "04.01.2017", "1", "Falt.", "", "", "", "Registrert", "",
         "", ""],
        ["AVV-2017-00002", "Fall", OLD_1, "28.12.2016", "04.01.2017", "1", "Falt.", "", "", "", "Registrert", "",
         "", ""],
        ["AVV-2017-00003", "Fall", MADLA, "03.01.2017", "04.01.2017", "1", "Falt.", "", "", "", "Registrert", "",
         "", ""],
    ]  # fmt: skip
    response = upload(registrator_client, csv_file(rows, header=HEADER))
    plan = preview_of(response)
    assert [(row.reference, row.action, row.errors) for row in plan.rows] == [
        ("AVV-2017-00001", "refused", [f"Virksomhet: {ENDED}"]),
        ("AVV-2017-00002", "add", []),
        ("AVV-2017-00003", "add", []),
    ]
    assert f"Virksomhet: {ENDED}" in text_of(response.content.decode())


def test_planning_reads_the_units_once_whatever_the_rows(units, fall, django_assert_max_num_queries):
    def rows(count, unit):
        return [{"row": n + 2, "values": {
            "reference": f"AVV-2017-{n:05d}", "category": "Fall", "unit": unit, "occurred_on": "03.01.2017",
            "registered_on": "04.01.2017", "severity": "1", "description": "Falt.", "status": "Registrert",
        }} for n in range(count)]  # fmt: skip

    with django_assert_max_num_queries(20) as few:
        services.import_plan(rows(2, OLD_1))
    with django_assert_max_num_queries(len(few)):
        plan = services.import_plan(rows(40, OLD_1))
    assert len(plan.refused) == 40


# -- complaints: the unit (optional) must exist when the complaint is received --------------------


def test_a_complaint_on_a_unit_that_had_ended_is_refused_next_to_the_unit(registrator_client, units):
    case_type = CaseType.objects.create(name="Vederlag")
    data = {"reference": "17/00001", "case_type": case_type.pk, "unit": units[OLD_1].pk, "received_on": "2017-01-05",
            "reversed_on": "", "sent_on": "", "decision": "", "decided_on": "", "note": ""}  # fmt: skip
    response = registrator_client.post(reverse("complaints:create"), data)
    assert response.status_code == 400
    assert error_of(response, "unit").startswith(
        f"{OLD_1} gjelder til og med 31.12.2016 og fantes ikke da klagen ble mottatt, 05.01.2017. Velg en av "
    )
    assert not Complaint.objects.exists()
    in_force, ended = offered(response)
    assert set(in_force) == set(demo_stavanger.NEW_UNITS) and len(ended) == 6
    data["unit"] = units[MADLA].pk
    assert registrator_client.post(reverse("complaints:create"), data).status_code == 302
