"""Every worked example of docs/rules.md, computed through the product's own functions.

Each test computes an example from the demo's figures (fixtures/) and checks that docs/rules.md
states the same result, in the words and numbers the product shows: change a rule or a figure,
and the page must change with it.
"""

import datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from complaints.report_sections import by_type as complaints_by_type
from deviations.selectors import counts_by_category
from economy import demo_stavanger
from economy.calculations import budget_deviation, budget_use, difference, difference_percent, millions, revised_budget
from horeport import demo_stavanger as units_demo
from horeport import plausibility
from horeport.calculations import average_per_month, change, mean
from horeport.demo import read_fixture
from horeport.formatting import NBSP, nb_number, nb_percent
from horeport.models import ServiceUnit
from horeport.periods import Period
from horeport.sections import SMALL_NUMBERS_THRESHOLD, SUPPRESSED, Cell, SectionOptions
from kpi.bands import GREEN, NONE, RED, STATUS_WORDS, YELLOW, Condition, band_status, complement
from kpi.models import Band, Indicator, IndicatorUnit, Perspective, Result
from kpi.selectors import assess, department_results, malekart_build
from volumes import demo as volumes_demo
from volumes.aggregates import HOURS_TOTAL, USERS_TOTAL, Entry, summarize
from volumes.models import VOLUME_FIELD_NAMES, Service
from waitlists.calculations import effectuation_days, weighted_effectuation
from waitlists.models import HousingType
from waitlists.report_sections import current_table
from waitlists.selectors import ENTERED, WaitlistData

RULES = " ".join((Path(settings.BASE_DIR) / "docs/rules.md").read_text().split())


def documented(*fragments: str) -> None:
    """docs/rules.md says each fragment (line breaks and non-breaking spaces read as spaces)."""
    for fragment in fragments:
        text = " ".join(fragment.replace(NBSP, " ").split())
        assert text in RULES, f"docs/rules.md does not say: {text}"


def indicator_entry(code: str) -> dict:
    return next(entry for entry in read_fixture("kpi/malekart.toml")["indicators"] if entry["code"] == code)


def indicator_of(entry: dict) -> Indicator:
    return Indicator(code=entry["code"], unit=entry["unit"], decimals=entry["decimals"])


def conditions(entry: dict) -> tuple[Condition, Condition]:
    return Condition.parse(entry["band"]["green"]), Condition.parse(entry["band"]["red"])


def shown_change(old, new, **kwargs) -> list[str]:
    return [cell.text_value for cell in Cell.changes(change(old, new, **kwargs))]


@pytest.fixture(scope="module")
def seed_services() -> dict[str, Service]:
    """The services of fixtures/volumes.toml with their figures, without a database."""
    data = volumes_demo.read()
    services = {}
    for entry in data["services"]:
        service = Service(**{k: v for k, v in entry.items() if k in volumes_demo.SERVICE_FIELDS})
        service.seed_figures = []
        services[entry["slug"]] = service
    for figure in data["figures"]:
        values = {name: None if figure.get(name) is None else Decimal(figure[name]) for name in VOLUME_FIELD_NAMES}
        services[figure["service"]].seed_figures.append(Entry(Period.parse(figure["period"]), values))
    return services


