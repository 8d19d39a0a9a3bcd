"""Results pages, autocomplete, rebuild and sync at scale, each beside its baseline in one run.

    python -m bench.search_bench [--gigs 1000000] [--pages 240] [--only NAME ...]

Builds (or reuses) the catalog under ``bench/var`` (see :mod:`bench.catalog`). Then:

- ``search``: a mix of distinct results pages (:mod:`bench.pages`), each sent once per
  measure, with the shard request cache off so that no page is answered from a cache: the
  API; the same requests straight to OpenSearch (raw); the former design's body on its index
  (before). Concurrency 1 (the three interleaved page by page) and 16 (one pass each);
  during the API's concurrency-16 pass, 50 gig updates a second are committed and timed
  until searchable (then the same pass again with the index refreshed every 500 ms instead
  of its live interval); the API's RSS and the node's heap and circuit breakers are watched.
- ``check``: facet counts of a sample of pages against counts from the database.
- ``autocomplete``: the API with every answer fresh, then with its cache as configured, each
  beside the same requests straight to OpenSearch.
- ``rebuild``: the full rebuild beside raw ``_bulk`` of the same prebuilt documents, twice:
  with every document to build (as after a change of the builder: the stored documents are
  deleted first), then from the documents it stored (a mapping, analyzer or node change).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import parse_qsl

import httpx
from opensearchpy import OpenSearch
from opensearchpy.helpers import parallel_bulk
from sqlalchemy import delete, select

from bench.before_design import before_body
from bench.catalog import BEFORE, HEAP, bench_node, data_dir, prepare_catalog
from bench.pages import results_pages, scope_pages
from bench.processes import api_process
from facets.filters import facets_for
from facets.selection import parse_selection
from facets.taxonomy import TAXONOMY
from indexer.bulk import BULK_MAX_BYTES, CHUNK_SIZE
from indexer.document_store import iter_active_documents
from indexer.gig_index import LIVE_SETTINGS, gig_index_body
from indexer.query_signals import LiveUnderstanding
from indexer.rebuild import REBUILD_THREADS
from indexer.search import BudgetBands, search_steps
from indexer.steps import Steps
from indexer.suggestions import suggest_steps
from indexer.sync import drain_outbox
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig, GigSearchDocument
from marketplace_core.config import Settings
from marketplace_core.db import transaction
from marketplace_core.outbox import SearchOutbox, add_commit_listener, remove_commit_listener
from marketplace_core.thesaurus.rules import Thesaurus, default_rules
from marketplace_core.thesaurus.service import install_defaults
from microtache.background import Loop
from microtache.bootstrap import reindex
from microtache.runtime import Runtime, build_runtime

Request = tuple[str, bytes, str]  # path, body, content type
PREFIXES = [
    "l", "lo", "log", "logo", "logo m", "logo min", "tra", "trad", "tradu", "traduction j",
    "voix", "vo", "voix of", "site w", "site v", "mont", "montage v", "lgo", "tradcution",
    "delai", "réd", "redac", "seo", "app", "appli", "anim", "podc", "busi", "busines",
    "illu", "ilustration", "carte", "cv", "sous", "sous-t", "mix", "mixage", "musiq",
    "wordp", "wordpres", "shopi", "boutique", "e-mail", "newsl", "étude", "etude de",
    "assist", "saisie", "comm", "communty", "publi", "vidéo", "video expl", "identité",
    "identite vis", "charte", "chart graph", "fich", "fiche prod", "lettre", "relec",
]  # fmt: skip


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def p50_p95(values: Sequence[float]) -> str:
    return f"p50 {percentile(values, 50):7.1f} ms  p95 {percentile(values, 95):7.1f} ms"


def measure(
    ours: Callable[[int], None], raw: Callable[[int], None], requests: int, concurrency: int
) -> tuple[list[float], list[float]]:
    """Two sides timed request by request, interleaved (each goes first half the time), so
    a burst of load on this noisy machine falls on both alike."""

    def timed(call: Callable[[int], None], i: int) -> float:
        started = time.perf_counter()
        call(i)
        return (time.perf_counter() - started) * 1000

    def pair(i: int) -> tuple[float, float]:
        if i % 2:
            raw_ms = timed(raw, i)
            return timed(ours, i), raw_ms
        ours_ms = timed(ours, i)
        return ours_ms, timed(raw, i)

    for i in range(min(requests, 30)):  # warm caches on both sides alike
        ours(i)
        raw(i)
    if concurrency == 1:
        pairs = [pair(i) for i in range(requests)]
    else:
        with ThreadPoolExecutor(concurrency) as pool:
            pairs = list(pool.map(pair, range(requests)))
    return [o for o, _ in pairs], [r for _, r in pairs]


# -- the API process --------------------------------------------------------------------------
def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Watch:
    """The API's largest RSS while a block runs."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, rss_mb(self.pid))

    def __enter__(self) -> Watch:
        self.peak = rss_mb(self.pid)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def node_health(client: OpenSearch) -> tuple[int, float, float]:
    """Circuit-breaker trips so far, heap used now (MB) and its configured maximum (MB)."""
    stats = client.nodes.stats(metric="breaker,jvm")
    (node,) = stats["nodes"].values()
    trips = sum(int(b["tripped"]) for b in node["breakers"].values())
    mem = node["jvm"]["mem"]
    return trips, mem["heap_used_in_bytes"] / 2**20, mem["heap_max_in_bytes"] / 2**20


