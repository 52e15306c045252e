"""Settings for the test run: the project's own, plus a small app that exercises the shared
tracking piece, plain static files (no collectstatic needed) and a fast password hasher."""

import os
import tempfile
from pathlib import Path

# horeport.settings refuses to start without a key unless DEBUG is set; the tests run with DEBUG off.
os.environ.setdefault("SECRET_KEY", "django-insecure-horeport-tests-only")

from horeport.settings import *  # noqa: E402, F403
from horeport.settings import INSTALLED_APPS, STORAGES  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "tests.tracked"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# What pages keep between requests is kept in the test process's memory (emptied around each test).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"},
}
# The browser tests talk plain HTTP to the live server.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Serve static files from the apps' folders, as `runserver` does; nothing is collected.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Client.login() in a test has no request for django-axes to count; sign-ins through the page do.
AUTHENTICATION_BACKENDS = ["tests.backends.LockoutBackendForTests", "django.contrib.auth.backends.ModelBackend"]
# Tasks run at once, inside the test (the same task functions the worker runs); the database and RQ
# backends are there for the tests of their workers (RQ on a queue of this run's own, so that two
# runs on one Redis server never take each other's jobs). Job files go to a folder of the run's own.
TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [f"tests-{os.getpid()}"]},
}
RQ_QUEUES = {f"tests-{os.getpid()}": {"URL": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")}}
RQ = {"DEFAULT_RESULT_TTL": 60}
JOB_ROOT = Path(tempfile.mkdtemp(prefix="horeport-jobs-"))
