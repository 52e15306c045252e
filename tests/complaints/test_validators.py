"""The fødselsnummer check: 11 digits whose two mod-11 check digits are right are refused."""

import pytest
from django.core.exceptions import ValidationError

from complaints.validators import contains_fodselsnummer, is_fodselsnummer, validate_no_fodselsnummer

# Worked by hand: 010180 123 gives k1 = 11 - 92 % 11 = 7 and k2 = 11 - 98 % 11 = 1.
VALID = "01018012371"


def test_a_number_with_both_check_digits_right_is_a_fodselsnummer():
    assert is_fodselsnummer(VALID)


@pytest.mark.parametrize(
    "number",
    [
        "01018012372",  # second check digit wrong
        "01018012381",  # first check digit wrong
        "0101801237",  # ten digits
        "010180123710",  # twelve digits
        "0101801237a",
    ],
)
def test_anything_else_is_not(number):
    assert not is_fodselsnummer(number)


def test_a_first_check_digit_of_ten_is_never_valid():
    # 01018012(4)…: weights give a remainder of 1, so k1 would be 10; no digit can stand there.
    digits = next(
        f"010180{n:03d}" for n in range(1000)
        if (11 - sum(int(d) * w for d, w in zip(f"010180{n:03d}", (3, 7, 6, 1, 8, 9, 4, 5, 2), strict=True)) % 11) == 10
    )  # fmt: skip
    assert not any(is_fodselsnummer(f"{digits}{k1}{k2}") for k1 in range(10) for k2 in range(10))


@pytest.mark.parametrize(
    "text",
    [
        f"Klager har fnr {VALID}, ringte i dag",
        f"{VALID[:6]} {VALID[6:]}",
        f"{VALID[:6]}-{VALID[6:]}",
        f"({VALID})",
    ],
)
def test_it_finds_the_number_inside_free_text(text):
    assert contains_fodselsnummer(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sak 16/01234, mottatt 01.01.2016",
        f"Kontonummer 9{VALID}",  # twelve digits in a row are not a fødselsnummer
        "01018012372",
        "",
        None,
    ],
)
def test_it_leaves_other_text_alone(text):
    assert not contains_fodselsnummer(text)


def test_the_validator_refuses_with_a_norwegian_message_that_does_not_repeat_the_number():
    with pytest.raises(ValidationError) as error:
        validate_no_fodselsnummer(f"Gjelder {VALID}")
    message = error.value.messages[0]
    assert "fødselsnummer" in message and VALID not in message
    validate_no_fodselsnummer("Gjelder sak 16/01234")  # no error