# -- the requests of one page, three ways ----------------------------------------------------
def recorded(client: OpenSearch, steps: Steps[Any]) -> list[Request]:
    """The requests a page's steps send (as the API's client sends them), answered by the
    node so the steps go on as they would."""
    sent: list[Request] = []
    try:
        batch = next(steps)
        while True:
            if len(batch) == 1:
                ((index, body),) = batch
                sent.append((f"/{index}/_search", json.dumps(body).encode(), "application/json"))
                responses = [client.search(index=index, body=body)]
            else:
                lines = [line for index, body in batch for line in ({"index": index}, body)]
                ndjson = "".join(json.dumps(line) + "\n" for line in lines)
                sent.append(("/_msearch", ndjson.encode(), "application/x-ndjson"))
                responses = client.msearch(body=lines)["responses"]
            batch = steps.send(responses)
    except StopIteration:
        return sent


@dataclass
class Page:
    query: str
    raw: list[Request]
    before: Request


def plan_pages(runtime: Runtime, pages: list[str]) -> list[Page]:
    # The API's thesaurus: the shipped rules (installed before the API starts).
    thesaurus = Thesaurus(default_rules())
    bands = BudgetBands(ttl=3600)
    for scope in scope_pages():  # known to the API too: asked before the measures
        bands.get(runtime.search, runtime.names.gigs, parse_selection(parse_qsl(scope), TAXONOMY))
    planned = []
    for query in pages:
        selection = parse_selection(parse_qsl(query), TAXONOMY)
        steps = search_steps(runtime.names, selection, TAXONOMY, bands, thesaurus)
        raw = recorded(runtime.search, steps)
        price_bands = bands.get(runtime.search, runtime.names.gigs, selection)
        body = before_body(selection, facets_for(selection, TAXONOMY), price_bands)
        before = (f"/{BEFORE.gigs}/_search", json.dumps(body).encode(), "application/json")
        planned.append(Page(query, raw, before))
    return planned


@dataclass
class Sides:
    api: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    before: list[float] = field(default_factory=list)


async def _timed(call: Awaitable[Any]) -> float:
    started = time.perf_counter()
    await call
    return (time.perf_counter() - started) * 1000


async def _raw(http: httpx.AsyncClient, node: str, requests: list[Request]) -> None:
    for path, content, kind in requests:
        response = await http.post(f"{node}{path}", content=content, headers={"Content-Type": kind})
        response.raise_for_status()


async def _api(http: httpx.AsyncClient, api: str, page: Page) -> None:
    (await http.get(f"{api}/search?{page.query}")).raise_for_status()


async def measure_one_by_one(api: str, node: str, pages: list[Page]) -> Sides:
    """Concurrency 1: per page the three sides back to back, each first a third of the time,
    so a burst of load from elsewhere falls on all alike."""
    sides = Sides()
    async with httpx.AsyncClient(timeout=60) as http:
        for i, page in enumerate(pages):
            calls: list[tuple[list[float], Callable[[], Awaitable[None]]]] = [
                (sides.api, partial(_api, http, api, page)),
                (sides.raw, partial(_raw, http, node, page.raw)),
                (sides.before, partial(_raw, http, node, [page.before])),
            ]
            for k in range(3):
                into, call = calls[(i + k) % 3]
                into.append(await _timed(call()))
    return sides


