"""Load and soak: mixed traffic at a fixed rate against a running engine, for minutes.

    python -m bench.load                       # 10 minutes at 10 requests/s against a
                                               # `microtache up` it starts on PostgreSQL
    python -m bench.load --minutes 1 --rate 5  # a short run
    python -m bench.load --url http://127.0.0.1:8000   # an engine already running (its demo
                                                       # accounts must exist)

Traffic, drawn from a seeded mix: 70 % reads (searches with and without filters, browse pages
of a category or a subcategory), 20 % autocomplete (prefixes as they are typed), 10 % writes
(a seller retitling or repricing a gig, a buyer's order, a message in a conversation). It is
an open loop: each request leaves at its scheduled time whatever the earlier answers, so a
slow answer shows as latency instead of slowing the traffic down.

A warm-up (30 s of the same traffic, not counted) comes first. Printed: minute by minute the
requests, errors and p95 per kind; then the figures of the whole run beside those of its
first minute and of its last (the baseline: what the engine did before time could wear it
down); how the searches' time splits between OpenSearch and the API (the engine's own
``/metrics`` histograms over the run: the same requests, as OpenSearch answered them); the
API's resident memory (``/metrics``) from the end of the first minute to the end; the search
outbox's depth and lag; and the machine's load average, since it is shared. The run fails
(exit 1) on any error, memory growth over 5 %, an outbox lag over 30 s, or a results-page p95
over 400 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.processes import UNLIMITED
from marketplace_core.demo.seed import DEMO_ACCOUNTS

# The mix, in percent of all requests.
MIX: dict[str, int] = {
    "search": 50,
    "browse": 20,
    "autocomplete": 20,
    "gig_update": 4,
    "order": 3,
    "message": 3,
}
READS = ("search", "browse")
WRITES = ("gig_update", "order", "message")
# Issue targets for a results page under concurrent load (p95), and the bounds of a soak.
PAGE_P95_TARGET_MS = 400.0
MEMORY_GROWTH_MAX = 0.05
OUTBOX_LAG_MAX_SECONDS = 30.0
METRICS_EVERY = 5.0
WARMUP_SECONDS = 30.0
MAX_IN_FLIGHT = 200
TIMEOUT_SECONDS = 30.0

QUERIES = (
    "logo",
    "logo minimaliste",
    "création logo",
    "traduction anglais",
    "traducteur",
    "voix off",
    "montage vidéo",
    "site wordpress",
    "application mobile",
    "rédaction article",
    "seo",
    "réseaux sociaux",
    "podcast",
    "illustration",
    "business plan",
    "tradcution",
    "lgo",
    "animation 2d",
    "carte de visite",
    "boutique shopify",
)
FILTERS = (
    "",
    "&sort=price_asc",
    "&sort=rating",
    "&level=level_2&level=top_rated",
    "&budget_max=5000",
    "&delivery=3d",
    "&online=true",
    "&country=FR&country=BE",
    "&page=2",
)
BROWSE = (
    "category=graphisme-design",
    "category=programmation-tech&sort=price_asc",
    "category=redaction-traduction",
    "category=marketing-digital&sort=rating",
    "category=video-animation",
    "category=musique-audio",
    "category=business",
    "subcategory=conception-logo",
    "subcategory=conception-logo&style=minimaliste",
    "subcategory=montage-video&sort=rating",
)
PREFIXES = (
    "l",
    "lo",
    "log",
    "logo",
    "logo m",
    "tra",
    "tradu",
    "voix",
    "vo",
    "site w",
    "mont",
    "lgo",
    "tradcution",
    "réd",
    "seo",
    "app",
    "anim",
    "podc",
    "busi",
    "illu",
)


@dataclass(frozen=True)
class Sample:
    kind: str
    at: float  # seconds since the start of the run, when the request was due
    ms: float
    status: int  # 0: no answer (transport error, timeout)
    retry_after: str | None = None
    error: str | None = None  # why it counts as an error, None if it does not
    key: str | None = None  # an order's Idempotency-Key


@dataclass(frozen=True)
class Gauge:
    at: float
    rss_bytes: float | None
    outbox_rows: float | None
    outbox_age_seconds: float | None


@dataclass
class Run:
    rate: float
    seconds: float
    samples: list[Sample] = field(default_factory=list)
    gauges: list[Gauge] = field(default_factory=list)
    late: int = 0  # requests that left over a second after their time (the client fell behind)
    wall_seconds: float = 0.0
    # The engine's search histograms (sum and count per metric and endpoint) at the start
    # and at the end of the run.
    split_before: dict[str, float] = field(default_factory=dict)
    split_after: dict[str, float] = field(default_factory=dict)
    load_average: tuple[float, float] = (0.0, 0.0)  # the machine's, at the start and the end

    def errors(self) -> list[Sample]:
        return [s for s in self.samples if s.error is not None]


def percentile(values: Sequence[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def schedule(
    rate: float, seconds: float, seed: int = 7, mix: dict[str, int] = MIX
) -> Iterator[tuple[float, str]]:
    """(due time, kind) for every request of the run, drawn from ``mix``."""
    rng = random.Random(seed)
    kinds, weights = list(mix), list(mix.values())
    for i in range(int(rate * seconds)):
        yield i / rate, rng.choices(kinds, weights)[0]


# -- the engine's side ----------------------------------------------------------------------
class Session:
    """The demo buyer and seller, logged in, and what their writes need."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.tokens: dict[str, str] = {}
        self.seller_gigs: list[dict[str, Any]] = []
        self.free_gigs: asyncio.Queue[int] = asyncio.Queue()
        self.versions: dict[int, int] = {}
        self.conversation_id = 0
        self.rng = random.Random(11)
        self.sequence = 0

    async def login(self, kind: str) -> None:
        account = next(a for a in DEMO_ACCOUNTS if a.kind == kind)
        answer = await self.client.post(
            "/auth/login", json={"email": account.email, "password": account.password}
        )
        answer.raise_for_status()
        self.tokens[kind] = answer.json()["access_token"]

    def auth(self, kind: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[kind]}"}

    async def prepare(self) -> None:
        await self.login("buyer")
        await self.login("seller")
        mine = await self.client.get("/me/gigs", headers=self.auth("seller"))
        mine.raise_for_status()
        self.seller_gigs = [g for g in mine.json() if g["status"] == "active"]
        if not self.seller_gigs:
            raise SystemExit("the demo seller has no active gig: seed the demo catalog")
        for gig in self.seller_gigs:
            self.versions[gig["id"]] = gig["version"]
            self.free_gigs.put_nowait(gig["id"])
        profile = await self.client.get("/me/seller", headers=self.auth("seller"))
        profile.raise_for_status()
        opened = await self.client.post(
            f"/sellers/{profile.json()['username']}/conversations",
            json={"message": "Bonjour, je prépare une commande."},
            headers=self.auth("buyer"),
        )
        opened.raise_for_status()
        self.conversation_id = opened.json()["id"]

    async def send(self, kind: str) -> tuple[httpx.Response, str | None]:
        """One request of this kind; the order's key, if an order."""
        self.sequence += 1
        n, rng = self.sequence, self.rng
        if kind == "search":
            q = rng.choice(QUERIES).replace(" ", "+")
            return await self.client.get(f"/search?q={q}{rng.choice(FILTERS)}"), None
        if kind == "browse":
            return await self.client.get(f"/search?{rng.choice(BROWSE)}"), None
        if kind == "autocomplete":
            return await self.client.get("/autocomplete", params={"q": rng.choice(PREFIXES)}), None
        if kind == "order":
            key = str(uuid.uuid4())
            gig = rng.choice(self.seller_gigs)
            headers = self.auth("buyer") | {"Idempotency-Key": key}
            answer = await self.client.post(
                "/orders", json={"gig_id": gig["id"], "tier": "basic"}, headers=headers
            )
            return answer, key
        if kind == "message":
            return await self.client.post(
                f"/conversations/{self.conversation_id}/messages",
                json={"message": f"Message {n} : une question sur le délai."},
                headers=self.auth("buyer"),
            ), None
        return await self._update_gig(n), None

    async def _update_gig(self, n: int) -> httpx.Response:
        # One update at a time per gig, with the version the last answer gave: no conflict.
        gig_id = await self.free_gigs.get()
        try:
            gig = next(g for g in self.seller_gigs if g["id"] == gig_id)
            if n % 2:
                body: dict[str, Any] = {"title": f"Je vais créer votre logo, édition {n}"}
            else:
                body = {
                    "packages": [
                        {
                            "tier": p["tier"],
                            "price_cents": p["price_cents"] + (n % 7) * 100,
                            "delivery_days": p["delivery_days"],
                            "revisions": p["revisions"],
                        }
                        for p in gig["packages"]
                    ]
                }
            headers = self.auth("seller") | {"If-Match": f'"{self.versions[gig_id]}"'}
            answer = await self.client.patch(f"/me/gigs/{gig_id}", json=body, headers=headers)
            if answer.status_code == 200:
                self.versions[gig_id] = answer.json()["version"]
            return answer
        finally:
            self.free_gigs.put_nowait(gig_id)


