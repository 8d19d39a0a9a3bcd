"""The autocomplete vocabulary: candidate terms from every source, merged into one entry per term.

Pure functions over plain values (no I/O). Terms are compared on a folded form (lower case, no
accents, no punctuation); near-duplicates ("logo minimaliste", "logos minimalistes",
"logo minimalist") become one entry that keeps its most popular written form and sums the
popularity of all its forms.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from facets.model import LANGS, Lang, Taxonomy

MAX_TERM_CHARS = 60
MAX_TERM_WORDS = 6
MERGE_CUTOFF = 90.0  # rapidfuzz ratio (0–100) above which two folded terms are one

# Whatever cannot be a word once folded ("e-mail" → "e mail", "l'anglais" → "l anglais").
_NON_WORD = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
# Ligatures NFKD leaves alone.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_DIGITS = re.compile(r"\d+")


class Source(StrEnum):
    QUERY_LOG = "query_log"  # searches buyers made that returned results
    LABEL = "label"  # a subcategory's name, French or English
    TAG = "tag"  # the tags sellers put on their gigs
    TITLE = "title"  # a phrase frequent in gig titles


@dataclass(frozen=True)
class Candidate:
    """One written form of a term, as one source holds it."""

    text: str
    source: Source
    searches: int = 0  # searches with results (query log only)
    frequency: int = 1  # gigs using the tag, titles holding the phrase
    subcategory: str | None = None  # a label names its own subcategory
    lang: Lang | None = None  # a label has one language; other sources suit both


@dataclass(frozen=True)
class Term:
    """One vocabulary entry after merging."""

    text: str  # the most popular written form, lower case
    key: str  # folded form
    searches: int  # summed over all merged forms
    frequency: int
    sources: frozenset[Source]
    subcategories: frozenset[str]  # named by a label among the merged forms
    langs: frozenset[Lang]


def normalize_text(text: str) -> str:
    """Trimmed, spaces collapsed, lower case; accents kept (it is still the written form)."""
    return _SPACES.sub(" ", text.replace("\u2019", "'")).strip().lower()


def fold(text: str) -> str:
    """The comparison form: lower case, accents and punctuation removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES).lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", bare).strip()


# Articles and linking words, folded: "voix off en français" is "voix off français".
_KEY_SKIP = frozenset(
    {"de", "d", "du", "des", "en", "a", "au", "aux", "sur", "le", "la", "les", "l", "un"}
    | {"une", "et"}
)


def stem_key(folded: str) -> str:
    """A folded form without plural endings nor linking words, so "logos" and "logo" meet."""
    words = [w for w in folded.split() if w not in _KEY_SKIP] or folded.split()
    return " ".join(
        w[:-1] if len(w) > 3 and w[-1] in "sx" and not w.isdigit() else w for w in words
    )


def _has_accents(text: str) -> bool:
    # Lower-case words beyond ASCII are accented letters or ligatures ("é", "œ").
    return not text.isascii()


# --- Title phrases ---------------------------------------------------------------------------

# Titles read "Je vais <verbe> …": the opener and its verb say nothing about the service.
_OPENER = re.compile(
    r"^(?:je\s+vais|i\s+will)\s+"
    r"(?:(?:vous|te|lui|leur|me|m'|t'|l'|les|la|le|en|y)\s*)*"
    r"[^\W\d_]+(?:-[^\W\d_]+)*"
)
# Punctuation ends a phrase: "voix off en espagnol, accent français" is two phrases.
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]/«»\"“”|+&…–—]+")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_ELISION = re.compile(r"^(l|d|j|m|t|s|n|c|qu|jusqu|lorsqu|puisqu)'(.+)$")

# Short words that may sit inside a phrase ("boutique en ligne", "site web sur mesure").
LINKERS = frozenset({"de", "d'", "du", "en", "à", "sur"})
STOP_WORDS = frozenset(
    {
        # French
        "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "au", "aux", "à",
        "et", "ou", "pour", "par", "avec", "sans", "en", "dans", "sur", "sous", "chez",
        "votre", "vos", "ton", "tes", "mon", "mes", "ma", "ta", "son", "sa", "ses", "leur",
        "leurs", "notre", "nos", "ce", "cet", "cette", "ces", "qui", "que", "qu'", "quoi",
        "dont", "je", "j'", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "y",
        "m'", "t'", "s'", "n'", "c'", "ne", "pas", "plus", "très", "tout", "tous", "toute",
        "toutes", "grâce", "afin", "comme", "entre", "jusqu'", "lorsqu'", "puisqu'", "moins",
        "vers", "selon", "depuis", "fois", "pendant", "façon", "partir",
        # English
        "the", "a", "an", "of", "for", "and", "or", "your", "my", "with", "to", "in",
        "i", "will", "you", "by", "from",
    }
)  # fmt: skip
MIN_PHRASE_WORDS = 2  # content words, linkers not counted
MAX_PHRASE_WORDS = 3
MAX_PHRASE_TOKENS = 5


