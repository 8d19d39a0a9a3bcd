"""Thesaurus rules: validation naming the field and rule, conflicts, and how a query is
rewritten into its phrasings."""

from __future__ import annotations

import pytest

from facets.filters import facets_for
from facets.selection import Selection
from facets.taxonomy import TAXONOMY
from indexer.facet_kinds import PageFacets
from indexer.search_query import Words, facets_body, hits_body, matching, text_query
from marketplace_core.errors import InvalidInput, Refused
from marketplace_core.thesaurus.rules import (
    EQUIVALENT_WEIGHT,
    EXPANSION_WEIGHT,
    MAX_VARIANTS,
    Rule,
    RuleKind,
    Thesaurus,
    Variant,
    check_conflicts,
    default_rules,
    phrase_key,
    validate_rule,
)

EQ = RuleKind.EQUIVALENCE
EX = RuleKind.EXPANSION


def problems(**kwargs: object) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInput) as caught:
        validate_rule(**kwargs)  # type: ignore[arg-type]
    return {(p.field, p.rule) for p in caught.value.problems}


def test_a_valid_rule_is_cleaned_as_searched() -> None:
    rule = validate_rule("fr", "equivalence", ["  Doublage ", "voix   off"])
    assert rule == Rule("fr", EQ, ("doublage", "voix off"))
    rule = validate_rule("en", "expansion", ["Voice Over"], ["voix off"])
    assert rule == Rule("en", EX, ("voice over",), ("voix off",))


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"lang": "de", "kind": "equivalence", "terms": ["a", "b"]}, ("lang", "thesaurus.lang")),
        ({"lang": "fr", "kind": "synonym", "terms": ["a", "b"]}, ("kind", "thesaurus.kind")),
        (
            {"lang": "fr", "kind": "equivalence", "terms": ["appli"]},
            ("terms", "thesaurus.terms.count"),
        ),
        (
            {"lang": "fr", "kind": "equivalence", "terms": ["a", "b"], "targets": ["c"]},
            ("targets", "thesaurus.targets.not_allowed"),
        ),
        (
            {"lang": "fr", "kind": "expansion", "terms": ["infographiste"]},
            ("targets", "thesaurus.targets.count"),
        ),
        (
            {"lang": "fr", "kind": "expansion", "terms": [], "targets": ["logo"]},
            ("terms", "thesaurus.terms.count"),
        ),
        (
            {"lang": "fr", "kind": "expansion", "terms": ["logos"], "targets": ["Logo"]},
            ("targets.0", "thesaurus.targets.same_as_term"),
        ),
        (
            {"lang": "fr", "kind": "equivalence", "terms": ["appli", " - "]},
            ("terms.1", "thesaurus.phrase.empty"),
        ),
        (
            {"lang": "fr", "kind": "equivalence", "terms": ["appli", "x" * 61]},
            ("terms.1", "thesaurus.phrase.too_long"),
        ),
        (
            {"lang": "fr", "kind": "equivalence", "terms": ["appli", "a b c d e f"]},
            ("terms.1", "thesaurus.phrase.too_many_words"),
        ),
        (
            {"lang": "fr", "kind": "equivalence", "terms": ["appli", "app\x00li"]},
            ("terms.1", "thesaurus.phrase.characters"),
        ),
        (
            {"lang": "fr", "kind": "equivalence", "terms": ["Référencement", "referencement"]},
            ("terms.1", "thesaurus.phrase.duplicate"),
        ),
    ],
)
def test_bad_rules_name_the_field_and_the_rule(
    kwargs: dict[str, object], expected: tuple[str, str]
) -> None:
    assert expected in problems(**kwargs)


def test_every_problem_is_reported_at_once() -> None:
    found = problems(lang="xx", kind="equivalence", terms=["a"], targets=["b"])
    assert {f for f, _ in found} == {"lang", "terms", "targets"}


def test_a_rule_saying_the_same_as_an_active_one_is_refused_however_written() -> None:
    active = {7: Rule("fr", EQ, ("doublage", "voix off"))}
    with pytest.raises(Refused) as caught:
        check_conflicts(Rule("fr", EQ, ("Voix-Off", "doublages")), active)
    assert caught.value.rule == "thesaurus.rule.duplicate"
    assert "rule 7" in str(caught.value)


def test_a_term_belongs_to_one_equivalence_of_its_language() -> None:
    active = {3: Rule("fr", EQ, ("appli", "application"))}
    with pytest.raises(Refused) as caught:
        check_conflicts(Rule("fr", EQ, ("application", "app")), active)
    assert caught.value.rule == "thesaurus.term.in_equivalence"
    assert "equivalence 3" in str(caught.value)
    check_conflicts(Rule("en", EQ, ("application", "app")), active)  # another language
    check_conflicts(Rule("fr", EX, ("application",), ("logiciel",)), active)  # one way