EXPECTED = {"order": {201}, "message": {201}}


def judge(kind: str, answer: httpx.Response) -> str | None:
    expected = EXPECTED.get(kind, {200})
    if answer.status_code in expected:
        return None
    return f"{answer.status_code} {answer.text[:200]}"


SPLIT_METRICS = ("microtache_search_opensearch_seconds", "microtache_search_api_seconds")


async def metrics(client: httpx.AsyncClient) -> dict[str, float]:
    """``/metrics`` as {sample name with its labels: value}; empty when it does not answer."""
    try:
        text = (await client.get("/metrics")).text
    except httpx.HTTPError:
        return {}
    values: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            with contextlib.suppress(ValueError):
                values[name] = float(value)
    return values


def split_of(values: dict[str, float]) -> dict[str, float]:
    return {
        k: v
        for k, v in values.items()
        if k.startswith(SPLIT_METRICS) and ("_sum{" in k or "_count{" in k)
    }


async def scrape(client: httpx.AsyncClient, at: float) -> Gauge:
    """The API process's resident memory and the outbox gauges, from ``/metrics``."""
    values = await metrics(client)
    return Gauge(
        at,
        values.get("process_resident_memory_bytes"),
        values.get("microtache_outbox_rows"),
        values.get("microtache_outbox_oldest_age_seconds"),
    )


