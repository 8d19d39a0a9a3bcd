"""The evidence query understanding reads, gathered from the cluster every few minutes.

The gigs per subcategory (the predictor's tie-breaker) and what buyers did: each behaviour
source yields ``(query, subcategory, count)`` triples; today the searches buyers narrowed to
a subcategory (the query log). Another source (where a query's clicks land) is one more
callable in :attr:`LiveUnderstanding.sources`. Searches read :attr:`current`, swapped whole.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence

from opensearchpy import OpenSearch

from facets.model import Taxonomy
from indexer.catalog_counts import subcategory_counts
from indexer.client import IndexNames
from indexer.querylog import narrowed_searches
from indexer.understanding import QueryUnderstanding, Vocabulary, merge_behaviour

log = logging.getLogger(__name__)

Source = Callable[[OpenSearch, IndexNames], Iterable[tuple[str, str, float]]]
SOURCES: tuple[Source, ...] = (narrowed_searches,)


class LiveUnderstanding:
    """The predictor one process searches with; :meth:`refresh` rebuilds its evidence."""

    def __init__(
        self,
        client: OpenSearch,
        names: IndexNames,
        taxonomy: Taxonomy,
        sources: Sequence[Source] = SOURCES,
    ) -> None:
        self.client = client
        self.names = names
        self.sources = tuple(sources)
        self.vocabulary = Vocabulary.of(taxonomy)
        self.current = QueryUnderstanding(self.vocabulary)
        self._lock = threading.Lock()

    def refresh(self) -> QueryUnderstanding:
        """Read the evidence again; a source that fails leaves out its part this time."""
        with self._lock:
            behaviour = []
            for source in self.sources:
                try:
                    behaviour.append(list(source(self.client, self.names)))
                except Exception:
                    log.exception("query understanding: a behaviour source failed")
            gigs = subcategory_counts(self.client, self.names)
            self.current = QueryUnderstanding(self.vocabulary, gigs, merge_behaviour(*behaviour))
            return self.current
