"""Query understanding from the taxonomy's vocabulary and from what buyers did."""

from __future__ import annotations

from facets.labels import gig_labels
from facets.taxonomy import TAXONOMY
from indexer.understanding import QueryUnderstanding, Vocabulary, merge_behaviour, query_key
from marketplace_core.thesaurus.rules import Thesaurus, default_rules

VOCABULARY = Vocabulary.of(TAXONOMY)
THESAURUS = Thesaurus(default_rules())


def about(q: str, understanding: QueryUnderstanding | None = None) -> str | None:
    found = (understanding or QueryUnderstanding(VOCABULARY)).understand(q, THESAURUS)
    return found.subcategory if found else None


def test_the_taxonomy_names_say_what_a_query_is_about_in_french_and_english() -> None:
    assert about("conception de logo") == "conception-logo"
    assert about("logo design") == "conception-logo"
    assert about("montage vidéo") == "montage-video"
    assert about("video editing") == "montage-video"
    # An attribute's value names it too, plural or feminine alike.
    assert about("charte graphique") == "identite-visuelle"
    assert about("cartes de visite") == "identite-visuelle"
    assert about("assistante virtuelle") == "assistant-virtuel"


def test_the_thesaurus_phrasings_count() -> None:
    assert about("doublage") == "voix-off"
    assert about("voice over") == "voix-off"


def test_nothing_is_said_when_the_evidence_is_split_or_absent() -> None:
    # Shopify is a platform of online stores, of SEO and of data entry alike.
    assert about("shopify") is None
    assert QueryUnderstanding(VOCABULARY).understand("zzz qqq") is None
    assert QueryUnderstanding(VOCABULARY).understand("") is None


def test_a_category_when_only_the_category_stands_out() -> None:
    found = QueryUnderstanding(VOCABULARY).understand("programmation et tech")
    assert found is not None
    assert found.category == "programmation-tech"
    assert found.subcategory is None


def test_what_buyers_did_outweighs_the_vocabulary_once_there_is_enough_of_it() -> None:
    few = merge_behaviour([("shopify", "boutique-en-ligne", 2)])
    assert about("shopify", QueryUnderstanding(VOCABULARY, behaviour=few)) == "boutique-en-ligne"
    # Against clear vocabulary, a few buyers are not enough; many are.
    some = merge_behaviour([("Chartes graphiques", "conception-logo", 2)])
    understanding = QueryUnderstanding(VOCABULARY, behaviour=some)
    assert about("charte graphique", understanding) == "identite-visuelle"
    many = merge_behaviour(
        [("chartes graphiques", "conception-logo", 40), ("charte graphique", "conception-logo", 9)]
    )
    understood = QueryUnderstanding(VOCABULARY, behaviour=many).understand("charte graphique")
    assert understood is not None
    assert understood.subcategory == "conception-logo"
    assert understood.confidence > 0.8
    assert query_key("Chartes graphiques") == query_key("charte graphique")


def test_the_gigs_per_subcategory_settle_a_tie_of_names() -> None:
    logo = QueryUnderstanding(VOCABULARY, gigs={"conception-logo": 900, "animation-logo": 100})
    distribution = logo.distribution("logo")
    assert distribution["conception-logo"] > distribution["animation-logo"]


def test_the_last_word_may_be_the_start_of_one_as_the_buyer_types() -> None:
    understanding = QueryUnderstanding(VOCABULARY)
    assert understanding.understand("traduc") is None
    typed = understanding.understand("traduc", partial_last=True)
    assert typed is not None
    assert typed.subcategory == "traduction"


def test_as_the_buyer_types_the_buyers_of_the_queries_starting_alike_count() -> None:
    behaviour = merge_behaviour(
        [("Tatouages", "illustration", 6), ("tatouage animé", "animation-logo", 1)]
    )
    understanding = QueryUnderstanding(VOCABULARY, behaviour=behaviour)
    typed = understanding.understand("tatou", partial_last=True)
    assert typed is not None
    assert typed.subcategory == "illustration"
    assert typed.confidence == round(6 / 7, 3)
    # Finished words are the query's own buyers only; two letters say nothing yet.
    assert understanding.understand("tatou") is None
    assert understanding.understand("ta", partial_last=True) is None
    assert understanding.seen("tatouage a", partial_last=True) == {"animation-logo": 1}


def test_a_gig_carries_its_labels_in_both_languages() -> None:
    labels = gig_labels(
        TAXONOMY,
        "identite-visuelle",
        {"livrables": ["charte-graphique", "cartes-de-visite"], "unknown": ["x"]},
    )
    assert labels.names["fr"] == ["Identité visuelle", "Graphisme et design"]
    assert labels.names["en"] == ["Brand identity", "Graphics & Design"]
    assert labels.values["fr"] == ["Charte graphique", "Cartes de visite"]
    assert labels.values["en"] == ["Brand style guide", "Business cards"]
    assert gig_labels(TAXONOMY, "gone", {}).names == {"fr": [], "en": []}
