"""Merchandising rules: what customer support changes on a results page, and when. Pure.

A rule is for the pages of a query (the buyer's words exactly, or holding a phrase) or for a
category page (a category or subcategory browsed without words), within a validity window
[``starts_at``, ``ends_at``). It pins a gig at a position, hides a gig, or boosts or buries
the gigs with an attribute (a seller level, a subcategory). :func:`plan_for` gives what the
rules in force do to one page; the search engine applies it (``indexer.merchandising``).

Rules act on the default order only (relevance, or the best sellers on a page without
words): a buyer who sorts by price, rating or date gets that order, but never a hidden gig.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from facets.common import SELLER_LEVELS
from facets.model import Taxonomy
from marketplace_core.errors import FieldProblem

MAX_POSITION = 48  # a page's largest size: a pin sits within the first pages
MAX_QUERY = 200
BOOST_FACTOR = 3.0  # a boosted gig's relevance is multiplied by this; a buried one divided
_WORD = re.compile(r"\w+")


class Trigger(StrEnum):
    QUERY_EXACT = "query_exact"  # the buyer's words, as a whole
    QUERY_CONTAINS = "query_contains"  # words holding the phrase (whole words, in order)
    CATEGORY = "category"  # the page of a category or subcategory, without words


class Action(StrEnum):
    PIN = "pin"
    HIDE = "hide"
    BOOST = "boost"
    BURY = "bury"


class Placement(StrEnum):
    """How the page labels a pinned gig."""

    SPONSORED = "sponsored"
    FEATURED = "featured"


class BoostAttribute(StrEnum):
    SELLER_LEVEL = "seller_level"
    SUBCATEGORY = "subcategory"


@dataclass(frozen=True)
class Rule:
    id: int
    trigger: Trigger
    target: str  # the folded query, or the category or subcategory slug
    action: Action
    starts_at: datetime
    ends_at: datetime
    gig_id: int | None = None  # pin, hide
    position: int | None = None  # pin, 1 for the first result
    placement: Placement | None = None  # pin
    attribute: BoostAttribute | None = None  # boost, bury
    value: str | None = None  # boost, bury

    def in_force(self, now: datetime) -> bool:
        return self.starts_at <= now < self.ends_at

    def triggered_by(self, q: str, scope: str | None) -> bool:
        """Whether this rule is for the page of words ``q`` (folded) in ``scope`` (the
        subcategory, else the category, else None)."""
        if self.trigger is Trigger.CATEGORY:
            return not q and scope == self.target
        if not q:
            return False
        if self.trigger is Trigger.QUERY_EXACT:
            return q == self.target
        return f" {self.target} " in f" {q} "


def fold(text: str) -> str:
    """Lower case, no accents, words separated by one space: how queries are compared."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain))


@dataclass(frozen=True)
class Pin:
    rule_id: int
    gig_id: int
    position: int
    placement: Placement


@dataclass(frozen=True)
class Plan:
    """What the rules in force do to one page."""

    rules: tuple[Rule, ...] = ()
    pins: tuple[Pin, ...] = ()  # by position, one gig per position and per page
    hidden: frozenset[int] = frozenset()
    boosts: tuple[tuple[BoostAttribute, str, float], ...] = ()  # attribute, value, factor

    def __bool__(self) -> bool:
        return bool(self.rules)


NO_RULES = Plan()


def plan_for(
    rules: Iterable[Rule],
    q: str,
    scope: str | None,
    now: datetime | None,
    *,
    default_order: bool = True,
) -> Plan:
    """The rules for this page in force at ``now`` (None: whatever their window, to preview
    them). Pins take their position by rule id when two want the same one (the next free
    position goes to the later rule); a hidden gig is never pinned; on an order the buyer
    chose, only the hides apply."""
    folded = fold(q)
    chosen = sorted(
        (r for r in rules if (now is None or r.in_force(now)) and r.triggered_by(folded, scope)),
        key=lambda r: r.id,
    )
    if not default_order:
        chosen = [r for r in chosen if r.action is Action.HIDE]
    hidden = frozenset(r.gig_id for r in chosen if r.action is Action.HIDE and r.gig_id)
    taken: set[int] = set()
    placed: set[int] = set()
    pins: list[Pin] = []
    kept: list[Rule] = [r for r in chosen if r.action is not Action.PIN]
    for rule in sorted(
        (r for r in chosen if r.action is Action.PIN), key=lambda r: (r.position or 0, r.id)
    ):
        assert rule.gig_id is not None
        assert rule.position is not None
        if rule.gig_id in hidden or rule.gig_id in placed:
            continue
        position = rule.position
        while position in taken:
            position += 1
        taken.add(position)
        placed.add(rule.gig_id)
        pins.append(Pin(rule.id, rule.gig_id, position, rule.placement or Placement.FEATURED))
        kept.append(rule)
    boosts = tuple(
        (r.attribute, r.value, BOOST_FACTOR if r.action is Action.BOOST else 1 / BOOST_FACTOR)
        for r in chosen
        if r.action in (Action.BOOST, Action.BURY) and r.attribute and r.value
    )
    return Plan(
        tuple(sorted(kept, key=lambda r: r.id)),
        tuple(sorted(pins, key=lambda p: p.position)),
        hidden,
        boosts,
    )


