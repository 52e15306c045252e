"""Figures through an Excel template (horeport/bulk.py): the template, the preview's cells, each
reason a cell is refused (and that its row is not saved), the confirmation and its history."""

from decimal import Decimal

import pytest
from openpyxl.worksheet.protection import SheetProtection

from horeport import bulk
from horeport.models import FlaggedFigure, PeriodLock, ServiceUnit, period_lock
from horeport.periods import Period
from kpi.models import KeyFigure, KeyFigureValue, Result
from tests.conftest import make_user
from tests.horeport.helpers import add_row, cell_of, fill, planned, template, uploaded
from tests.kpi.helpers import indicator, result
from tests.volumes.helpers import make_figure, make_service
from tests.waitlists.helpers import figure, housing_type
from volumes.models import AgeGroups, VolumeFigure
from waitlists.models import WaitlistFigure

USERS_OVER_18 = "Antall brukere > 18 år"
HOURS_OVER_18 = "Antall timer > 18 år"
USERS = "Antall brukere"


@pytest.fixture
def bpa(db):
    return make_service("BPA", slug="bpa")  # three age groups


@pytest.fixture
def fat(db):
    return make_service("FAT", slug="fat", age_groups=AgeGroups.NONE)


def refused_and_not_saved(upload, user, cell: str, reason_part: str):
    """The cell is refused with the reason, and confirming saves nothing."""
    plan = bulk.plan_build(upload)
    found = planned(plan, cell)
    assert found.status == bulk.REFUSED, found
    assert reason_part in found.reason
    with pytest.raises(bulk.UploadRefused):
        bulk.upload_save(upload=upload, user=user)
    return found


# -- the template ----------------------------------------------------------------------------------


def test_the_template_has_norwegian_headers_and_what_is_stored(bpa, fat):
    make_figure(bpa, "2016-12", users_over_18=Decimal(41), hours_over_18=Decimal("1600.5"))
    workbook = template("tjenester", "2016-12")
    sheet = workbook[bulk.DATA_SHEET]
    assert [c.value for c in sheet[bulk.HEADER_ROW]][:5] == [
        "Kode",
        "Virksomhet",  # empty for the whole department (docs/bulk-entry.md)
        "Tjeneste",
        "Antall brukere ≤ 18 år",
        USERS_OVER_18,
    ]
    assert sheet["B2"].value == "tjenester" and sheet["B3"].value == "2016-12"
    assert cell_of(workbook, "bpa", USERS_OVER_18).value == 41
    assert cell_of(workbook, "bpa", HOURS_OVER_18).value == pytest.approx(1600.5)
    assert cell_of(workbook, "fat", USERS).value is None


def test_the_template_locks_headers_and_labels_and_opens_the_figures(bpa, fat):
    workbook = template("tjenester", "2016-12")
    sheet = workbook[bulk.DATA_SHEET]
    assert isinstance(sheet.protection, SheetProtection) and sheet.protection.sheet
    assert sheet.cell(bulk.HEADER_ROW, 1).protection.locked
    assert cell_of(workbook, "bpa", "Tjeneste").protection.locked
    assert not cell_of(workbook, "bpa", USERS_OVER_18).protection.locked
    assert cell_of(workbook, "bpa", USERS).protection.locked  # BPA counts by age group: not its column
    assert not cell_of(workbook, "fat", USERS).protection.locked


def test_the_template_validates_counts_as_whole_numbers_of_zero_or_more(bpa):
    workbook = template("tjenester", "2016-12")
    sheet = workbook[bulk.DATA_SHEET]
    users, hours = (
        cell_of(workbook, "bpa", USERS_OVER_18).coordinate,
        cell_of(workbook, "bpa", HOURS_OVER_18).coordinate,
    )
    rules = {(v.type, v.operator, v.formula1): str(v.sqref) for v in sheet.data_validations.dataValidation}
    assert users in rules[("whole", "greaterThanOrEqual", "0")]
    assert hours in rules[("decimal", "greaterThanOrEqual", "0")]