async def measure_concurrently(
    call: Callable[[httpx.AsyncClient, Page], Awaitable[None]], pages: list[Page], concurrency: int
) -> tuple[list[float], float]:
    """Every page once, ``concurrency`` in flight; latencies and pages per second."""
    latencies: list[float] = []
    queue = list(reversed(pages))
    async with httpx.AsyncClient(
        timeout=120, limits=httpx.Limits(max_connections=concurrency)
    ) as http:

        async def worker() -> None:
            while queue:
                page = queue.pop()
                latencies.append(await _timed(call(http, page)))

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        seconds = time.perf_counter() - started
    return latencies, len(pages) / seconds


# -- sync under load ----------------------------------------------------------------------------
class Updates:
    """Gig updates committed at a steady rate, each timed until a search finds it."""

    def __init__(self, runtime: Runtime, per_second: float) -> None:
        self.runtime = runtime
        self.per_second = per_second
        self.pending: dict[str, float] = {}
        self.gig_of: dict[str, int] = {}
        self.latencies: list[float] = []
        self._lock = threading.Lock()
        self._stop_writing = threading.Event()
        self._stop = threading.Event()
        with runtime.engine.connect() as conn:
            # Active gigs only: a paused one's edit is rightly never searchable.
            active = select(Gig.id).where(Gig.status == GigStatus.ACTIVE)
            self.ids = conn.execute(active.order_by(Gig.id).limit(20_000)).scalars().all()
        self._threads = [
            threading.Thread(target=self._write, daemon=True),
            threading.Thread(target=self._look, daemon=True),
        ]

    def _write(self) -> None:
        gap = 1 / self.per_second
        due = time.perf_counter()
        for i in range(len(self.ids)):
            due += gap
            if self._stop_writing.wait(max(0.0, due - time.perf_counter())):
                return
            # Letters only: the title's analyzers split a word where letters meet digits.
            word = "mot" + "".join(chr(97 + int(c, 16)) for c in uuid.uuid4().hex[:10])
            with self.runtime.sessions.begin() as session:
                # Through the ORM, as a seller's edit: its flush writes the outbox row.
                session.get_one(Gig, self.ids[i]).title = f"Je vais créer un logo {word}"
            with self._lock:
                self.pending[word] = time.perf_counter()
                self.gig_of[word] = self.ids[i]

    def _look(self) -> None:
        client = self.runtime.search
        while not self._stop.wait(0.05):
            with self._lock:
                words = list(self.pending)
            if not words:
                continue
            body = {
                "size": len(words),
                "_source": ["title"],
                "query": {"terms": {"title.exact": words}},
            }
            found = client.search(index=self.runtime.names.gigs, body=body)["hits"]["hits"]
            now = time.perf_counter()
            with self._lock:
                for hit in found:
                    word = hit["_source"]["title"].rsplit(" ", 1)[-1]
                    if word in self.pending:
                        self.latencies.append(now - self.pending.pop(word))

    def __enter__(self) -> Updates:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        # Only changes made under the load count: none is written while the last ones are
        # awaited (a change still pending after 10 s is "never found").
        self._stop_writing.set()
        deadline = time.perf_counter() + 10
        while self.pending and time.perf_counter() < deadline:
            time.sleep(0.05)
        self._stop.set()
        for thread in self._threads:
            thread.join()


@contextmanager
def draining(runtime: Runtime) -> Iterator[list[tuple[float, int]]]:
    """The engine's drain as ``microtache up`` runs it without a broker: woken by each commit
    that wrote outbox rows, and every second. Yields each drain's seconds and rows taken, to
    tell the drain's share of commit-to-searchable from the refresh's."""
    drains: list[tuple[float, int]] = []

    def drain() -> None:
        started = time.perf_counter()
        report = drain_outbox(runtime)
        if report.taken:
            drains.append((time.perf_counter() - started, len(report.taken)))
        if report.failed:
            print(f"  a drain kept {report.failed} rows: {report.errors[:1]}")

    loop = Loop("search-drain", drain, every=1.0)

    def wake(*_: object) -> None:
        loop.wake()

    add_commit_listener(wake)
    loop.start()
    try:
        yield drains
    finally:
        remove_commit_listener(wake)
        loop.stop()


# -- the measures -----------------------------------------------------------------------------
def request_cache(client: OpenSearch, indices: Sequence[str], enabled: bool) -> None:
    for index in indices:
        client.indices.put_settings(
            index=index, body={"index": {"requests": {"cache": {"enable": enabled}}}}
        )
        client.indices.clear_cache(index=index, request=True)


