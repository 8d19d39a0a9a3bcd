"""NDCG@k, zero-result rate and typo robustness over graded results. Pure."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from bench.relevance.judgments import JudgedQuery

K = 10


def gain(grade: int) -> float:
    return float(2**grade - 1)


def dcg(grades: Sequence[int]) -> float:
    return sum(gain(g) / math.log2(rank + 2) for rank, g in enumerate(grades))


def ndcg(grades: Sequence[int], wanted: int, related: int, k: int = K) -> float | None:
    """``grades`` of the returned top k, best first; the ideal ranking is made of every gig
    of the index at grade 2 (``wanted``), then at grade 1. None when there is none: the
    query cannot be judged on this catalog."""
    ideal = dcg(([2] * wanted + [1] * related)[:k])
    return dcg(grades[:k]) / ideal if ideal else None


@dataclass(frozen=True)
class Scored:
    query: JudgedQuery
    ndcg: float | None
    total: int  # results the page says it found
    grades: tuple[int, ...]  # of the top k
    wanted: int  # gigs of the index at grade 2
    related: int  # at grade 1
    top_subcategories: tuple[str, ...]
    millis: float

    @property
    def judged(self) -> bool:
        return self.ndcg is not None


@dataclass(frozen=True)
class Summary:
    queries: int
    unjudged: int  # without any relevant gig in this catalog
    ndcg: float
    zero_rate: float
    typo_robustness: float | None  # mean of min(1, typo / clean) over judged pairs
    typo_pairs: int

    @classmethod
    def of(cls, scores: Sequence[Scored]) -> Summary:
        judged = [s for s in scores if s.ndcg is not None]
        by_q = {s.query.q: s for s in judged}
        ratios = []
        for s in judged:
            clean = by_q.get(s.query.typo_of or "")
            if s.query.typo_of and clean is not None and clean.ndcg:
                ratios.append(min(1.0, (s.ndcg or 0.0) / clean.ndcg))
        return cls(
            queries=len(scores),
            unjudged=len(scores) - len(judged),
            ndcg=fmean(s.ndcg or 0.0 for s in judged) if judged else 0.0,
            zero_rate=sum(s.total == 0 for s in judged) / len(judged) if judged else 0.0,
            typo_robustness=fmean(ratios) if ratios else None,
            typo_pairs=len(ratios),
        )


def by_trait(scores: Sequence[Scored]) -> dict[str, float]:
    traits = sorted({t for s in scores for t in s.query.traits})
    return {
        t: fmean(s.ndcg or 0.0 for s in scores if t in s.query.traits and s.judged)
        for t in traits
        if any(t in s.query.traits and s.judged for s in scores)
    }
