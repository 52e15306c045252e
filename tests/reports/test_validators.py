"""No personal data: free text holding a valid fødselsnummer is refused."""

import pytest
from django.core.exceptions import ValidationError

from reports.validators import is_national_id, validate_no_national_id


def test_it_recognises_a_fodselsnummer_by_its_check_digits():
    assert is_national_id("15076500565")
    assert not is_national_id("15076500566")  # a wrong second check digit
    assert not is_national_id("1507650056")


@pytest.mark.parametrize("text", ["Bruker 15076500565 ble flyttet.", "fnr. 150765 00565", "(15076500565)"])
def test_text_with_a_fodselsnummer_is_refused(text):
    with pytest.raises(ValidationError, match="fødselsnummer"):
        validate_no_national_id(text)


@pytest.mark.parametrize("text", ["Sak 2016/01019012345", "Telefon 67 80 45 00", "Beløp 150765005650 kr", ""])
def test_other_numbers_pass(text):
    validate_no_national_id(text)
