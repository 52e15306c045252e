"""Background work of the målekart: keeping the dashboard built after a write."""

from __future__ import annotations

from django.db import connection, transaction
from django.tasks import task


@task
def malekart_warm_task() -> None:
    """Build the dashboard as it first opens and keep it in the shared cache (settings.CACHES)."""
    from kpi.views import malekart_warm

    malekart_warm()


def _enqueue() -> None:
    malekart_warm_task.enqueue()


def malekart_warm_after_commit(**kwargs) -> None:
    """After a write to what the målekart shows (a signal receiver): once the transaction commits,
    build it again in the background, once per transaction however many rows it wrote."""
    if any(callback is _enqueue for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue)
