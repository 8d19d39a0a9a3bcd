"""Searches written once as steps, run by the sync client or the async one.

A search that may need several requests (price bands, then the results, then corrections
when nothing is found) is a generator: it yields each batch of ``(index, body)`` searches to
send and is sent back their responses, in order. A batch of one is a ``_search``; a larger
batch is one ``_msearch``, which OpenSearch runs in parallel. :func:`run` drives the steps
with the blocking client (tasks, tools, tests), :func:`run_async` with the async client (the
API's endpoints).
"""

from __future__ import annotations

import time
from collections.abc import Generator, Sequence
from typing import Any, TypeVar

from opensearchpy import AsyncOpenSearch, OpenSearch
from opensearchpy.exceptions import OpenSearchException, TransportError

from indexer.metrics import add_opensearch_time

T = TypeVar("T")
Query = tuple[str, dict[str, Any]]  # index, search body
Batch = Sequence[Query]
Responses = list[dict[str, Any]]
Steps = Generator[Batch, Responses, T]


def run(client: OpenSearch, steps: Steps[T]) -> T:
    """An error of a request is raised inside the steps, which may handle it."""
    try:
        batch = next(steps)
        while True:
            try:
                if len(batch) == 1:
                    ((index, body),) = batch
                    responses = [client.search(index=index, body=body)]
                else:
                    responses = _each(client.msearch(body=_lines(batch)))
            except OpenSearchException as exc:
                batch = steps.throw(exc)
            else:
                batch = steps.send(responses)
    except StopIteration as done:
        result: T = done.value
        return result


async def run_async(client: AsyncOpenSearch, steps: Steps[T]) -> T:
    """As :func:`run`, awaiting each request (the time awaited is counted, see metrics)."""
    try:
        batch = next(steps)
        while True:
            started = time.perf_counter()
            try:
                if len(batch) == 1:
                    ((index, body),) = batch
                    responses = [await client.search(index=index, body=body)]
                else:
                    responses = _each(await client.msearch(body=_lines(batch)))
            except OpenSearchException as exc:
                add_opensearch_time(time.perf_counter() - started)
                batch = steps.throw(exc)
            else:
                add_opensearch_time(time.perf_counter() - started)
                batch = steps.send(responses)
    except StopIteration as done:
        result: T = done.value
        return result


def _lines(batch: Batch) -> list[dict[str, Any]]:
    return [line for index, body in batch for line in ({"index": index}, body)]


def _each(answer: dict[str, Any]) -> Responses:
    responses: Responses = answer["responses"]
    for response in responses:
        if "error" in response:  # as a single _search would have raised it
            raise TransportError(response.get("status", 500), "msearch", response["error"])
    return responses
