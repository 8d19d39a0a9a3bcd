"""Thesaurus rules over plain values. No I/O.

Two kinds of rule, each filed under the language of its words (fr, en):

- an **equivalence** says its terms mean the same ("doublage" = "voix off"): a query holding
  any of them is also searched with each of the others;
- an **expansion** is one way ("infographiste" → "logo", "illustration", …): a query holding
  one of its terms is also searched with each of its targets, a little below the buyer's own
  words; a query holding a target is left alone.

Phrases are compared on a key: folded (lower case, no accents), split into words, a final
plural mark dropped. Rules of both languages apply to every query: buyers type English on
the French site.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import product
from typing import cast

from facets import thesaurus as defaults
from facets.model import LANGS, Lang
from marketplace_core.errors import FieldProblem, InvalidInput, Refused

MAX_PHRASE_CHARS = 60
MAX_PHRASE_WORDS = 5
MAX_TERMS = 20
MAX_TARGETS = 20
# A query becomes at most this many more searches, sent together as one dis_max.
MAX_VARIANTS = 8
# Phrases of a query that are rewritten, and alternatives tried for each: bounds the
# combinations a long query could make.
MAX_SLOTS = 3
EQUIVALENT_WEIGHT = 1.0
# A target of an expansion is broader than what the buyer typed.
EXPANSION_WEIGHT = 0.8

_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


class RuleKind(StrEnum):
    EQUIVALENCE = "equivalence"
    EXPANSION = "expansion"


@dataclass(frozen=True)
class Rule:
    lang: Lang
    kind: RuleKind
    terms: tuple[str, ...]
    targets: tuple[str, ...] = ()  # an expansion's; an equivalence has none

    @property
    def signature(self) -> str:
        """The same for two rules that say the same thing, however they are written."""
        terms = sorted(" ".join(phrase_key(t)) for t in self.terms)
        targets = sorted(" ".join(phrase_key(t)) for t in self.targets)
        canonical = "\x1f".join([self.lang, self.kind.value, *terms, "\x1e", *targets])
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Variant:
    """Another phrasing of the buyer's query, searched beside it with this weight."""

    text: str
    weight: float