def _tokens(clause: str) -> list[str]:
    tokens: list[str] = []
    for word in _WORD.findall(clause):
        if m := _ELISION.match(word):
            tokens += [m.group(1) + "'", m.group(2)]
        else:
            tokens.append(word)
    return tokens


def _is_content(token: str) -> bool:
    return token not in STOP_WORDS and len(token) > 1 and not token.isdigit()


def _join(tokens: list[str]) -> str:
    return "".join(t if t.endswith("'") else t + " " for t in tokens).strip()


def _starts_phrase(tokens: list[str], i: int) -> bool:
    """A phrase starts a noun group: "site vitrine …", not "ligne shopify" inside "boutique en
    ligne shopify" (sub-phrases in the middle of a group read as noise)."""
    if not _is_content(tokens[i]):
        return False
    if i == 0:
        return True
    before = tokens[i - 1]
    if _is_content(before):
        return False  # inside a group
    # After a stop word a new group starts, unless a linker ties it to the word before.
    return not (before in LINKERS and i >= 2 and _is_content(tokens[i - 2]))


def title_phrases_of(title: str) -> set[str]:
    """The 2–3-word phrases of one title, written as in the title (lower case)."""
    text = _OPENER.sub("", normalize_text(title), count=1)
    found: set[str] = set()
    for clause in _CLAUSE_BREAK.split(text):
        tokens = _tokens(clause)
        for start in range(len(tokens)):
            if not _starts_phrase(tokens, start):
                continue
            content = 1
            for end in range(start + 1, min(start + MAX_PHRASE_TOKENS, len(tokens))):
                token = tokens[end]
                if _is_content(token):
                    content += 1
                    if content > MAX_PHRASE_WORDS:
                        break
                    if content >= MIN_PHRASE_WORDS:
                        found.add(_join(tokens[start : end + 1]))
                elif token not in LINKERS or tokens[end - 1] in LINKERS:
                    break  # any other stop word, or two linkers in a row, ends the phrase
    return found


def _frequent(counts: Counter[str], minimum: int) -> Counter[str]:
    """The forms whose term reaches ``minimum``, spellings and plurals counted together."""
    totals: Counter[str] = Counter()
    for text, n in counts.items():
        totals[stem_key(fold(text))] += n
    return Counter({t: n for t, n in counts.items() if totals[stem_key(fold(t))] >= minimum})


def title_phrases(titles: Iterable[str], *, min_titles: int = 3) -> Counter[str]:
    """Phrases found in at least ``min_titles`` titles, with the number of titles holding each."""
    counts: Counter[str] = Counter()
    for title in titles:
        counts.update(title_phrases_of(title))
    return _frequent(counts, min_titles)


def tag_counts(tag_lists: Iterable[Iterable[str]], *, min_gigs: int = 1) -> Counter[str]:
    """Each tag's number of gigs, counted once per gig, kept from ``min_gigs`` gigs."""
    counts: Counter[str] = Counter()
    for tags in tag_lists:
        counts.update({t for tag in tags if (t := normalize_text(tag))})
    return _frequent(counts, min_gigs)


# --- Candidates and merging ------------------------------------------------------------------


def candidates(
    taxonomy: Taxonomy,
    *,
    searches: Mapping[str, int],
    tags: Mapping[str, int],
    phrases: Mapping[str, int],
) -> list[Candidate]:
    """Every source's terms as candidates: query log, subcategory labels, tags, title phrases."""
    found = [Candidate(q, Source.QUERY_LOG, searches=n, frequency=0) for q, n in searches.items()]
    for sub in taxonomy.subcategories:
        for lang in LANGS:
            found.append(
                Candidate(sub.label.get(lang), Source.LABEL, subcategory=sub.slug, lang=lang)
            )
    found += [Candidate(t, Source.TAG, frequency=n) for t, n in tags.items()]
    found += [Candidate(p, Source.TITLE, frequency=n) for p, n in phrases.items()]
    return found


