import pytest
from django.core.exceptions import ValidationError

from horeport.validators import contains_national_id, is_national_id, validate_no_national_id

# Synthetic numbers with correct check digits (not real people): computed by the rule.
VALID = ["01010150074", "15076500565", "29029900157", "41010150068"]  # the last is a D-number


@pytest.mark.parametrize("number", VALID)
def test_it_recognises_numbers_whose_check_digits_are_right(number):
    assert is_national_id(number)


@pytest.mark.parametrize(
    "number",
    ["01010150075", "01010150064", "32010150074", "01130150074", "1234567890", "123456789012", "abcdefghijk"],
)
def test_it_refuses_wrong_check_digits_impossible_dates_and_other_lengths(number):
    assert not is_national_id(number)


def test_it_finds_a_number_in_free_text_also_when_split():
    assert contains_national_id("Pasient 010101 50074 falt i gangen")
    assert contains_national_id("fnr.01010150074.")
    assert not contains_national_id("Saksnummer 2016/01234, telefon 67 50 00 00")
    assert not contains_national_id("Kontonummer 12345678903")


def test_the_validator_gives_a_norwegian_message():
    with pytest.raises(ValidationError, match="fødselsnummer"):
        validate_no_national_id("Bruker med fnr 15076500565")
    validate_no_national_id("Ingen personopplysninger her")
