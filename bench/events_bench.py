"""What recording search events costs a search, beside the same search without recording.

    python -m bench.events_bench [--gigs 100000] [--requests 2000]

Builds (or reuses) the demo catalog under ``bench/var`` (like the search bench), then serves
it from two API processes, identical but for recording:

- **recording**: every results page mints its search id, names its visitor and buffers its
  search; after each page the client posts a click on it (``POST /search/events``, not
  timed), and the process writes searches and events to OpenSearch every 5 s, as in
  production;
- **baseline**: the same app whose search records nothing (no id minted, nothing buffered),
  and no events posted.

The same pages (the 264 queries of the relevance set, as buyers type them) go to both, one
by one, interleaved (each side first half the time) so load from elsewhere falls on both
alike. Printed: search p50/p95 on each side and the difference (with a bootstrap interval
of the p95 difference: this machine is shared, and the difference is small beside its
noise), then what the recording costs in-process (minting, naming the visitor, buffering),
per search and per event.

The two sides' p95s differ by more than a millisecond from noise alone on this machine (the
tail is a few slow searches, each slower or faster by chance on either side), so the
recording process also accounts for every search its share: the time spent recording it on
its own thread, plus the periodic write overlapping it — its CPU (what it can take from the
search, holding the GIL or a core) and, as an upper bound, its whole overlapping wall time.
The same searches' p95 with that share taken out says what recording adds to it without
another sample's noise.
"""

from __future__ import annotations

import argparse
import random
import time
import timeit
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import yaml

from bench.catalog import HERE, bench_node, data_dir, prepare_catalog
from bench.processes import api_process
from bench.search_bench import measure, percentile
from facets.selection import Selection
from indexer.querylog import QueryLog
from marketplace_core.accounts.tokens import TokenSigner
from marketplace_core.config import Settings
from marketplace_core.insights.rules import SEARCH_ID_CHARS, EventType
from microtache.runtime import build_runtime
from search_api.tracking import SearchTracking, search_tracking

QUERY_FILES = ("tuning.yaml", "held_out.yaml")
VISITOR = "bench-visitor-0001"


def queries() -> list[str]:
    found: list[str] = []
    for name in QUERY_FILES:
        path = HERE / "relevance" / "queries" / name
        found += [str(item["q"]) for item in yaml.safe_load(path.read_text())]
    return found


class Untracked(SearchTracking):
    """The baseline: the same page, recording nothing."""

    def __init__(self, tracking: SearchTracking) -> None:
        self.__dict__.update(vars(tracking))

    def record_search(self, headers: Mapping[str, str], selection: Selection, results: int) -> str:
        return "-" * SEARCH_ID_CHARS


class Timed(SearchTracking):
    """The recording side: the same recording, each call's start and duration kept (on the
    monotonic clock the client's timings use too: one clock for every process here)."""

    def __init__(self, tracking: SearchTracking) -> None:
        self.__dict__.update(vars(tracking))
        self.calls: list[tuple[float, float]] = []

    def record_search(self, headers: Mapping[str, str], selection: Selection, results: int) -> str:
        started = time.perf_counter()
        try:
            return super().record_search(headers, selection, results)
        finally:
            self.calls.append((started, time.perf_counter() - started))


class TimedFlush:
    """The periodic flush, each run's wall interval and CPU time (its own thread's)."""

    def __init__(self, flush: Callable[[], int]) -> None:
        self._flush = flush
        self.runs: list[tuple[float, float, float]] = []  # (start, end, cpu), seconds

    def __call__(self) -> int:
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            return self._flush()
        finally:
            self.runs.append((started, time.perf_counter(), time.thread_time() - cpu))


class Accounts:
    """What the bench reads from an API process: its CPU time, flushes and recording calls."""

    def __init__(self, flush: TimedFlush, tracking: SearchTracking) -> None:
        self.flush = flush
        self.tracking = tracking

    def report(self) -> dict[str, Any]:
        calls = self.tracking.calls if isinstance(self.tracking, Timed) else []
        return {"process": time.process_time(), "flushes": self.flush.runs, "records": calls}


def serve(port: int, *, record: bool) -> None:
    """One API process (run by :func:`running`) writing its buffers every 5 s, as
    ``microtache up`` does. The other loops are left out: two processes sweeping one
    database would only add their own noise."""
    import uvicorn

    from microtache.background import Loop
    from microtache.jobs import FLUSH_SEARCH_LOG
    from search_api.app import create_app

    settings = Settings()
    runtime = build_runtime(settings)
    app = create_app(runtime)
    app.state.tracking = (Timed if record else Untracked)(app.state.tracking)
    timed = TimedFlush(app.state.tracking.events.flush)
    app.add_api_route("/bench/cpu", Accounts(timed, app.state.tracking).report, methods=["GET"])
    flush = Loop(FLUSH_SEARCH_LOG.name, timed, every=FLUSH_SEARCH_LOG.every)
    flush.start()
    try:
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        uvicorn.Server(config).run()
    finally:
        flush.stop()


