"""What every index kept behind an alias shares: versions, building one and swapping the alias
onto it atomically, capped bulks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from opensearchpy import OpenSearch
from opensearchpy.helpers import parallel_bulk, streaming_bulk

R = TypeVar("R")

BULK_MAX_BYTES = 5 * 1024 * 1024
CHUNK_SIZE = 1000


class BulkError(RuntimeError):
    pass


def existing_versions(client: OpenSearch, alias: str) -> list[int]:
    """The N of every ``<alias>_v<N>`` on the cluster, in order."""
    pattern = re.compile(rf"^{re.escape(alias)}_v(\d+)$")
    indices = client.indices.get(
        index=f"{alias}_v*", allow_no_indices=True, ignore_unavailable=True
    )
    return sorted(int(m.group(1)) for name in indices if (m := pattern.match(name)))


def swap_alias(client: OpenSearch, alias: str, index: str) -> None:
    """Point ``alias`` at ``index`` alone, in one atomic request."""
    actions: list[dict[str, Any]] = [{"add": {"index": index, "alias": alias}}]
    if client.indices.exists_alias(name=alias):
        current = client.indices.get_alias(name=alias)
        actions = [{"remove": {"index": old, "alias": alias}} for old in current] + actions
    client.indices.update_aliases(body={"actions": actions})


def build_behind_alias(
    client: OpenSearch,
    alias: str,
    version_name: Callable[[int], str],
    body: dict[str, Any],
    live_settings: dict[str, Any],
    fill: Callable[[str], R],
) -> tuple[str, R]:
    """Create ``<alias>_v<N+1>`` from ``body`` (built for bulk speed), ``fill`` it, give it
    its live settings and swap the alias onto it in one request; then delete the older
    versions. On any failure the new index is deleted and the alias stays where it was."""
    versions = existing_versions(client, alias)
    index = version_name((versions[-1] if versions else 0) + 1)
    client.indices.create(index=index, body=body)
    try:
        filled = fill(index)
        client.indices.put_settings(index=index, body=live_settings)
        client.indices.refresh(index=index)
        swap_alias(client, alias, index)
    except BaseException:
        client.indices.delete(index=index, ignore_unavailable=True)
        raise
    for old in versions:
        client.indices.delete(index=version_name(old), ignore_unavailable=True)
    return index, filled


def send_bulk(
    client: OpenSearch, actions: Iterable[dict[str, Any]], *, threads: int = 1
) -> Iterator[tuple[bool, Any]]:
    """Send actions through ``_bulk`` requests capped in bytes; yield each item's result.

    Item errors are yielded for the caller to judge; a transport error (cluster unreachable)
    is raised, so no further request is attempted. With ``threads`` > 1 the actions are
    produced (read from the database, built) while earlier requests are being indexed.
    """
    if threads > 1:
        yield from parallel_bulk(
            client,
            actions,
            thread_count=threads,
            queue_size=threads,
            max_chunk_bytes=BULK_MAX_BYTES,
            chunk_size=CHUNK_SIZE,
            raise_on_error=False,
            raise_on_exception=True,
        )
        return
    yield from streaming_bulk(
        client,
        actions,
        max_chunk_bytes=BULK_MAX_BYTES,
        chunk_size=CHUNK_SIZE,
        raise_on_error=False,
        raise_on_exception=True,
    )


def is_version_conflict(item: Any) -> bool:
    """A newer version of the document is already there (external versioning)."""
    (result,) = item.values()
    return bool(result.get("status") == 409)


def bulk_all(
    client: OpenSearch,
    actions: Iterable[dict[str, Any]],
    *,
    threads: int = 1,
    on_done: Callable[[int], object] | None = None,
) -> int:
    """Send actions; fail on any item error but a version conflict.

    A conflict means the sync already wrote a newer version into the index being built.
    """
    done = 0
    errors: list[Any] = []
    for ok, item in send_bulk(client, actions, threads=threads):
        if ok or is_version_conflict(item):
            done += 1
            if on_done is not None:
                on_done(1)
        else:
            errors.append(item)
    if errors:
        raise BulkError(f"{len(errors)} documents were refused, first: {errors[0]}")
    return done
