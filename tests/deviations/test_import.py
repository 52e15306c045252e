"""Import of a register extract: preview every row, then save the whole file or nothing."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from deviations import services
from deviations.models import Deviation, ImportBatch, Status
from horeport.models import period_lock
from horeport.periods import Period
from tests.deviations.helpers import make_deviation

pytestmark = pytest.mark.django_db
UPLOAD = reverse("deviations:import_upload")
HEADER = ["Saksnummer", "Kategori", "Virksomhet", "Hendelsesdato", "Registrert", "Alvorlighetsgrad", "Hva skjedde",
          "Strakstiltak", "Tiltak", "Læring", "Status", "Lukket", "Til sykehus", "Sykehus"]  # fmt: skip
ROWS = [
    ["AVV-2016-00101", "Fall", "Hjemmetjenesten", "01.03.2016", "02.03.2016", "2", "Falt på badet.",
     "Tilsyn.", "Sensormatte.", "Fallrisiko vurderes.", "Lukket", "10.03.2016", "Nei", ""],
    ["AVV-2016-00102", "Legemiddelavvik", "HJT", "05.03.2016", "05.03.2016", "1", "Dose ikke gitt.",
     "", "", "", "Registrert", "", "", ""],
    ["AVV-2016-00103", "legemiddelavvik", "Hjemmetjenesten", "2016-03-06", "2016-03-07", "3 – Alvorlig",
     "Feil legemiddelliste ved utskrivning.", "", "", "", "Under behandling", "", "Ja", "Bærum sykehus"],
]  # fmt: skip


def csv_file(rows, header=HEADER, name="uttrekk.csv", delimiter=";", encoding="utf-8"):
    lines = [delimiter.join(header), *(delimiter.join(row) for row in rows)]
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode(encoding), content_type="text/csv")


def xlsx_file(rows, header=HEADER, name="uttrekk.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, file):
    return client.post(UPLOAD, {"file": file}, follow=True)


def preview_of(response):
    return response.context["plan"]


def text(response) -> str:
    return response.content.decode()


def confirm(client, response):
    batch = response.context["batch"]
    return client.post(reverse("deviations:import_preview", args=[batch.pk]), follow=True)


def test_a_new_file_is_previewed_then_saved_whole(registrator_client, registrator, categories, unit):
    response = upload(registrator_client, csv_file(ROWS))
    plan = preview_of(response)
    assert [(row.number, row.reference, row.action) for row in plan.listed] == [
        (2, "AVV-2016-00101", "add"), (3, "AVV-2016-00102", "add"), (4, "AVV-2016-00103", "add"),
    ]  # fmt: skip
    assert "Lagre 3 avvik" in text(response)
    assert not Deviation.objects.exists()  # the preview saves nothing

    response = confirm(registrator_client, response)
    assert "Importen er lagret: 3 avvik lagt til, 0 endret, 0 uendret." in text(response)
    closed = Deviation.objects.get(reference="AVV-2016-00101")
    assert (closed.status, closed.closed_on, closed.severity) == (Status.CLOSED, datetime.date(2016, 3, 10), 2)
    hospital = Deviation.objects.get(reference="AVV-2016-00103")
    assert (hospital.to_hospital, hospital.counterpart, hospital.status) == (True, "Bærum sykehus", Status.IN_PROGRESS)
    record = closed.history.get()
    assert (record.history_user, record.history_change_reason) == (registrator, "Import fra uttrekk.csv")


def test_importing_the_same_file_twice_adds_nothing(registrator_client, categories, unit):
    confirm(registrator_client, upload(registrator_client, csv_file(ROWS)))
    response = upload(registrator_client, csv_file(ROWS))
    plan = preview_of(response)
    assert len(plan.unchanged) == 3 and not plan.listed
    assert "Alle avvikene i filen er allerede registrert" in text(response)
    assert ">Lagre " not in text(response)  # no button to save
    response = confirm(registrator_client, response)
    assert "den har ingen nye eller endrede avvik" in text(response)
    assert Deviation.objects.count() == 3
    assert all(d.history.count() == 1 for d in Deviation.objects.all())


def test_a_changed_row_is_shown_with_before_and_after_and_then_changed(registrator_client, categories, unit):
    make_deviation(categories["Legemiddelavvik"], unit, "2016-03-05", reference="AVV-2016-00102",
                   occurred_on=datetime.date(2016, 3, 5), description="Dose ikke gitt.", severity=1)  # fmt: skip
    rows = [ROWS[1][:8] + ["Rutine presisert.", "", "Lukket", "09.03.2016", "Nei", ""]]
    response = upload(registrator_client, xlsx_file(rows))
    (row,) = preview_of(response).listed
    assert row.action == "change"
    assert ("Status", "Registrert", "Lukket") in row.changes
    assert ("Lukket dato", "–", "09.03.2016") in row.changes
    assert "Status: Registrert → Lukket" in text(response)
    confirm(registrator_client, response)
    changed = Deviation.objects.get(reference="AVV-2016-00102")
    assert (changed.status, changed.measures) == (Status.CLOSED, "Rutine presisert.")


def test_real_date_cells_in_a_workbook_are_read(registrator_client, categories, unit):
    row = list(ROWS[1])
    row[3], row[4] = datetime.datetime(2016, 3, 5), datetime.date(2016, 3, 6)
    row[5] = 1.0  # Excel stores whole numbers as floats
    confirm(registrator_client, upload(registrator_client, xlsx_file([row])))
    stored = Deviation.objects.get()
    assert (stored.occurred_on, stored.registered_on, stored.severity) == (datetime.date(2016, 3, 5),
                                                                           datetime.date(2016, 3, 6), 1)  # fmt: skip


def test_a_semicolon_file_from_norwegian_excel_in_windows_1252_is_read(registrator_client, categories, unit):
    file = csv_file([ROWS[1][:6] + ["Dose ikke gitt på Søndre."] + ROWS[1][7:]], encoding="cp1252")
    plan = preview_of(upload(registrator_client, file))
    assert [row.action for row in plan.rows] == ["add"]
    assert plan.rows[0].instance.description == "Dose ikke gitt på Søndre."


def test_the_export_can_be_imported_again_without_changes(registrator_client, categories, unit):
    make_deviation(categories["Fall"], unit, "2016-03-02", closed_on="2016-03-09", learning="Lys om natten.")
    make_deviation(categories["Fall"], unit, "2016-04-02", to_hospital=True, status=Status.IN_PROGRESS)
    exported = registrator_client.get(reverse("deviations:export")).content
    plan = preview_of(upload(registrator_client, SimpleUploadedFile("avvik.xlsx", exported)))
    assert len(plan.unchanged) == 2 and not plan.listed


# -- rows that are refused: the file is not saved, not even its good rows -----------------------


def refused_reasons(response):
    return {row.reference: " ".join(row.errors) for row in preview_of(response).refused}


def test_text_in_a_date_cell_refuses_the_row_and_the_file_is_not_saved(registrator_client, categories, unit):
    bad = list(ROWS[1])
    bad[4] = "i går"
    response = upload(registrator_client, csv_file([ROWS[0], bad]))
    assert refused_reasons(response) == {
        "AVV-2016-00102": "Registrert: «i går» er ikke en dato. Skriv for eksempel 31.12.2016."
    }
    assert "Filen kan ikke lagres: 1 rad er avvist. Ingenting er lagret." in text(response)
    assert "Lagre 1 avvik" not in text(response)
    response = confirm(registrator_client, response)  # even when forced, nothing is saved
    assert "Filen er ikke lagret" in text(response)
    assert not Deviation.objects.exists()


def test_an_unknown_category_refuses_the_row_with_what_to_do(registrator_client, categories, unit):
    bad = list(ROWS[0])
    bad[1] = "Brann"
    reasons = refused_reasons(upload(registrator_client, csv_file([bad])))
    assert reasons["AVV-2016-00101"] == (
        "Kategori: Ukjent kategori «Brann». En administrator kan legge den til under Avvik → Kategorier."
    )


def test_an_unknown_unit_and_a_bad_severity_are_both_reported(registrator_client, categories, unit):
    bad = list(ROWS[0])
    bad[2], bad[5] = "Ukjent enhet", "høy"
    reason = refused_reasons(upload(registrator_client, csv_file([bad])))["AVV-2016-00101"]
    assert "Virksomhet: Ukjent virksomhet «Ukjent enhet»." in reason
    assert "Alvorlighetsgrad: «høy» er ikke en alvorlighetsgrad." in reason


def test_a_fodselsnummer_in_a_text_cell_refuses_the_row_naming_the_column(registrator_client, categories, unit):
    bad = list(ROWS[0])
    bad[8] = "Snakket med pårørende til 15038512363."
    reason = refused_reasons(upload(registrator_client, csv_file([bad])))["AVV-2016-00101"]
    assert reason.startswith("Tiltak: Teksten ser ut til å inneholde et fødselsnummer.")


def test_a_row_breaking_the_lifecycle_rules_is_refused(registrator_client, categories, unit):
    bad = list(ROWS[0])
    bad[8] = ""  # closed without measures
    reason = refused_reasons(upload(registrator_client, csv_file([bad])))["AVV-2016-00101"]
    assert reason == "Tiltak: Beskriv tiltakene før avviket lukkes."


def test_a_reference_twice_in_the_file_is_refused(registrator_client, categories, unit):
    reasons = refused_reasons(upload(registrator_client, csv_file([ROWS[1], ROWS[1]])))
    assert reasons == {"AVV-2016-00102": "Saksnummeret står også på rad 2 i filen."}


def test_a_change_in_a_locked_period_is_refused_with_the_lock(registrator_client, categories, unit):
    make_deviation(categories["Legemiddelavvik"], unit, "2016-03-05", reference="AVV-2016-00102",
                   occurred_on=datetime.date(2016, 3, 5), description="Dose ikke gitt.", severity=1)  # fmt: skip
    period_lock(period=Period.parse("2016"), reason="Årsrapport 2016")
    moved = list(ROWS[1])
    moved[1] = "Fall"
    reason = refused_reasons(upload(registrator_client, csv_file([moved])))["AVV-2016-00102"]
    assert reason.startswith("Perioden 2016 er låst (Årsrapport 2016")


# -- all or nothing at the moment of saving -----------------------------------------------------


def test_a_lock_taken_between_preview_and_confirmation_saves_nothing(registrator_client, categories, unit):
    response = upload(registrator_client, csv_file(ROWS))
    assert len(preview_of(response).added) == 3
    period_lock(period=Period.parse("2016-03"), reason="Rapport til direktør mars")
    response = confirm(registrator_client, response)
    assert response.status_code == 409
    assert "Filen er ikke lagret" in text(response)
    assert len(preview_of(response).refused) == 3
    assert not Deviation.objects.exists()
    assert ImportBatch.objects.get().saved_at is None


def test_a_failure_in_the_middle_of_saving_rolls_back_every_row(registrator_client, categories, unit, monkeypatch):
    response = upload(registrator_client, csv_file(ROWS))
    original_save = Deviation.save
    saved = []

    def save_twice_then_fail(self, *args, **kwargs):
        if len(saved) == 2:
            from horeport.models import StaleEditError

            raise StaleEditError(self)
        original_save(self, *args, **kwargs)
        saved.append(self.reference)

    monkeypatch.setattr(Deviation, "save", save_twice_then_fail)
    response = confirm(registrator_client, response)
    assert saved == ["AVV-2016-00101", "AVV-2016-00102"]
    assert "Filen er ikke lagret, ingen rader er endret" in text(response)
    assert not Deviation.objects.exists()
    assert not Deviation.history.exists()


def test_a_saved_batch_cannot_be_saved_again(registrator_client, categories, unit):
    response = upload(registrator_client, csv_file(ROWS))
    confirm(registrator_client, response)
    again = registrator_client.post(
        reverse("deviations:import_preview", args=[response.context["batch"].pk]), follow=True
    )
    assert "Denne filen ble lagret" in text(again)
    assert Deviation.objects.count() == 3


# -- files that cannot be read: a message, never a server error -----------------------------------


def corrupt_xlsx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hei.txt", "ikke et regneark")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (lambda: csv_file(ROWS, header=["Sak", "Type", "Dato"]),
         "Filen mangler kolonnene Saksnummer, Kategori, Virksomhet, Hendelsesdato, Registrert, Alvorlighetsgrad, "
         "Hva skjedde, Status."),
        (lambda: csv_file(ROWS, header=[h for h in HEADER if h != "Status"]), "Filen mangler kolonnen Status."),
        (lambda: csv_file(ROWS, header=[*HEADER[:-1], "Status"]), "Kolonnen «Status» står to ganger i første rad."),
        (lambda: SimpleUploadedFile("uttrekk.xlsx", b"\x00\x01 dette er ikke et regneark" * 20),
         "Filen kunne ikke leses som et Excel-ark (.xlsx)."),
        (lambda: SimpleUploadedFile("uttrekk.xlsx", corrupt_xlsx()),
         "Filen kunne ikke leses som et Excel-ark (.xlsx)."),
        (lambda: SimpleUploadedFile("uttrekk.csv", b"\x00\x00\x00binary"),
         "Filen ser ikke ut som en tekstfil (.csv): det står et NUL-tegn i starten av filen."),
        (lambda: SimpleUploadedFile("uttrekk.csv", b""), "Filen er tom."),
        (lambda: SimpleUploadedFile("uttrekk.csv", b"\n\n;;\n"), "Filen har ingen rader."),
        (lambda: csv_file([]), "Filen har kolonnenavn, men ingen avvik under dem."),
        (lambda: SimpleUploadedFile("uttrekk.xls", b"\xd0\xcf\x11\xe0"),
         "Det gamle Excel-formatet (.xls) kan ikke leses."),
        (lambda: SimpleUploadedFile("uttrekk.pdf", b"%PDF-1.4"), "Last opp en .xlsx- eller .csv-fil."),
    ],
    ids=["wrong columns", "a missing column", "a column twice", "not a workbook", "a zip that is no workbook",
         "binary csv", "empty", "only blank rows", "no data rows", "old excel", "other type"],
)  # fmt: skip
def test_a_bad_file_gets_a_message_next_to_the_field(registrator_client, categories, unit, file, message):
    response = registrator_client.post(UPLOAD, {"file": file()})
    assert response.status_code == 400
    html = text(response)
    assert 'id="id_file_error"' in html
    assert message in html
    assert not ImportBatch.objects.exists()


def test_no_file_gets_a_message(registrator_client, db):
    response = registrator_client.post(UPLOAD, {})
    assert "Velg en fil å laste opp." in text(response)


def test_extra_columns_are_ignored_and_named(registrator_client, categories, unit):
    rows = [[*row, "x"] for row in ROWS]
    response = upload(registrator_client, csv_file(rows, header=[*HEADER, "Saksbehandler"]))
    assert "Disse kolonnene blir ikke lest: Saksbehandler." in text(response)
    assert len(preview_of(response).added) == 3


def test_a_file_without_the_optional_columns_leaves_those_fields_alone(registrator_client, categories, unit):
    make_deviation(
        categories["Fall"], unit, "2016-03-02", reference="AVV-2016-00101", occurred_on=datetime.date(2016, 3, 1),
        description="Falt på badet.", severity=2, closed_on="2016-03-10", learning="Lys om natten.",
    )  # fmt: skip
    required = [h for h in HEADER if h not in ("Strakstiltak", "Læring", "Til sykehus", "Sykehus")]
    row = dict(zip(HEADER, ROWS[0], strict=True))
    row["Tiltak"] = "Sklisikker matte."
    plan = preview_of(upload(registrator_client, csv_file([[row[h] for h in required]], header=required)))
    assert [r.action for r in plan.rows] == ["unchanged"]


def test_the_reader_turns_cells_into_text_the_plan_can_read():
    assert services._text(datetime.datetime(2016, 3, 5)) == "2016-03-05"
    assert services._text(3.0) == "3" and services._text(2.5) == "2.5" and services._text(None) == ""


def test_a_reference_registered_by_someone_else_meanwhile_saves_nothing(
    registrator_client, categories, unit, monkeypatch
):
    from django.db import IntegrityError

    response = upload(registrator_client, csv_file(ROWS))
    original_save = Deviation.save

    def collide_on_the_last(self, *args, **kwargs):
        if self.reference == "AVV-2016-00103":
            raise IntegrityError("UNIQUE constraint failed: deviations_deviation.reference")
        original_save(self, *args, **kwargs)

    monkeypatch.setattr(Deviation, "save", collide_on_the_last)
    response = confirm(registrator_client, response)
    assert "ble registrert av en annen i mellomtiden" in text(response)
    assert not Deviation.objects.exists()


def test_an_edit_made_after_the_preview_is_not_reverted_by_confirming(
    registrator_client, administrator_client, categories, unit
):
    """The preview holds the version of every deviation it would change; a colleague's edit in the
    meantime refuses the whole import, with a list, instead of writing the file's old values back."""
    existing = make_deviation(categories["Fall"], unit, "2016-03-02", description="Falt.", reference="AVV-2016-00101")
    response = upload(registrator_client, csv_file(ROWS[:2]))
    assert [(row.reference, row.action) for row in preview_of(response).listed] == [
        ("AVV-2016-00101", "change"), ("AVV-2016-00102", "add"),
    ]  # fmt: skip

    url = reverse("deviations:update", args=[existing.pk])
    form = administrator_client.get(url).context["form"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data.update(severity="4", description="Falt i trappen, brudd i håndleddet.", version=str(existing.version))
    assert administrator_client.post(url, data).status_code == 302

    refused = confirm(registrator_client, response)
    assert refused.status_code == 409
    assert [line.split(" av ")[0] for line in refused.context["changed"]] == ["AVV-2016-00101: endret"]
    assert "endret av Anne Administrator" in refused.context["changed"][0]
    existing.refresh_from_db()
    assert (existing.severity, existing.description) == (4, "Falt i trappen, brudd i håndleddet.")
    assert not Deviation.objects.filter(reference="AVV-2016-00102").exists()  # nothing of the file saved

    # The refused page is the new preview, against the register as it is now: confirming it saves.
    [row] = refused.context["plan"].changed
    assert ("Alvorlighetsgrad", "4 – Svært alvorlig", "2 – Mindre alvorlig") in row.changes
    saved = confirm(registrator_client, refused)
    assert "Importen er lagret" in text(saved)
    assert Deviation.objects.filter(reference="AVV-2016-00102").exists()


def test_a_deviation_registered_by_someone_else_after_the_preview_is_not_overwritten(
    registrator_client, categories, unit
):
    response = upload(registrator_client, csv_file(ROWS[:1]))
    assert preview_of(response).listed[0].action == "add"
    make_deviation(categories["Fall"], unit, "2016-03-02", reference="AVV-2016-00101", description="Egen tekst.")
    refused = confirm(registrator_client, response)
    assert refused.status_code == 409
    assert refused.context["changed"][0].startswith("AVV-2016-00101: registrert")
    assert Deviation.objects.get(reference="AVV-2016-00101").description == "Egen tekst."