def fold(text: str) -> str:
    """Lower case without accents or ligatures."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _singular(word: str) -> str:
    # Enough to make "applis" meet "appli" and "réseaux" meet "réseau"; both sides of a
    # comparison go through it, so an odd stem ("busines") does no harm.
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    if len(word) > 4 and word.endswith(("aux", "eux", "oux")):
        return word[:-1]
    return word


def phrase_key(text: str) -> tuple[str, ...]:
    return tuple(_singular(w) for w in _WORD.findall(fold(text)))


def clean_phrase(text: str) -> str:
    """As stored and searched: trimmed, spaces collapsed, lower case (accents kept)."""
    return _SPACES.sub(" ", text.replace("\u2019", "'")).strip().lower()


# -- validation -------------------------------------------------------------------------------


def validate_rule(lang: str, kind: str, terms: Sequence[str], targets: Sequence[str] = ()) -> Rule:
    """A rule as stored, or :class:`InvalidInput` naming each field and its rule."""
    problems: list[FieldProblem] = []
    if lang not in LANGS:
        problems.append(FieldProblem("lang", "thesaurus.lang", "lang must be fr or en"))
    if kind not in {k.value for k in RuleKind}:
        problems.append(
            FieldProblem("kind", "thesaurus.kind", "kind must be equivalence or expansion")
        )
    cleaned_terms = _phrases("terms", terms, problems)
    cleaned_targets = _phrases("targets", targets, problems)
    if kind == RuleKind.EQUIVALENCE:
        if not 2 <= len(terms) <= MAX_TERMS:
            problems.append(
                FieldProblem(
                    "terms",
                    "thesaurus.terms.count",
                    f"an equivalence needs 2 to {MAX_TERMS} terms that mean the same",
                )
            )
        if targets:
            problems.append(
                FieldProblem(
                    "targets",
                    "thesaurus.targets.not_allowed",
                    "an equivalence has no targets: list every phrasing in terms",
                )
            )
    elif kind == RuleKind.EXPANSION:
        if not 1 <= len(terms) <= MAX_TERMS:
            problems.append(
                FieldProblem(
                    "terms",
                    "thesaurus.terms.count",
                    f"an expansion needs 1 to {MAX_TERMS} terms that it expands",
                )
            )
        if not 1 <= len(targets) <= MAX_TARGETS:
            problems.append(
                FieldProblem(
                    "targets",
                    "thesaurus.targets.count",
                    f"an expansion needs 1 to {MAX_TARGETS} targets the terms expand to",
                )
            )
        term_keys = {phrase_key(t) for t in cleaned_terms}
        for i, target in enumerate(cleaned_targets):
            if phrase_key(target) in term_keys:
                problems.append(
                    FieldProblem(
                        f"targets.{i}",
                        "thesaurus.targets.same_as_term",
                        f"target {target!r} is one of the terms",
                    )
                )
    if problems:
        raise InvalidInput(problems)
    return Rule(cast(Lang, lang), RuleKind(kind), tuple(cleaned_terms), tuple(cleaned_targets))


def default_rules() -> list[Rule]:
    """The curated thesaurus shipped with the taxonomy (:mod:`facets.thesaurus`)."""
    rules = []
    for lang in LANGS:
        for terms in defaults.EQUIVALENCES[lang]:
            rules.append(validate_rule(lang, RuleKind.EQUIVALENCE, terms))
        for terms, targets in defaults.EXPANSIONS[lang]:
            rules.append(validate_rule(lang, RuleKind.EXPANSION, terms, targets))
    return rules


def _phrases(field: str, phrases: Sequence[str], problems: list[FieldProblem]) -> list[str]:
    cleaned: list[str] = []
    seen: dict[tuple[str, ...], int] = {}
    for i, raw in enumerate(phrases):
        name = f"{field}.{i}"
        phrase = clean_phrase(raw)
        key = phrase_key(phrase)
        if _CONTROL.search(raw):
            problems.append(
                FieldProblem(
                    name, "thesaurus.phrase.characters", f"{name} holds control characters"
                )
            )
        elif not key:
            problems.append(
                FieldProblem(name, "thesaurus.phrase.empty", f"{name} must hold at least one word")
            )
        elif len(phrase) > MAX_PHRASE_CHARS:
            problems.append(
                FieldProblem(
                    name,
                    "thesaurus.phrase.too_long",
                    f"{name} must be at most {MAX_PHRASE_CHARS} characters",
                )
            )
        elif len(key) > MAX_PHRASE_WORDS:
            problems.append(
                FieldProblem(
                    name,
                    "thesaurus.phrase.too_many_words",
                    f"{name} must be at most {MAX_PHRASE_WORDS} words",
                )
            )
        elif key in seen:
            problems.append(
                FieldProblem(
                    name,
                    "thesaurus.phrase.duplicate",
                    f"{name} {phrase!r} says the same as {field}.{seen[key]}",
                )
            )
        else:
            seen[key] = i
        cleaned.append(phrase)
    return cleaned


def check_conflicts(rule: Rule, active: Mapping[int, Rule]) -> None:
    """Refuse a rule that repeats an active one, or a term already in another equivalence
    of its language (one term, one group: the groups would otherwise merge silently)."""
    for rule_id, other in active.items():
        if other.signature == rule.signature:
            raise Refused(
                "thesaurus.rule.duplicate", f"the same rule is already active: rule {rule_id}"
            )
    if rule.kind != RuleKind.EQUIVALENCE:
        return
    keys = {phrase_key(t): t for t in rule.terms}
    for rule_id, other in active.items():
        if other.kind != RuleKind.EQUIVALENCE or other.lang != rule.lang:
            continue
        for term in other.terms:
            if phrase_key(term) in keys:
                raise Refused(
                    "thesaurus.term.in_equivalence",
                    f"{keys[phrase_key(term)]!r} is already in equivalence {rule_id} "
                    f"({' = '.join(other.terms)}): remove that rule and add the whole group",
                )


# -- expansion of a query ---------------------------------------------------------------------


class Thesaurus:
    """Rules compiled for matching: the key of each phrase → its alternatives."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        table: dict[tuple[str, ...], dict[tuple[str, ...], Variant]] = {}
        spellings: dict[str, str] = {}

        def add(term: str, alternative: str, weight: float) -> None:
            key, alt_key = phrase_key(term), phrase_key(alternative)
            for word, written in zip(key, _WORD.findall(term.lower()), strict=True):
                spellings.setdefault(word, written)
            if key == alt_key:
                return
            alternatives = table.setdefault(key, {})
            known = alternatives.get(alt_key)
            if known is None or known.weight < weight:
                alternatives[alt_key] = Variant(alternative, weight)

        for rule in rules:
            if rule.kind == RuleKind.EQUIVALENCE:
                for term in rule.terms:
                    for other in rule.terms:
                        add(term, other, EQUIVALENT_WEIGHT)
            else:
                for term in rule.terms:
                    for target in rule.targets:
                        add(term, target, EXPANSION_WEIGHT)
        self._table = {key: tuple(alts.values()) for key, alts in table.items()}
        self._longest = max((len(k) for k in self._table), default=0)
        self._spellings = spellings

    def __len__(self) -> int:
        return len(self._table)

    @property
    def spellings(self) -> Mapping[str, str]:
        """Every word of the phrases it rewrites, as compared (folded, singular), with how
        it is written: a query word close to one of them may be a misspelling of it."""
        return self._spellings

    def variants(self, q: str, limit: int = MAX_VARIANTS) -> tuple[Variant, ...]:
        """Other phrasings of ``q``: each matched phrase replaced by an alternative, every
        combination, the most faithful first, at most ``limit``. Phrases match longest
        first, left to right, without overlapping."""
        if not self._table or not q:
            return ()
        words = [(m.start(), m.end(), _singular(fold(m.group()))) for m in _WORD.finditer(q)]
        slots: list[tuple[int, int, tuple[Variant, ...]]] = []
        i = 0
        while i < len(words):
            for n in range(min(self._longest, len(words) - i), 0, -1):
                alternatives = self._table.get(tuple(w[2] for w in words[i : i + n]))
                if alternatives:
                    slots.append((words[i][0], words[i + n - 1][1], alternatives[:limit]))
                    i += n
                    break
            else:
                i += 1
        if not slots:
            return ()
        slots = slots[:MAX_SLOTS]
        ranked: list[tuple[float, int, int, str]] = []
        options = [(None, *alternatives) for _, _, alternatives in slots]
        for order, choice in enumerate(product(*options)):
            if all(c is None for c in choice):
                continue
            text, weight, replaced = q, 1.0, 0
            for (start, end, _), alt in sorted(
                zip(slots, choice, strict=True), key=lambda pair: -pair[0][0]
            ):
                if alt is not None:
                    text = text[:start] + alt.text + text[end:]
                    weight = min(weight, alt.weight)  # two faithful rewrites stay faithful
                    replaced += 1
            ranked.append((-weight, -replaced, order, text))
        ranked.sort()
        seen = {phrase_key(q)}
        found: list[Variant] = []
        for negative_weight, _, _, text in ranked:
            key = phrase_key(text)
            if key in seen:
                continue
            seen.add(key)
            found.append(Variant(text, -negative_weight))
            if len(found) == limit:
                break
        return tuple(found)


EMPTY = Thesaurus()
