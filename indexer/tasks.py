"""Celery tasks of the indexer."""

from __future__ import annotations

from facets.taxonomy import TAXONOMY
from indexer.celery_app import app
from indexer.rebuild import rebuild_gig_index
from indexer.runtime import build_runtime
from marketplace_core.config import get_settings


@app.task(name="indexer.rebuild_gig_index")
def rebuild_index() -> dict[str, object]:
    """Rebuild the gig index from the database and swap it in."""
    runtime = build_runtime(get_settings())
    try:
        report = rebuild_gig_index(
            runtime.search,
            runtime.engine,
            runtime.names,
            TAXONOMY,
            clock=runtime.clock,
            online_window=runtime.online_window,
            progress=False,
        )
    finally:
        runtime.close()
    return {"index": report.index, "documents": report.documents}
