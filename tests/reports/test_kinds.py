"""Report kinds: the four defaults, their periods, and the administrators' set-up screens."""

import datetime

import pytest
from django.urls import reverse

from horeport.periods import Period
from reports.defaults import DEFAULT_KINDS, report_kinds_ensure
from reports.models import ReportKind, ReportKindSection
from tests.reports.helpers import use_sections

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2017, 2, 15)


def keys(kind):
    return list(kind.sections.order_by("order").values_list("key", flat=True))


def test_the_four_report_kinds_exist_after_migrate_with_the_agreed_section_keys():
    kinds = {kind.slug: kind for kind in ReportKind.objects.all()}
    assert [k.name for k in ReportKind.objects.all()] == [
        "Rapport til direktør", "Rapport til HO-komiteen", "Halvårsrapport", "Årsrapport",
    ]  # fmt: skip
    assert keys(kinds["director"]) == [
        "kpi.key_figures", "volumes.monthly", "waitlists.current", "deviations.new_by_category",
        "complaints.open", "kpi.monthly_indicators",
    ]  # fmt: skip
    assert keys(kinds["committee"]) == ["kpi.malekart", "kpi.key_figures", "deviations.new_by_category",
                                        "complaints.by_type"]  # fmt: skip
    assert keys(kinds["annual"]) == keys(kinds["halfyear"])
    assert {"waitlists.housing", "volumes.omsorgslonn", "volumes.bpa", "deviations.hospital"} <= set(
        keys(kinds["annual"])
    )
    assert not any(kind.small_numbers for kind in kinds.values())  # off by default (docs/rules.md)


def test_ensuring_the_defaults_again_keeps_an_administrators_changes():
    annual = ReportKind.objects.get(slug="annual")
    use_sections(annual, ["kpi.malekart"])
    annual.name = "Årsrapport for helse og omsorg"
    annual.save()
    report_kinds_ensure()
    annual.refresh_from_db()
    assert annual.name == "Årsrapport for helse og omsorg" and keys(annual) == ["kpi.malekart"]
    assert ReportKind.objects.count() == len(DEFAULT_KINDS)


@pytest.mark.parametrize(
    ("slug", "latest"), [("director", "2017-01"), ("committee", "2016-Q4"), ("halfyear", "2016-H1"), ("annual", "2016")]
)
def test_the_default_period_is_the_latest_complete_one_the_kind_is_made_for(slug, latest):
    assert str(ReportKind.objects.get(slug=slug).latest_complete_period(TODAY)) == latest


def test_the_half_year_report_is_for_the_first_half_and_the_committee_gets_the_short_form_twice_a_year():
    halfyear, committee = ReportKind.objects.get(slug="halfyear"), ReportKind.objects.get(slug="committee")
    assert halfyear.allows(Period.parse("2016-H1")) and not halfyear.allows(Period.parse("2016-H2"))
    assert not halfyear.allows(Period.parse("2016"))
    assert [committee.is_short(Period.parse(f"2016-Q{q}")) for q in (1, 2, 3, 4)] == [True, False, True, False]
    periods = halfyear.periods(TODAY)
    assert periods[0] == Period.parse("2016-H1") and all(p.index == 1 for p in periods)


def test_an_administrator_moves_a_section_up_and_down(administrator_client):
    annual = use_sections(ReportKind.objects.get(slug="annual"), ["a.one", "a.two", "a.three"])
    three = annual.sections.get(key="a.three")
    url = reverse("reports:kind_section", kwargs={"kind": "annual", "pk": three.pk})
    response = administrator_client.post(url, {"action": "up"}, follow=True)
    assert keys(annual) == ["a.one", "a.three", "a.two"]
    assert "«a.three» er flyttet opp." in response.content.decode()
    administrator_client.post(url, {"action": "up"})
    administrator_client.post(url, {"action": "up"})  # already first: stays first
    assert keys(annual) == ["a.three", "a.one", "a.two"]
    administrator_client.post(url, {"action": "down"})
    assert keys(annual) == ["a.one", "a.three", "a.two"]


