"""Settings for `make bench`: the product's own, with plain static files (nothing collected) and
the test client's host allowed. The database is the one DATABASE_URL names."""

import os

os.environ.setdefault("SECRET_KEY", "django-insecure-horeport-bench-only")

from horeport.settings import *  # noqa: E402, F403
from horeport.settings import ALLOWED_HOSTS, STORAGES  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
SECURE_SSL_REDIRECT = False
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
