"""Plausibility on entry: the rule, the one-value check, the reporting status's list of
questioned figures, and the administrators' limits (horeport/plausibility.py)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from horeport import plausibility
from horeport.models import FigureLimit, FlaggedFigure, SiteSettings
from horeport.periods import Period
from tests.kpi.helpers import indicator, result, text_of

pytestmark = pytest.mark.django_db
STATUS = reverse("reporting_status")


# -- the rule ---------------------------------------------------------------------------------


def plain(text: str | None) -> str | None:
    """The text as read: no-break spaces (between thousands, before %) as spaces."""
    return None if text is None else text.replace("\xa0", " ")


def reason(*args, **kwargs) -> str | None:
    return plain(plausibility.implausible(*args, **kwargs))


def test_a_value_more_than_half_again_above_last_year_is_questioned_with_both_numbers():
    assert reason(1600, Decimal(727), percent=50) == ("1 600 er 120 % over samme periode i fjor (727).")


def test_a_value_far_below_last_year_is_questioned_too():
    assert reason(300, 727, percent=50) == "300 er 59 % under samme periode i fjor (727)."


def test_a_change_of_exactly_the_percentage_is_plausible():
    assert reason(150, 100, percent=50) is None
    assert reason(Decimal("150.01"), 100, percent=50) is not None


@pytest.mark.parametrize("previous", [None, 0], ids=["no history", "zero last year"])
def test_without_a_figure_to_compare_with_nothing_is_questioned(previous):
    assert reason(1600, previous, percent=50) is None


def test_limits_replace_the_comparison_with_last_year():
    assert reason(1600, 727, percent=50, minimum=500, maximum=2000) is None
    assert reason(2100, 2000, percent=50, maximum=2000) == (
        "2 100 er over den høyeste rimelige verdien for tallet (2 000)."
    )
    assert reason(Decimal("4.5"), 5, percent=50, minimum=10) == (
        "4,5 er under den laveste rimelige verdien for tallet (10)."
    )


def test_the_site_percentage_changes_the_rule():
    item = indicator("B-HO.2.3", unit="days", green="<= 3", red="> 5", perspective_code="B-HO.2")
    result(item, "2013", "3.70")
    assert plausibility.check(Decimal("2.04"), figure=item, period=Period.parse("2014")) is None  # -44,9 %
    SiteSettings.objects.update_or_create(pk=1, defaults={"plausibility_percent": 40})
    warning = plausibility.check(Decimal("2.04"), figure=item, period=Period.parse("2014"))
    assert plain(warning.reason) == "2,04 er 45 % under samme periode i fjor (3,7)."


def test_one_value_is_checked_for_a_figure_and_period_as_the_bulk_import_asks():
    item = indicator("S.3.1")
    result(item, "2014", "54.55")
    warning = plausibility.check(Decimal(90), figure=item, period=Period.parse("2015"))
    assert plain(warning.reason) == "90 er 65 % over samme periode i fjor (54,55)."
    assert plausibility.check(Decimal(60), figure=item, period=Period.parse("2015")) is None
    assert plausibility.check(Decimal(90), figure=item, period=Period.parse("2016")) is None  # no 2015 result


# -- the reporting status ---------------------------------------------------------------------


def flag(name="S.3.1 Andel miljøsertifiserte virksomheter", **extra):
    values = {
        "kind": "kpi.result", "figure_id": 1, "measure": "", "period": Period.parse("2015"), "name": name,
        "url": reverse("kpi:result_entry") + "?periode=2015", "value": Decimal(90), "previous": Decimal("54.55"),
        "reason": "90 er 65 % over samme periode i fjor (54,55).",
    }  # fmt: skip
    return FlaggedFigure.objects.create(**{**values, **extra})


def flagged_rows(html: str) -> list[str]:
    return [text_of(row) for row in re.findall(r'<tr data-flag="\d+">(.*?)</tr>', html, re.S)]


def test_the_status_page_lists_the_questioned_figures_with_a_link_to_each(leder_client, registrator):
    flag(entered_by=registrator)
    html = leder_client.get(STATUS).content.decode()
    rows = flagged_rows(html)
    assert len(rows) == 1 and "Ett tall venter på kontroll" in text_of(html)
    assert rows[0].startswith("S.3.1 Andel miljøsertifiserte virksomheter 2015 90 90 er 65 % over samme periode")
    assert "Bekreftet av" in html and "Rita Registrator" in rows[0]
    link = reverse("kpi:result_entry") + "?periode=2015"
    assert f'<a class="ds-link" href="{link}">S.3.1 Andel miljøsertifiserte virksomheter</a>' in html


def test_a_leader_marks_a_figure_checked_and_it_leaves_the_list(leder_client, leder):
    questioned = flag()
    response = leder_client.post(reverse("flag_check", args=[questioned.pk]), {"periode": "2016-10"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{STATUS}?periode=2016-10"
    html = response.content.decode()
    assert "er merket som kontrollert" in html
    assert flagged_rows(html) == [] and "Ingen tall venter på kontroll." in html
    questioned.refresh_from_db()
    assert questioned.checked_by == leder and questioned.checked_at is not None


def test_a_registrator_may_not_mark_a_figure_checked_nor_sees_the_button(registrator_client):
    questioned = flag()
    assert "Merk som kontrollert" not in registrator_client.get(STATUS).content.decode()
    assert registrator_client.post(reverse("flag_check", args=[questioned.pk])).status_code == 403
    questioned.refresh_from_db()
    assert questioned.checked_at is None


def test_marking_checked_is_a_post(leder_client):
    assert leder_client.get(reverse("flag_check", args=[flag().pk])).status_code == 405


# -- the limits ---------------------------------------------------------------------------------


def test_an_administrator_sets_limits_for_an_indicator(administrator_client):
    item = indicator("S.3.1")
    data = {"figure": f"kpi.result|{item.pk}|", "minimum": "40", "maximum": "100"}
    response = administrator_client.post(reverse("limit_create"), data, follow=True)
    assert "Grensene for «S.3.1 S.3.1» er lagret." in response.content.decode()
    limit = FigureLimit.objects.get()
    assert (limit.kind, limit.figure_id, limit.minimum, limit.maximum) == ("kpi.result", item.pk, 40, 100)
    again = administrator_client.post(reverse("limit_create"), data)
    assert "Tallet har allerede grenser. Endre dem i stedet." in again.content.decode()


def test_limits_need_a_bound_and_the_highest_not_below_the_lowest(administrator_client):
    item = indicator("S.3.1")
    figure = f"kpi.result|{item.pk}|"
    empty = administrator_client.post(reverse("limit_create"), {"figure": figure, "minimum": "", "maximum": ""})
    assert "Fyll inn en laveste eller en høyeste verdi, eller begge." in empty.content.decode()
    crossed = administrator_client.post(reverse("limit_create"), {"figure": figure, "minimum": "9", "maximum": "5"})
    assert "Den høyeste verdien kan ikke være lavere enn den laveste." in crossed.content.decode()
    assert not FigureLimit.objects.exists()


def test_the_limit_form_offers_every_apps_figures(administrator_client):
    html = administrator_client.get(reverse("limit_create")).content.decode()
    for group in ("Indikatorresultat", "Nøkkeltall", "Boliger", "Tjenester"):
        assert f'label="{group}"' in html


def test_one_value_of_a_service_names_its_measure():
    from tests.volumes.helpers import make_figure, make_service

    bpa = make_service("BPA", slug="bpa")
    make_figure(bpa, "2016-03", users_over_18=40)
    warning = plausibility.check(90, figure=bpa, period=Period.parse("2017-03"), measure="users_over_18")
    assert plain(warning.reason) == "90 er 125 % over samme periode i fjor (40)."
    with pytest.raises(ValueError, match="users_over_18"):
        plausibility.check(90, figure=bpa, period=Period.parse("2017-03"))
