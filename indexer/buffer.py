"""What the query log and the search events share: a bounded, thread-safe buffer written by
one flush at a time, and the small index each one writes to."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from opensearchpy import OpenSearch
from opensearchpy.exceptions import RequestError

from indexer.gig_index import ANALYSIS

T = TypeVar("T")


class Buffer(Generic[T]):
    """Requests add to it without I/O; a flush takes everything, and what it could not write
    goes back in front. Bounded: if the cluster is away for long, the oldest entries are
    dropped, not memory."""

    def __init__(self, max_items: int) -> None:
        self._items: deque[T] = deque(maxlen=max_items)
        self._lock = threading.Lock()
        self._flushing = threading.Lock()  # one flush at a time

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    @property
    def flushing(self) -> bool:
        return self._flushing.locked()

    def add(self, items: Iterable[T]) -> int:
        """Buffer ``items``; return how many are buffered now."""
        with self._lock:
            self._items.extend(items)
            return len(self._items)

    @contextmanager
    def taking(self) -> Iterator[list[T]]:
        """Everything buffered, for one flush at a time; if the block fails, it all goes
        back and the error is raised."""
        with self._flushing:
            with self._lock:
                taken = list(self._items)
                self._items.clear()
            try:
                yield taken
            except BaseException:
                self.put_back(taken)
                raise

    def put_back(self, items: Sequence[T]) -> None:
        with self._lock:
            self._items.extendleft(reversed(items))


# The translog is written to disk every few seconds rather than at every _bulk (which waited
# on the disk for tens of milliseconds): a node crash may lose the last seconds of searches
# and events, as a stopped API process loses its unwritten buffer. Orders are read again
# from the database.
ANALYTICS_SETTINGS: dict[str, Any] = {"translog": {"durability": "async", "sync_interval": "5s"}}


def create_small_index(
    client: OpenSearch, index: str, mapping: dict[str, Any], settings: dict[str, Any]
) -> bool:
    """Create a one-shard analytics index with the folding normalizer unless it exists; True
    if this call created it (another process may be first)."""
    if client.indices.exists(index=index):
        return False
    body = {
        "settings": {
            "index": {"number_of_shards": 1, **ANALYTICS_SETTINGS, **settings},
            "analysis": {"normalizer": ANALYSIS["normalizer"]},
        },
        "mappings": mapping,
    }
    try:
        client.indices.create(index=index, body=body)
    except RequestError as exc:
        if exc.error != "resource_already_exists_exception":
            raise
        return False
    return True