@dataclass
class _Group:
    """Forms merged so far; ``forms`` maps a written form to its (searches, frequency)."""

    key: str
    forms: dict[str, tuple[int, int]]
    sources: set[Source]
    subcategories: set[str]
    langs: set[Lang]

    @property
    def searches(self) -> int:
        return sum(s for s, _ in self.forms.values())

    @property
    def frequency(self) -> int:
        return sum(f for _, f in self.forms.values())

    def absorb(self, other: _Group) -> None:
        for text, (s, f) in other.forms.items():
            old_s, old_f = self.forms.get(text, (0, 0))
            self.forms[text] = (old_s + s, old_f + f)
        self.sources |= other.sources
        self.subcategories |= other.subcategories
        self.langs |= other.langs

    def text(self) -> str:
        # Equally popular: accented, then the shorter (singular) form, then any stable choice.
        return max(self.forms, key=lambda t: (*self.forms[t], _has_accents(t), -len(t), t))

    def term(self) -> Term:
        return Term(
            text=self.text(),
            key=self.key,
            searches=self.searches,
            frequency=self.frequency,
            sources=frozenset(self.sources),
            subcategories=frozenset(self.subcategories),
            langs=frozenset(self.langs),
        )


def _acceptable(text: str, folded: str) -> bool:
    words = folded.split()
    return len(folded) >= 2 and len(text) <= MAX_TERM_CHARS and 0 < len(words) <= MAX_TERM_WORDS


def _by_folded_form(found: Iterable[Candidate]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for c in found:
        text = normalize_text(c.text)
        folded = fold(text)
        if not _acceptable(text, folded):
            continue
        group = groups.get(folded)
        if group is None:
            group = groups[folded] = _Group(folded, {}, set(), set(), set())
        group.absorb(
            _Group(
                folded,
                {text: (c.searches, c.frequency)},
                {c.source},
                {c.subcategory} if c.subcategory else set(),
                {c.lang} if c.lang else set(LANGS),
            )
        )
    # Buyers often type without accents; the accented spelling of the same words is shown,
    # with the popularity of every spelling.
    for group in groups.values():
        accented = [t for t in group.forms if _has_accents(t)]
        if accented and not _has_accents(group.text()):
            best = max(accented, key=lambda t: (*group.forms[t], t))
            searches, frequency = group.searches, group.frequency
            group.forms = {best: (searches, frequency)}
    return list(groups.values())


def _popularity(group: _Group) -> tuple[int, int, str]:
    return (group.searches, group.frequency, group.key)


def _merge_plurals(groups: Iterable[_Group]) -> list[_Group]:
    merged: dict[str, _Group] = {}
    for group in sorted(groups, key=_popularity, reverse=True):
        k = stem_key(group.key)
        if k in merged:
            merged[k].absorb(group)
        else:
            merged[k] = group
    return list(merged.values())


def _may_merge(a: str, b: str) -> bool:
    # "animation 2d" and "animation 3d" are close in letters but not the same service.
    return len(a.split()) == len(b.split()) and _DIGITS.findall(a) == _DIGITS.findall(b)


def _merge_near(groups: list[_Group], cutoff: float) -> list[_Group]:
    """Greedy clustering, most popular first, within blocks sharing their first two letters.

    Blocking keeps the comparisons near-linear in the vocabulary size; a typo in the first two
    letters is left to the typo tolerance of the query.
    """
    blocks: dict[str, list[_Group]] = defaultdict(list)
    for group in sorted(groups, key=_popularity, reverse=True):
        blocks[stem_key(group.key)[:2]].append(group)
    result: list[_Group] = []
    for block in blocks.values():
        keys = [stem_key(g.key) for g in block]
        taken = [False] * len(block)
        for i, head in enumerate(block):
            if taken[i]:
                continue
            taken[i] = True
            for _, _, j in process.extract(
                keys[i], keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                if not taken[j] and _may_merge(keys[i], keys[j]):
                    taken[j] = True
                    head.absorb(block[j])
            result.append(head)
    return result


def merge_terms(found: Iterable[Candidate], *, cutoff: float = MERGE_CUTOFF) -> list[Term]:
    """One entry per term, most popular first (searches, then how many gigs use it)."""
    groups = _by_folded_form(found)
    groups = _merge_plurals(groups)
    groups = _merge_near(groups, cutoff)
    return [g.term() for g in sorted(groups, key=_popularity, reverse=True)]
