"""Facet value search: which values of a long facet (languages, countries, an attribute's
values) the buyer's few letters name. Pure.

A value matches when the letters start one of the words of its label, in the page's language
or the other one (« por » finds Portugais, « germ » Allemand), or start its code (« pt »);
case, accents and hyphens are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from facets.model import Choice

MAX_TEXT = 50
_WORD = re.compile(r"[a-z0-9]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


def matching_choices(choices: Sequence[Choice], text: str) -> tuple[Choice, ...]:
    """The choices named by ``text``, in their declared order; every choice for no text."""
    wanted = _words(text)
    if not wanted:
        return tuple(choices)
    found: list[Choice] = []
    for choice in choices:
        names = [*_words(choice.label.fr), *_words(choice.label.en), *_words(choice.slug)]
        # Each typed word starts one of the value's words ("langue des signes" as "lan sig").
        if all(any(name.startswith(w) for name in names) for w in wanted):
            found.append(choice)
    return tuple(found)
