"""A Registrator registers a deviation, processes and closes it, and the statistics count it."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from deviations.models import Category, Deviation
from horeport import demo
from tests.browser.helpers import sign_in


def test_a_registrator_registers_processes_and_closes_a_deviation(page, live_server, demo_users, screenshot):
    demo.load()  # the municipality and its units
    for order, name in enumerate(["Legemiddelavvik", "Vold og trusler", "Fall"]):
        Category.objects.create(name=name, sort_order=order)
    today = timezone.localdate()
    sign_in(page, live_server, "registrator")

    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Avvik", exact=True).click()
    expect(page.get_by_text("Ingen avvik er registrert ennå.")).to_be_visible()
    page.get_by_role("link", name="Registrer avvik").first.click()

    # Register: the case reference and today's date are suggested.
    expect(page.get_by_label("Saksnummer")).to_have_value(f"AVV-{today.year}-00001")
    page.get_by_label("Kategori").select_option(label="Fall")
    page.get_by_label("Virksomhet").select_option(label="Hjemmetjenesten")
    page.get_by_label("Hendelsesdato").fill(today.isoformat())
    page.get_by_label("Alvorlighetsgrad").select_option(label="2 – Mindre alvorlig")
    page.get_by_label("Hva skjedde").fill("Bruker funnet på gulvet ved sengen om natten. Ingen synlig skade.")
    screenshot(page, "deviations-form")
    page.get_by_role("button", name="Registrer").click()
    expect(page.get_by_text(f"Avviket AVV-{today.year}-00001 er registrert.")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Registrert")

    # Process.
    page.get_by_role("link", name="Start behandling").click()
    expect(page.get_by_label("Status")).to_have_value("under_behandling")
    page.get_by_label("Strakstiltak").fill("Tilsyn hver time resten av natten.")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("er satt under behandling.")).to_be_visible()

    # Close: without measures the form says what is missing, next to the field.
    page.get_by_role("link", name="Lukk avviket").click()
    expect(page.get_by_label("Status")).to_have_value("lukket")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#id_measures_error")).to_have_text("Beskriv tiltakene før avviket lukkes.")
    screenshot(page, "deviations-form-error")
    page.get_by_label(re.compile(r"^Tiltak")).fill("Sengen senket og sensormatte lagt ut.")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text(f"Avviket AVV-{today.year}-00001 er lukket.")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Lukket")
    screenshot(page, "deviations-detail")

    # The list shows it; the history tells who did what.
    page.get_by_role("link", name="Historikk").click()
    expect(page.get_by_role("cell", name="Rita Registrator").first).to_be_visible()
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Avvik", exact=True).click()
    expect(page.get_by_role("link", name=f"AVV-{today.year}-00001")).to_be_visible()
    screenshot(page, "deviations-list")

    # The statistics count it: registered and processed in this year.
    page.get_by_role("navigation", name="Avvik").get_by_role("link", name="Statistikk").click()
    table = page.locator('[data-section="deviations.by_category"] table')
    fall = Category.objects.get(name="Fall").pk
    expect(table.locator(f'tr[data-row="category-{fall}-registered"] td').nth(1)).to_have_text("1")
    expect(table.locator(f'tr[data-row="category-{fall}-processed"] td').nth(1)).to_have_text("1")
    screenshot(page, "deviations-statistics")
    assert Deviation.objects.get().closed_on == today


def test_a_registrator_imports_an_extract_after_a_preview(page, live_server, demo_users, screenshot, tmp_path):
    demo.load()
    Category.objects.create(name="Legemiddelavvik")
    Category.objects.create(name="Fall")
    extract = tmp_path / "uttrekk.csv"
    extract.write_text(
        "Saksnummer;Kategori;Virksomhet;Hendelsesdato;Registrert;Alvorlighetsgrad;Hva skjedde;Tiltak;Status;Lukket\n"
        "AVV-2016-00101;Fall;Hjemmetjenesten;01.03.2016;02.03.2016;2;Falt på badet.;Matte.;Lukket;10.03.2016\n"
        "AVV-2016-00102;Legemiddelavvik;HJT;05.03.2016;05.03.2016;1;Dose ikke gitt.;;Registrert;\n"
        "AVV-2016-00103;Brann;HJT;05.03.2016;05.03.2016;1;Brannalarm.;;Registrert;\n",
        encoding="utf-8",
    )
    sign_in(page, live_server, "registrator")
    page.goto(f"{live_server.url}/avvik/import/")
    page.get_by_label("Fil fra avvikssystemet").set_input_files(str(extract))
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.locator('tr[data-action="refused"]')).to_contain_text("Ukjent kategori «Brann»")
    expect(page.get_by_role("alert")).to_contain_text("Filen kan ikke lagres")
    screenshot(page, "deviations-import-refused")

    extract.write_text("\n".join(extract.read_text(encoding="utf-8").splitlines()[:3]) + "\n", encoding="utf-8")
    page.goto(f"{live_server.url}/avvik/import/")
    page.get_by_label("Fil fra avvikssystemet").set_input_files(str(extract))
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.locator('tr[data-action="add"]')).to_have_count(2)
    screenshot(page, "deviations-import-preview")
    page.get_by_role("button", name="Lagre 2 avvik").click()
    expect(page.get_by_text("Importen er lagret: 2 avvik lagt til, 0 endret, 0 uendret.")).to_be_visible()
    assert Deviation.objects.count() == 2