async def run_load(
    url: str,
    *,
    rate: float,
    seconds: float,
    seed: int = 7,
    mix: dict[str, int] = MIX,
    warmup: float = 0.0,
    during: Callable[[float], Awaitable[None]] | None = None,
    judge_answer: Callable[[str, httpx.Response], str | None] = judge,
) -> Run:
    """Send the mix at ``rate`` requests/s for ``seconds``, after ``warmup`` seconds of the
    same traffic not counted. ``during(elapsed)`` is awaited once a second while the traffic
    runs (a test injects its fault there)."""
    limits = httpx.Limits(max_connections=MAX_IN_FLIGHT, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=url, timeout=TIMEOUT_SECONDS, limits=limits) as client:
        session = Session(client)
        await session.prepare()
        result = Run(rate, seconds)
        gate = asyncio.Semaphore(MAX_IN_FLIGHT)
        if warmup:
            # The same traffic, not counted: pools filled, caches and the JIT warm.
            await asyncio.gather(
                *[_sent(session, kind, delay) for delay, kind in schedule(rate, warmup, seed + 1)]
            )
        result.split_before = split_of(await metrics(client))
        result.load_average = (os.getloadavg()[0], 0.0)
        started = time.perf_counter()

        async def one(due: float, kind: str) -> None:
            async with gate:
                sent = time.perf_counter()
                if sent - started - due > 1.0:
                    result.late += 1
                try:
                    answer, key = await session.send(kind)
                except httpx.HTTPError as exc:
                    ms = (time.perf_counter() - sent) * 1000
                    result.samples.append(Sample(kind, due, ms, 0, error=repr(exc)))
                    return
                ms = (time.perf_counter() - sent) * 1000
                result.samples.append(
                    Sample(
                        kind,
                        due,
                        ms,
                        answer.status_code,
                        answer.headers.get("Retry-After"),
                        judge_answer(kind, answer),
                        key,
                    )
                )

        async def monitor() -> None:
            next_tick = 0.0
            while True:
                elapsed = time.perf_counter() - started
                if elapsed >= next_tick:
                    result.gauges.append(await scrape(client, elapsed))
                    next_tick += METRICS_EVERY
                if during is not None:
                    await during(elapsed)
                await asyncio.sleep(1.0)

        watcher = asyncio.create_task(monitor())
        tasks: list[asyncio.Task[None]] = []
        for due, kind in schedule(rate, seconds, seed, mix):
            delay = started + due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(due, kind)))
        await asyncio.gather(*tasks)
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
        result.gauges.append(await scrape(client, time.perf_counter() - started))
        result.wall_seconds = time.perf_counter() - started
        result.split_after = split_of(await metrics(client))
        result.load_average = (result.load_average[0], os.getloadavg()[0])
    result.samples.sort(key=lambda s: s.at)
    return result


async def _sent(session: Session, kind: str, delay: float) -> None:
    await asyncio.sleep(delay)
    with contextlib.suppress(httpx.HTTPError):
        await session.send(kind)


# -- figures --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Figures:
    requests: int
    errors: int
    throughput: float
    p50: dict[str, float]
    p95: dict[str, float]
    p99: dict[str, float]