def bench_search(
    runtime: Runtime,
    settings: Settings,
    count: int,
    updates: float,
    dump: str | None,
    load: bool = True,
) -> None:
    pages = results_pages(count)
    node = runtime.opensearch_url
    indices = [runtime.names.gigs, BEFORE.gigs]
    with transaction(runtime.sessions) as session:
        install_defaults(session, clock=runtime.clock)  # as `microtache up` does
    with api_process("bench.serve", [], data_dir=settings.data_dir, opensearch_url=node) as (
        api,
        pid,
    ):
        # Price bands are kept per scope (catalog, category, subcategory) for minutes.
        with httpx.Client(timeout=60) as http:
            for scope in scope_pages():
                http.get(f"{api}/search?{scope}").raise_for_status()
        planned = plan_pages(runtime, pages)
        fuzzy = sum(len(p.raw) > 1 for p in planned)
        print(
            f"search: {len(planned)} distinct pages ({sum('q=' in p.query for p in planned)} "
            f"with words, {fuzzy} asked again with typo tolerance or for corrections); "
            "request cache off"
        )
        request_cache(runtime.search, indices, False)
        try:
            c1 = asyncio.run(measure_one_by_one(api, node, planned))
            if dump:
                rows = zip(planned, c1.api, c1.raw, c1.before, strict=True)
                with open(dump, "w") as out:
                    for page, a, r, b in rows:
                        out.write(f"{a:.1f}\t{r:.1f}\t{b:.1f}\t{len(page.raw)}\t{page.query}\n")
            print(f"  concurrency 1   API     {p50_p95(c1.api)}")
            print(
                f"                  raw     {p50_p95(c1.raw)}   API/raw p50 "
                f"{percentile(c1.api, 50) / percentile(c1.raw, 50):4.2f}  p95 "
                f"{percentile(c1.api, 95) / percentile(c1.raw, 95):4.2f}"
            )
            print(
                f"                  before  {p50_p95(c1.before)}   before/API p50 "
                f"{percentile(c1.before, 50) / percentile(c1.api, 50):5.1f}x  p95 "
                f"{percentile(c1.before, 95) / percentile(c1.api, 95):5.1f}x"
            )
            if load:
                bench_load(runtime, api, pid, planned, updates)
        finally:
            request_cache(runtime.search, indices, True)


# Beside the index's live refresh interval, for the sync under load (and what it costs).
REFRESH_TRIED = ("500ms",)


def bench_load(runtime: Runtime, api: str, pid: int, planned: list[Page], updates: float) -> None:
    node = runtime.opensearch_url
    trips_before, _, heap_max = node_health(runtime.search)
    with Watch(pid) as watch:
        api16, api_rate, sync, drains = api_under_updates(runtime, api, planned, updates)
    raw16, raw_rate = asyncio.run(
        measure_concurrently(lambda h, p: _raw(h, node, p.raw), planned, 16)
    )
    before16, before_rate = asyncio.run(
        measure_concurrently(lambda h, p: _raw(h, node, [p.before]), planned, 16)
    )
    print(f"  concurrency 16  API     {p50_p95(api16)}  {api_rate:6.1f} pages/s")
    print(f"                  raw     {p50_p95(raw16)}  {raw_rate:6.1f} pages/s")
    print(f"                  before  {p50_p95(before16)}  {before_rate:6.1f} pages/s")
    live = LIVE_SETTINGS["index"]["refresh_interval"]
    print_sync(runtime, f"refresh every {live}", updates, sync, drains)
    for interval in REFRESH_TRIED:
        refresh_every(runtime, interval)
        try:
            other16, other_rate, sync, drains = api_under_updates(runtime, api, planned, updates)
        finally:
            refresh_every(runtime, live)
        print(f"  concurrency 16  API     {p50_p95(other16)}  {other_rate:6.1f} pages/s")
        print_sync(runtime, f"refresh every {interval}", updates, sync, drains)
    trips_after, heap_used, _ = node_health(runtime.search)
    print(
        f"  API RSS peak {watch.peak:.0f} MB; node heap {heap_used:.0f} of {heap_max:.0f} MB, "
        f"circuit-breaker trips during the run: {trips_after - trips_before}"
    )


