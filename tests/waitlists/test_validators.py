"""Free text must not hold a fødselsnummer."""

import pytest

from waitlists.validators import NATIONAL_ID_MESSAGE, contains_national_id, is_national_id

# 010170 123 + check digits worked by hand with the weights of the fødselsnummer:
#   k1: 3·0+7·1+6·0+1·1+8·7+9·0+4·1+5·2+2·3 = 84, 84 mod 11 = 7, k1 = 11 − 7 = 4
#   k2: 5·0+4·1+3·0+2·1+7·7+6·0+5·1+4·2+3·3+2·4 = 85, 85 mod 11 = 8, k2 = 11 − 8 = 3
VALID = "01017012343"


def test_eleven_digits_with_the_right_check_digits_are_a_national_id():
    assert is_national_id(VALID)


@pytest.mark.parametrize("number", ["01017012344", "01017012353", "0101701234", "010170123430"])
def test_a_wrong_check_digit_or_length_is_not(number):
    assert not is_national_id(number)


@pytest.mark.parametrize("text", [f"Sak {VALID}", "010170 12343", "010170-12343", f"ref:{VALID}."])
def test_it_is_found_inside_text_alone_or_grouped(text):
    assert contains_national_id(text)


@pytest.mark.parametrize("text", ["2016/12345", "Saksnr. 16/04412-3", "", "Bytte bolig 14", "12345678901234"])
def test_case_numbers_and_other_numbers_pass(text):
    assert not contains_national_id(text)


def test_the_message_says_what_to_use_instead():
    assert "fødselsnummer" in NATIONAL_ID_MESSAGE and "saksnummer" in NATIONAL_ID_MESSAGE
