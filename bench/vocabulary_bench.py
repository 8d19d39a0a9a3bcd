"""How merging the autocomplete vocabulary's near-duplicates grows with its size, beside a
quadratic merge's growth.

    python -m bench.vocabulary_bench [--terms 40000] [--runs 3]

Draws ``--terms`` candidate terms from the taxonomy's words (some with a plural or a dropped
letter, the near-duplicates the merge exists for), then times :func:`merge_terms` on a
quarter of them and on all of them, best of ``--runs`` each. Printed: both times and their
ratio beside 4 (linear) and 16 (what comparing every term with every other would take).
"""

from __future__ import annotations

import argparse
import random
import time

from facets.taxonomy import TAXONOMY
from indexer.vocabulary import Candidate, Source, fold, merge_terms


def drawn(count: int, seed: int = 7) -> list[Candidate]:
    rng = random.Random(seed)
    words = sorted({w for t in TAXONOMY.subcategories for w in fold(t.label.fr).split()})
    words += [f"{w}{suffix}" for w in words for suffix in ("age", "ique", "eur")]
    found = []
    for _ in range(count):
        text = " ".join(rng.choice(words) for _ in range(rng.choice((1, 2, 2, 3, 3))))
        if rng.random() < 0.2:
            cut = rng.randrange(len(text))
            text = text + "s" if rng.random() < 0.5 else text[:cut] + text[cut + 1 :]
        found.append(Candidate(text, Source.TAG, frequency=rng.randint(1, 50)))
    return found


def best_time(candidates: list[Candidate], runs: int) -> tuple[float, int]:
    times, merged = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        merged = len(merge_terms(candidates))
        times.append(time.perf_counter() - started)
    return min(times), merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=40_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    found = drawn(args.terms)
    quarter, merged_quarter = best_time(found[: args.terms // 4], args.runs)
    whole, merged_whole = best_time(found, args.runs)
    print(f"{args.terms // 4:>7,} candidates → {merged_quarter:,} terms in {quarter:.3f} s")
    print(f"{args.terms:>7,} candidates → {merged_whole:,} terms in {whole:.3f} s")
    print(f"ratio {whole / quarter:.1f}× for 4× the terms (linear: 4×, quadratic: 16×)")


if __name__ == "__main__":
    main()