def api_under_updates(
    runtime: Runtime, api: str, planned: list[Page], updates: float
) -> tuple[list[float], float, Updates, list[tuple[float, int]]]:
    """The API's concurrency-16 pass while gig updates arrive and are drained."""
    with draining(runtime) as drains, Updates(runtime, updates) as sync:
        latencies, rate = asyncio.run(
            measure_concurrently(lambda h, p: _api(h, api, p), planned, 16)
        )
    return latencies, rate, sync, drains


def refresh_every(runtime: Runtime, interval: str) -> None:
    body = {"index": {"refresh_interval": interval}}
    runtime.search.indices.put_settings(index=runtime.names.gigs, body=body)


def print_sync(
    runtime: Runtime, label: str, updates: float, sync: Updates, drains: list[tuple[float, int]]
) -> None:
    if sync.latencies:
        seconds = [s * 1000 for s in sync.latencies]
        print(
            f"  sync under that load, {updates:.0f} updates/s, {label}: "
            f"commit to searchable {p50_p95(seconds)} ({len(seconds)} updates, "
            f"{len(sync.pending)} never found)"
        )
        if sync.pending:  # why: rows still waiting for a retry, or edits lost
            with runtime.sessions() as session:
                waiting = session.scalars(select(SearchOutbox)).all()
            errors = {row.last_error for row in waiting if row.last_error}
            print(f"  outbox rows still waiting: {len(waiting)}; errors: {sorted(errors)[:3]}")
            for word in list(sync.pending)[:3]:
                print(f"  never found {word}: {indexed_and_stored(runtime, sync.gig_of[word])}")
    if drains:
        took = [seconds * 1000 for seconds, _ in drains]
        rows = sorted(n for _, n in drains)
        print(
            f"  the drains meanwhile: {len(drains)}, each {p50_p95(took)}, "
            f"rows taken p50 {rows[len(rows) // 2]} max {rows[-1]}"
        )


def indexed_and_stored(runtime: Runtime, gig_id: int) -> str:
    """The gig's title and version in the database and in the index, now."""
    with runtime.sessions() as session:
        gig = session.get_one(Gig, gig_id)
        database = f"{gig.title!r} v{gig.version + gig.seller.version}"
    found = runtime.search.get(index=runtime.names.gigs, id=str(gig_id), ignore=404)
    indexed = f"{found['_source']['title']!r} v{found['_version']}" if found.get("found") else "-"
    return f"database {database}, index {indexed}"


def bench_autocomplete(runtime: Runtime, settings: Settings, rounds: int) -> None:
    """The API with its answers cache off (every answer fresh), then as configured, each beside
    the same requests straight to OpenSearch."""
    with transaction(runtime.sessions) as session:
        install_defaults(session, clock=runtime.clock)  # as `microtache up` does
    # The raw side sends what the API sends: a second request when typos are asked for, the
    # lean towards the place the prefix is understood to be about (the API's evidence, read
    # as its process reads it when it starts).
    thesaurus = Thesaurus(default_rules())
    understanding = LiveUnderstanding(runtime.search, runtime.names, TAXONOMY).refresh()
    about = [understanding.understand(p, thesaurus, partial_last=True) for p in PREFIXES]
    sent = [
        recorded(runtime.search, suggest_steps(runtime.names, p, "fr", toward=toward))
        for p, toward in zip(PREFIXES, about, strict=True)
    ]
    typos = sum(len(r) > 1 for r in sent)
    print(
        f"autocomplete: {sum(a is not None for a in about)} of {len(PREFIXES)} prefixes understood"
    )
    configured = f"{settings.autocomplete_cache_seconds:g} s"
    for name, cache in (("every answer fresh", "0"), (f"cache as configured, {configured}", None)):
        extra = {} if cache is None else {"AUTOCOMPLETE_CACHE_SECONDS": cache}
        ours, raw = _autocomplete_rounds(runtime, settings, sent, rounds, extra)
        print(
            f"autocomplete, {name} ({len(PREFIXES)} prefixes x {rounds}, {typos} asking for "
            f"typos): API {p50_p95(ours)} | raw {p50_p95(raw)} | API/raw p50 "
            f"{percentile(ours, 50) / percentile(raw, 50):4.2f}"
        )