def bench_search(recording: str, baseline: str, requests: int) -> None:
    pages = [urlencode({"q": q}) for q in queries()]
    search_ms: list[float] = []
    windows: list[tuple[float, float]] = []  # each recorded search's start and end, seconds
    event_ms: list[float] = []
    with httpx.Client(headers={"X-Visitor-Id": VISITOR}) as http:

        def recorded(i: int) -> None:
            """The search, timed alone; then the buyer's click on its first gig."""
            started = time.perf_counter()
            response = http.get(f"{recording}/search?{pages[i % len(pages)]}")
            ended = time.perf_counter()
            search_ms.append((ended - started) * 1000)
            windows.append((started, ended))
            response.raise_for_status()
            page = response.json()
            if not page["results"]:
                return
            first = page["results"][0]["id"]
            event = {"search_id": page["search_id"], "type": "click", "gig_id": first}
            started = time.perf_counter()
            sent = http.post(
                f"{recording}/search/events", json={"events": [event | {"position": 1}]}
            )
            event_ms.append((time.perf_counter() - started) * 1000)
            sent.raise_for_status()

        def plain(i: int) -> None:
            http.get(f"{baseline}/search?{pages[i % len(pages)]}").raise_for_status()

        def reports() -> list[dict[str, Any]]:
            return [http.get(f"{api}/bench/cpu").json() for api in (recording, baseline)]

        before = reports()
        _, base_ms = measure(recorded, plain, requests, 1)
        after = reports()
    searches = len(search_ms)  # the warm-up's too, on both sides alike
    rec_cpu, base_cpu = (
        (a["process"] - b["process"]) / searches * 1000 for a, b in zip(after, before, strict=True)
    )
    flushes = after[0]["flushes"][len(before[0]["flushes"]) :]
    flush_cpu = sum(cpu for _, _, cpu in flushes) / searches * 1000
    search_ms, windows = search_ms[-requests:], windows[-requests:]  # past the warm-up
    r50, r95 = percentile(search_ms, 50), percentile(search_ms, 95)
    b50, b95 = percentile(base_ms, 50), percentile(base_ms, 95)
    low, high = p95_difference_interval(search_ms, base_ms)
    paired = percentile([r - b for r, b in zip(search_ms, base_ms, strict=True)], 50)
    print(f"{'search, recording':<30} p50 {r50:7.2f} ms  p95 {r95:7.2f} ms")
    print(f"{'search, not recording':<30} p50 {b50:7.2f} ms  p95 {b95:7.2f} ms")
    print(
        f"{'recording adds':<30} p50 {r50 - b50:+7.2f} ms  p95 {r95 - b95:+7.2f} ms "
        f"(95 % interval {low:+.2f} to {high:+.2f} ms); median of the pairs' differences "
        f"{paired:+.2f} ms"
    )
    print_accounted(search_ms, windows, after[0]["records"], flushes)
    e50, e95 = percentile(event_ms, 50), percentile(event_ms, 95)
    print(f"{'POST /search/events (a click)':<30} p50 {e50:7.2f} ms  p95 {e95:7.2f} ms")
    print(
        f"{'API process CPU per search':<30} recording {rec_cpu:.2f} ms (its click's POST and "
        f"{flush_cpu:.2f} ms of {len(flushes)} flushes included), not recording {base_cpu:.2f} ms"
    )


def recording_shares(
    windows: Sequence[tuple[float, float]],
    records: Sequence[Sequence[float]],
    flushes: Sequence[Sequence[float]],
) -> tuple[list[float], list[float]]:
    """Per search (its client-side window), in seconds: the recording calls made within it,
    plus the flushes overlapping it — charged their CPU time spent within the window (the
    estimate: spread evenly over the flush) or their whole overlapping wall time (the
    bound: as if the search had waited through it)."""
    by_cpu, by_wall = [], []
    for start, end in windows:
        own = sum(took for at, took in records if start <= at <= end)
        overlaps = [
            (min(b, end) - max(a, start), b - a, cpu)
            for a, b, cpu in flushes
            if a < end and b > start
        ]
        by_cpu.append(own + sum(cpu * part / whole for part, whole, cpu in overlaps))
        by_wall.append(own + sum(part for part, _, _ in overlaps))
    return by_cpu, by_wall


