"""Merchandising rules applied to a results page's requests (see
``marketplace_core.merchandising.rules`` for what the rules are).

- A hidden gig is left out of the results and of the counts.
- A boost or a bury multiplies the relevance of the gigs with its attribute; on a page
  without words (the best sellers first), the boosted come first, each group in that order.
- A pinned gig is fetched on its own (it must match the page's scope and filters, not its
  words), left out of the organic results, and set at its position: the organic results of
  a page start earlier and are fewer by the pins shown before and on it. Pages addressed by
  number, and relevance cursors, carry their pins; a cursor after the last hit (the other
  orders) follows the organic results only.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from facets.selection import Selection
from indexer.diversity import fetched
from indexer.facet_kinds import PageFacets
from indexer.search_query import (
    SOURCE,
    decode_cursor,
    next_cursor,
    page_hits,
    scope_filters,
    text_query,
)
from indexer.steps import Steps
from marketplace_core.errors import InvalidInput
from marketplace_core.merchandising.rules import (
    NO_RULES,
    BoostAttribute,
    Pin,
    Plan,
    Rule,
    pins_before,
    plan_for,
)

Clause = dict[str, Any]
FIELDS = {BoostAttribute.SELLER_LEVEL: "seller.level", BoostAttribute.SUBCATEGORY: "subcategory"}


def page_plan(rules: Sequence[Rule], selection: Selection, now: datetime | None) -> Plan:
    """The rules for this page in force at ``now`` (None: whatever their window)."""
    return plan_for(
        rules,
        selection.q,
        selection.subcategory or selection.category,
        now,
        default_order=selection.sort == "relevance",
    )


@dataclass(frozen=True)
class Applied:
    """A rule that acted on a page; a pin with the position its gig was shown at."""

    rule: Rule
    position: int | None = None


@dataclass
class Merchandised:
    """One page's requests under a plan: the pins to fetch, the bodies to change, and the
    merged results."""

    plan: Plan
    selection: Selection
    shown: list[Pin] = field(default_factory=list)
    pinned: dict[int, dict[str, Any]] = field(default_factory=dict)  # gig id: its hit
    off_words: int = 0  # pins shown that the words alone do not find

    def fetch_pins(self, index: str, page: PageFacets) -> Steps[None]:
        if not self.plan.pins:
            return
        ids = [p.gig_id for p in self.plan.pins]
        query: Clause = {
            "bool": {
                "filter": [
                    {"terms": {"gig_id": ids}},
                    *scope_filters(self.selection),
                    *page.filters(),
                ]
            }
        }
        if self.selection.q:
            query["bool"]["should"] = [
                {"bool": {"must": [text_query(self.selection.q)], "_name": "words"}}
            ]
        [found] = yield [
            (
                index,
                {"size": len(ids), "query": query, "_source": SOURCE, "track_total_hits": False},
            )
        ]
        hits = {int(h["_source"]["gig_id"]): h for h in found["hits"]["hits"]}
        self.shown = [p for p in self.plan.pins if p.gig_id in hits]
        self.pinned = {p.gig_id: hits[p.gig_id] for p in self.shown}
        self.off_words = sum(
            1
            for h in self.pinned.values()
            if self.selection.q and "words" not in h.get("matched_queries", [])
        )

    def _start(self) -> int | None:
        """The page's first offset, None for a cursor after the last hit."""
        s = self.selection
        if not s.cursor:
            return (s.page - 1) * s.size
        if s.effective_sort == "relevance":
            return int(decode_cursor(s.cursor, "relevance")[0])
        return None

    def _on_page(self) -> list[Pin]:
        start = self._start()
        if start is None:
            return []
        return [p for p in self.shown if start < p.position <= start + self.selection.size]

    def _excluded(self) -> list[int]:
        return sorted(self.plan.hidden | {p.gig_id for p in self.plan.pins})

    def hits(self, body: dict[str, Any]) -> dict[str, Any]:
        if not self.plan:
            return body
        body = copy.copy(body)
        query = body["query"]
        excluded = self._excluded()
        if excluded:
            query = {"bool": {"must": [query], "must_not": [{"terms": {"gig_id": excluded}}]}}
        if self.plan.boosts:
            query = {
                "function_score": {
                    "query": query,
                    "functions": [
                        {"filter": {"term": {FIELDS[attribute]: value}}, "weight": factor}
                        for attribute, value, factor in self.plan.boosts
                    ],
                    "score_mode": "multiply",
                    "boost_mode": "multiply",
                }
            }
            if "sort" in body:  # the best sellers first: the boosted ones before them
                body["sort"] = [{"_score": "desc"}, *body["sort"]]
        if "search_after" in body and len(body["search_after"]) != len(body.get("sort", ())):
            raise InvalidInput.one(
                "cursor", "cursor.sort_changed", "the page's rules changed; start again from page 1"
            )
        body["query"] = query
        start = self._start()
        count = self.selection.size - len(self._on_page())
        if start is not None and "from" in body:
            first = start - pins_before(self.shown, start)
            relevance = self.selection.effective_sort == "relevance"
            # By relevance, the window the organic page is spread and cut from (page_hits).
            body["from"], body["size"] = fetched(first, count) if relevance else (first, count)
        else:
            body["size"] = count
        return body

    def facets(self, body: dict[str, Any]) -> dict[str, Any]:
        if not self.plan.hidden:
            return body
        body = copy.copy(body)
        body["query"] = {
            "bool": {
                **body["query"]["bool"],
                "must_not": [{"terms": {"gig_id": sorted(self.plan.hidden)}}],
            }
        }
        return body

    def merge(self, hits: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str | None]:
        """The page's hits (cut from what :meth:`hits` fetched) with its pins at their
        positions, and the next page's cursor."""
        if not self.plan:
            shown = page_hits(self.selection, hits)
            return shown, next_cursor(self.selection, shown)
        start = self._start()
        wanted = self.selection.size - len(self._on_page())
        organic = hits if start is None else self._organic(hits, start, wanted)
        at = {p.position: p for p in self._on_page()}
        rest = iter(organic)
        merged: list[dict[str, Any]] = []
        for position in range((start or 0) + 1, (start or 0) + self.selection.size + 1):
            pin = at.get(position)
            if pin is not None:
                merged.append(self.pinned[pin.gig_id])
                continue
            hit = next(rest, None)
            if hit is None:
                break
            merged.append(hit)
        merged += [
            self.pinned[p.gig_id] for p in at.values() if self.pinned[p.gig_id] not in merged
        ]
        if len(organic) < wanted:
            # The organic results end here: the pins placed after them come now.
            if start is not None:
                merged += [
                    self.pinned[p.gig_id]
                    for p in self.shown
                    if p.position > start + self.selection.size
                ]
            return merged, None
        if not organic and self.selection.effective_sort != "relevance":
            return merged, None
        # The cursor: offsets by relevance, else after the last organic hit.
        tail = organic[-1] if organic else {}
        return merged, next_cursor(self.selection, [*([{}] * (self.selection.size - 1)), tail])

    def _organic(self, hits: list[dict[str, Any]], start: int, wanted: int) -> list[dict[str, Any]]:
        """The organic part of the page out of the fetched window. Boosts and buries are the
        rules' order: the seller spread (page_hits) would lift a buried gig into the head."""
        first = start - pins_before(self.shown, start)
        if self.plan.boosts and self.selection.effective_sort == "relevance":
            offset, _ = fetched(first, wanted)
            return hits[first - offset : first - offset + wanted]
        return page_hits(self.selection, hits, first, wanted)

    def applied(self, merged: Sequence[dict[str, Any]]) -> list[Applied]:
        start = self._start() or 0
        where = {int(h["_source"]["gig_id"]): start + i + 1 for i, h in enumerate(merged)}
        shown = {p.rule_id: p for p in self.shown}
        found: list[Applied] = []
        for rule in self.plan.rules:
            if rule.action.value == "pin":
                pin = shown.get(rule.id)
                if pin is not None and pin.gig_id in where:
                    found.append(Applied(rule, where[pin.gig_id]))
            else:
                found.append(Applied(rule))
        return found


def placements(applied: Sequence[Applied]) -> dict[int, str]:
    """The pinned gigs shown on a page, with how to label them (sponsored, featured)."""
    return {
        a.rule.gig_id: a.rule.placement.value
        for a in applied
        if a.position is not None and a.rule.gig_id is not None and a.rule.placement
    }


def merchandised(plan: Plan | None, selection: Selection) -> Merchandised:
    return Merchandised(plan or NO_RULES, selection)