def test_the_template_has_instructions_in_norwegian(bpa):
    sheet = template("tjenester", "2016-12")[bulk.INSTRUCTIONS_SHEET]
    text = "\n".join(str(row[0].value or "") for row in sheet.iter_rows())
    assert "Skriv tallene i de gule cellene" in text
    assert "Forhåndsvisningen viser hver celle som endres" in text


# -- the preview -----------------------------------------------------------------------------------


def test_the_preview_lists_each_changed_cell_old_and_new_and_saves_nothing(bpa, registrator):
    make_figure(bpa, "2016-12", users_over_18=40)
    workbook = template("tjenester", "2016-12")
    changed = fill(workbook, "bpa", USERS_OVER_18, 42)
    added = fill(workbook, "bpa", HOURS_OVER_18, "1 600,5")
    plan = bulk.plan_build(uploaded(workbook, registrator))
    assert [(c.cell, c.what, c.label, c.old, c.new) for c in plan.changed] == [
        (changed, "BPA", USERS_OVER_18, "40", "42"),
        (added, "BPA", HOURS_OVER_18, "–", "1\xa0600,5"),
    ]
    assert VolumeFigure.objects.get().users_over_18 == 40


def test_an_empty_cell_leaves_the_stored_figure(bpa, registrator):
    make_figure(bpa, "2016-12", users_over_18=40, users_under_18=3)
    workbook = template("tjenester", "2016-12")
    fill(workbook, "bpa", "Antall brukere ≤ 18 år", None)
    fill(workbook, "bpa", USERS_OVER_18, 41)
    upload = uploaded(workbook, registrator)
    bulk.upload_save(upload=upload, user=registrator)
    stored = VolumeFigure.objects.get()
    assert (stored.users_under_18, stored.users_over_18) == (3, 41)


# -- each refusal: the cell is listed with its reason, and nothing is saved --------------------------


def test_text_in_a_number_cell_is_refused(bpa, registrator):
    workbook = template("tjenester", "2016-12")
    cell = fill(workbook, "bpa", USERS_OVER_18, "mange")
    fill(workbook, "bpa", HOURS_OVER_18, 100)  # fine on its own, but the file is saved whole or not at all
    refused_and_not_saved(uploaded(workbook, registrator), registrator, cell, "er tekst, ikke et tall")
    assert not VolumeFigure.objects.exists()


def test_a_negative_count_is_refused(bpa, registrator):
    workbook = template("tjenester", "2016-12")
    cell = fill(workbook, "bpa", USERS_OVER_18, -3)
    refused_and_not_saved(uploaded(workbook, registrator), registrator, cell, "kan ikke være negativt")
    assert not VolumeFigure.objects.exists()


def test_a_part_of_a_person_is_refused_in_a_months_count(bpa, registrator):
    workbook = template("tjenester", "2016-12")
    cell = fill(workbook, "bpa", USERS_OVER_18, 2.5)
    refused_and_not_saved(uploaded(workbook, registrator), registrator, cell, "ikke et helt tall")


def test_an_unknown_code_is_refused(bpa, registrator):
    workbook = template("tjenester", "2016-12")
    row = add_row(workbook, ["ukjent", "", "Ny tjeneste", 1, 5])
    found = refused_and_not_saved(uploaded(workbook, registrator), registrator, f"A{row}", "Ukjent tjeneste «ukjent»")
    assert found.what == "ukjent"


def test_a_formula_is_refused(bpa, registrator):
    workbook = template("tjenester", "2016-12")
    cell = fill(workbook, "bpa", USERS_OVER_18, "=20+22")
    refused_and_not_saved(uploaded(workbook, registrator), registrator, cell, "Cellen har en formel")
    assert not VolumeFigure.objects.exists()


def test_a_score_out_of_range_is_refused(db, registrator):
    indicator("B-HO.1.1", unit="score", frequency="year", name="Brukertilfredshet")
    workbook = template("resultater", "2016")
    cell = fill(workbook, "B-HO.1.1", "Resultat", 7)
    refused_and_not_saved(uploaded(workbook, registrator), registrator, cell, "fra 0 til 6")
    assert not Result.objects.exists()


