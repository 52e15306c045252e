"""The shared form fields: numbers typed the Norwegian way, dates the product can report on."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from horeport.fields import DateField, NorwegianDecimalField, NorwegianIntegerField, YearField
from horeport.forms import active_or_current
from horeport.models import ServiceUnit


def messages_of(field, value) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        field.clean(value)
    return raised.value.messages


@pytest.mark.parametrize("field", [NorwegianIntegerField(), NorwegianDecimalField()], ids=["integer", "decimal"])
def test_number_fields_refuse_exponent_notation_instead_of_reading_1e5_as_100000(field):
    assert messages_of(field, "1e5") == ["«1e5» er skrevet med eksponent. Skriv hele tallet, for eksempel 100 000."]
    assert field.clean("100 000") == 100_000


def test_a_date_before_1900_or_after_2999_is_refused_with_a_message():
    assert messages_of(DateField(), "0216-05-01") == ["Skriv en dato fra år 1900 til 2999."]
    assert messages_of(DateField(), "31.12.1899") == ["Skriv en dato fra år 1900 til 2999."]
    assert DateField().clean("01.01.1900") == datetime.date(1900, 1, 1)


@pytest.mark.django_db
def test_a_choice_field_offers_the_active_choices_and_the_one_an_entry_already_has():
    open_unit = ServiceUnit.objects.create(name="Hjemmetjenesten")
    closed = ServiceUnit.objects.create(name="Gamle Asker sykehjem", active=False)
    assert list(active_or_current(ServiceUnit.objects.all(), None)) == [open_unit]
    assert set(active_or_current(ServiceUnit.objects.all(), closed.pk)) == {open_unit, closed}


def test_a_year_field_takes_the_years_the_product_reports_on_with_one_message():
    field = YearField()
    assert field.clean("2016") == 2016 and 'value="2016"' in field.widget.render("aar", 2016)
    for typed in ("1899", "3000", "tjue", "2016,5"):
        assert messages_of(field, typed) == ["Skriv et år fra 1900 til 2999."]
