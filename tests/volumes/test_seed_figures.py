"""Seed 000's Mestringshuset, FAT, omsorgslønn and BPA tables against what the app computes.

The figures the source gives at their grain (half-year and year averages per month by age group)
are stored as they are. Every derived figure the source prints (the year average of the
half-years, users and hours in total, hours per user) is computed by the rules of docs/rules.md; this
file checks each printed figure against the computed one, and where they differ it says what
the source printed, what the rules give, and why.
"""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from horeport.formatting import nb_number, round_half_up
from horeport.periods import Period
from volumes import demo
from volumes.aggregates import HOURS_TOTAL, USERS_TOTAL, Entry, summarize
from volumes.models import VOLUME_FIELD_NAMES, Service
from volumes.tables import half_year_columns, summary_table


@pytest.fixture(scope="module")
def seed():
    """The demo data file (fixtures/volumes.toml) as services and their figures, without a database:
    the rules work on any figures. tests/volumes/test_demo.py checks that load_demo stores the same."""
    data = demo.read()
    services = {}
    for entry in data["services"]:
        service = Service(**{k: v for k, v in entry.items() if k in demo.SERVICE_FIELDS + ["slug"]})
        service.seed_figures = []
        services[entry["slug"]] = service
    for figure in data["figures"]:
        values = {name: figure.get(name) for name in VOLUME_FIELD_NAMES}
        values = {name: None if v is None else Decimal(v) for name, v in values.items()}
        services[figure["service"]].seed_figures.append(Entry(Period.parse(figure["period"]), values))
    return services


MH, RUS, FAT, OL, BPA = "mestringshuset-psykisk-helse", "mestringshuset-rus", "fat", "omsorgslonn", "bpa"


# -- the stored figures show as the source prints them ----------------------------------------------


def row_texts(table, key):
    row = next(r for r in table.rows if r.key == key)
    return [cell.text_value for cell in row.cells]


@pytest.mark.parametrize(
    ("slug", "users", "hours", "per_user"),
    [
        (MH, ["270,0", "263,0", "266,5"], ["918,0", "843,0", "880,5"], ["3,4", "3,2", "3,3"]),
        (RUS, ["129,0", "84,0", "106,5"], ["112,0", "253,0", "182,5"], ["0,9", "3,0", "1,7"]),
        (FAT, ["51,0", "67,0", "59,0"], ["291,0", "358,0", "324,5"], ["5,7", "5,3", "5,5"]),
    ],
)  # fmt: skip
def test_the_mestringshuset_and_fat_table_computes_the_year_from_the_half_years(seed, slug, users, hours, per_user):
    service = seed[slug]
    table = summary_table(service, service.seed_figures, half_year_columns(2016), title=service.name)
    assert [c.label for c in table.columns] == ["jan.–jun. 2016", "jul.–des. 2016", "Gj.snitt 2016"]
    assert [r.header for r in table.rows] == ["Antall brukere", "Timer vedtak", "Timer snitt pr. bruker"]
    assert row_texts(table, "users") == users
    assert row_texts(table, "hours") == hours
    assert row_texts(table, "per_user") == per_user


def test_the_omsorgslonn_table_shows_2012_to_2016_by_age_group(seed):
    service = seed["omsorgslonn"]
    columns = [(Period.of_year(y), str(y)) for y in range(2016, 2011, -1)]  # newest first, as the source
    table = summary_table(service, service.seed_figures, columns, title="Omsorgslønn")
    assert [(r.header, r.level, r.kind) for r in table.rows] == [
        ("Antall brukere ≤ 18 år", 0, "data"),
        ("Antall brukere > 18 år", 0, "data"),
        ("herav antall brukere > 60 år", 1, "data"),
        ("Brukere totalt", 0, "total"),
        ("Antall timer ≤ 18 år", 0, "data"),
        ("Antall timer > 18 år", 0, "data"),
        ("herav timer > 60 år", 1, "data"),
        ("Timer totalt", 0, "total"),
        ("Timer snitt pr. bruker", 0, "data"),
    ]
    assert row_texts(table, "users_under_18") == ["66,0", "62,0", "62,0", "59,0", "79,0"]
    assert row_texts(table, "users_over_18") == ["63,0", "66,0", "71,1", "92,1", "83,7"]
    assert row_texts(table, "users_over_60") == ["12,0", "16,0", "19,7", "22,9", "–"]  # blank in the source
    assert row_texts(table, "hours_under_18") == ["3\xa0084,0", "2\xa0796,0", "2\xa0774,0", "2\xa0682,0", "3\xa0581,0"]
    assert row_texts(table, "hours_over_18") == ["3\xa0370,0", "3\xa0700,0", "3\xa0965,0", "5\xa0101,0", "4\xa0515,0"]
    assert row_texts(table, "hours_over_60") == ["686,0", "992,0", "1\xa0109,0", "1\xa0319,0", "–"]  # "-" in the source


