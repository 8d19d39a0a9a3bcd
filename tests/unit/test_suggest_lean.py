"""The autocomplete's lean towards the place the typed text is understood to be about."""

from __future__ import annotations

from typing import Any

from indexer.suggestions import leaned
from indexer.understanding import Understood

DESIGN = Understood("graphisme-design", "conception-logo", 0.8)


def hit(term: str, subcategory: str, score: float, category: str = "graphisme-design") -> Any:
    source = {"term": term, "subcategory": subcategory, "category": category}
    return {"_source": source, "sort": [score, 0, 0, term]}


def terms(hits: list[dict[str, Any]]) -> list[str]:
    return [h["_source"]["term"] for h in hits]


RANKED = [
    hit("logo animé", "animation-logo", 2.0, "video-animation"),  # the most searched
    hit("logo 3d", "modelisation", 2.0, "video-animation"),
    hit("logo", "conception-logo", 2.0),
    hit("logo vintage", "conception-logo", 2.0),
    hit("lego", "illustration", 1.0),  # typo matches
    hit("loge", "conception-logo", 1.0),
]


def test_without_a_place_the_ranking_is_kept() -> None:
    assert terms(leaned(RANKED, None, 4)) == ["logo animé", "logo 3d", "logo", "logo vintage"]


def test_the_place_comes_first_within_each_kind_of_match() -> None:
    assert terms(leaned(RANKED, DESIGN, 6)) == [
        "logo",
        "logo vintage",
        "logo animé",
        "logo 3d",
        "loge",
        "lego",
    ]
    by_category = Understood("graphisme-design", None, 0.7)
    assert terms(leaned(RANKED, by_category, 4)) == [
        "logo",
        "logo vintage",
        "logo animé",
        "logo 3d",
    ]


def test_a_typo_match_there_never_passes_a_prefix_match_elsewhere() -> None:
    found = terms(leaned(RANKED, DESIGN, 5))
    assert found.index("logo 3d") < found.index("loge")


def test_the_term_leading_without_the_lean_always_shows() -> None:
    assert terms(leaned(RANKED, DESIGN, 2)) == ["logo", "logo animé"]
    assert leaned([], DESIGN, 8) == []
