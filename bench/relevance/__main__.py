"""Relevance of search on a demo catalog, without and with the shipped thesaurus.

    python -m bench.relevance [--gigs 10000] [--worst 10]

Builds (or reuses) a catalog under ``bench/var``: the embedded node, a SQLite database seeded
by the demo generator, the gig index. Sends every judged query through the search the API
runs and prints, per half of the query set: NDCG@10, the zero-result rate, typo robustness
(the NDCG a typo'd query keeps of its clean form's) and the search time; each first without
a thesaurus (the baseline), then with the shipped default one. Then NDCG per trait of the
queries, and the worst queries with what their pages showed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from statistics import median

from bench.relevance.catalog import demo_catalog
from bench.relevance.evaluate import compare, ideal_counts
from bench.relevance.judgments import HALVES, Half, load
from bench.relevance.metrics import Scored, Summary, by_trait
from facets.taxonomy import TAXONOMY
from indexer.query_signals import LiveUnderstanding
from marketplace_core.thesaurus.rules import EMPTY, Thesaurus, default_rules

LABELS = {"tuning": "tuning", "held_out": "HELD OUT"}


def _pct(value: float) -> str:
    return f"{value * 100:5.1f} %"


def print_summaries(runs: dict[str, list[Scored]]) -> None:
    names = list(runs)
    header = "".join(f"{LABELS[h] + ': ' + n:>22}" for h in HALVES for n in names)
    print(f"{'':<22}{header}")
    summaries = {
        (h, n): Summary.of([s for s in runs[n] if s.query.half == h]) for h in HALVES for n in names
    }
    rows: list[tuple[str, Callable[[Summary], str]]] = [
        ("NDCG@10", lambda s: f"{s.ndcg:.3f}"),
        ("zero-result rate", lambda s: _pct(s.zero_rate)),
        (
            "typo robustness",
            lambda s: f"{s.typo_robustness:.3f} ({s.typo_pairs})" if s.typo_robustness else "-",
        ),
        ("queries (unjudged)", lambda s: f"{s.queries} ({s.unjudged})"),
    ]
    for label, show in rows:
        print(
            f"{label:<22}" + "".join(f"{show(summaries[h, n]):>22}" for h in HALVES for n in names)
        )
    times = "".join(
        f"{median(s.millis for s in runs[n] if s.query.half == h):>19.1f} ms"
        for h in HALVES
        for n in names
    )
    print(f"{'search p50':<22}{times}")


def print_traits(runs: dict[str, list[Scored]]) -> None:
    print("\nNDCG@10 per trait of the queries")
    for half in HALVES:
        tables = {
            n: by_trait([s for s in scores if s.query.half == half]) for n, scores in runs.items()
        }
        traits = sorted(next(iter(tables.values())))
        cells = "  ".join(
            f"{t} " + " → ".join(f"{tables[n].get(t, 0):.2f}" for n in tables) for t in traits
        )
        print(f"  {LABELS[half]:<9} {cells}")


def print_worst(half: Half, before: Sequence[Scored], after: Sequence[Scored], count: int) -> None:
    print(
        f"\nWorst {count} queries of the {LABELS[half]} half with the thesaurus "
        "(NDCG without → with; grades of the top 10)"
    )
    old = {s.query.q: s for s in before}
    judged = sorted(
        (s for s in after if s.judged and s.query.half == half),
        key=lambda s: (s.ndcg or 0.0, s.query.q),
    )
    for s in judged[:count]:
        was = old[s.query.q].ndcg or 0.0
        grades = "".join(str(g) for g in s.grades) or "-"
        print(
            f"  {s.query.q!r:<32} {was:.3f} → {s.ndcg:.3f}  "
            f"found {s.total:<5} grades {grades:<10} index holds {s.wanted}×2 {s.related}×1  "
            f"top: {', '.join(dict.fromkeys(s.top_subcategories)) or '-'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gigs", type=int, default=10_000)
    parser.add_argument("--worst", type=int, default=10)
    args = parser.parse_args()
    queries = load(TAXONOMY).queries
    with demo_catalog(args.gigs) as runtime:
        client, names = runtime.search, runtime.names
        counts = ideal_counts(client, names, queries)
        halves: dict[Half, int] = {h: sum(q.half == h for q in queries) for h in HALVES}
        print(
            f"catalog: {args.gigs} gigs; {len(queries)} judged queries "
            f"({halves['tuning']} tuning, {halves['held_out']} held out)"
        )
        thesauri = {"none": EMPTY, "thesaurus": Thesaurus(default_rules())}
        # As the API understands queries: the taxonomy's vocabulary, the gigs per
        # subcategory and the query log (empty on a bench catalog).
        understanding = LiveUnderstanding(client, names, TAXONOMY).refresh()
        compare(client, names, queries, thesauri, counts, understanding=understanding)  # warm
        runs = compare(client, names, queries, thesauri, counts, understanding=understanding)
        print_summaries(runs)
        print_traits(runs)
        for half in HALVES:
            print_worst(half, runs["none"], runs["thesaurus"], args.worst)


if __name__ == "__main__":
    main()