def print_accounted(
    search_ms: Sequence[float],
    windows: Sequence[tuple[float, float]],
    records: Sequence[Sequence[float]],
    flushes: Sequence[Sequence[float]],
) -> None:
    by_cpu, by_wall = recording_shares(windows, records, flushes)
    own = [took * 1000 for at, took in records if windows[0][0] <= at <= windows[-1][1]]
    hit = sum(1 for (s, e) in windows if any(a < e and b > s for a, b, _ in flushes))
    p95 = percentile(search_ms, 95)
    walls = [(b - a) * 1000 for a, b, _ in flushes]
    cpus = [cpu * 1000 for _, _, cpu in flushes]
    print(
        f"{'periodic writes':<30} {len(flushes)}, each p50 {percentile(walls, 50):.1f} ms "
        f"(max {max(walls):.1f}) of which CPU p50 {percentile(cpus, 50):.1f} ms "
        f"(max {max(cpus):.1f})"
    )
    print(
        f"{'recording, on its thread':<30} p50 {percentile(own, 50) * 1000:7.1f} µs  "
        f"p95 {percentile(own, 95) * 1000:7.1f} µs  max {max(own):.2f} ms "
        f"({len(own)} of {len(windows)} searches)"
    )
    for name, shares in (("CPU", by_cpu), ("wall time (bound)", by_wall)):
        without = percentile(
            [ms - share * 1000 for ms, share in zip(search_ms, shares, strict=True)], 95
        )
        print(
            f"{'accounted, flush ' + name:<30} p95 {p95:7.2f} ms, without recording's share "
            f"{without:7.2f} ms: recording adds {p95 - without:+.3f} ms "
            f"({hit} of {len(windows)} searches overlapped a flush)"
        )


def p95_difference_interval(
    ours: Sequence[float], base: Sequence[float], rounds: int = 2000
) -> tuple[float, float]:
    """How sure the p95 difference is: a bootstrap over the pairs (2.5 and 97.5 centiles)."""
    pick = random.Random(7)
    n = len(ours)
    found = []
    for _ in range(rounds):
        drawn = [pick.randrange(n) for _ in range(n)]
        found.append(
            percentile([ours[i] for i in drawn], 95) - percentile([base[i] for i in drawn], 95)
        )
    return percentile(found, 2.5), percentile(found, 97.5)


def bench_in_process(data: Path, url: str) -> None:
    """The recording's own work on the request's thread, without HTTP or OpenSearch."""
    runtime = build_runtime(Settings(MICROTACHE_DATA_DIR=data), url=url)
    signer = TokenSigner.from_settings(runtime.settings)
    # Never written: this measures the request's share only.
    searches = QueryLog(runtime.search, runtime.names, clock=runtime.clock, flush_every=10**9)
    tracking = search_tracking(runtime, searches, signer)
    selection = Selection(q="logo minimaliste", category="graphisme-design")
    headers = {"x-visitor-id": VISITOR}
    token = signer.access_token(1, 1, runtime.clock.now())
    logged_in = {"authorization": f"Bearer {token}"}
    n = 20_000
    anonymous = timeit.timeit(lambda: tracking.record_search(headers, selection, 42), number=n)
    user = timeit.timeit(lambda: tracking.record_search(logged_in, selection, 42), number=n)
    sid = tracking.ids.mint(runtime.clock.now())
    event = [(sid, EventType.CLICK, 1, 1)]
    per_event = timeit.timeit(lambda: tracking.record_events(headers, event), number=n)
    print(
        f"{'in process, per search':<30} {anonymous / n * 1e6:7.1f} µs anonymous, "
        f"{user / n * 1e6:7.1f} µs logged in; per event {per_event / n * 1e6:7.1f} µs"
    )
    runtime.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigs", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--serve", choices=["record", "baseline"], default=None)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    if args.serve:
        serve(args.port, record=args.serve == "record")
        return
    data = data_dir(args.gigs)
    with bench_node(data) as url:
        runtime = build_runtime(Settings(MICROTACHE_DATA_DIR=data), url=url)
        prepare_catalog(runtime, args.gigs)
        runtime.close()
        print(
            f"catalog: {args.gigs} gigs; {args.requests} searches per side, "
            f"{len(queries())} distinct queries, interleaved"
        )
        with (
            api_process(
                "bench.events_bench",
                ["--serve", "record"],
                data_dir=data,
                opensearch_url=url,
                ready_path="/health/live",
            ) as (recording, _),
            api_process(
                "bench.events_bench",
                ["--serve", "baseline"],
                data_dir=data,
                opensearch_url=url,
                ready_path="/health/live",
            ) as (baseline, _),
        ):
            bench_search(recording, baseline, args.requests)
        bench_in_process(data, url)


if __name__ == "__main__":
    main()