def test_a_figure_in_a_column_the_row_does_not_record_is_refused(bpa, fat, registrator):
    workbook = template("tjenester", "2016-12")
    cell = fill(workbook, "fat", USERS_OVER_18, 4)  # FAT counts users without age groups
    refused_and_not_saved(uploaded(workbook, registrator), registrator, cell, "Raden har ikke dette tallet")


def test_a_column_that_does_not_belong_is_refused(bpa, registrator):
    workbook = template("tjenester", "2016-12")
    sheet = workbook[bulk.DATA_SHEET]
    extra = sheet.max_column + 1
    sheet.cell(bulk.HEADER_ROW, extra, "Mine notater")
    row = cell_of(workbook, "bpa", USERS_OVER_18).row
    sheet.cell(row, extra, 12)
    cell = sheet.cell(row, extra).coordinate
    refused_and_not_saved(uploaded(workbook, registrator), registrator, cell, "Kolonnen hører ikke til malen")


def test_a_row_of_an_indicator_measured_for_other_periods_is_refused(db, registrator):
    indicator("S.3.1", frequency="year")
    indicator("B-HO.2.1", frequency="month", name="Månedlig")
    workbook = template("resultater", "2016")
    row = add_row(workbook, ["B-HO.2.1", None, "Månedlig", 12])
    refused_and_not_saved(uploaded(workbook, registrator), registrator, f"A{row}", "hører ikke hjemme i malen for 2016")


def test_a_row_twice_in_the_file_is_refused(bpa, registrator):
    workbook = template("tjenester", "2016-12")
    fill(workbook, "bpa", USERS_OVER_18, 40)
    row = add_row(workbook, ["bpa", "", "BPA", None, 41])
    refused_and_not_saved(uploaded(workbook, registrator), registrator, f"A{row}", "står to ganger i filen")
    assert not VolumeFigure.objects.exists()


def test_a_locked_period_is_refused_naming_the_lock(bpa, registrator):
    make_figure(bpa, "2016-12", users_over_18=40)
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    workbook = template("tjenester", "2016-12")
    cell = fill(workbook, "bpa", USERS_OVER_18, 45)
    refused_and_not_saved(uploaded(workbook, registrator), registrator, cell, "Perioden 2016 er låst (Årsrapport 2016")
    assert VolumeFigure.objects.get().users_over_18 == 40


def test_a_lock_set_between_preview_and_confirmation_refuses_the_confirmation(bpa, registrator):
    workbook = template("tjenester", "2016-12")
    fill(workbook, "bpa", USERS_OVER_18, 45)
    upload = uploaded(workbook, registrator)
    bulk.preview_record(upload, bulk.plan_build(upload))
    PeriodLock.objects.create(period=Period.parse("2016-12"), reason="Månedsrapport")
    with pytest.raises(bulk.UploadRefused):
        bulk.upload_save(upload=upload, user=registrator)
    assert not VolumeFigure.objects.exists()


def test_a_month_beside_an_entered_year_average_is_refused(bpa, registrator):
    make_figure(bpa, "2016", users_over_18=Decimal("38.5"))
    workbook = template("tjenester", "2016-12")
    cell = fill(workbook, "bpa", USERS_OVER_18, 45)
    refused_and_not_saved(uploaded(workbook, registrator), registrator, cell, "en periode har bare én kilde")


# -- confirming ------------------------------------------------------------------------------------


def test_confirming_saves_every_change_with_history(bpa, fat, registrator):
    make_figure(bpa, "2016-12", users_over_18=40)
    workbook = template("tjenester", "2016-12")
    fill(workbook, "bpa", USERS_OVER_18, 42)
    fill(workbook, "fat", USERS, 17)
    upload = uploaded(workbook, registrator, "desember.xlsx")
    bulk.preview_record(upload, bulk.plan_build(upload))
    plan = bulk.upload_save(upload=upload, user=registrator)
    assert len(plan.changed) == 2
    stored = {f.service.slug: f for f in VolumeFigure.objects.select_related("service")}
    assert stored["bpa"].users_over_18 == 42 and stored["fat"].users == 17
    latest = stored["bpa"].history.first()
    assert latest.history_user == registrator and latest.history_change_reason == "Tall fra Excel: desember.xlsx"
    assert stored["fat"].history.first().history_type == "+"
    upload.refresh_from_db()
    assert upload.saved_at is not None
    with pytest.raises(bulk.UploadRefused, match="ble lagret"):
        bulk.upload_save(upload=upload, user=registrator)