def test_equivalences_work_both_ways_and_expansions_one_way() -> None:
    thesaurus = Thesaurus(
        [
            Rule("fr", EQ, ("doublage", "voix off")),
            Rule("fr", EX, ("infographiste",), ("logo", "illustration")),
        ]
    )
    assert thesaurus.variants("doublage") == (Variant("voix off", EQUIVALENT_WEIGHT),)
    assert thesaurus.variants("voix off") == (Variant("doublage", EQUIVALENT_WEIGHT),)
    assert thesaurus.variants("infographiste") == (
        Variant("logo", EXPANSION_WEIGHT),
        Variant("illustration", EXPANSION_WEIGHT),
    )
    assert thesaurus.variants("logo") == ()
    assert thesaurus.variants("") == ()


def test_phrases_match_whatever_the_case_accents_hyphens_and_plural() -> None:
    thesaurus = Thesaurus([Rule("fr", EQ, ("référencement", "seo"))])
    for typed in ("Référencement", "REFERENCEMENT", "référencements"):
        assert [v.text for v in thesaurus.variants(typed)] == ["seo"]
    voice = Thesaurus([Rule("fr", EQ, ("doublage", "voix off"))])
    assert [v.text for v in voice.variants("une Voix-Off pro")] == ["une doublage pro"]
    assert phrase_key("Réseaux sociaux") == ("reseau", "sociau") == phrase_key("réseau sociaux")


def test_the_longest_phrase_wins_and_the_rest_of_the_query_is_kept() -> None:
    thesaurus = Thesaurus(
        [
            Rule("en", EX, ("voice over",), ("voix off",)),
            Rule("en", EX, ("english",), ("anglais",)),
            Rule("en", EX, ("voice",), ("voix",)),
        ]
    )
    assert [v.text for v in thesaurus.variants("English voice over, please")] == [
        "anglais voix off, please",
        "English voix off, please",
        "anglais voice over, please",
    ]


def test_every_combination_comes_the_most_rewritten_first_within_the_limit() -> None:
    thesaurus = Thesaurus(
        [
            Rule("fr", EX, ("appli",), ("application",)),
            Rule("fr", EX, ("iphone",), ("ios",)),
            Rule("fr", EX, ("pas cher",), ("petit prix", "économique", "abordable")),
        ]
    )
    two = thesaurus.variants("appli iphone")
    assert [v.text for v in two] == ["application ios", "appli ios", "application iphone"]
    assert {v.weight for v in two} == {EXPANSION_WEIGHT}
    many = thesaurus.variants("appli iphone pas cher")
    assert len(many) == MAX_VARIANTS
    assert len({v.text for v in many}) == MAX_VARIANTS
    assert many[0].text == "application ios petit prix"


def test_the_shipped_defaults_are_valid_and_free_of_conflicts() -> None:
    rules = default_rules()
    assert {r.lang for r in rules} == {"fr", "en"}
    assert {r.kind for r in rules} == {EQ, EX}
    active: dict[int, Rule] = {}
    for i, rule in enumerate(rules):
        check_conflicts(rule, active)
        active[i] = rule
    thesaurus = Thesaurus(rules)
    assert "voix off" in [v.text for v in thesaurus.variants("doublage")]
    assert "seo" in [v.text for v in thesaurus.variants("référencement")]
    assert "application" in [v.text for v in thesaurus.variants("appli")]
    assert len(thesaurus.variants("infographiste")) >= 3


def test_phrasings_are_searched_beside_the_words_without_fuzziness() -> None:
    variants = (Variant("voix off", 1.0), Variant("comédien voix off", 0.8))
    assert matching(Words("doublage")) == text_query("doublage")
    words = Words("doublage", variants)
    built = matching(words)
    original, *phrasings = built["dis_max"]["queries"]
    assert original == text_query("doublage")
    assert phrasings == [
        {"bool": {"must": [text_query(v.text)], "boost": v.weight}} for v in variants
    ]
    assert "fuzziness" not in str(built)
    selection = Selection(q="doublage")
    page = PageFacets.of(selection, facets_for(selection, TAXONOMY))
    assert hits_body(selection, page, words)["query"]["bool"]["must"] == [built]
    # The total and the facets count what the hits match.
    counts = facets_body(selection, page, [], words)
    assert counts["query"]["bool"]["filter"][0] == built
