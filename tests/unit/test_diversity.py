"""The first page's head: two gigs per seller at most, near-identical titles apart."""

from __future__ import annotations

from collections import Counter

from indexer.diversity import HEAD, PER_SELLER, POOL, fetched, spread

Hit = tuple[int, str, str]  # id, seller, title


def ranked(sellers: str, titles: list[str] | None = None) -> list[Hit]:
    titles = titles or [f"{i}" * 12 for i in range(len(sellers))]
    return [(i, s, t) for i, (s, t) in enumerate(zip(sellers, titles, strict=True))]


def arranged(hits: list[Hit]) -> list[Hit]:
    return spread(hits, seller=lambda h: h[1], title=lambda h: h[2])


def test_at_most_two_per_seller_in_the_head_the_best_match_first_nothing_lost() -> None:
    hits = ranked("AAAAABBBBBCDEFGHIJKLMNOPQRSTUVWXYZ")
    out = arranged(hits)
    head = out[:HEAD]
    assert head[0] == hits[0]
    assert max(Counter(h[1] for h in head).values()) <= PER_SELLER
    assert [h[1] for h in head] == list("AABBCDEFGH")
    assert sorted(out) == sorted(hits)
    # What gave way comes right after the head, in score order.
    assert [h[1] for h in out[HEAD : HEAD + 6]] == list("AAABBB")


def test_near_identical_titles_are_set_apart() -> None:
    same = "Je vais optimiser votre CV et votre profil LinkedIn"
    titles = [same, same + " !", same, "Je vais rédiger votre lettre de motivation"] + [
        chr(ord("a") + i) * 20 for i in range(10)
    ]
    out = arranged(ranked("ABCDEFGHIJKLMN", titles))
    head_titles = [h[2] for h in out[:HEAD]]
    assert head_titles[0] == same
    for i in range(1, HEAD):
        assert not (head_titles[i].startswith(same) and head_titles[i - 1].startswith(same))


def test_when_one_seller_holds_everything_the_order_stays() -> None:
    hits = ranked("A" * 12)
    assert arranged(hits) == hits


def test_pages_reaching_into_the_pool_are_cut_from_the_top() -> None:
    assert fetched(0, 24) == (0, POOL)
    assert fetched(24, 24) == (0, 48)
    assert fetched(POOL, 24) == (POOL, 24)
    assert fetched(240, 24) == (240, 24)
