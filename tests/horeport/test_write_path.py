"""The one write path: whichever way a change comes in (form, grid, import, the Django admin, a
command), no change is lost, overwritten or let through a lock, and no personal data is stored.

The grid and import scenarios are in tests/kpi/test_result_entry.py and tests/deviations/test_import.py;
the volumes' one source per period in tests/volumes/test_pages.py."""

import ast
import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from deviations.models import Category, Deviation
from horeport.apps import free_text_fields
from horeport.forms import UnlockForm
from horeport.models import PeriodLock, ServiceUnit, TrackedModel, period_lock
from horeport.periods import Period
from horeport.roles import ADMINISTRATOR
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db

# A valid fødselsnummer (synthetic; check digits computed by the rule) as people type it.
SPELLINGS = [
    "01018012371", "010180 12371", "010180\t12371", "010180\u00a012371", "010180.12371", "010180-12371",
    "010180/12371", "01 01 80 12371", "01.01.80 12371", "01.01.80-12371", "01-01-80-12371", "01/01/80 12371",
    "010 180 12371", "010.180.12371", "fnr: 010180-12371", "(01018012371)", "f.nr.01018012371.",
    "01 01 80 123 71", "150765 00565", "15 07 65 00565",
]  # fmt: skip
# Eleven digits that are not a fødselsnummer: wrong check digits, impossible dates, account numbers.
NOT_NUMBERS = [
    "01018012372", "01018012370", "12345678901", "99999999999", "32018012371", "01138012371", "00000000000",
    "11111111111", "15076500566", "29029900158", "12345678903", "98765432109", "31129912345", "01010150075",
    "41010150069", "010180 12372", "01.01.80 12373", "1234.56.78903", "974 760 673 12", "2016 01234 12",
]  # fmt: skip


@pytest.fixture
def admin_client(db):
    return client_for(make_user("adam", ADMINISTRATOR, is_staff=True, first_name="Adam", last_name="Admin"))


@pytest.fixture
def deviation(db):
    category = Category.objects.create(name="Fall")
    unit = ServiceUnit.objects.create(name="Hjemmetjenesten")
    return Deviation.objects.create(
        reference="AVV-2016-00001", category=category, unit=unit, occurred_on=datetime.date(2016, 3, 1),
        registered_on=datetime.date(2016, 3, 2), description="Falt på badet.", severity=2,
    )  # fmt: skip


