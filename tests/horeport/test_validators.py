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


# Worked by hand: 010180 123 gives k1 = 11 - 92 % 11 = 7 and k2 = 11 - 98 % 11 = 1.
BY_HAND = "01018012371"


@pytest.mark.parametrize(
    "text",
    [f"Klager har fnr {BY_HAND}, ringte i dag", f"{BY_HAND[:6]} {BY_HAND[6:]}", f"{BY_HAND[:6]}-{BY_HAND[6:]}",
     f"({BY_HAND})"],
)  # fmt: skip
def test_it_finds_the_number_inside_free_text_however_it_is_written(text):
    assert contains_national_id(text)


@pytest.mark.parametrize(
    "text", ["Sak 16/01234, mottatt 01.01.2016", f"Kontonummer 9{BY_HAND}", "01018012372", "", None]
)
def test_it_leaves_other_text_alone(text):
    assert not contains_national_id(text)


def test_a_first_check_digit_of_ten_is_never_valid():
    weights = (3, 7, 6, 1, 8, 9, 4, 5, 2)
    digits = next(
        f"010180{n:03d}" for n in range(1000)
        if (11 - sum(int(d) * w for d, w in zip(f"010180{n:03d}", weights, strict=True)) % 11) == 10
    )  # fmt: skip
    assert not any(is_national_id(f"{digits}{k1}{k2}") for k1 in range(10) for k2 in range(10))


def test_an_h_number_is_recognised():
    # 01 (41 = January + 40) 80 123 with its check digits
    from horeport.validators import _check_digit

    first9 = [int(c) for c in "014180123"]
    k1 = _check_digit(first9, (3, 7, 6, 1, 8, 9, 4, 5, 2))
    k2 = _check_digit([*first9, k1], (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
    assert is_national_id(f"014180123{k1}{k2}")


def test_the_message_does_not_repeat_the_number():
    with pytest.raises(ValidationError) as error:
        validate_no_national_id(f"Gjelder {BY_HAND}")
    assert BY_HAND not in error.value.messages[0]
