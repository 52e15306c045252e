"""What is computed from stored figures and kept between requests, under a version of the data.

A kept value's key names the version of the data it was built from (`history_version`), which
changes with every save and delete of the models it reads, in any process, since
django-simple-history keeps a history row for each. A kept copy is therefore never stale: a write
makes a new version, and the old copy is simply not asked for again (both caches expire anyway).
Each process keeps a copy in its own memory (the "local" cache) in front of the shared cache
(settings.CACHES: a database table, or Redis), which every process and host reads and which
outlives a restart.

Used by the målekart (kpi.views) and by a report's sections (reports.services).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from django.apps import apps
from django.core.cache import cache, caches
from django.db import connection

from horeport.roles import PROJECT_APPS

KEPT_SECONDS = 600


def kept(key: str, build: Callable, *, store: bool = True):
    """The value kept under `key`: from this process's memory, else from the shared cache, else
    built (and kept in both, unless `store` is false)."""
    local = caches["local"]
    value = local.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = build()
            if not store:
                return value
            cache.set(key, value, KEPT_SECONDS)
        local.set(key, value, KEPT_SECONDS)
    return value


def history_version(models: Iterable) -> str:
    """A value that changes with every save and delete of any of `models` (each with a history),
    in any process: the newest history row of each. One query."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(tuple(models), connection.vendor))
        return ".".join(str(number or 0) for number in cursor.fetchone())


@functools.cache
def _version_sql(models: tuple, vendor: str) -> str:
    # Made once per set of models: reaching a model's history manager builds a manager class.
    quote = connection.ops.quote_name
    tables = [model.history.model._meta.db_table for model in models]
    return "SELECT " + ", ".join(f"(SELECT MAX(history_id) FROM {quote(table)})" for table in tables)


@functools.cache
def tracked_models() -> tuple:
    """Every model of the product's apps that keeps a history: what a figure can be computed from."""
    return tuple(
        model
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        if "history" in model.__dict__ and not model.__name__.startswith("Historical")
    )


def may_store() -> bool:
    """Whether a value built now may be kept: not inside a transaction, whose writes may yet be
    undone (on SQLite an undone write's history number is given again to the next write, so a
    copy built from the undone data could be taken for the new data's)."""
    return not connection.in_atomic_block