def admin_form_data(client, url) -> dict:
    """What the admin's change form posts as it was opened."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if hasattr(field, "queryset") and value is not None:
            value = getattr(value, "pk", value)
        data[name] = "" if value is None else value
    return data


# -- the Django admin ----------------------------------------------------------------------------------


def test_a_stale_admin_change_form_does_not_overwrite_a_change_made_in_the_app(admin_client, deviation):
    url = reverse("admin:deviations_deviation_change", args=[deviation.pk])
    opened = admin_form_data(admin_client, url)
    assert opened["version"] == 0

    in_the_app = Deviation.objects.get(pk=deviation.pk)
    in_the_app.severity = 4
    in_the_app.save()

    response = admin_client.post(url, {**opened, "description": "Falt på badet, skrevet i admin."})
    assert response.status_code == 200  # the form again, with the message
    assert "etter at du åpnet skjemaet" in " ".join(response.context["adminform"].form.non_field_errors())
    deviation.refresh_from_db()
    assert (deviation.severity, deviation.description) == (4, "Falt på badet.")


def test_the_admins_delete_selected_is_refused_inside_a_locked_period(admin_client, deviation):
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    url = reverse("admin:deviations_deviation_changelist")
    response = admin_client.post(
        url, {"action": "delete_selected", "_selected_action": [deviation.pk], "post": "yes"}, follow=True
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any("Ingenting er slettet: 1 av de valgte ligger i en låst periode" in m for m in shown)
    assert Deviation.objects.filter(pk=deviation.pk).exists()


def test_deleting_a_locked_deviation_in_the_admin_is_a_message_not_a_server_error(admin_client, deviation):
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    url = reverse("admin:deviations_deviation_delete", args=[deviation.pk])
    for response in (admin_client.get(url, follow=True), admin_client.post(url, {"post": "yes"}, follow=True)):
        assert response.status_code == 200
        assert any("Perioden 2016 er låst (Årsrapport 2016" in str(m) for m in response.context["messages"])
    assert Deviation.objects.filter(pk=deviation.pk).exists()


def test_a_locked_row_in_the_admin_shows_its_counted_fields_read_only(admin_client, deviation):
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    url = reverse("admin:deviations_deviation_change", args=[deviation.pk])
    form = admin_client.get(url).context["adminform"].form
    assert form.lock_notice.startswith("Perioden 2016 er låst (Årsrapport 2016")
    assert form.fields["category"].disabled and form.fields["registered_on"].widget.attrs["readonly"]
    assert not form.fields["learning"].disabled  # text no figure counts stays editable
    response = admin_client.post(url, {**admin_form_data(admin_client, url), "learning": "Sklimatte på alle bad."})
    assert response.status_code == 302
    assert Deviation.objects.get(pk=deviation.pk).learning == "Sklimatte på alle bad."


def test_a_period_lock_cannot_be_edited_or_deleted_in_the_admin(admin_client):
    lock = period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    change = reverse("admin:horeport_periodlock_change", args=[lock.pk])
    assert admin_client.get(change).status_code == 200  # it may be read
    response = admin_client.post(change, {"period": "2015", "reason": "Flyttet"})
    assert response.status_code == 403
    assert (
        admin_client.post(reverse("admin:horeport_periodlock_delete", args=[lock.pk]), {"post": "yes"}).status_code
        == 403
    )
    lock.refresh_from_db()
    assert (str(lock.period), lock.is_active) == ("2016", True)


def test_a_period_lock_changes_only_by_unlocking_with_a_reason_and_keeps_its_history(administrator):
    lock = period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1", user=administrator)
    lock.period = Period.parse("2015")
    with pytest.raises(ValidationError, match="En periodelås kan ikke endres"):
        lock.save()
    with pytest.raises(ValidationError, match="slettes ikke"):
        lock.delete()
    lock = PeriodLock.objects.get(pk=lock.pk)
    lock.unlock(user=administrator, reason="Retting av BPA-tall")
    assert [h.history_type for h in lock.history.order_by("history_date")] == ["+", "~"]
    assert lock.history.first().unlock_reason == "Retting av BPA-tall"


# -- one mechanism, in horeport --------------------------------------------------------------------------


def test_no_model_outside_horeport_overrides_save_delete_or_from_db_for_tracking():
    overriding = []
    for model in apps.get_models():
        if not issubclass(model, TrackedModel) or model.__module__.startswith(("horeport.", "tests.")):
            continue
        overriding += [f"{model.__name__}.{name}" for name in ("save", "delete", "from_db") if name in vars(model)]
    assert overriding == []


def test_no_app_writes_tracked_rows_past_the_write_path():
    """No update() or bulk_update() on the tracked models anywhere in the apps' code."""
    tracked = {m.__name__ for m in apps.get_models() if issubclass(m, TrackedModel)}
    found = []
    for path in Path(settings.BASE_DIR).glob("*/[!m]*.py"):
        if ".venv" in path.parts or path.parts[-2] in ("tests", "node_modules"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in ("update", "bulk_update"):
                chain = ast.unparse(node.value)
                if any(chain.startswith(f"{name}.") for name in tracked):
                    found.append(f"{path.name}: {chain}.{node.attr}")
    assert found == []


def test_a_bulk_update_of_tracked_rows_is_refused(deviation):
    with pytest.raises(TypeError, match="row by row"):
        Deviation.objects.filter(pk=deviation.pk).update(severity=1)


def test_a_queryset_delete_goes_row_by_row_through_the_locks(deviation):
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    with pytest.raises(ValidationError, match="Perioden 2016 er låst"):
        Deviation.objects.all().delete()
    assert Deviation.objects.count() == 1


# -- personal data ------------------------------------------------------------------------------------


def test_every_free_text_field_refuses_every_spelling_of_a_fodselsnummer():
    fields = list(free_text_fields())
    assert len(fields) > 40  # every model of the project, reference data and reasons included
    for _model, field in fields:
        for spelling in SPELLINGS:
            with pytest.raises(ValidationError, match="fødselsnummer"):
                field.run_validators(f"Gjelder {spelling} i går")


def test_eleven_digits_that_are_not_a_fodselsnummer_are_accepted_everywhere():
    for model, field in free_text_fields():
        for number in NOT_NUMBERS:
            try:
                field.run_validators(number)
            except ValidationError as error:  # a slug's or a length's own rule, never the fødselsnummer
                assert "fødselsnummer" not in " ".join(error.messages), f"{model.__name__}.{field.name}: {number}"


def test_an_unlock_reason_with_a_fodselsnummer_is_refused(administrator):
    for spelling in SPELLINGS:
        form = UnlockForm({"reason": f"Retting for {spelling}"})
        assert not form.is_valid() and "fødselsnummer" in form.errors["reason"][0]
    lock = period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    with pytest.raises(ValidationError):
        lock.unlock(user=administrator, reason="Retting for 010180 12371")
    assert PeriodLock.objects.get(pk=lock.pk).is_active


def test_the_save_itself_refuses_a_fodselsnummer_on_any_path(deviation):
    deviation.learning = "Snakket med 01.01.80-12371"
    with pytest.raises(ValidationError, match="fødselsnummer"):
        deviation.save()
    assert Deviation.objects.get(pk=deviation.pk).learning == ""


def test_the_admins_delete_selected_still_deletes_outside_locked_periods(admin_client, deviation):
    url = reverse("admin:deviations_deviation_changelist")
    asked = admin_client.post(url, {"action": "delete_selected", "_selected_action": [deviation.pk]})
    assert asked.status_code == 200 and "AVV-2016-00001" in asked.content.decode()  # the confirmation page
    admin_client.post(url, {"action": "delete_selected", "_selected_action": [deviation.pk], "post": "yes"})
    assert not Deviation.objects.exists()
    assert Deviation.history.filter(id=deviation.pk, history_type="-").count() == 1


def test_a_delete_page_inside_a_locked_period_says_so_at_once_and_offers_no_delete(registrator_client, deviation):
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1")
    url = reverse("deviations:delete", args=[deviation.pk])
    page = registrator_client.get(url)
    assert page.status_code == 200
    assert "Perioden 2016 er låst (Årsrapport 2016" in page.content.decode()
    assert "Slett avviket</button>" not in page.content.decode()
    assert registrator_client.post(url).status_code == 400
    assert Deviation.objects.filter(pk=deviation.pk).exists()


def test_a_date_before_1900_in_the_admin_is_a_message_not_a_server_error(admin_client):
    from waitlists.models import HousingCase, HousingType

    housing_type = HousingType.objects.create(name="Omsorgsbolig")
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    url = reverse("admin:waitlists_housingcase_add")
    response = admin_client.post(url, {"reference": "16/1", "housing_type": housing_type.pk,
                                       "decided_on": "0001-03-01", "closed_on": "0001-03-01"})  # fmt: skip
    assert response.status_code == 200
    assert "Skriv en dato fra år 1900 til 2999." in response.content.decode()
    assert not HousingCase.objects.exists()


def test_an_admin_key_figure_value_without_a_period_is_a_message_not_a_server_error(admin_client):
    from kpi.models import KeyFigure, KeyFigureValue

    key_figure = KeyFigure.objects.create(name="Antall plasser")
    url = reverse("admin:kpi_keyfigurevalue_add")
    response = admin_client.post(url, {"key_figure": key_figure.pk, "version": "🏻", "_continue": "-698"})
    assert response.status_code == 200
    assert not KeyFigureValue.objects.exists()
