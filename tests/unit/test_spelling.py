"""Corrections read from the index's answer: only words no gig holds, within their edits."""

from __future__ import annotations

from typing import Any

from indexer.spelling import KNOWN, SpellingCheck, allowed_edits
from marketplace_core.thesaurus.rules import Rule, RuleKind, Thesaurus


def entry(text: str, offset: int, *options: tuple[str, int]) -> dict[str, Any]:
    return {
        "text": text,
        "offset": offset,
        "length": len(text),
        "options": [{"text": t, "freq": f, "score": 0.8} for t, f in options],
    }


def answer(*entries: dict[str, Any], known: dict[str, int] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"suggest": {"spelling": list(entries)}}
    if known is not None:
        buckets = {w: {"doc_count": n} for w, n in known.items()}
        response["aggregations"] = {KNOWN: {"words": {"buckets": buckets}}}
    return response


def test_the_edit_budget_grows_with_the_word() -> None:
    assert [allowed_edits(w) for w in ("ab", "seo", "logos", "logoss", "referencemnt")] == [
        0,
        1,
        1,
        2,
        2,
    ]


def test_a_missing_word_becomes_the_closest_then_most_frequent_word_gigs_hold() -> None:
    check = SpellingCheck.of("referencemnt naturel")
    response = answer(
        entry("referencemnt", 0, ("referencement", 40), ("referencements", 90)),
        entry("naturel", 13),  # held by gigs: the suggester says nothing of it
    )
    assert check.correction(response) == "referencement naturel"
    same = answer(entry("logoo", 0, ("logos", 5), ("logo", 90)))
    assert SpellingCheck.of("logoo").correction(same) == "logo"


def test_no_correction_beyond_the_budget_nor_for_words_that_exist() -> None:
    # "lgo" may lose one letter's worth only; "lago" is one edit, "lagoon" three.
    assert SpellingCheck.of("lgo").correction(answer(entry("lgo", 0, ("lagoon", 9)))) is None
    assert SpellingCheck.of("lgo").correction(answer(entry("lgo", 0, ("logo", 9)))) == "logo"
    # A word gigs hold is never swapped for another it resembles ("répondre").
    assert SpellingCheck.of("message répondeur").correction(answer()) is None


def test_the_article_before_a_corrected_word_stays() -> None:
    check = SpellingCheck.of("création de l'identitée")
    response = answer(entry("identitee", 12, ("identite", 80)))
    response["suggest"]["spelling"][0]["length"] = len("l'identitée")
    assert check.correction(response) == "création de l'identite"


def test_a_word_close_to_a_thesaurus_word_that_no_gig_holds_becomes_it() -> None:
    thesaurus = Thesaurus([Rule("fr", RuleKind.EXPANSION, ("adwords",), ("google ads",))])
    check = SpellingCheck.of("campagne adwrods", thesaurus)
    agg = check.aggregation()
    assert agg is not None
    counted = agg["aggs"]["words"]["filters"]["filters"]
    assert counted == {"adwrods": {"term": {"spelling": "adwrods"}}}
    assert check.correction(answer(known={"adwrods": 0})) == "campagne adwords"
    # Held by some gig: a word of its own, left alone.
    assert check.correction(answer(known={"adwrods": 3})) is None
    # Words of the thesaurus itself, and words far from all of them, are not counted.
    assert SpellingCheck.of("adwords", thesaurus).aggregation() is None
    assert SpellingCheck.of("logo", thesaurus).aggregation() is None


def test_a_thesaurus_word_no_gig_holds_is_never_corrected_to_a_word_gigs_hold() -> None:
    thesaurus = Thesaurus([Rule("fr", RuleKind.EXPANSION, ("instru",), ("instrumental",))])
    check = SpellingCheck.of("instru rap", thesaurus)
    # The index lacks « instru » and holds « intro »: the thesaurus' meaning wins.
    assert check.correction(answer(entry("instru", 0, ("intro", 40)))) is None
    # Without the rule it is a misspelling like any other.
    assert SpellingCheck.of("instru rap").correction(answer(entry("instru", 0, ("intro", 40)))) == (
        "intro rap"
    )


def test_the_last_word_being_typed_is_left_alone() -> None:
    check = SpellingCheck.of("logoo minim")
    response = answer(entry("logoo", 0, ("logo", 9)), entry("minim", 6, ("minima", 3)))
    assert check.correction(response) == "logo minima"
    assert check.correction(response, typing=True) == "logo minim"
