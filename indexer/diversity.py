"""A first page worth reading: at most two gigs of one seller among the first ten results,
and near-identical titles apart. Pure.

The best matches come back in score order; the first :data:`HEAD` places are filled from the
best :data:`POOL` in that order, each time with the best one that neither gives its seller a
third place nor repeats the title just above it (when none qualifies, the seller rule alone,
then the best one). The best match stays first; what gives way moves just below the head,
in score order, so nothing is lost. A function of the best ``POOL`` matches alone, so every
page that reaches into them is cut from the same order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from rapidfuzz import fuzz, utils

HEAD = 10  # the places the rules hold for
POOL = 30  # the matches they are filled from
PER_SELLER = 2
SAME_TITLE = 90.0  # rapidfuzz ratio (0–100) of two folded titles said near-identical
APART = 2  # a title differs from the titles of this many places above it

T = TypeVar("T")


def spread(hits: Sequence[T], seller: Callable[[T], object], title: Callable[[T], str]) -> list[T]:
    """``hits`` in score order, with the head rearranged as the module says."""
    pool, rest = list(hits[:POOL]), list(hits[POOL:])
    head: list[T] = []
    shown: Counter[object] = Counter()
    titles: list[str] = []

    def room(hit: T) -> bool:
        return shown[seller(hit)] < PER_SELLER

    def new_title(hit: T, recent: Sequence[str]) -> bool:
        own = utils.default_process(title(hit))
        return all(fuzz.ratio(own, other) < SAME_TITLE for other in recent)

    while pool and len(head) < HEAD:
        recent = titles[-APART:]
        chosen = next((h for h in pool if room(h) and new_title(h, recent)), None)
        if chosen is None:
            chosen = next((h for h in pool if room(h)), pool[0])
        pool.remove(chosen)
        head.append(chosen)
        shown[seller(chosen)] += 1
        titles.append(utils.default_process(title(chosen)))
    return head + pool + rest


def fetched(start: int, size: int) -> tuple[int, int]:
    """The offset and count to ask for to cut ``size`` results from ``start``: from the top
    when the page reaches into the pool, so the pool is rearranged the same way every time."""
    if start >= POOL:
        return start, size
    return 0, max(POOL, start + size)
