"""The deviation register's export imported back (issue 11): the register at N rows is exported
with the product's own export, emptied of deviations, and the file previewed and saved as the
import's background jobs do (deviations/services.py). Each step runs in a process of its own, so
its peak resident memory (the whole process: Python, Django and the step) is its own.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/horeport_bench \\
        .venv/bin/python -m bench.import_roundtrip --rows 300000

The database is emptied first, as by `make bench` (bench/generate.py refuses one with other data).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connections  # noqa: E402


def _step(name, function, queue):
    started = time.perf_counter()
    outcome = function()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((name, seconds, peak, outcome))


def in_process(name: str, function) -> tuple[float, float, object]:
    """Run `function` in a forked process; its time, its peak RSS in MB and what it returned."""
    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_step, args=(name, function, queue))
    process.start()
    _, seconds, peak, outcome = queue.get()
    process.join()
    if process.exitcode:
        raise SystemExit(f"{name} failed")
    print(f"  {name}: {seconds:.1f} s, peak RSS {peak:.0f} MB, {outcome}", flush=True)
    return seconds, peak, outcome


def main(argv=None) -> int:
    from bench import generate
    from deviations import services
    from deviations.models import Deviation, ImportBatch

    parser = argparse.ArgumentParser(prog="python -m bench.import_roundtrip", description=__doc__)
    parser.add_argument("--rows", type=int, default=300_000)
    arguments = parser.parse_args(argv)
    scale = replace(generate.SCALES["demo"], name="import", units=40, deviations=arguments.rows, complaints=0)
    folder = Path(tempfile.mkdtemp(prefix="horeport-import-bench-"))
    path = folder / "avvik.xlsx"

    print(f"Generating {arguments.rows} deviations …", flush=True)
    generate.generate(scale)
    in_process("export", lambda: services.deviations_export(Deviation.objects.all(), path=path))
    print(f"  the file: {path.stat().st_size / 1024 / 1024:.1f} MB", flush=True)
    generate.generate(replace(scale, deviations=0))  # the same units and categories, no deviations

    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = get_user_model().objects.get(username="bench")
    with path.open("rb") as file:
        upload = SimpleUploadedFile("avvik.xlsx", file.read())
    batch = services.import_batch_keep(upload=upload, user=user)
    del upload

    def preview():
        batch_here = ImportBatch.objects.get(pk=batch.pk)
        rows = services.import_count(batch_here)
        summary = services.import_preview_large(batch=batch_here)
        return f"{rows} rows; {summary.added} to add, {summary.refused} refused"

    def save():
        counts = services.import_save_large(batch=ImportBatch.objects.get(pk=batch.pk), user=user)
        return f"{counts['add']} added, history rows {Deviation.history.count()}"

    in_process("preview (count and plan)", preview)
    in_process("save", save)
    print(f"  deviations now: {Deviation.objects.count()}", flush=True)
    path.unlink()
    folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
