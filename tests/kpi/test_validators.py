"""No national identity numbers in comments."""

import pytest
from django.core.exceptions import ValidationError

from kpi.validators import is_fodselsnummer, no_personal_number


def with_check_digits(first_nine: str) -> str:
    digits = [int(c) for c in first_nine]
    k1 = (11 - sum(d * w for d, w in zip(digits, (3, 7, 6, 1, 8, 9, 4, 5, 2), strict=True)) % 11) % 11
    k2 = (11 - sum(d * w for d, w in zip([*digits, k1], (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11) % 11
    return f"{first_nine}{k1}{k2}"


def a_valid_number(prefix: str) -> str:
    return next(n for n in (with_check_digits(f"{prefix}{i:02d}") for i in range(100)) if len(n) == 11)


def test_a_number_with_valid_check_digits_is_recognised_and_one_digit_off_is_not():
    number = a_valid_number("0101901")
    assert is_fodselsnummer(number)
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert not is_fodselsnummer(wrong)


def test_a_comment_holding_a_personal_number_is_refused_with_a_message():
    number = a_valid_number("1503851")
    with pytest.raises(ValidationError) as error:
        no_personal_number(f"Gjelder bruker {number[:6]} {number[6:]}")
    assert "fødselsnummer" in error.value.messages[0]


def test_ordinary_numbers_in_a_comment_are_accepted():
    no_personal_number("Tallet for 2016 er 3 084 timer; sak 145/15; tlf. 12345678901 er ikke et fødselsnummer")
