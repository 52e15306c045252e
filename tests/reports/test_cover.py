"""The PDF cover with the demo's placeholder emblem: the period, the version and the date in
its text, and the emblem drawn on it."""

import shutil
import subprocess

import pytest
from django.utils import timezone
from PIL import Image

from horeport import demo
from horeport.models import SiteSettings
from reports.pdf import report_pdf
from reports.services import report_build
from tests.reports.helpers import YEAR, pdf_pages

pytestmark = pytest.mark.django_db
EMBLEM_BLUE = (0x1E, 0x4F, 0x7A)  # the emblem's colour in fixtures/demo-emblem.svg


def cover_of(annual, version=None):
    report = report_build(kind=annual, period=YEAR, version=version)
    pdf = report_pdf(report)
    return pdf, pdf_pages(pdf)[0], timezone.localtime(report.generated_at).strftime("%d.%m.%Y")


def emblem_pixels(pdf: bytes, tmp_path, name: str) -> int:
    """Pixels of the emblem's blue in the top third of the rendered cover, where the logo sits."""
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(source), str(tmp_path / name)], check=True
    )
    with Image.open(next(tmp_path.glob(f"{name}-*.png"))) as image:
        top = image.convert("RGB").crop((0, 0, image.width, image.height // 3))
        return sum(
            1
            for pixel in top.get_flattened_data()
            if all(abs(a - b) <= 8 for a, b in zip(pixel, EMBLEM_BLUE, strict=True))
        )


def test_the_demo_sets_the_placeholder_emblem_only_while_no_logo_is_set():
    demo.load()
    site = SiteSettings.current()
    assert site.logo_content_type == "image/svg+xml"
    assert bytes(site.logo) == (demo.FIXTURES / "demo-emblem.svg").read_bytes()
    site.logo, site.logo_content_type = b"\x89PNG own logo", "image/png"
    site.save()
    demo.load()
    site.refresh_from_db()
    assert (bytes(site.logo), site.logo_content_type) == (b"\x89PNG own logo", "image/png")


def test_a_draft_cover_states_the_period_draft_and_date(annual):
    demo.load()
    _, cover, today = cover_of(annual)
    assert "Årsrapport" in cover and "2016" in cover
    assert "Utkast" in cover and "versjon" not in cover.lower()
    assert f"Laget {today}" in cover


def test_a_published_cover_states_its_version_and_date(annual):
    demo.load()
    _, cover, today = cover_of(annual, version=3)
    assert "Publisert versjon 3" in cover and "Utkast" not in cover
    assert f"Publisert {today}" in cover


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) is needed")
def test_the_cover_shows_the_emblem_when_a_logo_is_set(annual, tmp_path):
    without, _, _ = cover_of(annual)
    assert emblem_pixels(without, tmp_path, "without") == 0
    demo.load()
    with_logo, _, _ = cover_of(annual)
    assert emblem_pixels(with_logo, tmp_path, "with") > 50
