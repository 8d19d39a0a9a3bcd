"""Recent autocomplete answers, kept in the API process for a short while.

Buyers type the same few prefixes over and over ("l", "lo", "log"…), and the suggestion
index they are read from is rebuilt hourly, so an answer stays right for much longer than
it is kept here. A kept answer costs no request to OpenSearch.

The answer depends on the typed text, the language and the place the text is understood to be
about (its terms come first), so the place is part of the key: when the query understanding is
refreshed and a text's place changes, its answer is asked again, and the one kept for the
former place is not served. The understanding itself is asked on every request, in memory.
"""

from __future__ import annotations

from collections.abc import Callable

from cachetools import TTLCache
from opensearchpy import AsyncOpenSearch

from facets.model import Lang
from indexer.client import IndexNames
from indexer.steps import run_async
from indexer.suggestions import Suggestion, suggest_steps
from indexer.understanding import Understood

MAX_ENTRIES = 20_000

# The text (case aside), the language, and the place leant towards: (category, subcategory).
Key = tuple[str, Lang, tuple[str, str | None] | None]


class SuggestionCache:
    """``suggest`` with its answers kept ``seconds`` (0: not kept), by text, language and
    understood place; ``timer`` tells the time in seconds (the runtime's clock, so tests can
    move it).

    Used from the event loop only (TTLCache is not thread-safe)."""

    def __init__(
        self, seconds: float, *, timer: Callable[[], float], max_entries: int = MAX_ENTRIES
    ) -> None:
        self._kept: TTLCache[Key, tuple[Suggestion, ...]] | None = None
        if seconds > 0:
            self._kept = TTLCache(max_entries, seconds, timer=timer)

    async def suggest(
        self,
        client: AsyncOpenSearch,
        names: IndexNames,
        q: str,
        lang: Lang,
        toward: Understood | None = None,
    ) -> tuple[Suggestion, ...]:
        steps = suggest_steps(names, q, lang, toward=toward)
        if self._kept is None:
            return tuple(await run_async(client, steps))
        # The analyzers ignore case, so "Logo" and "logo" share an answer; the confidence
        # does not change the answer, only the place does.
        place = None if toward is None else (toward.category, toward.subcategory)
        key: Key = (q.casefold(), lang, place)
        kept = self._kept.get(key)
        if kept is not None:
            return kept
        found = tuple(await run_async(client, steps))
        self._kept[key] = found
        return found