def summary(service: Service, period: str):
    return summarize(service, service.seed_figures, Period.parse(period))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """`manage.py load_demo`, once for this module, rolled back when its tests are done."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


# -- band status ------------------------------------------------------------------------------


def test_band_status_s31_is_red_and_its_columns_read_as_printed_or_generated():
    entry = indicator_entry("S.3.1")
    green, red = conditions(entry)
    result = Decimal(entry["results"]["2014"])
    status = band_status(result, green, red)
    assert status == RED
    band = entry["band"]
    documented(
        f"The 2014 result, {indicator_of(entry).show(result)}, meets the red condition",
        f"shown as **{STATUS_WORDS[status]}**",
        f'"{band["green_text"]}", "{band["yellow_text"]}" and "{band["red_text"]}"',
        f'"{green.describe("%")}", "{complement(green, red)[0].describe("%")}" and "{red.describe("%")}"',
    )


def test_band_status_bho22_is_yellow_between_its_bands():
    entry = indicator_entry("B-HO.2.2")
    green, red = conditions(entry)
    result = Decimal(entry["results"]["2014"])
    assert band_status(result, green, red) == YELLOW
    documented(
        f"so yellow is {complement(green, red)[0].describe('mnd.')}",
        f"The 2014 result, {indicator_of(entry).show(result)}, is yellow: **{STATUS_WORDS[YELLOW]}**",
    )


def test_overlapping_bands_are_refused_with_the_message_shown():
    band = Band(
        indicator=Indicator(unit=IndicatorUnit.PERCENT),
        green_lower=Decimal(95),
        red_upper=Decimal(96),
        red_upper_inclusive=False,
    )
    documented(f'"{band.conditions_errors()["red_lower"]}"')


@pytest.mark.django_db
def test_band_status_uses_the_bands_valid_at_the_start_of_the_period(demo):
    indicator = Indicator.objects.get(code="B-HO.2.3")
    results = {str(r.period): r.value for r in Result.objects.filter(indicator=indicator, unit__isnull=True)}
    in_2014 = assess(indicator, Period.parse("2014"), results["2014"])
    in_2013 = assess(indicator, Period.parse("2013"), results["2013"])
    assert (in_2014.status, in_2013.status) == (GREEN, NONE)
    later_band = indicator.band_for(Period.parse("2014"))
    assert later_band.status(results["2013"]) == YELLOW  # what the 2014 bands would have said
    documented(
        f"The 2014 result, {indicator.show(results['2014'])}, is green: **{in_2014.label}**",
        f"The demo also holds the 2013 result, {indicator.show(results['2013'])}",
        f"grey, **{in_2013.label}**",
    )


@pytest.mark.django_db
def test_the_demo_malekart_for_2014_counts_as_documented(demo):
    counts = {key: count for key, _, count in malekart_build(period=Period.parse("2014")).summary}
    total = len(malekart_build(period=Period.parse("2014")).lines)
    documented(
        f"has {total} indicators: {counts[GREEN]} green, {counts[YELLOW]} yellow, {counts[RED]} red, "
        f'and {counts["new"]} marked "Ny indikator fra 2016"'
    )


# -- change between periods ----------------------------------------------------------------------


def test_the_change_is_relative_to_the_earlier_value():
    counts = next(c for c in read_fixture("deviations.toml")["categories"] if c["name"] == "Legemiddelavvik")["counts"]
    old, new = counts["2015"][0], counts["2016"][0]
    absolute, relative = shown_change(old, new)
    documented(
        f"{old} in 2015 and {new} in 2016: the change is **{absolute}**, and {new - old} / {old} gives **{relative}**",
        f"The source document printed {nb_percent(Decimal(new - old) / new * 100)}, which is {new - old} / {new}",
    )


def test_the_change_of_deviations_sent_to_the_hospital():
    counts = read_fixture("deviations.toml")["hospital"]["counts"]
    absolute, relative = shown_change(counts["2015"], counts["2016"])
    documented(f"{counts['2015']} in 2015 and {counts['2016']} in 2016: **{absolute}** and **{relative}**")


@pytest.mark.django_db
def test_a_change_from_zero_has_no_percentage(demo):
    table = current_table(Period.parse("2016-12"), housing_types=[HousingType.objects.get(name="Bolig med service")])
    before, after, absolute, relative = [cell.text_value for cell in table.rows[0].cells]
    assert relative == "–"
    documented(
        f"Bolig med service had {before} on its waitlist at 31.12.2015 and {after} at 31.12.2016: "
        f"the change is **{absolute}**, and the percentage is **{relative}**"
    )


def test_a_decrease_is_shown_with_its_sign():
    entry = indicator_entry("B-HO.2.3")
    old, new = (Decimal(entry["results"][year]) for year in ("2013", "2014"))
    absolute, relative = shown_change(old, new)
    indicator = indicator_of(entry)
    documented(
        f"went from {indicator.show(old)} (2013) to {indicator.show(new)} (2014): **{absolute}** and **{relative}**"
    )


def test_a_change_between_percentages_is_in_percentage_points():
    result_2014 = Decimal(indicator_entry("S.3.1")["results"]["2014"])
    supposed_2015 = Decimal("60.00")
    points, _ = shown_change(result_2014, supposed_2015, percentages=True)
    _, as_percent = shown_change(result_2014, supposed_2015)
    documented(f"would be **{points}**, not the {as_percent} that")


# -- average per month and per user ----------------------------------------------------------------


def test_a_year_made_of_two_half_year_averages(seed_services):
    service = seed_services["mestringshuset-psykisk-helse"]
    halves = [summary(service, "2016-H1"), summary(service, "2016-H2")]
    year = summary(service, "2016")
    first, second = (nb_number(half.value(USERS_TOTAL)) for half in halves)
    documented(
        f"{first} users (jan.–jun.) and {second} users (jul.–des.). The year is (6 × {first} + 6 × {second}) / 12",
        f"= **{nb_number(year.value(USERS_TOTAL), 1)}** users per month",
        f"{' and '.join(nb_number(h.value(HOURS_TOTAL)) for h in halves)} give "
        f"**{nb_number(year.value(HOURS_TOTAL), 1)}**",
    )


def test_missing_months_are_left_out_and_noted():
    months = [51, 49, 53, 50, 52, None]
    average = average_per_month(months, len(months))
    documented(
        f"({' + '.join(str(m) for m in months if m is not None)}) / {average.months_with_value} "
        f"= **{nb_number(average.value, 1)}** users, noted **{average.note}**"
    )


def test_hours_per_user_is_the_ratio_of_the_averages(seed_services):
    service = seed_services["mestringshuset-rus"]
    year = summary(service, "2016")
    halves = [summary(service, "2016-H1").per_user, summary(service, "2016-H2").per_user]
    documented(
        f"that is {nb_number(year.value(HOURS_TOTAL), 1)} hours and {nb_number(year.value(USERS_TOTAL), 1)} users "
        f"per month, so **{nb_number(year.per_user, 1)}** hours per user",
        f"ratios ({nb_number(halves[0], 2)} and {nb_number(halves[1], 2)}) would be {nb_number(mean(halves), 1)}",
    )
    assert nb_number(mean(halves), 1) != nb_number(year.per_user, 1)


def test_hours_per_user_for_omsorgslonn_2016(seed_services):
    year = summary(seed_services["omsorgslonn"], "2016")
    documented(
        f"= {nb_number(year.value(HOURS_TOTAL))} hours and 66 + 63 = {nb_number(year.value(USERS_TOTAL))} users",
        f"give **{nb_number(year.per_user, 1)}** hours per user",
    )


# -- effektueringstid ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_year_with_only_an_entered_figure_shows_that_figure(demo):
    housing_type = HousingType.objects.get(name="Bolig med bemanning, eldre")
    value = WaitlistData([housing_type], 2016, 2016).resolve(housing_type, Period.parse("2016"))["effectuation_days"]
    assert value.source == ENTERED
    documented(f"the year shows the figure entered for it: **{nb_number(value.value)}** days")


def test_the_effectuation_time_from_cases():
    day = datetime.date
    cases = [
        SimpleNamespace(decided_on=day(2017, 2, 1), moved_in_on=day(2017, 3, 15), closed_on=None),
        SimpleNamespace(decided_on=day(2017, 1, 10), moved_in_on=day(2017, 3, 21), closed_on=None),
    ]
    days, count = effectuation_days(cases, Period.month(2017, 3))
    each = [(case.moved_in_on - case.decided_on).days for case in cases]
    assert count == 2
    documented(f"({each[0]} days)", f"({each[1]} days)", f"({each[0]} + {each[1]}) / 2 = **{nb_number(days)}** days")


def test_months_with_entered_averages_weigh_by_their_allocations():
    months = [(Decimal(40), 2), (Decimal(100), 1)]
    documented(
        f"= **{nb_number(weighted_effectuation(months))}** days for the two months, "
        f"not the {nb_number(mean(days for days, _ in months))} that the mean of the means would give"
    )


# -- registered and processed deviations --------------------------------------------------------------


@pytest.mark.django_db
def test_processed_deviations_are_counted_at_the_cut_off(demo):
    year = Period.parse("2015")

    def fall(cutoff: str):
        counts = counts_by_category([year], cutoff=datetime.date.fromisoformat(cutoff))
        return next(item for item in counts if item.category.name == "Fall")

    at_report, at_year_end = fall("2016-12-31"), fall("2015-12-31")
    assert at_year_end.processed[year] < at_report.processed[year]
    documented(
        f"{at_report.registered[year]} deviations were registered in 2015; of those, "
        f"**{at_report.processed[year]}** were closed by 31.12.2016",
        f"31.12.2015, **{at_year_end.processed[year]}** of them had been closed",
    )


# -- rounding ------------------------------------------------------------------------------------


def test_rounding_happens_when_a_number_is_shown(seed_services):
    hours = summary(seed_services["mestringshuset-psykisk-helse"], "2016").value(HOURS_TOTAL)
    liggetid, miljo = indicator_entry("B-HO.2.3"), indicator_entry("S.3.1")
    documented(
        f"shown as **{nb_number(hours, 1)}** with one decimal, and would be **{nb_number(hours)}** as a whole number",
        f"shown as **{indicator_of(liggetid).show(Decimal(liggetid['results']['2014']))}**, "
        f"and S.3.1's as **{indicator_of(miljo).show(Decimal(miljo['results']['2014']))}**",
    )


# -- small numbers --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_small_numbers_are_hidden_with_the_cell_that_would_reveal_them(demo):
    section = complaints_by_type(
        period=Period.parse("2016"), options=SectionOptions(small_numbers=SMALL_NUMBERS_THRESHOLD)
    )
    rows = {row.header: [cell.text_value for cell in row.cells] for row in section.tables[0].rows}
    sent = {entry["case_type"]: entry for entry in read_fixture("complaints.toml")["sent"]}
    stottekontakt = sent["Støttekontakt"]
    assert rows["Avlastning"][0] == SUPPRESSED
    documented(
        f"({SMALL_NUMBERS_THRESHOLD} unless the kind says otherwise)",
        f"Avlastning's {sent['Avlastning']['antall']} complaint is shown as **{SUPPRESSED}**",
        f"Støttekontakt had {stottekontakt['antall']} complaints: {stottekontakt['stadfestet']} upheld (stadfestet) "
        f"and {stottekontakt['omgjort']} reversed (omgjort)",
        f"the row reads **{', '.join(rows['Støttekontakt'])}**",
        f"Vederlag's {sent['Vederlag']['antall']} complaints, all upheld, are shown as they are",
    )
    assert rows["Vederlag"][:2] == [str(sent["Vederlag"]["antall"])] * 2


# -- plausibility on entry --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_result_far_from_last_year_is_questioned_as_documented(demo):
    s_3_1 = Indicator.objects.get(code="S.3.1")
    last_year = Result.objects.get(indicator=s_3_1, period="2014", unit__isnull=True).value
    in_2015 = Period.parse("2015")
    questioned = plausibility.check(Decimal(90), figure=s_3_1, period=in_2015)
    assert plausibility.check(Decimal(80), figure=s_3_1, period=in_2015) is None
    documented(
        f"The 2014 result is {s_3_1.show(last_year)}",
        f'Typing 90 for 2015 is questioned: "{questioned.reason}"',
        f"Typing 80 is not: it is {nb_percent(change(last_year, 80).relative)} above.",
    )


def test_limits_replace_last_year_as_documented():
    assert plausibility.implausible(90, Decimal("54.55"), percent=50, minimum=0, maximum=100) is None
    documented(f'101 would be: "{plausibility.implausible(101, Decimal("54.55"), percent=50, minimum=0, maximum=100)}"')


def test_the_issues_example_of_plausibility():
    assert nb_percent(change(727, 1600).relative) == f"120,1{NBSP}%"
    documented(f'"{plausibility.implausible(1600, 727, percent=50)}"', "gives (1 600 − 727) / 727 = 120,1 %")


# -- economy ----------------------------------------------------------------------------------


def test_economy_seed_003s_budget_use_difference_and_deviation():
    year = demo_stavanger.YEAR
    frames = sum(area["frame"] for area in demo_stavanger.AREAS)
    adjustments = [(period, amount) for area in demo_stavanger.AREAS for period, amount, _ in area["adjustments"]]
    accounts = sum(area["accounts"] for area in demo_stavanger.AREAS)
    budget = revised_budget(frames, adjustments, up_to=year)
    deviation = budget_deviation(accounts, budget)
    green, red = Condition.parse(">= 0"), Condition.parse("< -0.75")  # Ø.2.1's bands (fixtures/kpi/malekart.toml)
    home = demo_stavanger.AREAS[0]
    documented(
        f"The original frame of {nb_number(millions(frames), 1)} mill. kr",
        f"reviews, {nb_number(millions(sum(a for _, a in adjustments)), 1)} mill. kr, give a revised budget of "
        f"**{nb_number(millions(budget), 1)}** mill. kr",
        f"accounts, {nb_number(millions(accounts), 1)} mill. kr, give a budget use of",
        f"= **{nb_number(budget_use(accounts, budget), 1)}**",
        f"a difference of **{nb_number(millions(difference(accounts, budget)), 1, signed=True)}** mill. kr "
        "(merforbruk)",
        f"and **{nb_percent(difference_percent(accounts, budget), 1, signed=True)}**",
        f"a budget deviation of **{nb_percent(deviation, 2)}**",
        f"it is **{STATUS_WORDS[band_status(deviation, green, red)]}**",
        f"spent {nb_number(millions(home['accounts']), 1)} of {nb_number(millions(home['frame']), 1)} mill. kr: "
        f"**{nb_number(budget_use(home['accounts'], home['frame']), 1)}** and "
        f"**{nb_number(millions(difference(home['accounts'], home['frame'])), 1)}** mill. kr (mindreforbruk)",
    )


# -- department figures from units ------------------------------------------------------------


@pytest.mark.django_db
def test_the_department_figure_sums_the_units_in_force_across_the_reorganisation():
    units_demo.load()
    perspective = Perspective.objects.create(code="B-HO.9", name="Mestring")
    item = Indicator.objects.create(perspective=perspective, code="B-HO.9.1", name="Hverdagsmestring",
                                    unit=IndicatorUnit.COUNT, decimals=0)  # fmt: skip
    split = {"2016": (units_demo.OLD_UNITS, [90, 95, 100, 85, 90, 100]),
             "2017": (units_demo.NEW_UNITS, [130, 150, 140, 140])}  # fmt: skip
    for year, (names, values) in split.items():
        for name, value in zip(names, values, strict=True):
            Result.objects.create(indicator=item, period=Period.parse(year), value=Decimal(value),
                                  unit=ServiceUnit.objects.get(name=name))  # fmt: skip
    totals = department_results([item], [Period.parse("2016"), Period.parse("2017")])
    old, new = totals[(item.pk, "2016")], totals[(item.pk, "2017")]
    documented(
        f"entered {', '.join(str(v) for v in split['2016'][1][:-1])} and\n{split['2016'][1][-1]}: the department's "
        f'figure is **{nb_number(old.value, 0)}**, "{old.note}"',
        f"units entered {', '.join(str(v) for v in split['2017'][1][:-1])} and {split['2017'][1][-1]}: "
        f'**{nb_number(new.value, 0)}**, "{new.note}", a change of '
        f"**{nb_number(change(old.value, new.value).absolute, 0)}**",
    )
    old_unit = ServiceUnit.objects.get(name=units_demo.OLD_UNITS[0])
    documented(f'is refused: "{old_unit.not_in_force_message(Period.parse("2017"))}"')


@pytest.mark.django_db
def test_service_volumes_sum_per_month_first_then_average():
    from volumes.models import AgeGroups, VolumeFigure

    units_demo.load()
    service = Service.objects.create(name="Tjeneste", slug="tjeneste", age_groups=AgeGroups.NONE)
    old = [ServiceUnit.objects.get(name=name) for name in units_demo.OLD_UNITS]
    new = [ServiceUnit.objects.get(name=name) for name in units_demo.NEW_UNITS]
    split = {2016: (old, [10, 11, 12, 13, 14, 15]), 2017: (new, [20, 20, 20, 20])}
    for year, (group, values) in split.items():
        for month in range(1, 13):
            for unit, value in zip(group, values, strict=True):
                VolumeFigure.objects.create(service=service, period=Period.parse(f"{year}-{month:02d}"), unit=unit,
                                            users=Decimal(value))  # fmt: skip
    figures = list(VolumeFigure.objects.filter(service=service).select_related("unit"))
    before, after = (summarize(service, figures, Period.of_year(y)) for y in (2016, 2017))
    documented(
        f"entered {', '.join(str(v) for v in split[2016][1][:-1])} and {split[2016][1][-1]} users: the department's "
        f'2016 is **{nb_number(before.value(USERS_TOTAL), 1)}** users per month, "{before.units_note}"',
        f'**{nb_number(after.value(USERS_TOTAL), 1)}**, "{after.units_note}", and the development table runs on',
    )

    ending = ServiceUnit.objects.create(name="Gammel", valid_until=datetime.date(2019, 6, 30))
    starting = ServiceUnit.objects.create(name="Ny", valid_from=datetime.date(2019, 7, 1))
    for month in range(1, 13):
        unit, value = (ending, 30) if month <= 6 else (starting, 20)
        VolumeFigure.objects.create(service=service, period=Period.parse(f"2019-{month:02d}"), unit=unit,
                                    users=Decimal(value))  # fmt: skip
    figures = list(VolumeFigure.objects.filter(service=service, period__startswith="2019").select_related("unit"))
    year = summarize(service, figures, Period.of_year(2019))
    documented(f'(6 × 30 + 6 × 20) / 12 = **{nb_number(year.value(USERS_TOTAL), 1)}** users per month, '
               f'"{year.units_note}"')  # fmt: skip
