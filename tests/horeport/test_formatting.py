import datetime
from decimal import Decimal

import pytest

from horeport.formatting import nb_date, nb_datetime, nb_number, nb_percent, nb_points, parse_number

NBSP = "\u00a0"


def test_it_groups_thousands_with_a_non_breaking_space():
    assert nb_number(3084) == f"3{NBSP}084"
    assert nb_number(1234567) == f"1{NBSP}234{NBSP}567"


def test_it_uses_a_decimal_comma_and_rounds_half_up():
    assert nb_number(Decimal("25.25"), 1) == "25,3"
    assert nb_number(Decimal("2.045"), 2) == "2,05"
    assert nb_number(0.125, 2) == "0,13"  # the float's shortest repr, not its binary value
    assert nb_number(Decimal("-0.04"), 1) == "0,0"


def test_it_shows_a_dash_for_no_value():
    assert nb_number(None) == "–"
    assert nb_percent(None) == "–"


def test_it_formats_percentages_and_points():
    assert nb_percent(Decimal("25.227")) == f"25,2{NBSP}%"
    assert nb_percent(Decimal("-0.70"), 2) == f"-0,70{NBSP}%"
    assert nb_points(Decimal("3.4")) == f"+3,4{NBSP}prosentpoeng"


def test_it_formats_dates_the_norwegian_way():
    import datetime

    assert nb_date(datetime.date(2016, 12, 31)) == "31.12.2016"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2,04", "2.04"), ("2.04", "2.04"), ("3 084", "3084"), (f"3{NBSP}084", "3084"), ("54,55 %", "54.55"),
     ("-0,70", "-0.70"), ("\u22120,7", "-0.7")],
)  # fmt: skip
def test_it_parses_numbers_as_people_type_them(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1.2.3", "nan", "inf"])
def test_it_refuses_text_that_is_not_a_number(text):
    with pytest.raises(ValueError, match="ikke et tall"):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e5", "«1e5» er skrevet med eksponent. Skriv hele tallet, for eksempel 100 000."),
        ("1E400", "«1E400» er skrevet med eksponent. Skriv hele tallet, for eksempel 100 000."),
        ("2,5e-3", "«2,5e-3» er skrevet med eksponent. Skriv hele tallet, for eksempel 100 000."),
        ("1" * 28, f"«{'1' * 28}» har for mange sifre. Et tall kan ha høyst 20 sifre."),
        ("0," + "0" * 30 + "1", f"«0,{'0' * 30}1» har for mange sifre. Et tall kan ha høyst 20 sifre."),
        ("1_000", "«1_000» er ikke et tall. Bruk desimalkomma, for eksempel 2,04."),
        ("\u0661\u0662", "«\u0661\u0662» er ikke et tall. Bruk desimalkomma, for eksempel 2,04."),
        ("9" * 100, f"«{'9' * 40}…» har for mange sifre. Et tall kan ha høyst 20 sifre."),
    ],
    ids=["exponent", "huge exponent", "negative exponent", "28 digits", "31 decimals", "underscore",
         "arabic digits", "long text cut in the message"],
)  # fmt: skip
def test_it_refuses_exponents_absurd_lengths_and_other_spellings(text, message):
    with pytest.raises(ValueError) as raised:
        parse_number(text)
    assert str(raised.value) == message


def test_a_moment_is_written_as_the_clock_in_norway_showed_it():
    assert nb_datetime(datetime.datetime(2016, 12, 31, 13, 5, tzinfo=datetime.UTC)) == "31.12.2016 kl. 14:05"
    assert nb_datetime(datetime.datetime(2016, 6, 30, 13, 5, tzinfo=datetime.UTC)) == "30.06.2016 kl. 15:05"
    assert nb_datetime(None) == "–"