def test_a_row_changed_between_preview_and_confirmation_refuses_the_whole_file(bpa, fat, registrator):
    make_figure(bpa, "2016-12", users_over_18=40)
    workbook = template("tjenester", "2016-12")
    fill(workbook, "bpa", USERS_OVER_18, 42)
    fill(workbook, "fat", USERS, 17)
    upload = uploaded(workbook, registrator)
    bulk.preview_record(upload, bulk.plan_build(upload))
    other = make_user("ola", first_name="Ola", last_name="Nordmann")
    figure_ = VolumeFigure.objects.get(service=bpa)
    figure_.users_over_18 = Decimal(39)
    figure_._history_user = other
    figure_.save()
    with pytest.raises(bulk.UploadRefused) as refused:
        bulk.upload_save(upload=upload, user=registrator)
    assert refused.value.changed[0].startswith("BPA: endret av Ola Nordmann")
    assert VolumeFigure.objects.get(service=bpa).users_over_18 == 39
    assert not VolumeFigure.objects.filter(service=fat).exists()


def test_a_row_added_by_someone_else_after_the_preview_refuses_the_file(fat, registrator):
    workbook = template("tjenester", "2016-12")
    fill(workbook, "fat", USERS, 17)
    upload = uploaded(workbook, registrator)
    bulk.preview_record(upload, bulk.plan_build(upload))
    make_figure(fat, "2016-12", users=16)
    with pytest.raises(bulk.UploadRefused) as refused:
        bulk.upload_save(upload=upload, user=registrator)
    assert "registrert" in refused.value.changed[0]
    assert VolumeFigure.objects.get().users == 16


# -- the other kinds -------------------------------------------------------------------------------


def test_results_are_entered_per_unit(db, registrator):
    item = indicator("S.3.1", frequency="year", name="Andel miljøsertifiserte virksomheter")
    unit = ServiceUnit.objects.create(name="Hjemmetjenesten")
    result(item, "2015", "50", unit=unit)
    workbook = template("resultater", "2016")
    fill(workbook, "S.3.1", "Resultat", 54.55, unit="")
    fill(workbook, "S.3.1", "Resultat", "61,2", unit="Hjemmetjenesten")
    upload = uploaded(workbook, registrator)
    bulk.upload_save(upload=upload, user=registrator)
    stored = {r.unit_id: r.value for r in Result.objects.filter(period=Period.parse("2016"))}
    assert stored == {None: Decimal("54.55"), unit.pk: Decimal("61.2")}


def test_an_unknown_unit_is_refused(db, registrator):
    indicator("S.3.1", frequency="year")
    workbook = template("resultater", "2016")
    row = add_row(workbook, ["S.3.1", "Ukjent virksomhet", "S.3.1", 12])
    refused_and_not_saved(uploaded(workbook, registrator), registrator, f"A{row}", "Ukjent virksomhet")


def test_key_figures_are_entered(db, registrator):
    figure_ = KeyFigure.objects.create(name="Innbyggere over 80 år", unit="personer", frequency="year")
    workbook = template("nokkeltall", "2016")
    fill(workbook, "Innbyggere over 80 år", "Verdi", 3084)
    bulk.upload_save(upload=uploaded(workbook, registrator), user=registrator)
    assert KeyFigureValue.objects.get(key_figure=figure_).value == 3084


def test_waitlist_figures_are_entered_and_a_count_is_whole(db, registrator):
    kind = housing_type("Bolig med bemanning")
    figure(kind, "2016-11", waitlist=12)
    workbook = template("boliger", "2016-12")
    fill(workbook, "Bolig med bemanning", "Venteliste ved periodens slutt", 10)
    fill(workbook, "Bolig med bemanning", "Effektueringstid i gj.snitt (dager)", "104,5")
    bulk.upload_save(upload=uploaded(workbook, registrator), user=registrator)
    stored = WaitlistFigure.objects.get(period=Period.parse("2016-12"))
    assert (stored.waitlist, stored.effectuation_days) == (10, Decimal("104.5"))
    workbook = template("boliger", "2016-12")
    cell = fill(workbook, "Bolig med bemanning", "Tildelte boliger", 1.5)
    refused_and_not_saved(uploaded(workbook, registrator), registrator, cell, "ikke et helt tall")


