"""A results page searched the one way the API and the pages both do it: the app's async
client, its budget bands and live thesaurus; recorded (with its search id) for the search
reports."""

from __future__ import annotations

from fastapi import Request

from facets.selection import Selection
from facets.taxonomy import TAXONOMY
from indexer.search import SearchResult, search_steps
from indexer.steps import run_async
from search_api.deps import get_runtime, get_tracking


async def searched(request: Request, selection: Selection) -> tuple[SearchResult, str]:
    """The page's results and its search id."""
    state = request.app.state
    steps = search_steps(
        get_runtime(request).names,
        selection,
        TAXONOMY,
        state.budget_bands,
        state.thesaurus.current,
    )
    result = await run_async(state.search_async, steps)
    return result, get_tracking(request).record_search(request.headers, selection, result.total)
