"""Logging as the settings configure it: every record once on standard error, with DEBUG on or off."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

SCRIPT = """
import logging
import django
django.setup()
logging.getLogger("django.request").warning("Not Found: /finnes-ikke")
logging.getLogger("django.server").info('"GET /finnes-ikke HTTP/1.1" 404 6617')
logging.getLogger("reports.services").info("Rapporten er publisert.")
"""


def stderr_lines(**environment) -> list[str]:
    env = {name: value for name, value in os.environ.items() if name not in ("DEBUG", "LOG_LEVEL")}
    env |= {"DJANGO_SETTINGS_MODULE": "horeport.settings", **environment}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    return result.stderr.splitlines()


@pytest.mark.parametrize("debug", ["1", "0"])
def test_each_record_is_written_once(debug):
    lines = stderr_lines(DEBUG=debug)
    assert lines.count("Not Found: /finnes-ikke") == 1
    assert lines.count("Rapporten er publisert.") == 1
    request_lines = [line for line in lines if '"GET /finnes-ikke HTTP/1.1" 404 6617' in line]
    assert len(request_lines) == 1
    assert request_lines[0].startswith("[")  # the development server's lines keep their timestamp


def test_log_level_leaves_out_what_is_below_it():
    lines = stderr_lines(DEBUG="1", LOG_LEVEL="WARNING")
    assert "Not Found: /finnes-ikke" in lines
    assert "Rapporten er publisert." not in lines