def figures(samples: Sequence[Sample], seconds: float) -> Figures:
    by_kind: dict[str, list[float]] = defaultdict(list)
    for s in samples:
        by_kind[s.kind].append(s.ms)
        by_kind["pages" if s.kind in READS else "writes" if s.kind in WRITES else s.kind].append(
            s.ms
        )
    return Figures(
        requests=len(samples),
        errors=sum(1 for s in samples if s.error is not None),
        throughput=len(samples) / seconds if seconds else 0.0,
        p50={k: percentile(v, 50) for k, v in by_kind.items()},
        p95={k: percentile(v, 95) for k, v in by_kind.items()},
        p99={k: percentile(v, 99) for k, v in by_kind.items()},
    )


@dataclass(frozen=True)
class Verdict:
    first: Figures
    last: Figures
    whole: Figures
    rss_start: float | None
    rss_end: float | None
    outbox_max_rows: float
    outbox_max_age: float
    failures: list[str]

    @property
    def memory_growth(self) -> float | None:
        if not self.rss_start or not self.rss_end:
            return None
        return self.rss_end / self.rss_start - 1


def verdict(run: Run) -> Verdict:
    minute = min(60.0, run.seconds / 2)
    first = figures([s for s in run.samples if s.at < minute], minute)
    last = figures([s for s in run.samples if s.at >= run.seconds - minute], minute)
    whole = figures(run.samples, run.wall_seconds or run.seconds)

    def rss_between(low: float, high: float) -> float | None:
        values = [g.rss_bytes for g in run.gauges if low <= g.at <= high and g.rss_bytes]
        return statistics.median(values) if values else None

    # Warmed up by the end of the first minute (pools full, caches built); the end is the
    # last minute's median, so one busy moment does not count as growth.
    rss_start = rss_between(minute / 2, minute)
    rss_end = rss_between(run.seconds - minute / 2, run.seconds + 60)
    rows = [g.outbox_rows for g in run.gauges if g.outbox_rows is not None]
    ages = [g.outbox_age_seconds for g in run.gauges if g.outbox_age_seconds is not None]
    result = Verdict(
        first, last, whole, rss_start, rss_end, max(rows, default=0), max(ages, default=0), []
    )
    if whole.errors:
        result.failures.append(f"{whole.errors} errors")
    growth = result.memory_growth
    if growth is not None and growth > MEMORY_GROWTH_MAX:
        result.failures.append(f"API memory grew {growth:.1%} (at most {MEMORY_GROWTH_MAX:.0%})")
    if result.outbox_max_age > OUTBOX_LAG_MAX_SECONDS:
        result.failures.append(
            f"outbox lag reached {result.outbox_max_age:.0f} s "
            f"(at most {OUTBOX_LAG_MAX_SECONDS:.0f})"
        )
    if whole.p95.get("pages", 0) > PAGE_P95_TARGET_MS:
        result.failures.append(
            f"results pages p95 {whole.p95['pages']:.0f} ms (target {PAGE_P95_TARGET_MS:.0f})"
        )
    return result


