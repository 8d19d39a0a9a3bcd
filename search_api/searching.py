"""A results page searched the one way the API and the pages both do it: the app's async
client, its budget bands, live thesaurus, query understanding and merchandising rules;
recorded (with its search id) for the search reports."""

from __future__ import annotations

from fastapi import Request

from facets.selection import Selection
from facets.taxonomy import TAXONOMY
from indexer.merchandising import page_plan
from indexer.search import SearchResult, search_steps
from indexer.steps import run_async
from search_api.deps import get_runtime, get_tracking


async def searched(request: Request, selection: Selection) -> tuple[SearchResult, str]:
    """The page's results and its search id."""
    state = request.app.state
    runtime = get_runtime(request)
    now = runtime.clock.now()
    steps = search_steps(
        runtime.names,
        selection,
        TAXONOMY,
        state.budget_bands,
        state.thesaurus.current,
        state.understanding.current,
        now,
        page_plan(state.merchandising.current, selection, now),
    )
    result = await run_async(state.search_async, steps)
    return result, get_tracking(request).record_search(request.headers, selection, result.total)
