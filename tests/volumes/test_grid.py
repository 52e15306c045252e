"""The entry grid: one service, one year, twelve months by volume field, saved all or nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from horeport.models import PeriodLock, PeriodLockedError, StaleEditError, period_lock
from horeport.periods import Kind, Period
from tests.volumes.helpers import make_figure, make_service
from volumes.forms import VolumeGridForm
from volumes.models import AgeGroups, VolumeFigure

pytestmark = pytest.mark.django_db


def grid_url(service, year=2017, grain=None):
    url = reverse("volumes:grid", kwargs={"slug": service.slug, "year": year})
    return f"{url}?inndeling={grain}" if grain else url


def grid_data(client, url, **changes):
    """What the browser would post: every cell as the page shows it, with the given cells changed."""
    form = client.get(url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else str(value)
    data.update(changes)
    return data


def stored(service, period):
    return VolumeFigure.objects.filter(service=service, period=Period.parse(period)).first()


def test_the_grid_shows_twelve_months_by_measure_with_the_stored_values_and_totals(registrator_client, bpa):
    make_figure(bpa, "2017-01", users_under_18=5, users_over_18=40, users_over_60=10,
                hours_under_18=1200, hours_over_18=9000, hours_over_60=1500)  # fmt: skip
    response = registrator_client.get(grid_url(bpa))
    assert response.status_code == 200
    form = response.context["form"]
    assert [c.heading for c in form.columns][:3] == ["jan.", "feb.", "mar."]
    assert len(form.columns) == 12
    html = response.content.decode()
    assert 'name="c01_users_under_18" value="5"' in html and 'name="c01_hours_over_18" value="9 000"' in html
    totals = {row["key"]: row for row in form.total_rows()}
    assert totals["users_total"]["values"][0] == "45"
    assert totals["hours_total"]["values"][0] == "10\xa0200"
    assert totals["per_user"]["values"][0] == "226,7"
    assert totals["users_total"]["average"] == "45,0" and totals["users_total"]["note"] == "1 av 12 mnd."
    # Every cell has a label that names the volume field and the month.
    assert '<label class="ds-sr-only" for="id_c03_hours_over_18">Antall timer &gt; 18 år, mars 2017</label>' in html


def test_a_registrator_saves_a_month_and_sees_it_on_the_service_page(registrator_client, registrator, bpa):
    url = grid_url(bpa)
    data = grid_data(registrator_client, url, c03_users_under_18="6", c03_users_over_18="44", c03_users_over_60="9",
                     c03_hours_under_18="1 210", c03_hours_over_18="8389,5", c03_hours_over_60="1123")  # fmt: skip
    response = registrator_client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == f"{bpa.get_absolute_url()}?aar=2017"
    assert "Tallene for BPA er lagret (mars 2017)." in [str(m) for m in response.context["messages"]]
    figure = stored(bpa, "2017-03")
    assert figure.hours_under_18 == Decimal(1210) and figure.hours_over_18 == Decimal("8389.5")
    assert VolumeFigure.objects.count() == 1  # empty months are not stored
    assert figure.history.get().history_user == registrator
    months = response.context["months"]
    users_total = next(r for r in months.rows if r.key == "users_total")
    assert users_total.cells[2].text_value == "50"


def test_unchanged_months_are_not_saved_again(registrator_client, bpa):
    january = make_figure(bpa, "2017-01", users_under_18=5, users_over_18=40)
    url = grid_url(bpa)
    registrator_client.post(url, grid_data(registrator_client, url, c02_users_under_18="6", c02_users_over_18="41"))
    january.refresh_from_db()
    assert january.version == 0 and january.history.count() == 1
    assert stored(bpa, "2017-02").users_over_18 == Decimal(41)


def test_a_post_without_changes_says_so_and_saves_nothing(registrator_client, bpa):
    make_figure(bpa, "2017-01", users_under_18=5, users_over_18=40)
    url = grid_url(bpa)
    response = registrator_client.post(url, grid_data(registrator_client, url), follow=True)
    assert "Ingen tall var endret, så ingenting er lagret." in [str(m) for m in response.context["messages"]]
    assert stored(bpa, "2017-01").version == 0


def test_emptying_every_cell_of_a_month_removes_it_and_keeps_its_history(registrator_client, bpa):
    figure = make_figure(bpa, "2017-01", users_under_18=5, users_over_18=40)
    url = grid_url(bpa)
    registrator_client.post(url, grid_data(registrator_client, url, c01_users_under_18="", c01_users_over_18=""))
    assert not VolumeFigure.objects.exists()
    assert [h.history_type for h in VolumeFigure.history.filter(id=figure.pk).order_by("history_date")] == ["+", "-"]


# -- validation: messages next to the cell, nothing saved ---------------------------------------------


def post_invalid(client, service, grain=None, **changes):
    url = grid_url(service, grain=grain)
    response = client.post(url, grid_data(client, url, **changes))
    assert response.status_code == 400
    return response, response.context["form"]


def test_a_negative_count_is_refused_next_to_the_cell_and_nothing_is_saved(registrator_client, bpa):
    response, form = post_invalid(registrator_client, bpa, c01_users_under_18="5", c01_users_over_18="40",
                                  c02_users_under_18="-1", c02_users_over_18="40")  # fmt: skip
    assert form.errors["c02_users_under_18"] == ["Tallet kan ikke være negativt."]
    html = response.content.decode()
    assert 'id="id_c02_users_under_18_error"' in html
    assert 'aria-describedby="id_c02_users_under_18_error"' in html
    assert not VolumeFigure.objects.exists()  # January was fine, but nothing is half-saved


def test_text_that_is_not_a_number_is_refused_in_norwegian(registrator_client, bpa):
    _, form = post_invalid(registrator_client, bpa, c01_hours_over_18="mange")
    assert form.errors["c01_hours_over_18"] == ["«mange» er ikke et tall. Bruk desimalkomma, for eksempel 2,04."]


@pytest.mark.parametrize(
    ("cells", "field", "message"),
    [
        ({"c01_users_over_18": "40", "c01_users_over_60": "41"}, "c01_users_over_60",
         "Herav > 60 år (41) kan ikke være flere enn brukere > 18 år (40)."),
        ({"c01_users_over_18": "40", "c01_hours_over_18": "100", "c01_hours_over_60": "100,5"}, "c01_hours_over_60",
         "Herav > 60 år (100,5) kan ikke være flere enn timer > 18 år (100)."),
        ({"c01_users_over_60": "3"}, "c01_users_over_60", "Fyll inn brukere > 18 år: herav > 60 år er en del av dem."),
    ],
)  # fmt: skip
def test_of_which_over_60_may_not_exceed_over_18(registrator_client, bpa, cells, field, message):
    _, form = post_invalid(registrator_client, bpa, **cells)
    assert form.errors[field] == [message]
    assert not VolumeFigure.objects.exists()


def test_a_month_count_of_users_is_a_whole_number_but_a_stored_average_may_have_decimals(registrator_client, bpa):
    _, form = post_invalid(registrator_client, bpa, c01_users_over_18="83,7")
    assert form.errors["c01_users_over_18"] == [
        "Antall brukere i en måned er et helt tall. Desimaler brukes bare for halvårs- og årssnitt."
    ]
    url = grid_url(bpa, 2012, "ar")
    registrator_client.post(url, grid_data(registrator_client, url, c01_users_under_18="79", c01_users_over_18="83,7"))
    assert stored(bpa, "2012").users_over_18 == Decimal("83.7")


def test_history_may_be_entered_as_half_year_averages(registrator_client, fat):
    url = grid_url(fat, 2016, "halvar")
    form = registrator_client.get(url).context["form"]
    assert [c.period for c in form.columns] == [Period.parse("2016-H1"), Period.parse("2016-H2")]
    registrator_client.post(url, grid_data(registrator_client, url, c01_users="51", c01_hours="291",
                                           c02_users="67", c02_hours="358"))  # fmt: skip
    assert stored(fat, "2016-H1").users == Decimal(51) and stored(fat, "2016-H2").hours == Decimal(358)
    response = registrator_client.get(url)
    per_user = next(r for r in response.context["form"].total_rows() if r["key"] == "per_user")
    assert per_user["values"] == ["5,7", "5,3"] and per_user["average"] == "5,5"


def test_hours_without_users_are_questioned_and_saved_once_confirmed(registrator_client, bpa):
    url = grid_url(bpa)
    data = grid_data(registrator_client, url, c01_hours_under_18="120", c01_users_over_18="40", c01_hours_over_18="900")
    response = registrator_client.post(url, data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.warnings == {"c01_hours_under_18": "120 timer, men ingen brukere ≤ 18 år i januar 2017. Stemmer det?"}
    assert form.non_field_errors() == [
        "Noen tall er merket med spørsmål. Kontroller dem, og kryss av for «Tallene er kontrollert» hvis de stemmer."
    ]
    html = response.content.decode()
    assert 'id="id_c01_hours_under_18_warning"' in html and 'name="confirmed" value="c01_hours_under_18"' in html
    assert not VolumeFigure.objects.exists()
    registrator_client.post(url, {**data, "confirmed": "c01_hours_under_18"})
    assert stored(bpa, "2017-01").hours_under_18 == Decimal(120)


def test_a_confirmation_covers_only_the_cells_that_were_questioned(registrator_client, bpa):
    url = grid_url(bpa)
    data = grid_data(registrator_client, url, c01_hours_under_18="120", c02_hours_under_18="80")
    response = registrator_client.post(url, {**data, "confirmed": "c01_hours_under_18"})
    assert response.status_code == 400
    assert not VolumeFigure.objects.exists()


# -- locked periods and stale forms ------------------------------------------------------------------------


def test_a_month_in_a_locked_period_is_refused_naming_the_lock(registrator_client, bpa):
    make_figure(bpa, "2016-03", users_under_18=6, users_over_18=44)
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    url = grid_url(bpa, 2016)
    page = registrator_client.get(url)
    assert "readonly" in page.content.decode()
    response = registrator_client.post(url, grid_data(registrator_client, url, c03_users_over_18="45"))
    assert response.status_code == 400
    message = response.context["form"].errors["c03_users_over_18"][0]
    assert message.startswith("Perioden 2016 er låst (Årsrapport 2016, versjon 1,")
    assert stored(bpa, "2016-03").users_over_18 == Decimal(44)


def test_an_unchanged_locked_month_does_not_stop_saving_an_open_one(registrator_client, bpa):
    make_figure(bpa, "2017-01", users_under_18=5, users_over_18=40)
    period_lock(period=Period.parse("2017-01"), reason="Rapport til direktør januar 2017")
    url = grid_url(bpa)
    registrator_client.post(url, grid_data(registrator_client, url, c02_users_under_18="5", c02_users_over_18="41"))
    assert stored(bpa, "2017-02").users_over_18 == Decimal(41)


def test_a_stale_grid_is_refused_with_a_message_naming_who_changed_it(registrator_client, administrator, bpa):
    figure = make_figure(bpa, "2017-01", users_under_18=5, users_over_18=40)
    url = grid_url(bpa)
    data = grid_data(registrator_client, url, c02_users_under_18="6", c02_users_over_18="41")
    theirs = VolumeFigure.objects.get(pk=figure.pk)
    theirs._history_user = administrator
    theirs.users_over_18 = Decimal(39)
    theirs.save()
    response = registrator_client.post(url, data)
    assert response.status_code == 400
    [error] = response.context["form"].non_field_errors()
    assert error.startswith("januar 2017: Denne posten ble endret av Anne Administrator")
    assert stored(bpa, "2017-01").users_over_18 == Decimal(39)
    assert stored(bpa, "2017-02") is None


def test_a_month_someone_else_created_meanwhile_makes_the_grid_stale(registrator_client, bpa):
    url = grid_url(bpa)
    data = grid_data(registrator_client, url, c01_users_under_18="6", c01_users_over_18="41")
    make_figure(bpa, "2017-01", users_under_18=1, users_over_18=1)
    response = registrator_client.post(url, data)
    assert response.status_code == 400
    assert stored(bpa, "2017-01").users_under_18 == Decimal(1)


def grid_form(service, year, data, kind=Kind.MONTH):
    figures = {f.period: f for f in service.figures.all() if f.period.kind is kind}
    return VolumeGridForm(data, service=service, year=year, kind=kind, figures=figures,
                          locks=list(PeriodLock.objects.active()))  # fmt: skip


def test_a_change_saved_by_someone_else_after_validation_rolls_back_the_whole_grid(bpa):
    february = make_figure(bpa, "2017-02", users_under_18=5, users_over_18=40)
    data = {"c01_users_under_18": "7", "c01_users_over_18": "42", "c02_users_under_18": "6",
            "c02_users_over_18": "40", "c02_version": "0"}  # fmt: skip
    form = grid_form(bpa, 2017, data)
    assert form.is_valid(), form.errors
    VolumeFigure.objects.get(pk=february.pk).save()  # someone else, between validation and saving
    with pytest.raises(StaleEditError):
        form.save()
    assert stored(bpa, "2017-01") is None  # January was saved first, and rolled back with the rest


def test_a_lock_taken_after_validation_refuses_the_save(bpa):
    form = grid_form(bpa, 2017, {"c05_users_under_18": "7", "c05_users_over_18": "42"})
    assert form.is_valid(), form.errors
    period_lock(period=Period.parse("2017-05"), reason="Rapport til direktør mai 2017")
    with pytest.raises(PeriodLockedError):
        form.save()
    assert not VolumeFigure.objects.exists()


def test_the_view_shows_a_race_as_a_message_never_a_server_error(registrator_client, bpa, monkeypatch):
    def locked_meanwhile(self):
        period_lock(period=Period.parse("2017"), reason="Årsrapport 2017")
        return original(self)

    original = VolumeGridForm.save
    monkeypatch.setattr(VolumeGridForm, "save", locked_meanwhile)
    url = grid_url(bpa)
    response = registrator_client.post(url, grid_data(registrator_client, url, c01_users_under_18="1",
                                                      c01_users_over_18="2"))  # fmt: skip
    assert response.status_code == 400
    assert "Årsrapport 2017" in response.context["form"].non_field_errors()[0]
    assert not VolumeFigure.objects.exists()


# -- services without age groups, and pages that stay cheap ------------------------------------------------


def test_a_service_without_age_groups_has_plain_users_and_hours(registrator_client, fat):
    form = registrator_client.get(grid_url(fat)).context["form"]
    assert [f.label for f in form.volume_fields] == ["Antall brukere", "Timer vedtak"]
    assert [r["label"] for r in form.total_rows()] == ["Timer snitt pr. bruker"]


def test_an_unknown_grain_falls_back_to_months(registrator_client, bpa):
    response = registrator_client.get(grid_url(bpa, grain="tiår"))
    assert len(response.context["form"].columns) == 12


def test_the_grid_does_not_grow_in_queries_with_the_months_filled(registrator_client, django_assert_max_num_queries):
    one, full = make_service("Én", slug="en"), make_service("Full", slug="full", age_groups=AgeGroups.TWO)
    make_figure(one, "2017-01", users_under_18=1, users_over_18=2)
    for month in range(1, 13):
        make_figure(full, f"2017-{month:02d}", users_under_18=month, users_over_18=month, hours_under_18=month)
    registrator_client.get(grid_url(one))  # the first page of a session also creates the site's settings
    with django_assert_max_num_queries(11) as few:  # 11: with the units one may choose
        assert registrator_client.get(grid_url(one)).status_code == 200
    with django_assert_max_num_queries(len(few)):
        response = registrator_client.get(grid_url(full))
    assert response.status_code == 200
    assert response.context["form"]["c12_users_under_18"].value() == "12"  # the full year is on the page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1" * 28, f"«{'1' * 28}» har for mange sifre. Et tall kan ha høyst 20 sifre."),
        ("1E400", "«1E400» er skrevet med eksponent. Skriv hele tallet, for eksempel 100 000."),
        ("1e5", "«1e5» er skrevet med eksponent. Skriv hele tallet, for eksempel 100 000."),
        ("1" * 15, "Sørg for at det er 10 eller færre tall totalt."),
    ],
    ids=["28 digits", "1E400", "1e5", "15 digits"],
)
def test_a_cell_that_is_no_reasonable_number_gets_its_message_and_nothing_is_saved(
    registrator_client, bpa, typed, message
):
    url = grid_url(bpa)
    response = registrator_client.post(url, grid_data(registrator_client, url, c03_users_over_18=typed))
    assert response.status_code == 400  # the grid again, with the message
    assert response.context["form"].errors["c03_users_over_18"] == [message]
    assert not VolumeFigure.objects.exists()