def report(run: Run) -> Verdict:
    found = verdict(run)
    print(f"\n{run.rate:g} requests/s for {run.seconds:.0f} s (late sends: {run.late})")
    print(f"{'minute':>6} {'requests':>8} {'errors':>6}  p95 ms: pages  autocomplete  writes")
    for start in range(0, max(1, int(run.seconds)), 60):
        part = figures([s for s in run.samples if start <= s.at < start + 60], 60.0)
        print(
            f"{start // 60 + 1:>6} {part.requests:>8} {part.errors:>6}  "
            f"{part.p95.get('pages', float('nan')):>11.1f} "
            f"{part.p95.get('autocomplete', float('nan')):>13.1f} "
            f"{part.p95.get('writes', float('nan')):>7.1f}"
        )
    print(f"\n{'':<14}{'whole run':>22}{'first minute':>22}{'last minute':>22}")
    print(
        f"{'throughput':<14}{found.whole.throughput:>18.1f} r/s"
        f"{found.first.throughput:>18.1f} r/s{found.last.throughput:>18.1f} r/s"
    )
    print(f"{'errors':<14}{found.whole.errors:>22}{found.first.errors:>22}{found.last.errors:>22}")
    for kind in ("pages", "search", "browse", "autocomplete", "writes", *WRITES):
        if kind not in found.whole.p95:
            continue
        cells = "".join(
            f"{f.p50.get(kind, float('nan')):>9.1f} /{f.p95.get(kind, float('nan')):>7.1f} ms"
            for f in (found.whole, found.first, found.last)
        )
        print(f"{kind + ' p50/p95':<22}{cells}")
    for endpoint in ("search", "autocomplete"):
        shares = {}
        for metric in SPLIT_METRICS:
            key = f'{{endpoint="{endpoint}"}}'
            total = run.split_after.get(f"{metric}_sum{key}", 0) - run.split_before.get(
                f"{metric}_sum{key}", 0
            )
            count = run.split_after.get(f"{metric}_count{key}", 0) - run.split_before.get(
                f"{metric}_count{key}", 0
            )
            shares[metric] = total / count * 1000 if count else float("nan")
        opensearch, api = (shares[m] for m in SPLIT_METRICS)
        print(
            f"/{endpoint:<13} mean {opensearch + api:6.1f} ms in the API = {opensearch:6.1f} ms "
            f"awaiting OpenSearch (the baseline) + {api:5.1f} ms of its own"
        )
    if found.rss_start and found.rss_end:
        print(
            f"\nAPI resident memory: {found.rss_start / 1e6:.1f} MB at the end of the first "
            f"minute, {found.rss_end / 1e6:.1f} MB at the end ({found.memory_growth:+.1%}; "
            f"at most {MEMORY_GROWTH_MAX:+.0%})"
        )
    print(
        f"search outbox: at most {found.outbox_max_rows:.0f} rows, oldest row at most "
        f"{found.outbox_max_age:.1f} s old (at most {OUTBOX_LAG_MAX_SECONDS:.0f} s)"
    )
    print(
        f"results pages p95 {found.whole.p95.get('pages', float('nan')):.1f} ms "
        f"(target under load: {PAGE_P95_TARGET_MS:.0f} ms)"
    )
    print(
        f"machine load average (1 min, {os.cpu_count()} cores): {run.load_average[0]:.1f} at "
        f"the start, {run.load_average[1]:.1f} at the end"
    )
    statuses = Counter(s.status for s in run.samples)
    print("statuses: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    for sample in run.errors()[:10]:
        print(f"  error: {sample.kind} at {sample.at:.1f} s: {sample.error}")
    print("PASS" if not found.failures else "FAIL: " + "; ".join(found.failures))
    return found


# -- an engine to load ----------------------------------------------------------------------
@contextlib.contextmanager
def engine_on_postgres(gigs: int, port: int) -> Iterator[tuple[str, int]]:
    """`microtache up` on a throwaway PostgreSQL and its own embedded node; (url, pid)."""
    from indexer.opensearch_local.launcher import free_port
    from tests.services import postgres_server

    with tempfile.TemporaryDirectory(prefix="microtache-load-") as workdir, postgres_server() as db:
        port = port or free_port()
        log_path = Path(workdir) / "up.log"
        env = dict(os.environ) | {
            "MICROTACHE_DATA_DIR": str(Path(workdir) / "data"),
            "DATABASE_URL": db,
            "MICROTACHE_SEED_GIGS": str(gigs),
            "ACCESS_TOKEN_SECONDS": "7200",  # one login lasts the whole run
            **UNLIMITED,
            "OPENSEARCH_HEAP": os.environ.get("OPENSEARCH_HEAP", "1g"),
        }
        env.pop("OPENSEARCH_URL", None)
        env.pop("CELERY_BROKER_URL", None)
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "search_api.cli", "up", "--port", str(port)],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_ready(url, process, log_path)
            yield url, process.pid
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"`microtache up` exited:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/health/ready", timeout=5).status_code == 200:
                return
        time.sleep(1)
    raise SystemExit(
        f"`microtache up` not ready within {timeout:.0f} s:\n{log.read_text()[-3000:]}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running engine (default: start one on PostgreSQL)")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=10.0, help="requests per second")
    parser.add_argument("--warmup", type=float, default=WARMUP_SECONDS, help="seconds, not counted")
    parser.add_argument("--gigs", type=int, default=2000, help="demo catalog of a started engine")
    parser.add_argument("--port", type=int, default=0, help="port of a started engine")
    args = parser.parse_args(argv)
    seconds = args.minutes * 60

    def go(url: str) -> Verdict:
        print(f"loading {url}: {args.rate:g} requests/s for {seconds:.0f} s …", flush=True)
        run = run_load(url, rate=args.rate, seconds=seconds, warmup=args.warmup)
        return report(asyncio.run(run))

    if args.url:
        found = go(args.url)
    else:
        with engine_on_postgres(args.gigs, args.port) as (url, _):
            found = go(url)
    return 1 if found.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
