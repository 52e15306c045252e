"""The fødselsnummer check: 11 digits with a birth date and both check digits right."""

import pytest

from deviations.personal_data import is_national_id_number, national_id_numbers_in

# Valid numbers (their check digits worked out by hand with the weights 3 7 6 1 8 9 4 5 2 and
# 5 4 3 2 7 6 5 4 3 2, modulus 11); none of them is known to belong to anyone.
VALID = [
    "15038512363",  # 15.03.1985
    "31129945616",  # 31.12.1999
    "29020012380",  # 29.02.2000, a leap day
    "01010199952",  # 01.01.2001
]
D_NUMBER = "45107012331"  # 05.10.1970 with 40 added to the day
H_NUMBER = "15438512346"  # 15.03.1985 with 40 added to the month


@pytest.mark.parametrize("number", VALID)
def test_it_recognises_a_valid_fodselsnummer(number):
    assert is_national_id_number(number)


def test_it_recognises_d_and_h_numbers_as_identity_numbers_too():
    assert is_national_id_number(D_NUMBER)
    assert is_national_id_number(H_NUMBER)


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("15038512364", "the second check digit is wrong"),
        ("15038512373", "the first check digit is wrong"),
        ("32038512489", "the check digits are right but there is no 32nd day"),
        ("29020112482", "the check digits are right but 2001 (and 1901) had no 29 February"),
        ("15838512329", "a synthetic test number (80 added to the month) is no person"),
        ("00000000000", "the check digits of zeros are zero, but there is no day 0"),
        ("1503851236", "ten digits"),
        ("150385123633", "twelve digits"),
        ("1503851236a", "not only digits"),
    ],
)
def test_it_refuses_what_is_not_an_identity_number(number, why):
    assert not is_national_id_number(number), why


@pytest.mark.parametrize(
    "text",
    [
        "Gjelder bruker 15038512363, falt på badet.",
        "Fnr 150385 12363 oppgitt i meldingen.",
        "Fnr 150385.12363 oppgitt i meldingen.",
        "Fnr 150385-12363.",
        "15038512363",
        "D-nummer 45107012331.",
    ],
)
def test_it_finds_a_number_written_in_free_text(text):
    assert national_id_numbers_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bruker falt på badet 15.03.2016 kl. 12.",
        "Saksnummer AVV-2016-00123, telefon 67 50 30 00.",
        "Kontonummer 1503 85 12363.",  # split elsewhere than after the date
        "Referanse 915038512363.",  # part of a longer number
        "Beløp 15038512364 kroner.",  # eleven digits that fail the check
        "",
        None,
    ],
)
def test_it_leaves_other_numbers_alone(text):
    assert national_id_numbers_in(text) == []