def pins_before(pins: Sequence[Pin], start: int) -> int:
    """Pins placed before the page starting at offset ``start`` (0 for the first result)."""
    return sum(1 for p in pins if p.position <= start)


# -- checking a new rule -----------------------------------------------------------------------
@dataclass(frozen=True)
class RuleInput:
    action: str
    ends_at: datetime
    starts_at: datetime
    query: str | None = None
    match: str = "exact"
    category: str | None = None
    gig_id: int | None = None
    position: int | None = None
    placement: str | None = None
    attribute: str | None = None
    value: str | None = None


def check_rule(
    given: RuleInput, taxonomy: Taxonomy, now: datetime
) -> tuple[list[FieldProblem], Rule | None]:
    """The problems of a new rule, each naming its field and rule; else the rule (id 0)."""
    problems: list[FieldProblem] = []

    def fail(name: str, rule: str, message: str) -> None:
        problems.append(FieldProblem(name, rule, message))

    trigger: Trigger | None = None
    target = ""
    if (given.query is None) == (given.category is None):
        fail("query", "rule.trigger", "give either query (with match) or category, not both")
    elif given.query is not None:
        target = fold(given.query)
        if given.match not in ("exact", "contains"):
            fail("match", "match.unknown", "match must be exact or contains")
        elif not target or len(given.query) > MAX_QUERY:
            fail("query", "query.length", f"query must hold words, at most {MAX_QUERY} characters")
        else:
            trigger = Trigger.QUERY_EXACT if given.match == "exact" else Trigger.QUERY_CONTAINS
    else:
        target = given.category or ""
        if taxonomy.category(target) is None and taxonomy.subcategory(target) is None:
            fail("category", "category.unknown", f"unknown category or subcategory {target!r}")
        else:
            trigger = Trigger.CATEGORY
    if given.action not in tuple(Action):
        fail("action", "action.unknown", f"action must be one of: {', '.join(Action)}")
        return problems, None
    action = Action(given.action)
    uses_gig = action in (Action.PIN, Action.HIDE)
    if uses_gig and given.gig_id is None:
        fail("gig_id", "gig_id.required", f"a {action} rule names its gig_id")
    if not uses_gig and given.gig_id is not None:
        fail("gig_id", "gig_id.unexpected", f"a {action} rule names an attribute, not a gig")
    if action is Action.PIN:
        if given.position is None or not 1 <= given.position <= MAX_POSITION:
            fail("position", "position.range", f"position must be between 1 and {MAX_POSITION}")
        if given.placement is not None and given.placement not in tuple(Placement):
            fail("placement", "placement.unknown", "placement must be sponsored or featured")
    elif given.position is not None or given.placement is not None:
        fail("position", "position.unexpected", "only a pin takes a position and a placement")
    if action in (Action.BOOST, Action.BURY):
        _check_attribute(given, taxonomy, fail)
    elif given.attribute is not None or given.value is not None:
        fail("attribute", "attribute.unexpected", "only a boost or a bury takes an attribute")
    if given.ends_at <= given.starts_at:
        fail("ends_at", "rule.window", "ends_at must come after starts_at")
    elif given.ends_at <= now:
        fail("ends_at", "rule.window.past", "ends_at must be in the future")
    if problems or trigger is None:
        return problems, None
    return [], Rule(
        id=0,
        trigger=trigger,
        target=target,
        action=action,
        starts_at=given.starts_at,
        ends_at=given.ends_at,
        gig_id=given.gig_id if uses_gig else None,
        position=given.position if action is Action.PIN else None,
        placement=Placement(given.placement or Placement.FEATURED)
        if action is Action.PIN
        else None,
        attribute=BoostAttribute(given.attribute) if given.attribute else None,
        value=given.value,
    )


def _check_attribute(given: RuleInput, taxonomy: Taxonomy, fail: _Fail) -> None:
    if given.attribute not in tuple(BoostAttribute):
        fail("attribute", "attribute.unknown", "attribute must be seller_level or subcategory")
        return
    if given.attribute == BoostAttribute.SELLER_LEVEL:
        allowed = [c.slug for c in SELLER_LEVELS]
        if given.value not in allowed:
            fail("value", "value.unknown", f"value must be one of: {', '.join(allowed)}")
    elif given.value is None or taxonomy.subcategory(given.value) is None:
        fail("value", "value.unknown", f"unknown subcategory {given.value!r}")


class _Fail(Protocol):
    def __call__(self, name: str, rule: str, message: str) -> None: ...
