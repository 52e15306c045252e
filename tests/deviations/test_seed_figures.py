"""The demo register against seed 000: its counts exactly, and its printed changes recomputed.

Seed 000 ("Kvalitetsavvik", "Interne meldinger i Askerdialogen") prints, for 2015 and 2016, the
registered and processed deviations per category with the change "i antall" and "i prosent", and
("Læringsløyfer") 22 deviations sent to Bærum sykehus in 2015 and 34 in 2016. The demo data must
give exactly those counts; the changes are computed by the rule of docs/rules.md, not copied.
"""

import datetime

import pytest

from deviations import demo
from deviations.models import Category, Deviation, Status
from deviations.report_sections import PROCESSED, REGISTERED, by_category, hospital
from horeport import demo as core_demo
from horeport.formatting import nb_number, nb_percent
from horeport.models import ServiceUnit, SiteSettings
from horeport.periods import Period
from horeport.sections import SectionOptions
from tests.deviations.helpers import table_of

pytestmark = pytest.mark.django_db

# The source's table as printed: (category, row, 2015, 2016, change in number, change in percent).
PRINTED = [
    ("Legemiddelavvik", REGISTERED, 440, 588, 148, "25,2 %"),
    ("Legemiddelavvik", PROCESSED, 430, 546, 116, "21,2 %"),
    ("Vold og trusler", REGISTERED, 945, 1986, 1041, "52,4 %"),
    ("Vold og trusler", PROCESSED, 941, 1960, 1019, "52,0 %"),
    ("Fall", REGISTERED, 146, 481, 335, "69,6 %"),
    ("Fall", PROCESSED, 139, 469, 323, "68,9 %"),
]
# What horeport shows for the same counts, by the rule (new − old) / old.
COMPUTED = {
    ("Legemiddelavvik", REGISTERED): ("+148", "+33,6 %"),  # 148 / 440
    ("Legemiddelavvik", PROCESSED): ("+116", "+27,0 %"),  # 116 / 430
    ("Vold og trusler", REGISTERED): ("+1 041", "+110,2 %"),  # 1 041 / 945
    ("Vold og trusler", PROCESSED): ("+1 019", "+108,3 %"),  # 1 019 / 941
    ("Fall", REGISTERED): ("+335", "+229,5 %"),  # 335 / 146
    ("Fall", PROCESSED): ("+330", "+237,4 %"),  # 330 / 139; the source's 323 is a slip (469 − 139 = 330)
}


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


@pytest.fixture(scope="module")
def demo_register(django_db_setup, django_db_blocker):
    """The demo register, loaded once for this module (each test still rolls back its own changes)."""
    with django_db_blocker.unblock():
        core_demo.load()
        demo.load()
    yield
    with django_db_blocker.unblock():
        for model in (Deviation, Category, ServiceUnit, SiteSettings):
            model.objects.all().delete()  # row by row through the write path, which keeps each deletion…
            model.history.all().delete()  # …in the history: that goes too, so the next module starts empty


def test_the_demo_register_gives_the_source_counts_exactly(demo_register):
    rows = table_of(by_category(period=Period.parse("2016"), options=SectionOptions()))
    for category, row, in_2015, in_2016, _number, _percent in PRINTED:
        assert rows[f"{category} / {row}"][:2] == [nb_number(in_2015), nb_number(in_2016)], (category, row)
    assert len(rows) == 6  # the three categories of the source, nothing else in 2015–2016


def test_processed_counts_use_the_2016_cut_off_for_both_years(demo_register):
    """The source's 2015 column was counted when the 2016 report was made: closed by 31.12.2016."""
    fall_2015 = Deviation.objects.internal().filter(category__name="Fall", registered_on__year=2015)
    assert fall_2015.closed_by(datetime.date(2016, 12, 31)).count() == 139
    assert fall_2015.closed_by(datetime.date(2015, 12, 31)).count() < 139  # some were closed during 2016
    assert fall_2015.exclude(status=Status.CLOSED, closed_on__lte=datetime.date(2016, 12, 31)).count() == 7


