"""Relevance holds its floor: the judged query set, sent through the search the API runs
with the thesaurus the engine installs, on a small demo catalog on the real node.

The floors are today's figures on this catalog, a little below: a change that loses
relevance fails here; one that gains should raise them. The full yardstick, on a larger
catalog and with the figures before the thesaurus beside them, is ``python -m
bench.relevance``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from opensearchpy import OpenSearch

from bench.relevance.evaluate import evaluate, ideal_counts
from bench.relevance.judgments import HALVES, Half, load
from bench.relevance.metrics import Summary
from facets.taxonomy import TAXONOMY
from indexer.client import IndexNames
from marketplace_core.clock import ManualClock
from marketplace_core.config import Settings
from marketplace_core.db import make_engine, make_sessionmaker, transaction
from marketplace_core.demo.seed import seed_catalog
from marketplace_core.migrate import upgrade
from marketplace_core.thesaurus.service import LiveThesaurus, install_defaults
from microtache.bootstrap import reindex
from microtache.runtime import Runtime
from tests.conftest import START

GIGS = 1500
# Per half: NDCG@10 at least, zero-result rate at most, typo robustness at least. Measured
# on this catalog: tuning 0.926, 0.0 %, 0.981; held out 0.910, 0.8 %, 1.000.
FLOORS: dict[Half, tuple[float, float, float]] = {
    "tuning": (0.91, 0.01, 0.96),
    "held_out": (0.89, 0.02, 0.97),
}


@pytest.fixture(scope="module")
def summaries(
    tmp_path_factory: pytest.TempPathFactory, opensearch: OpenSearch, opensearch_url: str
) -> Iterator[dict[Half, Summary]]:
    directory = tmp_path_factory.mktemp("relevance")
    settings = Settings(MICROTACHE_DATA_DIR=directory, OPENSEARCH_URL=opensearch_url)
    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    clock = ManualClock(START)
    seed_catalog(engine, gigs=GIGS, seed=42, clock=clock, progress=False)
    names = IndexNames(f"test_{uuid.uuid4().hex[:10]}")
    sessions = make_sessionmaker(engine)
    runtime = Runtime(settings, engine, sessions, opensearch, opensearch_url, names, clock)
    reindex(runtime, progress=False)
    with transaction(sessions) as session:
        install_defaults(session, clock=clock)
    live = LiveThesaurus(sessions)
    live.refresh()
    queries = load(TAXONOMY).queries
    scores = evaluate(
        opensearch, names, queries, live.current, ideal_counts(opensearch, names, queries)
    )
    yield {h: Summary.of([s for s in scores if s.query.half == h]) for h in HALVES}
    opensearch.indices.delete(index=f"{names.prefix}_*", expand_wildcards="all")
    engine.dispose()


@pytest.mark.parametrize("half", HALVES)
def test_relevance_holds_its_floor(summaries: dict[Half, Summary], half: Half) -> None:
    summary = summaries[half]
    ndcg, zero_rate, typo = FLOORS[half]
    assert summary.unjudged <= 0.1 * summary.queries, "the catalog is too small to judge"
    assert summary.ndcg >= ndcg
    assert summary.zero_rate <= zero_rate
    assert summary.typo_robustness is not None
    assert summary.typo_robustness >= typo
