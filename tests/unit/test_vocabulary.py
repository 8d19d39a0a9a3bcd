"""The autocomplete vocabulary: folding, title phrases, merging of near-duplicates."""

from __future__ import annotations

from facets.taxonomy import TAXONOMY
from indexer.vocabulary import (
    Candidate,
    Source,
    Term,
    candidates,
    fold,
    merge_terms,
    normalize_text,
    tag_counts,
    title_phrases,
    title_phrases_of,
)


def tag(text: str, gigs: int = 1) -> Candidate:
    return Candidate(text, Source.TAG, frequency=gigs)


def logged(text: str, searches: int) -> Candidate:
    return Candidate(text, Source.QUERY_LOG, searches=searches, frequency=0)


def by_key(terms: list[Term]) -> dict[str, Term]:
    return {t.key: t for t in terms}


# -- Folding ----------------------------------------------------------------------------------


def test_fold_removes_case_accents_ligatures_and_punctuation() -> None:
    assert fold("Délai") == fold("delai") == "delai"
    assert fold("Développement  WordPress") == "developpement wordpress"
    assert fold("Œuvre d'art") == "oeuvre d art"
    assert fold("E-mailing !") == "e mailing"


def test_normalize_text_keeps_the_written_form() -> None:
    assert normalize_text("  Logo   Minimaliste\t") == "logo minimaliste"
    assert normalize_text("Création d\u2019un logo") == "création d'un logo"
    assert normalize_text("   ") == ""


# -- Title phrases ----------------------------------------------------------------------------


def test_title_phrases_drop_the_opener_and_break_at_stop_words() -> None:
    phrases = title_phrases_of("Je vais créer un logo minimaliste et moderne pour votre entreprise")
    assert phrases == {"logo minimaliste"}


def test_title_phrases_keep_linking_words_inside_a_phrase() -> None:
    assert title_phrases_of("Je vais développer votre site vitrine sur mesure en Laravel") == {
        "site vitrine",
        "site vitrine sur mesure",
    }
    assert title_phrases_of("Je vais concevoir un modèle d'e-mail responsive") == {
        "modèle d'e-mail",
        "modèle d'e-mail responsive",
    }


def test_title_phrases_stop_at_punctuation_and_numbers() -> None:
    assert title_phrases_of("Je vais enregistrer votre voix off en espagnol, accent québécois") == {
        "voix off",
        "voix off en espagnol",
        "accent québécois",
    }
    assert title_phrases_of("Je vais réaliser une vidéo animée de 1 à 2 minutes") == {
        "vidéo animée"
    }


def test_title_phrases_start_a_noun_group_not_its_middle() -> None:
    phrases = title_phrases_of("Je vais créer votre boutique en ligne Shopify clé en main")
    assert "boutique en ligne shopify" in phrases
    assert "ligne shopify" not in phrases


def test_title_phrases_are_counted_once_per_title_and_kept_when_frequent() -> None:
    titles = [
        "Je vais créer un logo minimaliste, un logo minimaliste",
        "Je vais dessiner un logo minimaliste pour vous",
        "Je vais réaliser une traduction juridique",
    ]
    assert title_phrases(titles, min_titles=2) == {"logo minimaliste": 2}
    assert title_phrases(titles, min_titles=1)["traduction juridique"] == 1


def test_tags_are_normalised_and_counted_once_per_gig() -> None:
    counts = tag_counts([["Logo", "logo ", "logo vintage"], ["LOGO"], ["rare"]], min_gigs=2)
    assert counts == {"logo": 2}


def test_spellings_of_one_term_reach_the_minimum_together() -> None:
    counts = tag_counts(
        [["logo minimaliste"], ["Logos minimalistes"], ["logo vintage"]], min_gigs=2
    )
    assert counts == {"logo minimaliste": 1, "logos minimalistes": 1}
    titles = ["Je vais créer un logo minimaliste", "Je vais créer des logos minimalistes"]
    assert title_phrases(titles, min_titles=2) == {"logo minimaliste": 1, "logos minimalistes": 1}


# -- Merging ----------------------------------------------------------------------------------


def test_near_duplicates_become_one_entry_with_summed_popularity() -> None:
    terms = merge_terms(
        [
            tag("logo minimaliste", 50),
            tag("logos minimalistes", 2),
            logged("logo minimalist", 3),
            logged("logo minimaliste", 4),
            tag("logo vintage", 9),
        ]
    )
    assert [t.text for t in terms] == ["logo minimaliste", "logo vintage"]
    merged = terms[0]
    assert merged.searches == 7
    assert merged.frequency == 52
    assert merged.sources == {Source.TAG, Source.QUERY_LOG}


def test_linking_words_and_articles_do_not_make_another_term() -> None:
    terms = merge_terms(
        [
            tag("voix off en français", 4),
            tag("voix off français", 9),
            tag("création d'un logo", 2),
            tag("création de logo", 3),
            tag("création logo", 1),
        ]
    )
    assert sorted((t.text, t.frequency) for t in terms) == [
        ("création de logo", 6),
        ("voix off français", 13),
    ]


def test_the_most_searched_form_is_kept() -> None:
    terms = merge_terms([tag("logo minimaliste", 50), logged("logo minimalist", 3)])
    assert [t.text for t in terms] == ["logo minimalist"]


def test_a_spelling_without_accents_shows_with_them() -> None:
    terms = merge_terms([logged("developpement web", 12), tag("développement web", 1)])
    assert [(t.text, t.searches) for t in terms] == [("développement web", 12)]


def test_different_services_close_in_letters_stay_apart() -> None:
    terms = merge_terms(
        [
            tag("animation 2d"),
            tag("animation 3d"),
            tag("voix off homme"),
            tag("voix off femme"),
            tag("logo"),
            tag("logo 3d"),
            tag("traduction anglais francais"),
            tag("traduction anglais francais pro"),
            tag("développeur web"),
            tag("développement web"),
        ]
    )
    assert len(terms) == 10


def test_unusable_terms_are_left_out() -> None:
    terms = merge_terms(
        [tag("x"), tag("  "), tag("!!"), tag("a" * 61), tag("un deux trois quatre cinq six sept")]
    )
    assert terms == []


def test_every_subcategory_name_is_a_candidate_in_its_language() -> None:
    found = candidates(TAXONOMY, searches={}, tags={}, phrases={})
    labels = {(c.text, c.lang, c.subcategory) for c in found}
    assert ("Conception de logo", "fr", "conception-logo") in labels
    assert ("Logo design", "en", "conception-logo") in labels
    assert len(found) == 2 * len(TAXONOMY.subcategories)


def test_merged_labels_keep_their_subcategory_and_languages() -> None:
    terms = by_key(
        merge_terms(
            candidates(
                TAXONOMY,
                searches={"conception de logo": 5},
                tags={"illustration": 3},
                phrases={"logo minimaliste": 4},
            )
        )
    )
    assert terms["conception de logo"].subcategories == {"conception-logo"}
    assert terms["conception de logo"].searches == 5
    assert terms["conception de logo"].langs == {"fr", "en"}  # the logged search suits both
    assert terms["logo design"].langs == {"en"}
    # "Illustration" is the same in both languages, and a tag besides.
    assert terms["illustration"].langs == {"fr", "en"}
    assert terms["illustration"].sources == {Source.LABEL, Source.TAG}
    assert terms["logo minimaliste"].subcategories == frozenset()