# -- files that are not a template -----------------------------------------------------------------


def test_a_file_without_the_kind_is_not_a_template(bpa, registrator):
    workbook = template("tjenester", "2016-12")
    workbook[bulk.DATA_SHEET]["B2"] = "noe annet"
    with pytest.raises(bulk.UploadError, match="ikke en mal"):
        uploaded(workbook, registrator)


def test_a_period_the_kind_is_not_entered_for_is_refused(bpa, registrator):
    workbook = template("tjenester", "2016-12")
    workbook[bulk.DATA_SHEET]["B3"] = "2016-Q4"
    with pytest.raises(bulk.UploadError, match="kan ikke velges"):
        uploaded(workbook, registrator)


# -- plausibility (horeport/plausibility.py) ---------------------------------------------------------


def test_a_figure_far_from_last_year_is_noted_in_the_preview_and_flagged_when_saved(bpa, registrator):
    make_figure(bpa, "2015-12", users_over_18=40)
    workbook = template("tjenester", "2016-12")
    far = fill(workbook, "bpa", USERS_OVER_18, 90)
    near = fill(workbook, "bpa", HOURS_OVER_18, 100)
    upload = uploaded(workbook, registrator)
    plan = bulk.plan_build(upload)
    assert "90 er 125\xa0% over samme periode i fjor (40)" in planned(plan, far).warning
    assert planned(plan, near).warning == ""
    assert "merknad: 90 er 125\xa0%" in bulk.plan_text(plan)
    bulk.upload_save(upload=upload, user=registrator)
    flag = FlaggedFigure.objects.unchecked().get()
    assert (flag.value, flag.previous, flag.entered_by) == (90, 40, registrator)
    assert VolumeFigure.objects.get(period=Period.parse("2016-12")).users_over_18 == 90


def test_a_file_correcting_a_flagged_figure_takes_it_off_the_list(bpa, registrator):
    make_figure(bpa, "2015-12", users_over_18=40)
    workbook = template("tjenester", "2016-12")
    fill(workbook, "bpa", USERS_OVER_18, 90)
    bulk.upload_save(upload=uploaded(workbook, registrator), user=registrator)
    assert FlaggedFigure.objects.unchecked().count() == 1
    workbook = template("tjenester", "2016-12")
    fill(workbook, "bpa", USERS_OVER_18, 42)
    plan = bulk.upload_save(upload=uploaded(workbook, registrator), user=registrator)
    assert not plan.has_warnings
    assert not FlaggedFigure.objects.unchecked().exists()


# -- speed -----------------------------------------------------------------------------------------


def _services_filled(count: int, registrator, *, stored: int):
    """A file of `count` services' months (and every service before), the first `stored` of them
    already holding a figure."""
    services = [make_service(f"Tjeneste {count}-{n}", slug=f"tjeneste-{count}-{n}") for n in range(count)]
    for service in services[:stored]:
        make_figure(service, "2016-12", users_over_18=40)
    workbook = template("tjenester", "2016-12")
    for service in services:
        fill(workbook, service.slug, USERS_OVER_18, 45)
    return uploaded(workbook, registrator)


def test_planning_a_file_does_not_grow_in_queries_with_its_rows(db, registrator, django_assert_max_num_queries):
    few = _services_filled(10, registrator, stored=5)
    period_lock(period=Period.parse("2015"), reason="Årsrapport 2015")  # a lock to read, not one that holds
    with django_assert_max_num_queries(30) as counted:
        plan = bulk.plan_build(few)
    assert len(plan.changed) == 10 and not plan.refused
    many = _services_filled(100, registrator, stored=50)
    with django_assert_max_num_queries(len(counted)):
        plan = bulk.plan_build(many)
    assert len(plan.changed) == 100 and not plan.refused  # the 10 services' rows are left empty
