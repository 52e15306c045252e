"""A complaint's lifecycle rules, its status, and case types' dated names."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from complaints.models import CaseTypeName, Complaint, Decision, Status, lifecycle_errors
from tests.complaints.helpers import day, make_case_type, make_complaint

pytestmark = pytest.mark.django_db


def errors(**values):
    base = {"received_on": day("2016-03-01"), "reversed_on": None, "sent_on": None, "decision": "", "decided_on": None}
    return lifecycle_errors(**(base | values))


def test_a_complaint_only_received_is_consistent():
    assert errors() == {}


def test_a_sent_and_decided_complaint_is_consistent():
    assert errors(sent_on=day("2016-03-20"), decision="stadfestet", decided_on=day("2016-06-01")) == {}


def test_a_decision_needs_a_sent_date():
    found = errors(decision="omgjort", decided_on=day("2016-06-01"))
    assert found["decision"] == (
        "Et vedtak fra Fylkesmannen krever at klagen er sendt dit. Fyll inn datoen den ble sendt."
    )


def test_a_decision_needs_its_date_and_a_date_needs_its_decision():
    assert errors(sent_on=day("2016-03-20"), decision="omgjort")["decided_on"] == "Skriv inn datoen for vedtaket."
    assert errors(sent_on=day("2016-03-20"), decided_on=day("2016-06-01"))["decision"] == (
        "Velg utfallet av vedtaket, eller fjern datoen."
    )


def test_a_decision_date_before_the_sent_date_is_refused():
    found = errors(sent_on=day("2016-03-20"), decision="omgjort", decided_on=day("2016-03-19"))
    assert found == {"decided_on": "Vedtaksdatoen kan ikke være før klagen ble sendt (20.03.2016)."}


def test_dates_before_the_received_date_are_refused():
    found = errors(sent_on=day("2016-02-28"))
    assert found == {"sent_on": "Datoen kan ikke være før klagen ble mottatt (01.03.2016)."}
    assert errors(reversed_on=day("2016-02-01"))["reversed_on"].startswith("Datoen kan ikke være før")


def test_a_complaint_reversed_by_the_municipality_is_not_sent():
    found = errors(reversed_on=day("2016-03-10"), sent_on=day("2016-03-20"))
    assert found["reversed_on"] == (
        "En klage som kommunen har omgjort selv, sendes ikke til Fylkesmannen. Fjern én av datoene."
    )


def test_the_message_names_the_authority_of_the_day():
    found = errors(received_on=day("2021-03-01"), decision="omgjort", decided_on=day("2021-06-01"))
    assert "Statsforvalteren" in found["decision"]


def test_dates_in_the_future_are_refused():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert errors(received_on=tomorrow)["received_on"] == "Datoen kan ikke være frem i tid."


def test_full_clean_refuses_an_inconsistent_complaint_field_by_field(vederlag):
    complaint = Complaint(reference="16/1", case_type=vederlag, received_on=day("2016-03-01"), decision="omgjort",
                          decided_on=day("2016-05-01"))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        complaint.full_clean()
    assert set(error.value.message_dict) == {"decision"}


def test_free_text_with_a_fodselsnummer_is_refused(vederlag):
    complaint = Complaint(reference="16/2", case_type=vederlag, received_on=day("2016-03-01"),
                          note="Bruker 01018012371 ringte")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        complaint.full_clean()
    assert "fødselsnummer" in error.value.message_dict["note"][0]


@pytest.mark.parametrize(
    ("values", "status", "label"),
    [
        ({}, Status.IN_MUNICIPALITY, "Under behandling i kommunen"),
        ({"reversed_": "2016-03-10"}, Status.REVERSED, "Omgjort av kommunen"),
        ({"sent": "2016-03-20"}, Status.PENDING, "Hos Fylkesmannen, ikke avgjort"),
        ({"sent": "2016-03-20", "decision": "delvis_omgjort", "decided": "2016-06-01"}, Status.DECIDED,
         "Delvis omgjort"),
    ],
)  # fmt: skip
def test_a_complaint_knows_where_it_is(vederlag, values, status, label):
    complaint = make_complaint("16/3", vederlag, "2016-03-01", **values)
    assert complaint.status is status
    assert complaint.status_label == label
    assert complaint.is_open == (status in (Status.IN_MUNICIPALITY, Status.PENDING))


def test_a_pending_complaint_sent_in_2021_is_with_statsforvalteren(vederlag):
    assert make_complaint("21/1", vederlag, "2020-12-20", sent="2021-01-04").status_label == (
        "Hos Statsforvalteren, ikke avgjort"
    )


def test_a_case_type_has_the_name_that_applied_on_a_day(omsorgslonn):
    assert omsorgslonn.name_on(day("2016-06-30")) == "Omsorgslønn"
    assert omsorgslonn.name_on(day("2019-12-31")) == "Omsorgslønn"
    assert omsorgslonn.name_on(day("2020-01-01")) == "Omsorgsstønad"
    assert omsorgslonn.current_name == "Omsorgsstønad"
    assert omsorgslonn.label_with_history == "Omsorgsstønad (tidligere Omsorgslønn)"
    assert omsorgslonn.name_history() == "Omsorgslønn til 31.12.2019, Omsorgsstønad fra 01.01.2020"


def test_a_case_type_without_later_names_keeps_its_name():
    bpa = make_case_type("BPA")
    assert bpa.name_on(day("2030-01-01")) == "BPA" and bpa.label_with_history == "BPA"
    assert bpa.name_history() == ""


def test_two_names_from_the_same_day_are_refused(omsorgslonn):
    duplicate = CaseTypeName(case_type=omsorgslonn, name="Annet", valid_from=day("2020-01-01"))
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "allerede et navn som gjelder fra denne datoen" in str(error.value)


def test_decisions_are_the_six_outcomes_of_the_glossary():
    assert [d.label for d in Decision] == ["Stadfestet", "Delvis omgjort", "Omgjort", "Opphevet", "Avvist", "Trukket"]
