"""Searches written once as steps, run by the sync client or the async one.

A search that may need several requests (price bands, then the results, then corrections
when nothing is found) is a generator: it yields each ``(index, body)`` to send and is sent
back the response. :func:`run` drives it with the blocking client (tasks, tools, tests),
:func:`run_async` with the async client (the API's endpoints).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, TypeVar

from opensearchpy import AsyncOpenSearch, OpenSearch
from opensearchpy.exceptions import OpenSearchException

T = TypeVar("T")
Query = tuple[str, dict[str, Any]]  # index, search body
Steps = Generator[Query, dict[str, Any], T]


def run(client: OpenSearch, steps: Steps[T]) -> T:
    """An error of a request is raised inside the steps, which may handle it."""
    try:
        index, body = next(steps)
        while True:
            try:
                response = client.search(index=index, body=body)
            except OpenSearchException as exc:
                index, body = steps.throw(exc)
            else:
                index, body = steps.send(response)
    except StopIteration as done:
        result: T = done.value
        return result


async def run_async(client: AsyncOpenSearch, steps: Steps[T]) -> T:
    """As :func:`run`, awaiting each request."""
    try:
        index, body = next(steps)
        while True:
            try:
                response = await client.search(index=index, body=body)
            except OpenSearchException as exc:
                index, body = steps.throw(exc)
            else:
                index, body = steps.send(response)
    except StopIteration as done:
        result: T = done.value
        return result
