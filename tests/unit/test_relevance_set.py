"""The judged query set holds together, and the yardstick's arithmetic is right."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.relevance.judgments import (
    QUERIES,
    TRAITS,
    Clause,
    JudgmentError,
    half_of,
    load,
)
from bench.relevance.metrics import Scored, Summary, dcg, ndcg
from facets.taxonomy import TAXONOMY


def test_the_set_is_large_split_in_two_and_covers_every_trait() -> None:
    queries = load(TAXONOMY)
    assert len(queries.queries) >= 150
    tuning, held_out = queries.half("tuning"), queries.half("held_out")
    assert min(len(tuning), len(held_out)) >= 0.4 * len(queries.queries)
    for half in (tuning, held_out):
        assert {t for q in half for t in q.traits} == TRAITS
    assert {
        s.slug
        for q in queries.queries
        for c in q.judgment.wants
        for s in TAXONOMY.subcategories
        if s.slug in c.subcategories or s.category_slug in c.categories
    } == {s.slug for s in TAXONOMY.subcategories}


def test_each_query_sits_in_the_half_of_its_clean_form() -> None:
    for query in load(TAXONOMY).queries:
        assert query.half == half_of(query.clean)
        if query.typo_of:
            assert "typo" in query.traits


def test_a_typo_is_judged_as_its_clean_form() -> None:
    queries = {q.q: q for q in load(TAXONOMY).queries}
    assert queries["referencemnt"].judgment == queries["referencement"].judgment
    assert queries["referencemnt"].typo_of == "referencement"


def test_the_brief_example_reads_as_written() -> None:
    [logo] = [q for q in load(TAXONOMY).queries if q.q == "logo minimaliste"]
    assert logo.judgment.wants == (
        Clause(subcategories=("conception-logo",), attributes=(("style", ("minimaliste",)),)),
    )
    assert logo.judgment.related == (
        Clause(subcategories=("conception-logo", "identite-visuelle")),
    )


def write_set(directory: Path, half: str, entries: str) -> Path:
    """A query set holding ``entries`` in ``half`` and nothing else."""
    (directory / "intents.yaml").write_text("{}")
    for name in ("tuning", "held_out"):
        (directory / f"{name}.yaml").write_text(entries if name == half else "[]")
    return directory


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ("- {q: logo, traits: [as_typed], wants: [{subcategory: logos}]}", "unknown subcategory"),
        (
            "- {q: logo, traits: [as_typed], wants: [{subcategory: conception-logo,"
            " attributes: {style: pastel}}]}",
            "style must be some of",
        ),
        (
            "- {q: logo, traits: [as_typed], wants: [{subcategory: traduction,"
            " attributes: {style: vintage}}]}",
            "not in every subcategory",
        ),
        ("- {q: logo, traits: [fancy], wants: [{subcategory: conception-logo}]}", "traits"),
        ("- {q: lgoo, typo_of: logo}", "clean form"),
        ("- {q: logo, traits: [as_typed]}", "exactly one of"),
    ],
)
def test_a_wrong_judgment_is_refused_with_the_query_named(
    tmp_path: Path, entries: str, message: str
) -> None:
    with pytest.raises(JudgmentError, match=message):
        load(TAXONOMY, write_set(tmp_path, half_of("logo"), entries))


def test_a_query_in_the_wrong_half_is_refused(tmp_path: Path) -> None:
    wrong = "tuning" if half_of("logo") == "held_out" else "held_out"
    entry = "- {q: logo, traits: [as_typed], wants: [{subcategory: conception-logo}]}"
    with pytest.raises(JudgmentError, match="belongs to"):
        load(TAXONOMY, write_set(tmp_path, wrong, entry))


def test_the_shipped_files_are_where_the_bench_reads_them() -> None:
    assert sorted(p.name for p in QUERIES.glob("*.yaml")) == [
        "held_out.yaml",
        "intents.yaml",
        "tuning.yaml",
    ]


def test_ndcg_against_the_ideal_ranking_of_the_whole_index() -> None:
    assert dcg([2, 0, 1]) == pytest.approx(3 + 0 + 1 / 2)
    assert ndcg([2, 2, 1], wanted=2, related=1) == pytest.approx(1.0)
    # A short page loses what the index could have filled it with.
    assert (ndcg([2, 2, 1], wanted=2, related=5) or 1.0) < 0.8
    # The index holds better gigs than those returned.
    assert ndcg([1, 1], wanted=1, related=1) == pytest.approx(
        (1 + 1 / math.log2(3)) / (3 + 1 / math.log2(3))
    )
    assert ndcg([], wanted=3, related=0) == 0.0
    assert ndcg([0, 0], wanted=0, related=0) is None  # nothing to find: not judged


def test_the_summary_averages_judged_queries_and_compares_typos_to_their_clean_form() -> None:
    queries = {q.q: q for q in load(TAXONOMY).queries}

    def scored(q: str, value: float | None, total: int) -> Scored:
        return Scored(queries[q], value, total, (), 0, 0, (), 1.0)

    summary = Summary.of(
        [
            scored("referencement", 0.8, 10),
            scored("referencemnt", 0.4, 0),
            scored("logo", None, 0),
        ]
    )
    assert (summary.queries, summary.unjudged) == (3, 1)
    assert summary.ndcg == pytest.approx(0.6)
    assert summary.zero_rate == pytest.approx(0.5)
    assert summary.typo_robustness == pytest.approx(0.5)
    assert summary.typo_pairs == 1
