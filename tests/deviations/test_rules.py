"""The register's rules: the lifecycle, dates, the hospital, no personal data, and period locks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from deviations.forms import DeviationForm
from deviations.models import Deviation, Status
from horeport.models import PeriodLockedError, period_lock
from horeport.periods import Period
from tests.deviations.helpers import form_data, make_deviation

pytestmark = pytest.mark.django_db


def errors_of(form):
    return {name: " ".join(messages) for name, messages in form.errors.items()}


# -- the lifecycle -----------------------------------------------------------------------------


def test_a_deviation_can_be_registered_processed_and_closed(categories, unit):
    medication = categories["Legemiddelavvik"]
    form = DeviationForm(data=form_data(medication, unit))
    assert form.is_valid(), form.errors
    deviation = form.save()
    assert deviation.status == Status.REGISTERED

    data = form_data(medication, unit, status="under_behandling", version=deviation.version)
    form = DeviationForm(data=data, instance=deviation)
    assert form.is_valid(), form.errors
    deviation = form.save()

    data = form_data(medication, unit, status="lukket", closed_on="2016-03-20", measures="Dobbeltkontroll av dosett.",
                     version=deviation.version)  # fmt: skip
    form = DeviationForm(data=data, instance=deviation)
    assert form.is_valid(), form.errors
    form.save()
    deviation.refresh_from_db()
    assert (deviation.status, deviation.closed_on) == (Status.CLOSED, datetime.date(2016, 3, 20))


def test_closing_requires_measures_with_a_message_next_to_the_field(categories, unit):
    form = DeviationForm(data=form_data(categories["Fall"], unit, status="lukket", closed_on="2016-03-10"))
    assert not form.is_valid()
    assert errors_of(form)["measures"] == "Beskriv tiltakene før avviket lukkes."
    assert not Deviation.objects.exists()


def test_closing_requires_a_closed_date(categories, unit):
    form = DeviationForm(data=form_data(categories["Fall"], unit, status="lukket", measures="Sensormatte."))
    assert errors_of(form)["closed_on"] == "Skriv når avviket ble lukket."


def test_a_deviation_cannot_be_closed_before_it_was_registered(categories, unit):
    data = form_data(categories["Fall"], unit, status="lukket", closed_on="2016-03-01", measures="Sensormatte.")
    form = DeviationForm(data=data)
    assert errors_of(form)["closed_on"] == "Avviket kan ikke lukkes før det ble registrert."


def test_a_closed_date_needs_the_closed_status(categories, unit):
    form = DeviationForm(data=form_data(categories["Fall"], unit, status="under_behandling", closed_on="2016-03-09"))
    assert errors_of(form)["closed_on"] == "Lukket dato fylles bare ut når status er «Lukket»."


def test_the_event_cannot_be_after_the_registration(categories, unit):
    form = DeviationForm(data=form_data(categories["Fall"], unit, occurred_on="2016-03-05"))
    assert errors_of(form)["occurred_on"] == "Hendelsen kan ikke ha skjedd etter at avviket ble registrert."


def test_dates_in_the_future_are_refused(categories, unit):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    form = DeviationForm(data=form_data(categories["Fall"], unit, occurred_on=tomorrow, registered_on=tomorrow))
    assert errors_of(form)["registered_on"] == "Registreringsdatoen kan ikke være fram i tid."


def test_a_deviation_to_the_hospital_names_the_hospital(categories, unit):
    form = DeviationForm(data=form_data(categories["Fall"], unit, to_hospital="on"))
    assert errors_of(form)["counterpart"] == "Skriv hvilket sykehus avviket er sendt til."
    form = DeviationForm(data=form_data(categories["Fall"], unit, to_hospital="on", counterpart="Bærum sykehus"))
    assert form.is_valid(), form.errors


def test_a_hospital_is_named_only_for_deviations_sent_there(categories, unit):
    form = DeviationForm(data=form_data(categories["Fall"], unit, counterpart="Bærum sykehus"))
    assert errors_of(form)["counterpart"] == "Sykehus fylles bare ut for avvik som er sendt til sykehus."


def test_a_case_reference_is_unique(categories, unit):
    make_deviation(categories["Fall"], unit, "2016-03-02", reference="AVV-2016-00001")
    form = DeviationForm(data=form_data(categories["Fall"], unit))
    assert errors_of(form)["reference"] == "Et avvik med dette saksnummeret finnes allerede."


def test_a_new_form_suggests_the_next_case_reference_and_today(categories, unit):
    year = timezone.localdate().year
    make_deviation(categories["Fall"], unit, "2016-03-02", reference=f"AVV-{year}-00041")
    form = DeviationForm()
    assert form.initial["reference"] == f"AVV-{year}-00042"
    assert form.initial["registered_on"] == timezone.localdate()


# -- no personal data ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("description", "Hva skjedde"),
        ("immediate_action", "Strakstiltak"),
        ("measures", "Tiltak"),
        ("learning", "Læring"),
        ("reference", "Saksnummer"),
    ],
)
def test_a_fodselsnummer_in_free_text_is_refused_next_to_the_field(categories, unit, field, label):
    form = DeviationForm(data=form_data(categories["Fall"], unit, **{field: "Gjelder 150385 12363"}))
    assert not form.is_valid()
    assert form[field].label.casefold() == label.casefold()
    assert errors_of(form)[field].startswith("Teksten ser ut til å inneholde et fødselsnummer.")
    assert not Deviation.objects.exists()


def test_an_ordinary_number_in_free_text_is_accepted(categories, unit):
    form = DeviationForm(data=form_data(categories["Fall"], unit, description="Falt 02.03.2016 kl. 14, rom 12345."))
    assert form.is_valid(), form.errors


# -- period locks --------------------------------------------------------------------------------


@pytest.fixture
def december(categories, unit):
    """A deviation registered in December 2016, still open, with 2016 locked by the annual report."""
    deviation = make_deviation(categories["Fall"], unit, "2016-12-20", status=Status.IN_PROGRESS)
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    return Deviation.objects.get(pk=deviation.pk)


def test_staff_can_close_in_january_a_deviation_registered_in_a_locked_december(december):
    december.status, december.closed_on, december.measures = Status.CLOSED, datetime.date(2017, 1, 9), "Sensormatte."
    december.full_clean()
    december.save()
    assert Deviation.objects.get(pk=december.pk).closed_on == datetime.date(2017, 1, 9)


def test_texts_can_be_completed_inside_a_locked_period(december):
    december.learning = "Fallrisiko vurderes ved innkomst."
    december.save()
    assert Deviation.objects.get(pk=december.pk).learning == "Fallrisiko vurderes ved innkomst."


def test_closing_inside_the_locked_year_is_refused(december):
    december.status, december.closed_on, december.measures = Status.CLOSED, datetime.date(2016, 12, 30), "Matte."
    with pytest.raises(PeriodLockedError) as refused:
        december.save()
    assert "Årsrapport 2016, versjon 1" in refused.value.messages[0]
    assert Deviation.objects.get(pk=december.pk).closed_on is None


@pytest.mark.parametrize(
    "change",
    [
        lambda d, c: setattr(d, "category", c["Legemiddelavvik"]),
        lambda d, c: setattr(d, "registered_on", datetime.date(2017, 1, 2)),
        lambda d, c: (setattr(d, "to_hospital", True), setattr(d, "counterpart", "Bærum sykehus")),
    ],
    ids=["category", "moving the registration out of 2016", "hospital flag"],
)
def test_what_the_locked_year_counted_cannot_change(december, categories, change):
    change(december, categories)
    with pytest.raises(PeriodLockedError):
        december.save()
    stored = Deviation.objects.get(pk=december.pk)
    assert (stored.category, stored.registered_on, stored.to_hospital) == (
        categories["Fall"],
        datetime.date(2016, 12, 20),
        False,
    )


def test_changing_the_unit_inside_a_locked_year_is_refused(december, unit):
    from horeport.models import ServiceUnit

    december.unit = ServiceUnit.objects.create(name="Søndre Borgen sykehjem")
    with pytest.raises(PeriodLockedError):
        december.save()


def test_reopening_a_deviation_closed_inside_a_locked_period_is_refused(categories, unit):
    closed = make_deviation(categories["Fall"], unit, "2016-11-01", closed_on="2016-11-20")
    period_lock(period=Period.parse("2016-Q4"), reason="Rapport til HO-komiteen")
    closed = Deviation.objects.get(pk=closed.pk)
    closed.status, closed.closed_on = Status.IN_PROGRESS, None
    with pytest.raises(PeriodLockedError):
        closed.save()


def test_a_deviation_can_be_neither_added_nor_deleted_in_a_locked_period(december, categories, unit):
    with pytest.raises(PeriodLockedError):
        make_deviation(categories["Fall"], unit, "2016-06-01")
    with pytest.raises(PeriodLockedError):
        december.delete()
    assert Deviation.objects.count() == 1


def test_deleting_a_deviation_closed_inside_a_locked_month_is_refused(categories, unit):
    deviation = make_deviation(categories["Fall"], unit, "2016-11-25", closed_on="2016-12-05")
    period_lock(period=Period.parse("2016-12"), reason="Rapport til direktør desember")
    with pytest.raises(PeriodLockedError):
        Deviation.objects.get(pk=deviation.pk).delete()


def test_a_lock_in_another_year_does_not_stop_work_on_this_one(categories, unit):
    period_lock(period=Period.parse("2015"), reason="Årsrapport 2015")
    deviation = make_deviation(categories["Fall"], unit, "2016-02-01")
    deviation.category = categories["Legemiddelavvik"]
    deviation.save()
    deviation.delete()
    assert not Deviation.objects.exists()


def test_the_form_shows_the_lock_message_for_a_closing_inside_the_locked_year(december, categories, unit):
    data = form_data(categories["Fall"], unit, reference=december.reference, registered_on="2016-12-20",
                     occurred_on="2016-12-20", status="lukket", closed_on="2016-12-28", measures="Matte.",
                     description=december.description, version=december.version)  # fmt: skip
    form = DeviationForm(data=data, instance=december)
    assert not form.is_valid()
    assert "Perioden 2016 er låst (Årsrapport 2016, versjon 1" in " ".join(form.non_field_errors())


def test_model_validation_reports_every_problem_at_once(categories, unit):
    deviation = Deviation(
        reference="X-1", category=categories["Fall"], unit=unit, registered_on=datetime.date(2016, 3, 2),
        occurred_on=datetime.date(2016, 3, 3), description="ok", status=Status.CLOSED,
    )  # fmt: skip
    with pytest.raises(ValidationError) as invalid:
        deviation.full_clean()
    assert set(invalid.value.message_dict) >= {"occurred_on", "closed_on", "measures"}
