"""Corrections of misspelt words. Pure: builds what the facets request asks, reads its
answer.

A word is misspelt when the index holds it nowhere (the ``spelling`` field: every searched
word of every gig, folded) and a word within the edit budget is held there, or is a word of
the thesaurus ("adwrods" is "adwords", which no gig writes but the thesaurus rewrites).
A word the index holds is never corrected, whatever it resembles: "répondeur" is not a
misspelling of "répondre". Asked in the first request of every search, the check costs a
lookup per word; the suggestions themselves are computed only for the words that are
missing, and the existence of a word that resembles a thesaurus word is counted only when
the query has one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import OSA

from marketplace_core.thesaurus.rules import EMPTY, Thesaurus, fold, phrase_key

Clause = dict[str, Any]
SUGGESTER = "spelling"
KNOWN = "known_words"  # the aggregation counting gigs holding words close to the thesaurus'
_WORD = re.compile(r"[^\W_]+")
MIN_CHARS = 3  # shorter words are never corrected


def allowed_edits(word: str) -> int:
    """As fuzziness AUTO: none up to 2 letters, 1 up to 5, then 2 (a swap of two
    neighbouring letters is one edit)."""
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


@dataclass(frozen=True)
class Fix:
    start: int  # where the word starts in the query (after an elided article)
    end: int
    text: str
    edits: int
    frequency: int  # gigs holding it; a thesaurus word counts as frequent as any

    @property
    def rank(self) -> tuple[int, int]:
        return (self.edits, -self.frequency)


@dataclass(frozen=True)
class SpellingCheck:
    """The check of one query's words against the index and the thesaurus."""

    q: str
    # Words of the query the thesaurus lacks but holds one close to: (start, end) -> the
    # thesaurus word as written, and the folded word whose gigs are counted.
    resembling: Mapping[tuple[int, int], tuple[str, str, int]]
    # Words of the query the thesaurus holds: never misspelt, even where no gig writes them
    # ("instru" is rewritten "instrumental", not corrected to "intro").
    known: frozenset[tuple[int, int]] = frozenset()

    @classmethod
    def of(cls, q: str, thesaurus: Thesaurus = EMPTY) -> SpellingCheck:
        known = thesaurus.spellings
        resembling: dict[tuple[int, int], tuple[str, str, int]] = {}
        held: set[tuple[int, int]] = set()
        for match in _WORD.finditer(q):
            word = match.group()
            [key] = phrase_key(word) or ("",)
            if key in known:
                held.add((match.start(), match.end()))
            if len(key) < MIN_CHARS or key in known:
                continue
            budget = allowed_edits(key)
            best = min(
                ((OSA.distance(key, other, score_cutoff=budget), other) for other in known),
                default=(budget + 1, ""),
            )
            if best[0] <= budget:
                resembling[(match.start(), match.end())] = (known[best[1]], fold(word), best[0])
        return cls(q, resembling, frozenset(held))

    def suggest(self) -> Clause:
        """For each word the index lacks, the words it holds within two edits."""
        return {
            SUGGESTER: {
                "text": self.q,
                "term": {
                    "field": "spelling",
                    "suggest_mode": "missing",
                    "size": 5,
                    "max_edits": 2,
                    "prefix_length": 1,
                    "min_word_length": MIN_CHARS,
                },
            }
        }

    def aggregation(self) -> Clause | None:
        """How many gigs hold each word that resembles a thesaurus word (0: misspelt)."""
        if not self.resembling:
            return None
        words = {folded for _, folded, _ in self.resembling.values()}
        return {
            "global": {},
            "aggs": {
                "words": {
                    "filters": {"filters": {w: {"term": {"spelling": w}} for w in sorted(words)}}
                }
            },
        }

    def correction(self, response: Mapping[str, Any], *, typing: bool = False) -> str | None:
        """The query with each misspelt word replaced by its closest correction (fewest
        edits, then most gigs); None when no word is misspelt. ``typing``: the last word is
        the start of words gigs hold, as the buyer types: it is left alone."""
        fixes: dict[tuple[int, int], Fix] = {}
        for entry in response.get("suggest", {}).get(SUGGESTER, []):
            start, end = _word_span(self.q, int(entry["offset"]), int(entry["length"]))
            if (start, end) in self.known:
                continue
            word = str(entry["text"])
            for option in entry["options"]:
                text = str(option["text"])
                edits = OSA.distance(word, text)
                if edits <= allowed_edits(word):
                    _keep(fixes, Fix(start, end, text, edits, int(option["freq"])))
        counts = response.get("aggregations", {}).get(KNOWN, {}).get("words", {}).get("buckets")
        for (start, end), (written, folded, edits) in self.resembling.items():
            if counts is not None and not counts.get(folded, {}).get("doc_count", 1):
                _keep(fixes, Fix(start, end, written, edits, 1 << 30))
        if typing and fixes:
            last = max(fixes)
            if self.q[last[1] :].strip() == "":
                del fixes[last]
        if not fixes:
            return None
        corrected = self.q
        for fix in sorted(fixes.values(), key=lambda f: -f.start):
            corrected = corrected[: fix.start] + fix.text + corrected[fix.end :]
        return corrected


def _keep(fixes: dict[tuple[int, int], Fix], fix: Fix) -> None:
    key = (fix.start, fix.end)
    held = fixes.get(key)
    if held is None or fix.rank < held.rank:
        fixes[key] = fix


def _word_span(q: str, offset: int, length: int) -> tuple[int, int]:
    """The word's own span: an elided article before it ("l'identité") stays."""
    token = q[offset : offset + length]
    cut = max(token.rfind("'"), token.rfind("\u2019"))
    return (offset + cut + 1 if cut >= 0 else offset), offset + length
