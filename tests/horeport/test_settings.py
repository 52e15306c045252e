"""The settings refuse to start in production without a secret key of their own."""

import os
import subprocess
import sys

from django.conf import settings

CHECK = [sys.executable, "manage.py", "check"]


def environment(**values):
    env = {name: value for name, value in os.environ.items() if name not in ("SECRET_KEY", "DEBUG")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return {**env, **values}


def run_check(**values):
    return subprocess.run(CHECK, cwd=settings.BASE_DIR, env=environment(**values), capture_output=True, text=True)


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_check(DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr


def test_an_empty_secret_key_counts_as_unset():
    result = run_check(DEBUG="0", SECRET_KEY="  ")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_starts_with_a_secret_key():
    result = run_check(DEBUG="0", SECRET_KEY="a-long-random-production-key-for-this-test-only")
    assert result.returncode == 0, result.stderr


def test_development_may_use_the_development_key():
    result = run_check(DEBUG="1")
    assert result.returncode == 0, result.stderr
