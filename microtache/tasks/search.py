"""Celery tasks of search: the outbox drain, the presence sweep, the suggestion index, the
nightly comparison of the gig index with the database (repairing it), and a full rebuild of
the gig index on demand."""

from __future__ import annotations

from facets.taxonomy import TAXONOMY
from indexer.rebuild import rebuild_gig_index as rebuild
from microtache import jobs
from microtache.celery_app import app, periodic_task, worker_runtime

drain_outbox = periodic_task(jobs.DRAIN_OUTBOX)
rebuild_suggestions = periodic_task(jobs.REBUILD_SUGGESTIONS)
verify_index = periodic_task(jobs.VERIFY_GIG_INDEX)


@app.task(name=jobs.SWEEP_PRESENCE.task, expires=jobs.SWEEP_PRESENCE.every)
def sweep_presence() -> int:
    """Flip sellers' search online flag where it no longer holds, then drain at once (no
    commit in a worker wakes a drain)."""
    flipped = jobs.SWEEP_PRESENCE.run(worker_runtime())
    if flipped:
        drain_outbox.delay()
    return flipped


@app.task(name="search.rebuild_gig_index")
def rebuild_gig_index() -> dict[str, object]:
    """Rebuild the gig index from the database and swap it in."""
    runtime = worker_runtime()
    report = rebuild(runtime.search, runtime.engine, runtime.names, TAXONOMY, progress=False)
    return {"index": report.index, "documents": report.documents}
