"""The repository explains itself: it cites only documents it holds, and its code keeps the
dependency rule that docs/architecture.md states."""

import ast
import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from horeport.models import PeriodLock
from horeport.periods import Period
from horeport.validators import national_id_message

ROOT = Path(settings.BASE_DIR)
SKIPPED_FOLDERS = {".git", ".venv", "node_modules", "staticfiles", "vendor", "screenshots", "test-results", "media"}
TEXT_SUFFIXES = {".py", ".html", ".md", ".toml", ".css", ".js", ".txt", ".cfg", ".ini", ".sh"}
TEXT_NAMES = {"Makefile", "run"}  # .ci/run
OUTSIDE = "../" + "shared"  # written in two parts so that this file does not mention it
DOMAIN_APPS = ("kpi", "waitlists", "volumes", "deviations", "complaints", "economy")


def text_files():
    for path in sorted(ROOT.rglob("*")):
        relative = path.relative_to(ROOT)
        if any(part in SKIPPED_FOLDERS or part.startswith(".") and part != ".ci" for part in relative.parts[:-1]):
            continue
        if path.is_file() and (path.suffix in TEXT_SUFFIXES or path.name in TEXT_NAMES):
            yield path


def test_the_readme_and_the_docs_are_there():
    assert (ROOT / "README.md").is_file()
    for name in ("architecture", "rules", "data-rules", "domain", "operations"):
        assert (ROOT / "docs" / f"{name}.md").is_file(), name
    readme = (ROOT / "README.md").read_text()
    assert "docs/rules.md" in readme and "docs/operations.md" in readme


def test_nothing_points_to_folders_outside_the_repository():
    found = [str(path.relative_to(ROOT)) for path in text_files() if OUTSIDE in path.read_text(errors="replace")]
    assert found == []


def test_every_document_cited_is_in_the_repository():
    """Every Markdown file named anywhere is a file of the repository, found from its root or
    from the citing file's folder (a link between the docs)."""
    missing = []
    for path in text_files():
        for name in re.findall(r"[\w./-]*\w\.md\b", path.read_text(errors="replace")):
            if not ((ROOT / name).is_file() or (path.parent / name).is_file()):
                missing.append(f"{path.relative_to(ROOT)}: {name}")
    assert missing == []


def test_the_messages_quoted_in_the_data_rules_are_the_products():
    data_rules = " ".join((ROOT / "docs/data-rules.md").read_text().replace("> ", "").split())
    locked_at = timezone.make_aware(datetime.datetime(2017, 2, 15, 10, 0))
    lock = PeriodLock(period=Period.parse("2016"), reason="Årsrapport 2016, versjon 1", locked_at=locked_at)
    assert national_id_message("Beskrivelse") in data_rules
    assert lock.message in data_rules


def imported_apps(app: str) -> dict[str, set[str]]:
    """For each module of an app, the project apps it imports (migrations left out)."""
    project = {"horeport", "reports", *DOMAIN_APPS}
    found = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = (names & project) - {app}
    return found


def test_horeport_imports_no_app():
    assert {module: apps for module, apps in imported_apps("horeport").items() if apps} == {}


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_a_domain_app_imports_only_horeport(app):
    assert {module: apps for module, apps in imported_apps(app).items() if apps - {"horeport"}} == {}


def test_reports_reaches_the_domain_apps_only_through_the_section_registry():
    assert {module: apps for module, apps in imported_apps("reports").items() if apps - {"horeport"}} == {}
