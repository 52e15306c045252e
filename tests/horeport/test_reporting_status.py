"""Rapporteringsstatus: complete, partial and missing for a chosen month, as a page, a workbook
and the Registrators' reminders."""

import datetime
import io
import re
from html import unescape

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from horeport.models import ServiceUnit
from horeport.periods import Period
from kpi.models import Frequency, Indicator, Perspective, Result
from tests.conftest import make_user
from volumes.models import Service, VolumeFigure
from waitlists.models import HousingType

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2017, 2, 15)
STATUS = reverse("reporting_status")


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)


@pytest.fixture
def services(today):
    bpa = Service.objects.create(name="BPA", slug="bpa")
    fat = Service.objects.create(name="=FAT", slug="fat")  # a name that looks like a formula
    HousingType.objects.create(name="Omsorgsbolig")
    return bpa, fat


def rows(html: str) -> dict[str, str]:
    """The status table as a reader sees it: "<app> <what> <unit>" → state."""
    table = html.split('data-table="status"', 1)[1].split("</table>", 1)[0]
    found = {}
    for state, row in re.findall(r'<tr data-state="(\w+)">(.*?)</tr>', table, re.S):
        cells = [
            " ".join(unescape(re.sub(r"<[^>]+>", " ", c)).split())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        found[cells[0]] = state
    return found


def enter(service, month: str, **values):
    return VolumeFigure.objects.create(service=service, period=Period.parse(month), **values)


def test_the_status_of_a_chosen_month_says_complete_partial_and_missing(registrator_client, services):
    bpa, fat = services
    enter(bpa, "2016-10", **{f.name: 1 for f in bpa.volume_fields()})
    enter(fat, "2016-10", **{bpa.volume_fields()[0].name: 1})
    html = registrator_client.get(STATUS, {"periode": "2016-10"}).content.decode()
    found = rows(html)
    assert found["Tjenester BPA Hele tjenesteområdet"] == "complete"
    assert found["Tjenester =FAT Hele tjenesteområdet"] == "partial"
    assert found["Boliger Omsorgsbolig Hele tjenesteområdet"] == "missing"
    assert "Rapporteringsstatus oktober 2016" in html and "Frist 10.11.2016 (passert)." in html


def test_without_a_month_it_shows_the_month_just_ended_and_bad_months_fall_back(registrator_client, services):
    assert "Rapporteringsstatus januar 2017" in registrator_client.get(STATUS).content.decode()
    for bad in ("2016", "2016-13", "%00", "abc", "1e5", "2099-01"):
        response = registrator_client.get(STATUS, {"periode": bad})
        assert response.status_code == 200 and response.context["period"] == Period.parse("2017-01")


def test_indicator_results_are_due_unit_by_unit_where_units_report_them(registrator_client, today):
    unit = ServiceUnit.objects.create(name="Hjemmetjenesten")
    perspective = Perspective.objects.create(code="B.1", name="Brukere")
    indicator = Indicator.objects.create(code="B.1", name="Ventetid", perspective=perspective,
                                         frequency=Frequency.MONTH)  # fmt: skip
    Result.objects.create(indicator=indicator, period=Period.parse("2016-09"), unit=unit, value=3)
    Result.objects.create(indicator=indicator, period=Period.parse("2016-10"), value=4)
    found = rows(registrator_client.get(STATUS, {"periode": "2016-10"}).content.decode())
    assert found["Målekart Resultater, månedlige indikatorer Hele tjenesteområdet"] == "complete"
    assert found["Målekart Resultater, månedlige indikatorer Hjemmetjenesten"] == "missing"


def test_the_workbook_holds_the_same_rows_with_names_as_text(leder_client, services):
    bpa, _ = services
    enter(bpa, "2016-10", **{f.name: 1 for f in bpa.volume_fields()})
    response = leder_client.get(reverse("reporting_status_xlsx"), {"periode": "2016-10"})
    assert response["Content-Disposition"] == 'attachment; filename="rapporteringsstatus-2016-10.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    fields = len(bpa.volume_fields())
    assert ["Tjenester", "BPA", "Hele tjenesteområdet", "Fullført", fields, fields] in values
    fat_row = next(row for row in sheet.iter_rows(min_row=4) if row[1].value == "=FAT")
    assert fat_row[1].data_type == "s"  # text, not a formula Excel would run


def test_send_reminders_emails_each_registrator_what_is_missing(services, registrator):
    registrator.email = "rita@kommune.no"
    registrator.save()
    make_user("ingen-epost", "Registrator")
    leder = make_user("lars", "Leder", email="lars@kommune.no")
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert [m.to for m in mail.outbox] == [["rita@kommune.no"]]
    body = mail.outbox[0].body
    assert "Januar 2017 (fristen var 10.02.2017):" in body
    assert "- Tjenester: BPA – forfalt, mangler (0 av" in body and "/tjenester/bpa/registrer/2017/" in body
    assert "1 påminnelse(r) sendt." in out.getvalue()
    assert leder.email not in [address for m in mail.outbox for address in m.to]


def test_send_reminders_sends_nothing_when_nothing_is_missing(registrator, today):
    registrator.email = "rita@kommune.no"
    registrator.save()
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert mail.outbox == [] and "Ingenting mangler" in out.getvalue()
