"""The judged query set: what buyers type, and which gigs answer what they mean.

Judgments are rules over a gig's stable properties (subcategory, category, attribute values
of the taxonomy, and where it matters words its title carries), never gig ids, so they hold
whatever the demo generator writes. Grade 2: what the buyer wants; 1: related; else 0.

The set lives in ``queries/``: ``intents.yaml`` (judgments several queries share),
``tuning.yaml`` and ``held_out.yaml``. A query's half follows from its clean form's hash
(:func:`half_of`), so a typo'd query sits with its clean form and an added query has one
place. Nobody tunes on the held-out half.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from facets.model import Attribute, Taxonomy
from marketplace_core.thesaurus.rules import clean_phrase, phrase_key

Half = Literal["tuning", "held_out"]
HALVES: tuple[Half, ...] = ("tuning", "held_out")
QUERIES = Path(__file__).with_name("queries")
TRAITS = frozenset(
    {
        "as_typed",  # French, as a buyer types it
        "unaccented",
        "plural",
        "typo",
        "synonym",  # another word for what gigs say
        "jargon",  # a trade's word, a profession, an abbreviation
        "english",
        "multi_word",  # a need in several words
    }
)
CLAUSE_KEYS = frozenset({"subcategory", "category", "attributes", "title"})


class JudgmentError(ValueError):
    pass


@dataclass(frozen=True)
class Clause:
    """Gigs with all of these (each listed value is one allowed choice)."""

    subcategories: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    attributes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    titles: tuple[str, ...] = ()  # the title carries every word of one of these phrases


@dataclass(frozen=True)
class Judgment:
    wants: tuple[Clause, ...]  # grade 2
    related: tuple[Clause, ...] = ()  # grade 1


@dataclass(frozen=True)
class JudgedQuery:
    q: str
    half: Half
    traits: frozenset[str]
    judgment: Judgment
    typo_of: str | None = None  # the clean form of a typo'd query, judged in the same half

    @property
    def clean(self) -> str:
        return self.typo_of or self.q


@dataclass(frozen=True)
class QuerySet:
    queries: tuple[JudgedQuery, ...]
    intents: Mapping[str, Judgment] = field(default_factory=dict)

    def half(self, half: Half) -> tuple[JudgedQuery, ...]:
        return tuple(q for q in self.queries if q.half == half)


def half_of(clean: str) -> Half:
    digest = hashlib.sha256(" ".join(phrase_key(clean)).encode()).digest()
    return "held_out" if digest[0] % 2 else "tuning"


def load(taxonomy: Taxonomy, directory: Path = QUERIES) -> QuerySet:
    intents = {
        name: _judgment(raw, taxonomy, f"intent {name!r}")
        for name, raw in _yaml(directory / "intents.yaml").items()
    }
    queries: list[JudgedQuery] = []
    seen: dict[str, str] = {}
    for half in HALVES:
        entries = _yaml(directory / f"{half}.yaml")
        if not isinstance(entries, list):
            raise JudgmentError(f"{half}.yaml must be a list of queries")
        by_q = {clean_phrase(str(e.get("q", ""))): e for e in entries}
        for entry in entries:
            query = _query(entry, half, by_q, intents, taxonomy)
            key = clean_phrase(query.q)
            if key in seen:
                raise JudgmentError(f"{query.q!r} is judged twice ({seen[key]} and {half})")
            seen[key] = half
            queries.append(query)
    return QuerySet(tuple(queries), intents)


def _yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def _query(
    entry: dict[str, Any],
    half: Half,
    by_q: Mapping[str, dict[str, Any]],
    intents: Mapping[str, Judgment],
    taxonomy: Taxonomy,
) -> JudgedQuery:
    q = str(entry.get("q") or "")
    where = f"{half}.yaml {q!r}"
    unknown = set(entry) - {"q", "traits", "intent", "typo_of", "wants", "related"}
    if not q or unknown:
        raise JudgmentError(f"{where}: needs q; unknown keys {sorted(unknown)}")
    traits = frozenset(entry.get("traits", ()))
    typo_of = entry.get("typo_of")
    sources = [k for k in ("intent", "typo_of", "wants") if k in entry]
    if len(sources) != 1:
        raise JudgmentError(f"{where}: judge it with exactly one of intent, typo_of, wants")
    if typo_of is not None:
        clean = by_q.get(clean_phrase(typo_of))
        if clean is None or "typo_of" in clean:
            raise JudgmentError(f"{where}: its clean form {typo_of!r} must be judged in {half}")
        judgment = _query(clean, half, by_q, intents, taxonomy).judgment
        traits |= {"typo"}
    elif "intent" in entry:
        if entry["intent"] not in intents:
            raise JudgmentError(f"{where}: unknown intent {entry['intent']!r}")
        judgment = intents[entry["intent"]]
    else:
        judgment = _judgment(entry, taxonomy, where)
    if not traits or traits - TRAITS:
        raise JudgmentError(f"{where}: traits must be some of {sorted(TRAITS)}")
    if half_of(typo_of or q) != half:
        raise JudgmentError(f"{where}: belongs to {half_of(typo_of or q)}.yaml")
    return JudgedQuery(q, half, traits, judgment, typo_of)


def _judgment(raw: dict[str, Any], taxonomy: Taxonomy, where: str) -> Judgment:
    wants = tuple(_clause(c, taxonomy, where) for c in raw.get("wants", ()))
    related = tuple(_clause(c, taxonomy, where) for c in raw.get("related", ()))
    if not wants:
        raise JudgmentError(f"{where}: say which gigs it wants")
    return Judgment(wants, related)


def _many(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def _clause(raw: dict[str, Any], taxonomy: Taxonomy, where: str) -> Clause:
    if not raw or set(raw) - CLAUSE_KEYS:
        raise JudgmentError(f"{where}: a clause holds some of {sorted(CLAUSE_KEYS)}: {raw}")
    subs = _many(raw.get("subcategory"))
    cats = _many(raw.get("category"))
    for slug in subs:
        if taxonomy.subcategory(slug) is None:
            raise JudgmentError(f"{where}: unknown subcategory {slug!r}")
    for slug in cats:
        if taxonomy.category(slug) is None:
            raise JudgmentError(f"{where}: unknown category {slug!r}")
    scope = [s for s in taxonomy.subcategories if (not subs or s.slug in subs)]
    scope = [s for s in scope if not cats or s.category_slug in cats]
    attributes = []
    for slug, values in (raw.get("attributes") or {}).items():
        found: list[Attribute] = [a for s in scope for a in s.attributes if a.slug == slug]
        if not found or (subs and len(found) < len(subs)):
            raise JudgmentError(f"{where}: attribute {slug!r} is not in every subcategory")
        allowed = {c for a in found for c in a.allowed}
        wanted = _many(values)
        if not wanted or set(wanted) - allowed:
            raise JudgmentError(f"{where}: {slug} must be some of {sorted(allowed)}")
        attributes.append((slug, wanted))
    return Clause(subs, cats, tuple(attributes), _many(raw.get("title")))


# -- as OpenSearch filters ----------------------------------------------------------------------


def clause_filter(clause: Clause) -> dict[str, Any]:
    filters: list[dict[str, Any]] = []
    if clause.subcategories:
        filters.append({"terms": {"subcategory": list(clause.subcategories)}})
    if clause.categories:
        filters.append({"terms": {"category": list(clause.categories)}})
    for slug, values in clause.attributes:
        filters.append({"terms": {f"attributes.{slug}": list(values)}})
    if clause.titles:
        filters.append(
            {
                "bool": {
                    "should": [
                        {"match": {"title": {"query": t, "operator": "and"}}} for t in clause.titles
                    ],
                    "minimum_should_match": 1,
                }
            }
        )
    return {"bool": {"filter": filters}}


def any_of(clauses: Sequence[Clause]) -> dict[str, Any]:
    if not clauses:
        return {"bool": {"must_not": [{"match_all": {}}]}}
    return {"bool": {"should": [clause_filter(c) for c in clauses], "minimum_should_match": 1}}
