"""`manage.py render_report KIND PERIOD --format pdf|xlsx --output FILE`."""

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from reports.models import ReportKind
from tests.reports.helpers import pdf_text, use_sections, workbook

pytestmark = pytest.mark.django_db


def render(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("render_report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_writes_a_valid_pdf(annual, tmp_path):
    target = tmp_path / "aarsrapport.pdf"
    out, _ = render("annual", "2016", "--format", "pdf", "--output", str(target))
    reader = PdfReader(target)
    assert len(reader.pages) > 3 and "Årsrapport" in pdf_text(target.read_bytes())
    assert "Årsrapport 2016 (PDF" in out and str(target) in out


def test_it_writes_a_valid_workbook_and_takes_the_format_from_the_file_name(tmp_path):
    use_sections(ReportKind.objects.get(slug="director"), ["test.counts"])
    target = tmp_path / "direktor.xlsx"
    render("director", "2016-03", "--output", str(target))
    assert workbook(target.read_bytes()).sheetnames == ["Forside", "Klagesaker per sakstype"]


def test_missing_sections_are_told_on_standard_error_and_the_report_still_renders(tmp_path):
    use_sections(ReportKind.objects.get(slug="committee"), ["test.counts", "nowhere.missing"])
    _, err = render("committee", "2016-Q4", "--format", "pdf", "--output", str(tmp_path / "k.pdf"))
    assert "«nowhere.missing» er ikke tilgjengelig" in err
    assert (tmp_path / "k.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["weekly", "2016"], "Ukjent rapporttype «weekly». Velg en av: director, committee, halfyear, annual."),
        (["annual", "2016-13"], "Måned 13 finnes ikke."),
        (["annual", "i fjor"], "«i fjor» er ikke en periode."),
        (["annual", "2016-Q4"], "Årsrapport lages for år, ikke for 4. kvartal 2016."),
        (["halfyear", "2016-H2"], "Halvårsrapport lages for 1. halvår, ikke for 2. halvår 2016."),
        (["annual", "2016", "--output", "/nonexistent/folder/r.pdf"], "Kunne ikke skrive /nonexistent/folder/r.pdf"),
    ],
)
def test_bad_arguments_give_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message.replace(".", r"\.").replace("(", r"\(")):
        render(*args)


def test_an_unknown_format_is_refused_by_the_argument_parser():
    with pytest.raises(CommandError, match="invalid choice: 'docx'"):
        render("annual", "2016", "--format", "docx")
