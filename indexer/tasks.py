"""Celery tasks of the indexer."""

from __future__ import annotations

import threading

from celery.signals import worker_process_shutdown

from facets.taxonomy import TAXONOMY
from indexer import sync, verify
from indexer.celery_app import DRAIN_EVERY, PRESENCE_EVERY, VERIFY_INDEX_EXPIRES, app
from indexer.rebuild import rebuild_gig_index
from indexer.runtime import Runtime, build_runtime
from marketplace_core.config import get_settings

_runtime: Runtime | None = None
_runtime_lock = threading.Lock()


def worker_runtime() -> Runtime:
    """One runtime per worker process (tasks every few seconds reuse its pools), rebuilt when
    the settings are reloaded."""
    global _runtime
    settings = get_settings()
    with _runtime_lock:
        if _runtime is None or _runtime.settings is not settings:
            if _runtime is not None:
                _runtime.close()
            _runtime = build_runtime(settings)
        return _runtime


@worker_process_shutdown.connect
def _close_runtime(**_: object) -> None:
    global _runtime
    with _runtime_lock:
        if _runtime is not None:
            _runtime.close()
            _runtime = None


@app.task(name="indexer.rebuild_gig_index")
def rebuild_index() -> dict[str, object]:
    """Rebuild the gig index from the database and swap it in."""
    runtime = worker_runtime()
    report = rebuild_gig_index(
        runtime.search, runtime.engine, runtime.names, TAXONOMY, progress=False
    )
    return {"index": report.index, "documents": report.documents}


@app.task(name="indexer.drain_outbox", expires=DRAIN_EVERY)
def drain_outbox() -> dict[str, int]:
    """Send what the search outbox holds; failed rows wait for their retry time."""
    report = sync.drain_outbox(worker_runtime())
    return {"taken": len(report.taken), "done": report.done, "failed": report.failed}


@app.task(name="indexer.sweep_presence", expires=PRESENCE_EVERY)
def sweep_presence() -> int:
    """Flip sellers' search online flag where it no longer holds, then drain at once."""
    flipped = sync.presence_sweep(worker_runtime())
    if flipped:
        drain_outbox.delay()
    return flipped


@app.task(name="indexer.verify_index", expires=VERIFY_INDEX_EXPIRES)
def verify_index() -> dict[str, int]:
    """Compare the gig index with the database and rewrite what differs (beat: nightly)."""
    runtime = worker_runtime()
    report = verify.verify_and_repair(runtime.search, runtime.engine, runtime.names)
    return {
        "differences": len(report.differences),
        "repaired": report.repaired,
        "pending": report.pending,
    }
