"""How soon a committed gig change is searchable, beside raw OpenSearch in the same run.

    python -m bench.sync_latency [--changes 40] [--redis-url redis://127.0.0.1:6379/0]

Each change retitles a gig with a fresh word in one transaction; the clock runs from the
commit until a search for the word finds it. Measured:
- without a broker: the engine's own background drain (the embedded default);
- with a broker (when --redis-url is given): a real `microtache worker`, kicked after commit;
- baseline: the same document written straight to OpenSearch, until searchable (the index's
  refresh interval bounds both).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bench.search_bench import percentile
from indexer.gig_source import load_parts
from indexer.opensearch_local import LocalOpenSearch
from indexer.querylog import QueryLog
from marketplace_core.catalog.models import Gig
from marketplace_core.config import Settings
from microtache.background import sync_in_background
from microtache.bootstrap import prepare
from microtache.runtime import Runtime, build_runtime


def searchable(runtime: Runtime, index: str, word: str) -> bool:
    body = {"query": {"match": {"title": word}}, "size": 0}
    return bool(runtime.search.search(index=index, body=body)["hits"]["total"]["value"])


def wait_for(check: Callable[[], bool], limit: float = 30.0) -> float:
    started = time.perf_counter()
    while not check():
        if time.perf_counter() - started > limit:
            raise SystemExit("a change never became searchable")
        time.sleep(0.01)
    return time.perf_counter() - started


def engine_changes(runtime: Runtime, changes: int) -> list[float]:
    with Session(runtime.engine) as session:
        ids = session.scalars(select(Gig.id).order_by(Gig.id).limit(changes)).all()
    latencies = []
    for gig_id in ids:
        word = f"mot{uuid.uuid4().hex[:8]}"
        with Session(runtime.engine) as session, session.begin():
            session.get_one(Gig, gig_id).title = f"Je vais créer un logo {word}"
        latencies.append(wait_for(partial(searchable, runtime, runtime.names.gigs, word)))
    return latencies


def raw_changes(runtime: Runtime, changes: int) -> list[float]:
    index = f"{runtime.names.prefix}_rawsync"
    runtime.search.indices.delete(index=index, ignore_unavailable=True)
    source = runtime.search.indices.get(index=runtime.names.gigs)
    (definition,) = source.values()
    runtime.search.indices.create(
        index=index,
        body={
            "mappings": definition["mappings"],
            "settings": {
                "index": {
                    "analysis": definition["settings"]["index"]["analysis"],
                    "refresh_interval": "1s",
                    "number_of_replicas": 0,
                    "max_ngram_diff": 20,
                }
            },
        },
    )
    with runtime.engine.connect() as conn:
        ids = conn.execute(select(Gig.id).order_by(Gig.id).limit(changes)).scalars().all()
        documents = [parts.document() for parts in load_parts(conn, ids).values()]
    latencies = []
    for doc in documents:
        word = f"mot{uuid.uuid4().hex[:8]}"
        doc = {**doc, "title": f"Je vais créer un logo {word}"}
        runtime.search.index(index=index, id=str(doc["gig_id"]), body=doc)
        latencies.append(wait_for(partial(searchable, runtime, index, word)))
    runtime.search.indices.delete(index=index)
    return latencies


def line(name: str, values: list[float]) -> str:
    return (
        f"{name:<44} p50 {percentile(values, 50) * 1000:6.0f} ms   "
        f"p95 {percentile(values, 95) * 1000:6.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--redis-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, LocalOpenSearch(Path(tmp) / "os") as node:
        settings = Settings(MICROTACHE_DATA_DIR=Path(tmp), OPENSEARCH_URL=node.url)
        runtime = build_runtime(settings)
        prepare(runtime, seed_gigs=2000, progress=False)
        embedded = dataclasses.replace(
            runtime, settings=settings.model_copy(update={"celery_broker_url": None})
        )
        log = QueryLog(runtime.search, runtime.names, clock=runtime.clock)
        with sync_in_background(embedded, log):
            print(
                line(
                    "no broker: the engine's background drain",
                    engine_changes(runtime, args.changes),
                )
            )
        if args.redis_url:
            env = dict(
                os.environ,
                MICROTACHE_DATA_DIR=tmp,
                OPENSEARCH_URL=node.url,
                CELERY_BROKER_URL=args.redis_url,
            )
            worker = subprocess.Popen(
                [sys.executable, "-m", "search_api.cli", "worker"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                time.sleep(5)  # the worker connects to the broker
                brokered = dataclasses.replace(
                    runtime,
                    settings=settings.model_copy(update={"celery_broker_url": args.redis_url}),
                )
                from microtache.celery_app import app

                app.conf.update(broker_url=args.redis_url)
                with sync_in_background(brokered, log):
                    print(
                        line(
                            "broker: a Celery worker kicked after commit",
                            engine_changes(runtime, args.changes),
                        )
                    )
            finally:
                worker.terminate()
                worker.wait(30)
        print(line("baseline: straight to OpenSearch", raw_changes(runtime, args.changes)))
        runtime.close()


if __name__ == "__main__":
    main()
