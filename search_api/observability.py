"""What the API tells about itself: Prometheus metrics, a request id, JSON logs.

- Every request is counted and timed by its route template (``/gigs/{gig_id}``, never the
  raw path). ``/search`` and ``/autocomplete`` are also split into the time awaited on
  OpenSearch and the rest, the API's own time.
- ``X-Request-ID``: a sane incoming id is kept, else one is made; it is sent back in the
  answer and carried by every log line of the request.
- ``LOG_FORMAT=json`` writes one JSON object per log line.
- What is read at scrape time (outbox depth and age, cluster status) comes from the
  database and the cluster, so it is right whichever process does the work.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Iterator
from typing import IO, Literal

from asgi_correlation_id import CorrelationIdFilter, CorrelationIdMiddleware
from fastapi import FastAPI
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from pythonjsonlogger.json import JsonFormatter
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from indexer.metrics import measure_opensearch
from indexer.status import cluster_status
from marketplace_core.outbox import SearchOutbox
from microtache.runtime import Runtime
from search_api.redaction import Redact

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# Latencies of a search, from a cached autocomplete answer to a slow faceted page.
_SEARCH_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
SPLIT_ROUTES = {"/search": "search", "/autocomplete": "autocomplete"}

REQUESTS = Counter(
    "microtache_http_requests",
    "HTTP requests answered, by route template, method and status",
    ["route", "method", "status"],
)
REQUEST_SECONDS = Histogram(
    "microtache_http_request_duration_seconds",
    "Time to answer an HTTP request, by route template and method",
    ["route", "method"],
)
SEARCH_OPENSEARCH_SECONDS = Histogram(
    "microtache_search_opensearch_seconds",
    "Time a search or autocomplete request awaited OpenSearch (requests that sent none: "
    "not observed)",
    ["endpoint"],
    buckets=_SEARCH_BUCKETS,
)
SEARCH_API_SECONDS = Histogram(
    "microtache_search_api_seconds",
    "Time a search or autocomplete request spent in the API itself (total less OpenSearch)",
    ["endpoint"],
    buckets=_SEARCH_BUCKETS,
)


class RequestMetrics:
    """ASGI middleware counting and timing each request by its route template."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        awaited = measure_opensearch()
        status = 500  # unless the app starts an answer

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            elapsed = time.perf_counter() - started
            # The router leaves the matched route in the scope.
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            REQUESTS.labels(route, scope["method"], str(status)).inc()
            REQUEST_SECONDS.labels(route, scope["method"]).observe(elapsed)
            if endpoint := SPLIT_ROUTES.get(route):
                if awaited.requests:
                    SEARCH_OPENSEARCH_SECONDS.labels(endpoint).observe(awaited.seconds)
                SEARCH_API_SECONDS.labels(endpoint).observe(max(elapsed - awaited.seconds, 0.0))


class EngineState(Collector):
    """Gauges read when scraped: the search outbox and the cluster's status."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def collect(self) -> Iterator[Metric]:
        yield from self._outbox()
        status = cluster_status(self.runtime.search)
        up = GaugeMetricFamily("microtache_opensearch_up", "1 when the cluster answers")
        up.add_metric([], 1.0 if status else 0.0)
        yield up
        by_status = GaugeMetricFamily(
            "microtache_opensearch_cluster_status",
            "1 for the cluster's status (green, yellow or red), 0 for the others",
            labels=["status"],
        )
        for name in ("green", "yellow", "red"):
            by_status.add_metric([name], 1.0 if status == name else 0.0)
        yield by_status

    def _outbox(self) -> Iterable[Metric]:
        query = select(
            func.count(),
            func.min(SearchOutbox.created_at),
            func.count().filter(SearchOutbox.attempts > 0),
        )
        try:
            with self.runtime.sessions() as session:
                rows, oldest, retrying = session.execute(query).one()
        except SQLAlchemyError:
            return  # the database is down: /health/ready says so
        age = 0.0
        if oldest is not None:
            age = max((self.runtime.clock.now() - oldest).total_seconds(), 0.0)
        yield GaugeMetricFamily(
            "microtache_outbox_rows", "Search outbox rows waiting to be synced", value=rows
        )
        yield GaugeMetricFamily(
            "microtache_outbox_oldest_age_seconds",
            "Age of the oldest search outbox row (0 when empty): how far search lags behind",
            value=age,
        )
        yield GaugeMetricFamily(
            "microtache_outbox_retrying_rows",
            "Search outbox rows whose last sync failed, waiting for a retry",
            value=retrying,
        )


def install_observability(app: FastAPI, runtime: Runtime) -> None:
    """Request metrics and ids for ``app``; its scrape-time gauges in ``app.state``."""
    state = CollectorRegistry(auto_describe=True)
    state.register(EngineState(runtime))
    app.state.metrics_registry = state
    app.add_middleware(RequestMetrics)
    # Outermost, so that every answer (a 413, a 500) carries the id.
    app.add_middleware(
        CorrelationIdMiddleware,
        header_name=REQUEST_ID_HEADER,
        validator=lambda value: bool(_SANE_REQUEST_ID.fullmatch(value)),
    )


def exposition(app: FastAPI) -> bytes:
    """The process's counters and histograms, then the app's gauges, in Prometheus' text."""
    registry: CollectorRegistry = app.state.metrics_registry
    return generate_latest(REGISTRY) + generate_latest(registry)


def configure_logging(log_format: Literal["text", "json"], redact: Redact) -> None:
    """The root logger's one handler (:func:`log_handler`)."""
    handler = log_handler(log_format, redact)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    # A line per request to OpenSearch, per migration check: kept for warnings.
    for chatty in ("opensearch", "alembic"):
        logging.getLogger(chatty).setLevel(logging.WARNING)


def log_handler(
    log_format: Literal["text", "json"], redact: Redact, stream: IO[str] | None = None
) -> logging.Handler:
    """Every record carries ``request_id`` (``-`` outside a request) and is rid of secrets
    (:mod:`search_api.redaction`) before it is formatted."""
    handler = logging.StreamHandler(stream)
    handler.addFilter(redact)
    handler.addFilter(CorrelationIdFilter(default_value="-"))
    if log_format == "json":
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
                rename_fields={"correlation_id": "request_id", "levelname": "level"},
            )
        )
    else:
        handler.setFormatter(
            logging.Formatter(
                "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s: %(message)s"
            )
        )
    return handler