@pytest.mark.parametrize(("category", "row", "in_2015", "in_2016", "printed_number", "printed_percent"), PRINTED)
def test_the_printed_percentages_are_relative_to_the_new_value_and_are_not_copied(
    demo_register, category, row, in_2015, in_2016, printed_number, printed_percent
):
    """The source divides the change by the NEW value (148 / 588 = 25,2 %); docs/rules.md's rule divides
    by the earlier one (148 / 440 = 33,6 %). horeport computes by the rule."""
    shown = table_of(by_category(period=Period.parse("2016"), options=SectionOptions()))[f"{category} / {row}"]
    assert [plain(text) for text in shown[2:]] == list(COMPUTED[(category, row)])
    # Why the printed figure differs: it is the printed change over the 2016 value.
    assert plain(nb_percent(printed_number / in_2016 * 100)) == printed_percent
    assert plain(shown[3]) != "+" + printed_percent
    # The change in number is computed too: for processed falls the source printed 323, but 469 − 139 = 330.
    assert plain(shown[2]) == "+" + plain(nb_number(in_2016 - in_2015))


def test_deviations_to_the_hospital_match_the_source_and_its_change(demo_register):
    section = hospital(period=Period.parse("2016"), options=SectionOptions())
    rows = {label: [plain(text) for text in cells] for label, cells in table_of(section).items()}
    assert rows == {"2015": ["22", "–", "–"], "2016": ["34", "+12", "+54,5 %"]}
    # The source: "I 2015 ble det sendt 22 avvik til Bærum sykehus, dette er en økning på 54 %."
    # 12 / 22 = 54,5 % by the rule; the source's "54 %" is that figure cut to whole percent
    # (rounded it would be 55 %), so it agrees with the rule but is not copied.
    assert plain(section.paragraphs[0]) == (
        "I 2016 sendte kommunen 34 avvik til Bærum sykehus. I 2015 ble det sendt 22; det er en økning på 54,5 %."
    )
    assert Deviation.objects.filter(to_hospital=True).exclude(counterpart="Bærum sykehus").count() == 0


def test_loading_twice_changes_nothing(demo_register):
    def state():
        return (Deviation.objects.count(), Deviation.history.count(), Category.objects.count(),
                Category.history.count(), ServiceUnit.objects.count())  # fmt: skip

    before = state()
    demo.load()
    assert state() == before


def test_the_records_are_always_the_same_ones(demo_register):
    data = demo.read_fixture("deviations.toml")
    again = demo._generate(data)
    stored = {d.reference: d for d in Deviation.objects.all()}
    assert set(again) == set(stored)
    for reference, (_item, generated) in list(again.items())[::97]:
        record = stored[reference]
        stored_values = (record.registered_on, record.closed_on, record.category_id, record.unit_id, record.description)
        generated_values = (generated.registered_on, generated.closed_on, generated.category.pk, generated.unit.pk,
                            generated.description)  # fmt: skip
        assert stored_values == generated_values


def test_the_demo_records_are_plausible_and_anonymous(demo_register):
    from horeport.validators import contains_national_id

    for deviation in Deviation.objects.all()[::50]:
        deviation.full_clean()  # every rule of the register holds
        assert not contains_national_id(deviation.description)
    closed = Deviation.objects.filter(status=Status.CLOSED)
    assert not closed.filter(measures="").exists()
    assert closed.count() > 0 and Deviation.objects.exclude(status=Status.CLOSED).exists()


def test_a_closed_demo_deviation_has_a_history_of_registration_then_closing(demo_register):
    deviation = Deviation.objects.filter(status=Status.CLOSED).first()
    kinds = list(deviation.history.order_by("history_date").values_list("history_type", "status"))
    assert kinds == [("+", Status.REGISTERED), ("~", Status.CLOSED)]