def test_the_bpa_table_shows_2013_to_2016_by_age_group(seed):
    service = seed["bpa"]
    columns = [(Period.of_year(y), str(y)) for y in range(2016, 2012, -1)]
    table = summary_table(service, service.seed_figures, columns, title="BPA")
    assert row_texts(table, "users_under_18") == ["6,0", "6,0", "6,0", "4,0"]
    assert row_texts(table, "users_over_18") == ["45,0", "44,0", "41,0", "43,0"]
    assert row_texts(table, "users_over_60") == ["11,0", "9,0", "8,0", "16,0"]
    assert row_texts(table, "hours_under_18") == ["1\xa0484,0", "1\xa0210,0", "1\xa0237,0", "1\xa0081,0"]
    assert row_texts(table, "hours_over_18") == ["9\xa0796,0", "8\xa0389,0", "8\xa0021,0", "8\xa0252,0"]
    assert row_texts(table, "hours_over_60") == ["1\xa0551,0", "1\xa0123,0", "941,0", "1\xa0022,0"]


# -- every derived figure the source prints, against the rules ----------------------------------------

# Why a printed figure differs from the computed one.
HALVES_ROUNDED = (
    "the source's half-year averages are printed as whole numbers; its year figure was worked out from "
    "figures we do not have (unrounded months) or rounded down. By the rule, the year is the month-weighted "
    "mean of the two stored half-years: exactly x,5, shown with one decimal"
)
PARTS_DO_NOT_ADD_UP = (
    "a total is ≤ 18 år + > 18 år (docs/rules.md: totals are never stored); the source's printed parts do not "
    "add up to its printed total, which was summed from unrounded figures we do not have"
)
NOT_RATIO_OF_AVERAGES = (
    "hours per user is total hours / total users over the same months (the ratio of the averages); the "
    "source's figure is not that ratio even of its own printed totals, so it was most likely the mean of "
    "monthly ratios, which docs/rules.md rejects"
)


@dataclass(frozen=True)
class Printed:
    slug: str
    period: str
    key: str  # a volume field, USERS_TOTAL, HOURS_TOTAL or "per_user"
    printed: str  # as the source prints it
    computed: str = ""  # where it differs: what the rules give (one decimal)
    why: str = ""

    @property
    def decimals(self) -> int:
        return len(self.printed.split(",")[1]) if "," in self.printed else 0


