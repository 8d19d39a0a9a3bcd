"""Celery task that rebuilds the autocomplete suggestions from the query log and the catalog."""

from __future__ import annotations

from facets.taxonomy import TAXONOMY
from indexer.celery_app import app
from indexer.runtime import build_runtime
from indexer.suggestions import rebuild_suggestions
from marketplace_core.config import get_settings

# Run hourly by beat; a run still queued when the next one is due is worthless.
REBUILD_EXPIRES_SECONDS = 3600


@app.task(name="indexer.rebuild_suggestions", expires=REBUILD_EXPIRES_SECONDS)
def rebuild_suggestions_task() -> dict[str, object]:
    """Rebuild the suggestion index and swap it in behind its alias."""
    runtime = build_runtime(get_settings())
    try:
        report = rebuild_suggestions(runtime.search, runtime.names, TAXONOMY)
    finally:
        runtime.close()
    return {
        "index": report.index,
        "terms": report.terms,
        "documents": report.documents,
        "dropped": report.dropped,
    }
