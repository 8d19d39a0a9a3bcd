"""Query understanding: which subcategory (or category) a query is about. Pure, no I/O.

Two kinds of evidence, weighed together:

- **the taxonomy's vocabulary**: the words of each subcategory's name, of its attribute
  values' labels and of its category's name, in French and English. A query word weighs by
  how few subcategories use it (an inverse document frequency over the taxonomy) and by
  where it is used (a subcategory's own name counts most); the query's thesaurus phrasings
  are read too ("doublage" is *voix off*). A subcategory explaining every word of the query
  scores above one explaining some. Ties go to the subcategory with more gigs.
- **what buyers did**: per query, the subcategories its buyers went to — the searches they
  narrowed to a subcategory (the query log) and, given them, where their clicks landed. It is
  an input (:class:`Behaviour`), so any source of such counts plugs in. With enough of it, it
  outweighs the vocabulary, which then acts as a prior.

The answer is a subcategory with a confidence (its share of the evidence); a category when
no subcategory stands out but one category holds most of it; nothing when nothing does.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from facets.model import LANGS, Category, Subcategory, Taxonomy
from marketplace_core.thesaurus.rules import EMPTY, Thesaurus, phrase_key

# Where a word is found in a subcategory's vocabulary, and what it is worth there.
NAME_WEIGHT = 1.0  # the subcategory's own name
VALUE_WEIGHT = 0.6  # one of its attributes' values ("Charte graphique", "Shopify")
CATEGORY_WEIGHT = 0.3  # its category's name
# Behaviour counts are worth this many buyers' worth of vocabulary evidence: below it the
# vocabulary leads, above it the buyers do.
PRIOR_STRENGTH = 5.0
MIN_CONFIDENCE = 0.4  # below it, nothing is said of a subcategory
MIN_CATEGORY_CONFIDENCE = 0.6  # of a category: several weak subcategories add up
MIN_LEAD = 1.5  # times the runner-up's share: two subcategories alike say nothing
# A word being typed is read as the start of longer ones from this many letters on.
MIN_PARTIAL = 3
# Words that say nothing about a service ("logo pour mon restaurant"), folded.
STOP_WORDS = frozenset(
    {
        "a", "au", "aux", "avec", "ce", "ces", "d", "de", "des", "du", "en", "et", "l", "la",
        "le", "les", "ma", "mes", "mon", "ou", "par", "pour", "sa", "ses", "son", "sur",
        "ta", "tes", "ton", "un", "une", "vo", "vos", "votre", "notre", "nos", "je", "j",
        "an", "and", "for", "in", "my", "of", "on", "or", "the", "to", "with", "your",
    }
)  # fmt: skip

Behaviour = Mapping[str, Mapping[str, float]]
"""Per query (its :func:`query_key`), per subcategory, how many buyers went there."""


def query_key(q: str) -> str:
    """The form queries are compared on: folded, plural marks dropped ("Logos" is "logo")."""
    return " ".join(phrase_key(q))


def content_words(q: str) -> tuple[str, ...]:
    """The words that name something, lightly stemmed alike on both sides."""
    return tuple(_stem(w) for w in phrase_key(q) if w not in STOP_WORDS and len(w) > 1)


def _stem(word: str) -> str:
    # A feminine ending and the doubled consonant before it: "assistante" meets
    # "assistant", "virtuelle" "virtuel", "québécoise" "québécois".
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
            word = word[:-1]
    return word


@dataclass(frozen=True)
class Understood:
    """What a query is about: a subcategory (with its category), or only a category."""

    category: str
    subcategory: str | None
    confidence: float  # 0–1: the share of the evidence that points there

    def place(self, taxonomy: Taxonomy) -> tuple[Category, Subcategory | None] | None:
        """The category and subcategory it names, or None once the taxonomy no longer has
        its category."""
        category = taxonomy.category(self.category)
        if category is None:
            return None
        return category, taxonomy.subcategory(self.subcategory) if self.subcategory else None


@dataclass(frozen=True)
class Vocabulary:
    """Each subcategory's words with the weight of where they are found, their rarity across
    subcategories, and the labels themselves (a query naming a whole label weighs more)."""

    weights: dict[str, dict[str, float]]  # word -> subcategory -> weight
    idf: dict[str, float]
    labels: dict[str, tuple[tuple[frozenset[str], float], ...]]  # subcategory -> labels
    category_of: dict[str, str]

    @classmethod
    def of(cls, taxonomy: Taxonomy) -> Vocabulary:
        weights: dict[str, dict[str, float]] = defaultdict(dict)
        labels: dict[str, list[tuple[frozenset[str], float]]] = defaultdict(list)

        def add(text: str, sub: str, weight: float) -> None:
            words = content_words(text)
            for word in words:
                weights[word][sub] = max(weights[word].get(sub, 0.0), weight)
            if words:
                labels[sub].append((frozenset(words), weight))

        category_of: dict[str, str] = {}
        for category in taxonomy.categories:
            for sub in category.subcategories:
                category_of[sub.slug] = category.slug
                for lang in LANGS:
                    add(sub.label.get(lang), sub.slug, NAME_WEIGHT)
                    add(category.label.get(lang), sub.slug, CATEGORY_WEIGHT)
                    for attribute in sub.attributes:
                        for choice in attribute.choices:
                            add(choice.label.get(lang), sub.slug, VALUE_WEIGHT)
        count = len(category_of)
        idf = {w: math.log(1 + count / len(subs)) for w, subs in weights.items()}
        return cls(
            dict(weights), idf, {s: tuple(found) for s, found in labels.items()}, category_of
        )

    @property
    def subcategories(self) -> tuple[str, ...]:
        return tuple(self.category_of)

    def scores(self, words: Sequence[str], *, partial_last: bool = False) -> dict[str, float]:
        """Per subcategory: the rarity-weighted words it explains, times the share of the
        query's words it explains, more when one of its labels holds them all.
        ``partial_last``: the last word is still being typed."""
        if not words:
            return {}
        found: dict[str, float] = defaultdict(float)
        explained: dict[str, set[str]] = defaultdict(set)
        for i, word in enumerate(words):
            candidates = [word] if word in self.weights else []
            if not candidates and partial_last and i == len(words) - 1 and len(word) >= MIN_PARTIAL:
                candidates = [w for w in self.weights if w.startswith(word)]
            best: dict[str, tuple[float, str]] = {}
            for candidate in candidates:
                for sub, weight in self.weights[candidate].items():
                    value = weight * self.idf[candidate]
                    if value > best.get(sub, (0.0, ""))[0]:
                        best[sub] = (value, candidate)
            for sub, (value, candidate) in best.items():
                found[sub] += value
                explained[sub].add(candidate)
        scores = {}
        for sub, value in found.items():
            held = explained[sub]
            # One label holding every word the query shares with the subcategory, and
            # those are all of the query's: its name or a value, as a phrase.
            whole = max(
                (w for label, w in self.labels.get(sub, ()) if held <= label),
                default=0.0,
            )
            bonus = 1 + whole if len(held) == len(words) and len(words) > 1 else 1.0
            scores[sub] = value * bonus * len(held) / len(words)
        return scores


@dataclass(frozen=True)
class QueryUnderstanding:
    """The predictor: the taxonomy's vocabulary, the gigs per subcategory (for ties and as a
    mild prior) and what buyers did (:data:`Behaviour`)."""

    vocabulary: Vocabulary
    gigs: Mapping[str, int] = field(default_factory=dict)
    behaviour: Behaviour = field(default_factory=dict)

    def distribution(
        self, q: str, thesaurus: Thesaurus = EMPTY, *, partial_last: bool = False
    ) -> dict[str, float]:
        """Each subcategory's share of the evidence (summing to 1), or nothing."""
        phrasings: list[tuple[str, float]] = [(q, 1.0)]
        phrasings += [(v.text, v.weight) for v in thesaurus.variants(q)]
        vocab: dict[str, float] = {}
        for text, weight in phrasings:
            for sub, score in self.vocabulary.scores(
                content_words(text), partial_last=partial_last
            ).items():
                vocab[sub] = max(vocab.get(sub, 0.0), score * weight)
        total_gigs = sum(self.gigs.values())
        if vocab and total_gigs:
            # Among equally explained subcategories, the one with more gigs: a mild prior.
            mean = total_gigs / len(self.vocabulary.category_of)
            vocab = {
                s: v * (1 + 0.1 * math.tanh(math.log((self.gigs.get(s, 0) + 1) / mean)))
                for s, v in vocab.items()
            }
        shares = _normalised(vocab)
        seen = self.seen(q, partial_last=partial_last)
        counted = sum(seen.values())
        if not counted:
            return shares
        return {
            sub: (seen.get(sub, 0.0) + PRIOR_STRENGTH * shares.get(sub, 0.0))
            / (counted + (PRIOR_STRENGTH if shares else 0.0))
            for sub in {*shares, *seen}
            if sub in self.vocabulary.category_of
        }

    def seen(self, q: str, *, partial_last: bool = False) -> Mapping[str, float]:
        """Where the buyers of the query went; with ``partial_last``, the buyers of every
        query that starts as it does ("tatou" is what "tatouage" buyers did), once it is long
        enough to say something."""
        key = query_key(q)
        if not partial_last or len(key) < MIN_PARTIAL:
            return self.behaviour.get(key, {})
        keys = self._sorted_queries
        summed: dict[str, float] = defaultdict(float)
        for i in range(bisect_left(keys, key), len(keys)):
            if not keys[i].startswith(key):
                break
            for sub, count in self.behaviour[keys[i]].items():
                summed[sub] += count
        return summed

    @cached_property
    def _sorted_queries(self) -> tuple[str, ...]:
        return tuple(sorted(self.behaviour))

    def understand(
        self, q: str, thesaurus: Thesaurus = EMPTY, *, partial_last: bool = False
    ) -> Understood | None:
        shares = self.distribution(q, thesaurus, partial_last=partial_last)
        if not shares:
            return None
        best = _leader(shares)
        if best is not None:
            return Understood(self.vocabulary.category_of[best], best, round(shares[best], 3))
        by_category: dict[str, float] = defaultdict(float)
        for sub, share in shares.items():
            by_category[self.vocabulary.category_of[sub]] += share
        top = _leader(by_category, MIN_CATEGORY_CONFIDENCE)
        if top is not None:
            return Understood(top, None, round(by_category[top], 3))
        return None


def _leader(shares: Mapping[str, float], minimum: float = MIN_CONFIDENCE) -> str | None:
    """The one with the most evidence, if it has enough and clearly more than the next."""
    ranked = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    best, share = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    return best if share >= minimum and share >= MIN_LEAD * runner_up else None


def _normalised(scores: Mapping[str, float]) -> dict[str, float]:
    total = sum(scores.values())
    return {k: v / total for k, v in scores.items() if v > 0} if total else {}


def merge_behaviour(*sources: Iterable[tuple[str, str, float]]) -> dict[str, dict[str, float]]:
    """(query, subcategory, count) triples from any number of sources, summed per query key."""
    merged: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for source in sources:
        for query, sub, count in source:
            merged[query_key(query)][sub] += count
    return {q: dict(subs) for q, subs in merged.items()}
