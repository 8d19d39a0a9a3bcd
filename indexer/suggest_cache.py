"""Recent autocomplete answers, kept in the API process for a short while.

Buyers type the same few prefixes over and over ("l", "lo", "log"…), and the suggestion
index they are read from is rebuilt hourly, so an answer stays right for much longer than
it is kept here. A kept answer costs no request to OpenSearch.
"""

from __future__ import annotations

from collections.abc import Callable

from cachetools import TTLCache
from opensearchpy import AsyncOpenSearch

from facets.model import Lang
from indexer.client import IndexNames
from indexer.steps import run_async
from indexer.suggestions import Suggestion, suggest_steps

MAX_ENTRIES = 20_000


class SuggestionCache:
    """``suggest`` with its answers kept ``seconds`` (0: not kept), by text and language;
    ``timer`` tells the time in seconds (the runtime's clock, so tests can move it).

    Used from the event loop only (TTLCache is not thread-safe)."""

    def __init__(
        self, seconds: float, *, timer: Callable[[], float], max_entries: int = MAX_ENTRIES
    ) -> None:
        self._kept: TTLCache[tuple[str, Lang], tuple[Suggestion, ...]] | None = None
        if seconds > 0:
            self._kept = TTLCache(max_entries, seconds, timer=timer)

    async def suggest(
        self, client: AsyncOpenSearch, names: IndexNames, q: str, lang: Lang
    ) -> tuple[Suggestion, ...]:
        if self._kept is None:
            return tuple(await run_async(client, suggest_steps(names, q, lang)))
        # The analyzers ignore case, so "Logo" and "logo" share an answer.
        key = (q.casefold(), lang)
        kept = self._kept.get(key)
        if kept is not None:
            return kept
        found = tuple(await run_async(client, suggest_steps(names, q, lang)))
        self._kept[key] = found
        return found