def test_an_administrator_takes_a_section_out_and_removes_another(administrator_client):
    annual = use_sections(ReportKind.objects.get(slug="annual"), ["a.one", "a.two"])
    one, two = annual.sections.order_by("order")
    administrator_client.post(
        reverse("reports:kind_section", kwargs={"kind": "annual", "pk": one.pk}), {"action": "disable"}
    )
    administrator_client.post(
        reverse("reports:kind_section", kwargs={"kind": "annual", "pk": two.pk}), {"action": "remove"}
    )
    assert list(annual.sections.values_list("key", "enabled")) == [("a.one", False)]


def test_an_administrator_adds_a_registered_section_that_fits_the_period(administrator_client):
    annual = use_sections(ReportKind.objects.get(slug="annual"), ["test.counts"])
    page = administrator_client.get(reverse("reports:kind_update", kwargs={"kind": "annual"})).content.decode()
    assert 'value="test.yearly"' in page and 'value="test.counts"' not in page
    director_page = administrator_client.get(
        reverse("reports:kind_update", kwargs={"kind": "director"})
    ).content.decode()
    assert 'value="test.yearly"' not in director_page  # made for years only
    response = administrator_client.post(
        reverse("reports:kind_section_add", kwargs={"kind": "annual"}), {"key": "test.yearly"}
    )
    assert response.status_code == 302
    assert keys(annual) == ["test.counts", "test.yearly"]


def test_a_section_no_app_registered_is_marked_on_the_set_up_page(administrator_client):
    use_sections(ReportKind.objects.get(slug="annual"), ["nowhere.section"])
    page = administrator_client.get(reverse("reports:kind_update", kwargs={"kind": "annual"})).content.decode()
    assert "nowhere.section" in page and "Ikke tilgjengelig" in page


def test_an_administrator_turns_on_small_numbers_and_bad_values_are_refused(administrator_client):
    url = reverse("reports:kind_update", kwargs={"kind": "committee"})
    data = {"name": "Rapport til HO-komiteen", "short_form_indexes": ["1", "3"], "comparison_years": "2",
            "small_numbers_on": "on", "small_numbers_threshold": "1"}  # fmt: skip
    response = administrator_client.post(url, data)
    assert response.status_code == 400
    assert "Verdien må være større enn eller lik 2." in response.content.decode()
    response = administrator_client.post(url, {**data, "small_numbers_threshold": "3"}, follow=True)
    assert "Innstillingene for Rapport til HO-komiteen er lagret." in response.content.decode()
    committee = ReportKind.objects.get(slug="committee")
    assert committee.small_numbers == 3 and committee.short_form_indexes == [1, 3]


def test_only_an_administrator_changes_a_report_kind(registrator_client, leder_client):
    section = ReportKindSection.objects.filter(kind__slug="annual").first()
    url = reverse("reports:kind_section", kwargs={"kind": "annual", "pk": section.pk})
    for client in (registrator_client, leder_client):
        assert client.post(url, {"action": "remove"}).status_code == 403
    assert ReportKindSection.objects.filter(pk=section.pk).exists()


def test_a_kind_allowed_no_period_of_the_year_still_answers_a_default_period():
    committee = ReportKind.objects.get(slug="committee")
    committee.period_indexes = [7]  # only possible through Django's admin
    assert committee.latest_complete_period(TODAY) == Period.parse("2016-Q4")


def test_the_index_shows_the_newest_published_version_of_each_kind(leder_client, django_assert_max_num_queries):
    from reports.models import PublishedReport

    annual = ReportKind.objects.get(slug="annual")
    for version in (1, 2):
        PublishedReport.objects.create(kind=annual, period=Period.parse("2015"), version=version,
                                       title="Årsrapport 2015", pdf=b"%PDF", xlsx=b"PK", sections={})  # fmt: skip
    leder_client.get(reverse("reports:index"))  # creates the site settings
    with django_assert_max_num_queries(8):
        html = leder_client.get(reverse("reports:index")).content.decode()
    assert "Sist publisert: Årsrapport 2015, versjon 2" in html
    assert "Forhåndsvis" not in html  # a leder does not preview drafts