PRINTED = [
    # Mestringshuset psykisk helse: "Gj.snitt 2016" and "timer pr bruker".
    Printed(MH, "2016", USERS_TOTAL, "266", "266,5", HALVES_ROUNDED + ": (270 + 263) / 2"),
    Printed(MH, "2016", HOURS_TOTAL, "881"),  # (918 + 843) / 2 = 880,5, printed rounded up
    Printed(MH, "2016-H1", "per_user", "3,4"),
    Printed(MH, "2016-H2", "per_user", "3,2"),
    Printed(MH, "2016", "per_user", "3,3"),
    # Mestringshuset rus.
    Printed(RUS, "2016", USERS_TOTAL, "106", "106,5", HALVES_ROUNDED + ": (129 + 84) / 2"),
    Printed(RUS, "2016", HOURS_TOTAL, "183"),  # (112 + 253) / 2 = 182,5
    Printed(RUS, "2016-H1", "per_user", "0,9"),
    Printed(RUS, "2016-H2", "per_user", "3,0"),
    Printed(RUS, "2016", "per_user", "1,7"),
    # FAT.
    Printed(FAT, "2016", USERS_TOTAL, "59"),
    Printed(FAT, "2016", HOURS_TOTAL, "324", "324,5", HALVES_ROUNDED + ": (291 + 358) / 2"),
    Printed(FAT, "2016-H1", "per_user", "5,7"),
    Printed(FAT, "2016-H2", "per_user", "5,3"),
    Printed(FAT, "2016", "per_user", "5,5"),
    # Omsorgslønn: "Brukere totalt", "Timer totalt", "Timer snitt pr. bruker".
    Printed(OL, "2016", USERS_TOTAL, "129"),
    Printed(OL, "2015", USERS_TOTAL, "128"),
    Printed(OL, "2014", USERS_TOTAL, "133"),  # 62 + 71,1 = 133,1
    Printed(OL, "2013", USERS_TOTAL, "152", "151,1", PARTS_DO_NOT_ADD_UP + ": 59 + 92,1 = 151,1"),
    Printed(OL, "2012", USERS_TOTAL, "163"),  # 79 + 83,7 = 162,7
    Printed(OL, "2016", HOURS_TOTAL, "6455", "6\xa0454,0", PARTS_DO_NOT_ADD_UP + ": 3 084 + 3 370 = 6 454"),
    Printed(OL, "2015", HOURS_TOTAL, "6496"),
    Printed(OL, "2014", HOURS_TOTAL, "6739"),
    Printed(OL, "2013", HOURS_TOTAL, "7783"),
    Printed(OL, "2012", HOURS_TOTAL, "8097", "8\xa0096,0", PARTS_DO_NOT_ADD_UP + ": 3 581 + 4 515 = 8 096"),
    Printed(OL, "2016", "per_user", "50,3", "50,0", NOT_RATIO_OF_AVERAGES + ": 6 454 / 129 = 50,03"),
    Printed(OL, "2015", "per_user", "50,8"),  # 6 496 / 128 = 50,75
    Printed(OL, "2014", "per_user", "50,8", "50,6", NOT_RATIO_OF_AVERAGES + ": 6 739 / 133,1 = 50,63"),
    Printed(OL, "2013", "per_user", "51,2", "51,5", NOT_RATIO_OF_AVERAGES + ": 7 783 / 151,1 = 51,51"),
    Printed(OL, "2012", "per_user", "49,7", "49,8", NOT_RATIO_OF_AVERAGES + ": 8 096 / 162,7 = 49,76"),
    # BPA: "Antall totalt", "Timer totalt", "Snitt pr. bruker".
    Printed(BPA, "2016", USERS_TOTAL, "51"),
    Printed(BPA, "2015", USERS_TOTAL, "49", "50,0", PARTS_DO_NOT_ADD_UP + ": 6 + 44 = 50"),
    Printed(BPA, "2014", USERS_TOTAL, "47"),
    Printed(BPA, "2013", USERS_TOTAL, "47"),
    Printed(BPA, "2016", HOURS_TOTAL, "11280"),
    Printed(BPA, "2015", HOURS_TOTAL, "9598", "9\xa0599,0", PARTS_DO_NOT_ADD_UP + ": 1 210 + 8 389 = 9 599"),
    Printed(BPA, "2014", HOURS_TOTAL, "9257", "9\xa0258,0", PARTS_DO_NOT_ADD_UP + ": 1 237 + 8 021 = 9 258"),
    Printed(BPA, "2013", HOURS_TOTAL, "9333"),
    Printed(BPA, "2016", "per_user", "219", "221,2",
            NOT_RATIO_OF_AVERAGES + ": 11 280 / 51 = 221,18 (the source's own totals give 221 too)"),
    Printed(BPA, "2015", "per_user", "195", "192,0", NOT_RATIO_OF_AVERAGES + ": 9 599 / 50 = 191,98"),
    Printed(BPA, "2014", "per_user", "196", "197,0", NOT_RATIO_OF_AVERAGES + ": 9 258 / 47 = 196,98"),
    Printed(BPA, "2013", "per_user", "197", "198,6",
            NOT_RATIO_OF_AVERAGES + ": 9 333 / 47 = 198,57 (the source's own totals give 199 too)"),
]  # fmt: skip


def computed_value(seed, printed: Printed) -> Decimal:
    service = seed[printed.slug]
    summary = summarize(service, service.seed_figures, Period.parse(printed.period))
    return summary.per_user if printed.key == "per_user" else summary.value(printed.key)


@pytest.mark.parametrize(
    "printed", PRINTED, ids=[f"{p.slug}-{p.period}-{p.key}-{'differs' if p.why else 'agrees'}" for p in PRINTED]
)
def test_each_derived_figure_the_source_prints_is_computed_by_the_rules(seed, printed):
    value = computed_value(seed, printed)
    printed_value = Decimal(printed.printed.replace(",", "."))
    agrees = round_half_up(value, printed.decimals) == printed_value
    if printed.why:
        # The source printed `printed`; the rules give `computed`, for the reason in `why`.
        assert not agrees, f"{printed} now agrees with the source: remove its explanation"
        assert nb_number(value, 1) == printed.computed
    else:
        assert agrees, f"the source printed {printed.printed}, the rules give {nb_number(value, 2)}"


def test_every_printed_derived_figure_of_the_seed_is_checked():
    # Mestringshuset psykisk helse, rus and FAT: 5 each; omsorgslønn: 3 rows × 5 years; BPA: 3 rows × 4 years.
    assert len(PRINTED) == 3 * 5 + 3 * 5 + 3 * 4
    assert sum(1 for p in PRINTED if p.why) == 17
