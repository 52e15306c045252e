"""The county governor's dated name: Fylkesmannen until 2020, Statsforvalteren from 1 January 2021."""

import datetime

from complaints.authority import authority_name, authority_name_for, authority_names_text
from horeport.periods import Period


def test_the_name_changes_on_the_first_of_january_2021():
    assert authority_name(datetime.date(2020, 12, 31)) == "Fylkesmannen"
    assert authority_name(datetime.date(2021, 1, 1)) == "Statsforvalteren"


def test_a_period_shows_the_name_that_applied_in_it():
    assert authority_name_for(Period.parse("2016")) == "Fylkesmannen"
    assert authority_name_for(Period.parse("2020-12")) == "Fylkesmannen"
    assert authority_name_for(Period.parse("2021-Q1")) == "Statsforvalteren"
    assert authority_name_for(Period.parse("2022")) == "Statsforvalteren"


def test_help_texts_name_both():
    assert authority_names_text() == "Fylkesmannen til og med 2020, Statsforvalteren fra 2021"