def _autocomplete_rounds(
    runtime: Runtime,
    settings: Settings,
    sent: Sequence[list[Request]],
    rounds: int,
    extra: dict[str, str],
) -> tuple[list[float], list[float]]:
    ours: list[float] = []
    raw: list[float] = []
    with (
        api_process(
            "bench.serve",
            [],
            data_dir=settings.data_dir,
            opensearch_url=runtime.opensearch_url,
            **extra,
        ) as (api, _),
        httpx.Client(timeout=30) as http,
    ):
        for i in range(rounds * len(PREFIXES)):
            k = i % len(PREFIXES)
            for side in (0, 1) if i % 2 else (1, 0):
                started = time.perf_counter()
                if side == 0:
                    http.get(f"{api}/autocomplete", params={"q": PREFIXES[k]}).raise_for_status()
                    ours.append((time.perf_counter() - started) * 1000)
                else:
                    for path, content, kind in sent[k]:
                        http.post(
                            f"{runtime.opensearch_url}{path}",
                            content=content,
                            headers={"Content-Type": kind},
                        ).raise_for_status()
                    raw.append((time.perf_counter() - started) * 1000)
    return ours, raw


def bench_rebuild(runtime: Runtime) -> None:
    with runtime.engine.begin() as conn:
        conn.execute(delete(GigSearchDocument))
    building = reindex(runtime, progress=False)
    raw_seconds = raw_bulk_seconds(runtime)
    stored = reindex(runtime, progress=False)
    raw_rate = stored.documents / raw_seconds
    print(
        f"raw _bulk of the same prebuilt documents {raw_seconds:5.0f} s, {raw_rate:6.0f} docs/s "
        f"({stored.documents} documents)"
    )
    for name, report in (("every document built", building), ("from stored documents", stored)):
        print(
            f"full rebuild, {name:22}: {report.seconds:5.0f} s, {report.docs_per_second:6.0f} "
            f"docs/s | ratio to raw {report.docs_per_second / raw_rate:4.2f}"
        )


def raw_bulk_seconds(runtime: Runtime) -> float:
    """The documents as the rebuild sends them, read into memory first, then sent to a new
    index with the rebuild's settings and requests: the node's own speed."""
    documents = [
        (d.gig_id, d.body) for batch in iter_active_documents(runtime.engine) for d in batch
    ]
    raw_index = f"{runtime.names.prefix}_rawbulk"
    client = runtime.search
    client.indices.delete(index=raw_index, ignore_unavailable=True)
    started = time.perf_counter()
    client.indices.create(index=raw_index, body=gig_index_body(TAXONOMY, building=True))
    # The same requests as the rebuild sends: capped chunks, as many in flight.
    for ok, item in parallel_bulk(
        client,
        ({"_index": raw_index, "_id": str(i), "_source": d} for i, d in documents),
        thread_count=REBUILD_THREADS,
        queue_size=REBUILD_THREADS,
        max_chunk_bytes=BULK_MAX_BYTES,
        chunk_size=CHUNK_SIZE,
        raise_on_error=True,
    ):
        assert ok, item
    client.indices.put_settings(index=raw_index, body=LIVE_SETTINGS)
    client.indices.refresh(index=raw_index)
    seconds = time.perf_counter() - started
    client.indices.delete(index=raw_index)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigs", type=int, default=1_000_000)
    parser.add_argument("--pages", type=int, default=240)
    parser.add_argument("--updates", type=float, default=50.0, help="gig updates per second")
    parser.add_argument("--rounds", type=int, default=5, help="autocomplete rounds")
    parser.add_argument("--dump", default=None, help="file for each page's times at concurrency 1")
    parser.add_argument("--no-load", action="store_true", help="concurrency 1 only")
    parser.add_argument(
        "--only",
        nargs="*",
        choices=["search", "check", "autocomplete", "rebuild"],
        default=["search", "check", "autocomplete", "rebuild"],
    )
    args = parser.parse_args()
    data = data_dir(args.gigs)
    settings = Settings(MICROTACHE_DATA_DIR=data)
    with bench_node(data) as url:
        runtime = build_runtime(settings, url=url)
        prepare_catalog(runtime, args.gigs, before=True)
        print(f"catalog: {args.gigs} gigs; node heap {HEAP}; load average {os.getloadavg()}")
        if "search" in args.only:
            bench_search(runtime, settings, args.pages, args.updates, args.dump, not args.no_load)
        if "check" in args.only:
            from bench.facet_check import check_facets

            check_facets(runtime)
        if "autocomplete" in args.only:
            bench_autocomplete(runtime, settings, args.rounds)
        if "rebuild" in args.only:
            bench_rebuild(runtime)
        print(f"load average at the end {os.getloadavg()}")
        runtime.close()


if __name__ == "__main__":
    main()
