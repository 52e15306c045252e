"""Statistics and report sections: which date places a complaint in a period, outcomes, pending,
totals, dated names, small numbers, open complaints."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.report_sections import by_type, open_cases, received_table, sent_table
from complaints.selectors import open_complaints
from horeport.periods import Period
from horeport.sections import SECTION_REGISTRY, SUPPRESSED, SectionOptions, sections_autodiscover
from tests.complaints.helpers import day, make_case_type, make_complaint

pytestmark = pytest.mark.django_db


def values(table):
    return {row.header: [cell.value for cell in row.cells] for row in table.rows}


def texts(table):
    return {row.header: [cell.text_value for cell in row.cells] for row in table.rows}


def test_a_complaint_counts_in_the_period_it_was_sent_not_the_one_it_was_received(vederlag):
    # Received in December 2015, sent to Fylkesmannen in January 2016: the seed's table ("Klager som
    # er sendt til Fylkesmannen", 2016) counts it in 2016. The received table counts it in 2015, as
    # still with the municipality on 31.12.2015.
    make_complaint("15/00900", vederlag, "2015-12-14", sent="2016-01-11")
    assert values(sent_table(period=Period.parse("2016")))["Vederlag"][0] == 1
    assert values(sent_table(period=Period.parse("2015")))["Vederlag"][0] == 0
    # Mottatt, Omgjort av kommunen, Sendt til Fylkesmannen, Under behandling i kommunen
    assert values(received_table(period=Period.parse("2015")))["Vederlag"] == [1, 0, 0, 1]
    assert values(received_table(period=Period.parse("2015"), cutoff=day("2016-02-01")))["Vederlag"] == [1, 0, 1, 0]
    assert values(received_table(period=Period.parse("2016")))["Vederlag"] == [0, 0, 0, 0]


def test_outcomes_are_counted_as_registered_by_the_periods_end_and_the_rest_is_pending(vederlag):
    make_complaint("16/1", vederlag, "2016-02-01", sent="2016-02-20", decision="stadfestet", decided="2016-05-01")
    make_complaint("16/2", vederlag, "2016-03-01", sent="2016-03-20", decision="omgjort", decided="2016-12-31")
    make_complaint("16/3", vederlag, "2016-10-01", sent="2016-11-20", decision="omgjort", decided="2017-01-15")
    make_complaint("16/4", vederlag, "2016-11-01", sent="2016-12-01")
    table = sent_table(period=Period.parse("2016"))
    # Antall, Stadfestet, Delvis omgjort, Omgjort, Ikke avgjort
    assert values(table)["Vederlag"] == [4, 1, 0, 1, 2]
    later = sent_table(period=Period.parse("2016"), cutoff=day("2017-02-01"))
    assert values(later)["Vederlag"] == [4, 1, 0, 2, 1]
    assert "registrert per 01.02.2017" in later.notes[0]


def test_each_row_adds_up_and_the_totals_row_adds_the_rows(vederlag, omsorgslonn):
    make_complaint("16/1", vederlag, "2016-02-01", sent="2016-02-20", decision="stadfestet", decided="2016-05-01")
    make_complaint("16/2", omsorgslonn, "2016-03-01", sent="2016-03-20", decision="delvis_omgjort",
                   decided="2016-06-01")  # fmt: skip
    make_complaint("16/3", omsorgslonn, "2016-04-01", sent="2016-04-20")
    table = sent_table(period=Period.parse("2016"))
    rows = values(table)
    for header, cells in rows.items():
        assert cells[0] == sum(cells[1:]), header
    assert rows["Totalt"] == [sum(cells[i] for h, cells in rows.items() if h != "Totalt") for i in range(5)]
    assert table.rows[-1].kind == "total" and table.columns[0].is_total and table.register_counts


def test_the_other_decisions_get_a_column_only_where_they_occur(vederlag):
    make_complaint("16/1", vederlag, "2016-02-01", sent="2016-02-20", decision="avvist", decided="2016-05-01")
    table = sent_table(period=Period.parse("2016"))
    assert [c.label for c in table.columns] == ["Antall", "Stadfestet", "Delvis omgjort", "Omgjort", "Avvist",
                                                "Ikke avgjort"]  # fmt: skip
    assert values(table)["Vederlag"] == [1, 0, 0, 0, 1, 0]


def test_every_active_case_type_has_a_row_and_an_inactive_one_only_with_complaints(vederlag):
    make_case_type("Praktisk bistand", 30)
    retired = make_case_type("Trygghetsalarm", 40, active=False)
    make_case_type("Dagtilbud", 50, active=False)
    make_complaint("16/1", retired, "2016-02-01", sent="2016-02-20")
    assert list(values(sent_table(period=Period.parse("2016")))) == [
        "Praktisk bistand", "Trygghetsalarm", "Vederlag", "Totalt"
    ]  # fmt: skip


def test_a_2016_report_says_fylkesmannen_and_omsorgslonn_a_2022_report_statsforvalteren_and_omsorgsstonad(
    omsorgslonn,
):
    make_complaint("16/1", omsorgslonn, "2016-02-01", sent="2016-02-20")
    make_complaint("22/1", omsorgslonn, "2022-02-01", sent="2022-02-20")
    old, new = sent_table(period=Period.parse("2016")), sent_table(period=Period.parse("2022"))
    assert old.title == "Klager som er sendt til Fylkesmannen" and "Omsorgslønn" in values(old)
    assert new.title == "Klager som er sendt til Statsforvalteren" and "Omsorgsstønad" in values(new)
    assert "sendt til Fylkesmannen" in old.notes[0] and "sendt til Statsforvalteren" in new.notes[0]


@pytest.mark.parametrize(("period", "count"), [("2016-H1", 1), ("2016-T2", 2), ("2016-Q2", 1), ("2016-06", 1),
                                               ("2016-Q3", 1), ("2016-H2", 1), ("2016-07", 0)])  # fmt: skip
def test_any_period_kind_counts_the_complaints_sent_in_it(vederlag, period, count):
    make_complaint("16/1", vederlag, "2016-06-01", sent="2016-06-20")
    make_complaint("16/2", vederlag, "2016-08-01", sent="2016-08-20")
    assert values(sent_table(period=Period.parse(period)))["Totalt"][0] == count


def test_the_section_has_the_seed_table_and_a_sentence(vederlag):
    make_complaint("16/1", vederlag, "2016-02-01", sent="2016-02-20", decision="stadfestet", decided="2016-05-01")
    make_complaint("16/2", vederlag, "2016-11-01", sent="2016-12-01")
    section = by_type(period=Period.parse("2016"), options=SectionOptions())
    assert section.key == "complaints.by_type" and not section.is_empty
    assert section.paragraphs == [
        "I 2016 ble 2 klager sendt til Fylkesmannen. Per 31.12.2016 var 1 avgjort og 1 ikke avgjort."
    ]
    assert values(section.tables[0])["Vederlag"] == [2, 1, 0, 0, 1]


def test_the_section_is_honestly_empty_without_complaints(vederlag):
    section = by_type(period=Period.parse("2015"), options=SectionOptions())
    assert section.is_empty and section.tables == []
    assert section.notes == ["Ingen klager ble sendt til Fylkesmannen i 2015."]


def test_small_numbers_are_hidden_with_the_totals_still_shown(vederlag, omsorgslonn):
    for n in range(5):
        make_complaint(f"16/v{n}", vederlag, "2016-02-01", sent="2016-02-20", decision="stadfestet",
                       decided="2016-05-01")  # fmt: skip
    make_complaint("16/o1", omsorgslonn, "2016-02-01", sent="2016-02-20", decision="omgjort", decided="2016-05-01")
    section = by_type(period=Period.parse("2016"), options=SectionOptions(small_numbers=3))
    shown = texts(section.tables[0])
    # Antall, Stadfestet, Delvis omgjort, Omgjort, Ikke avgjort: the 1s are hidden.
    assert shown["Omsorgslønn"][0] == SUPPRESSED and shown["Omsorgslønn"][3] == SUPPRESSED
    # Vederlag's 5 is hidden too: with the total 6 shown, it would give Omsorgslønn's 1 away.
    assert shown["Vederlag"][0] == SUPPRESSED and shown["Totalt"][0] == "6"
    assert shown["Totalt"][3] == SUPPRESSED  # a total of 1 is a small number too
    assert section.paragraphs == []  # a sentence would give the hidden numbers away
    assert section.small_numbers == 3 and "Tall under 3 er skjult" in section.tables[0].notes[-1]


def test_both_sections_are_registered_under_the_agreed_keys():
    registry = sections_autodiscover()
    assert registry["complaints.by_type"].function is by_type
    assert registry["complaints.open"].function is open_cases
    assert set(SECTION_REGISTRY) >= {"complaints.by_type", "complaints.open"}


def test_open_complaints_are_those_neither_reversed_nor_decided_by_the_day(vederlag, omsorgslonn):
    make_complaint("16/1", vederlag, "2016-02-01")  # with the municipality
    make_complaint("16/2", vederlag, "2016-03-01", sent="2016-03-20")  # with Fylkesmannen
    make_complaint("16/3", vederlag, "2016-03-01", reversed_="2016-03-10")  # closed
    make_complaint("16/4", omsorgslonn, "2016-10-01", sent="2016-10-20", decision="omgjort", decided="2017-01-05")
    make_complaint("16/5", omsorgslonn, "2016-05-01", sent="2016-05-20", decision="omgjort", decided="2016-09-05")
    make_complaint("17/1", vederlag, "2017-01-02")  # not yet received on 31.12.2016
    found = open_complaints(on=day("2016-12-31"))
    assert found.total == 3
    section = open_cases(period=Period.parse("2016"), options=SectionOptions())
    by_type, by_age = section.tables
    assert by_type.title == "Åpne klagesaker per 31.12.2016"
    assert [c.label for c in by_type.columns] == ["I kommunen", "Hos Fylkesmannen", "Totalt"]
    assert values(by_type) == {"Omsorgslønn": [0, 1, 1], "Vederlag": [1, 1, 2], "Totalt": [1, 2, 3]}
    # 91 days (01.10–31.12) is in the second band; 10 and 11 months in the third.
    assert values(by_age) == {"0–90 dager": [0, 0, 0], "91–180 dager": [0, 1, 1], "181–365 dager": [1, 1, 2],
                              "Over 365 dager": [0, 0, 0], "Totalt": [1, 2, 3]}  # fmt: skip
    assert section.paragraphs == ["Per 31.12.2016 var 3 klagesaker ikke avgjort."]


def test_the_open_section_at_another_day_and_when_nothing_is_open(vederlag):
    make_complaint("16/1", vederlag, "2016-02-01", sent="2016-02-20", decision="omgjort", decided="2016-04-01")
    march = open_cases(period=Period.parse("2016-03"), options=SectionOptions())
    assert values(march.tables[0])["Vederlag"] == [0, 1, 1]
    april = open_cases(period=Period.parse("2016-04"), options=SectionOptions())
    assert april.is_empty and april.notes == ["Ingen klagesaker var åpne per 30.04.2016."]
    later = open_cases(period=Period.parse("2016-03"), options=SectionOptions(cutoff=day("2016-04-30")))
    assert later.is_empty


def test_the_open_section_says_statsforvalteren_from_2021(vederlag):
    make_complaint("21/1", vederlag, "2021-02-01", sent="2021-02-20")
    section = open_cases(period=Period.parse("2021"), options=SectionOptions())
    assert section.tables[0].columns[1].label == "Hos Statsforvalteren"


# -- the page --------------------------------------------------------------------------------


def test_the_statistics_page_explains_the_date_and_shows_the_counts(leder_client, vederlag):
    make_complaint("15/1", vederlag, "2015-12-14", sent="2016-01-11", decision="stadfestet", decided="2016-03-01")
    make_complaint("16/2", vederlag, "2016-11-01", sent="2016-12-01")
    html = leder_client.get(reverse("complaints:statistics"), {"periode": "2016"}).content.decode()
    assert "En klage telles i perioden den ble <strong>sendt til Fylkesmannen</strong>" in html
    assert ">Klager som er sendt til Fylkesmannen</caption>" in html
    row = html.split('data-row="casetype-', 1)[1].split("</tr>", 1)[0]
    assert '<th scope="row">Vederlag</th>' in row
    assert [cell.split("</td>")[0] for cell in row.split('<td class="num">')[1:]] == ["2", "1", "0", "0", "1"]


def test_the_statistics_page_opens_at_the_latest_year_with_complaints_sent(leder_client, vederlag):
    make_complaint("16/1", vederlag, "2016-02-01", sent="2016-02-20")
    response = leder_client.get(reverse("complaints:statistics"))
    assert response.context["period"] == Period.parse("2016")


def test_a_period_that_does_not_exist_gets_a_message_and_the_default_period(leder_client, vederlag):
    make_complaint("16/1", vederlag, "2016-02-01", sent="2016-02-20")
    response = leder_client.get(reverse("complaints:statistics"), {"periode": "2016-Q7"})
    assert response.status_code == 200 and response.context["period"] == Period.parse("2016")
    assert "Velg et gyldig valg" in " ".join(response.context["form"].errors["periode"])
    html = response.content.decode()
    assert 'id="id_periode_error"' in html and '<option value="2016" selected>' in html  # the period shown


def test_a_cut_off_before_the_period_is_refused_next_to_its_field(leder_client, vederlag):
    response = leder_client.get(reverse("complaints:statistics"), {"periode": "2016", "per": "2015-12-31"})
    assert response.context["form"].errors["per"] == ["Datoen kan ikke være før periodens start."]
    assert response.context["cutoff"] == Period.parse("2016").end


def test_the_page_hides_small_numbers_on_request(leder_client, vederlag):
    make_complaint("16/1", vederlag, "2016-02-01", sent="2016-02-20")
    response = leder_client.get(reverse("complaints:statistics"), {"periode": "2016", "skjul_smaa_tall": "on"})
    assert texts(response.context["sent"])["Vederlag"][0] == SUPPRESSED


def test_the_statistics_query_count_does_not_grow_with_the_complaints(
    leder_client, django_assert_max_num_queries, vederlag, omsorgslonn
):
    def add(count, start):
        for n in range(start, start + count):
            make_complaint(f"16/{n:05d}", (vederlag, omsorgslonn)[n % 2], "2016-02-01", sent="2016-02-10",
                           decision="omgjort" if n % 3 else "", decided="2016-03-01" if n % 3 else None)  # fmt: skip

    add(2, 0)
    with CaptureQueriesContext(connection) as few:
        leder_client.get(reverse("complaints:statistics"), {"periode": "2016"})
    add(40, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = leder_client.get(reverse("complaints:statistics"), {"periode": "2016"})
    assert values(response.context["sent"])["Totalt"][0] == 42
