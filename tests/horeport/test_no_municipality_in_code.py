"""No municipality's name is written in the code: the product holds any municipality's report.

A municipality's names, titles and words are data (site settings, report kinds' section titles,
services, indicators), set by an administrator or by the demo. Only the demo data modules and the
tests may name one. A name found elsewhere fails the test with the file and the line.
"""

from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)

# Norwegian municipalities whose names one might write into code: the source documents' two,
# their neighbours and the largest towns. Names that are also common words (Moss, Lier, Time, Nes)
# are left out: they would be found in ordinary text.
MUNICIPALITIES = [
    "Asker", "Stavanger", "Bærum", "Oslo", "Bergen", "Trondheim", "Drammen", "Kristiansand", "Tromsø",
    "Sandnes", "Fredrikstad", "Sarpsborg", "Skien", "Bodø", "Ålesund", "Tønsberg", "Lørenskog",
    "Lillestrøm", "Haugesund", "Sandefjord", "Larvik", "Arendal", "Hamar", "Porsgrunn",
]  # fmt: skip
NAME = re.compile(r"\b(" + "|".join(MUNICIPALITIES) + r")\b", re.IGNORECASE)
# Names that contain a town's name without being about a municipality: the time zone.
NOT_A_MUNICIPALITY = re.compile(r"Europe/Oslo")

SUFFIXES = {".py", ".html", ".css", ".js"}
SCANNED = ["*.py", "bench", "complaints", "deviations", "economy", "horeport", "kpi", "reports", "scripts",
           "static/css", "static/js", "templates", "volumes", "waitlists"]  # fmt: skip
SKIPPED_DIRS = {"__pycache__", "vendor", "node_modules", ".venv"}

# The demo data: where the municipality of the source documents is named, on purpose.
ALLOWED = [
    "*/demo.py",  # each app's demo loader, reading fixtures/ (bench and tests are not scanned as demo)
    "*/demo_*.py",  # each app's loader of another municipality's demo (`load_demo --municipality NAME`)
    "fixtures/*",
    # The help text of the time, kept as history; 0004_counterpart_help_text made it neutral.
    "deviations/migrations/0001_initial.py",
]


def code_files() -> list[Path]:
    files = set()
    for pattern in SCANNED:
        for root in BASE.glob(pattern):
            candidates = [root] if root.is_file() else root.rglob("*")
            for path in candidates:
                parts = set(path.relative_to(BASE).parts)
                if path.is_file() and path.suffix in SUFFIXES and not parts & SKIPPED_DIRS:
                    files.add(path)
    return sorted(files)


def is_allowed(path: Path) -> bool:
    relative = path.relative_to(BASE).as_posix()
    return any(fnmatch(relative, pattern) for pattern in ALLOWED)


def names_in(text: str) -> list[str]:
    return NAME.findall(NOT_A_MUNICIPALITY.sub("", text))


def test_no_municipality_is_named_in_the_code_outside_the_demo_data():
    found = []
    for path in code_files():
        if is_allowed(path):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for name in names_in(line):
                found.append(f"{path.relative_to(BASE)}:{number}: {name}")
    assert not found, "A municipality is named in the code; make it data (see docs/architecture.md):\n" + "\n".join(
        found
    )


def test_the_scan_reads_the_code_and_templates():
    files = {str(path.relative_to(BASE)) for path in code_files()}
    assert {"manage.py", "horeport/models.py", "templates/base.html", "static/css/horeport.css"} <= files
    assert not any(name.startswith("tests/") for name in files)


def test_the_names_are_found_whatever_their_case_but_only_as_words():
    assert names_in("kommune = 'asker kommune'") == ["asker"]
    assert names_in("Årsrapport for STAVANGER") == ["STAVANGER"]
    assert names_in("avvik til Bærum sykehus") == ["Bærum"]
    assert names_in("Oppgaver, Oslogate, Askerud, Bergenhus, TIME_ZONE = 'Europe/Oslo'") == []


def test_every_allowed_entry_still_matches_a_file():
    """An allow-list entry for a file that is gone would let a new file of that name through unseen."""
    files = code_files() + sorted((BASE / "fixtures").rglob("*"))
    for pattern in ALLOWED:
        assert any(fnmatch(path.relative_to(BASE).as_posix(), pattern) for path in files), pattern
