"""Merchandising rules as pure values: which rules a page gets, pins placed, checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from facets.taxonomy import TAXONOMY
from marketplace_core.merchandising.rules import (
    Action,
    BoostAttribute,
    Placement,
    Rule,
    RuleInput,
    Trigger,
    check_rule,
    fold,
    pins_before,
    plan_for,
)

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
HOUR = timedelta(hours=1)


def rule(rule_id: int, action: Action = Action.PIN, **kw: object) -> Rule:
    fields: dict[str, object] = {
        "trigger": Trigger.QUERY_EXACT,
        "target": "logo",
        "starts_at": NOW - HOUR,
        "ends_at": NOW + HOUR,
    }
    if action is Action.PIN:
        fields |= {"gig_id": rule_id * 10, "position": 1, "placement": Placement.SPONSORED}
    fields |= kw
    return Rule(id=rule_id, action=action, **fields)  # type: ignore[arg-type]


def test_queries_compare_folded_and_contains_holds_whole_words_in_order() -> None:
    assert fold("  Logo   Minimaliste ") == "logo minimaliste"
    assert fold("Création d'ÉTÉ") == "creation d ete"
    contains = rule(1, trigger=Trigger.QUERY_CONTAINS, target="logo minimaliste")
    assert contains.triggered_by("un logo minimaliste", None)
    assert not contains.triggered_by("minimaliste logo", None)
    assert not contains.triggered_by("un logos minimaliste", None)
    exact = rule(2)
    assert exact.triggered_by("logo", None)
    assert not exact.triggered_by("logo bleu", None)
    assert not exact.triggered_by("", "conception-logo")


def test_a_category_rule_is_for_its_page_without_words() -> None:
    page = rule(1, trigger=Trigger.CATEGORY, target="conception-logo")
    assert page.triggered_by("", "conception-logo")
    assert not page.triggered_by("logo", "conception-logo")
    assert not page.triggered_by("", "graphisme-design")


def test_the_window_starts_included_and_ends_excluded() -> None:
    r = rule(1, starts_at=NOW, ends_at=NOW + HOUR)
    assert not plan_for([r], "logo", None, NOW - timedelta(seconds=1))
    assert plan_for([r], "logo", None, NOW).pins
    assert not plan_for([r], "logo", None, NOW + HOUR)
    assert plan_for([r], "logo", None, None).pins  # a preview ignores the window


def test_pins_share_positions_by_rule_id_and_a_hidden_gig_is_never_pinned() -> None:
    first, second = rule(1), rule(2)
    third = rule(3, position=5)
    hide = rule(4, Action.HIDE, gig_id=30)
    plan = plan_for([third, second, first, hide], "Logo", None, NOW)
    assert [(p.rule_id, p.position) for p in plan.pins] == [(1, 1), (2, 2)]
    assert plan.hidden == frozenset({30})
    assert [r.id for r in plan.rules] == [1, 2, 4]
    assert pins_before(plan.pins, 0) == 0
    assert pins_before(plan.pins, 1) == 1
    assert pins_before(plan.pins, 24) == 2


def test_boosts_and_buries_multiply_and_only_hides_hold_on_a_chosen_order() -> None:
    boost = rule(1, Action.BOOST, attribute=BoostAttribute.SELLER_LEVEL, value="new")
    bury = rule(2, Action.BURY, attribute=BoostAttribute.SUBCATEGORY, value="voix-off")
    hide = rule(3, Action.HIDE, gig_id=7)
    plan = plan_for([boost, bury, hide, rule(4)], "logo", None, NOW)
    assert plan.boosts == (
        (BoostAttribute.SELLER_LEVEL, "new", 3.0),
        (BoostAttribute.SUBCATEGORY, "voix-off", 1 / 3),
    )
    chosen = plan_for([boost, bury, hide, rule(4)], "logo", None, NOW, default_order=False)
    assert [r.id for r in chosen.rules] == [3]
    assert not chosen.pins
    assert not chosen.boosts


def problems(**kw: object) -> list[tuple[str, str]]:
    fields: dict[str, object] = {"action": "hide", "starts_at": NOW, "ends_at": NOW + HOUR}
    fields |= kw
    found, made = check_rule(RuleInput(**fields), TAXONOMY, NOW)  # type: ignore[arg-type]
    assert (made is None) == bool(found)
    return [(p.field, p.rule) for p in found]


def test_a_new_rule_is_checked_field_by_field() -> None:
    assert problems(query="logo", gig_id=1) == []
    assert problems(category="conception-logo", gig_id=1) == []
    assert problems(gig_id=1) == [("query", "rule.trigger")]
    assert problems(query="logo", category="conception-logo", gig_id=1) == [
        ("query", "rule.trigger")
    ]
    assert problems(query=" !! ", gig_id=1) == [("query", "query.length")]
    assert problems(query="logo", match="fuzzy", gig_id=1) == [("match", "match.unknown")]
    assert problems(query="logo") == [("gig_id", "gig_id.required")]
    assert problems(query="logo", action="pin", gig_id=1) == [("position", "position.range")]
    assert problems(query="logo", action="pin", gig_id=1, position=1, placement="ad") == [
        ("placement", "placement.unknown")
    ]
    assert problems(query="logo", gig_id=1, position=2) == [("position", "position.unexpected")]
    assert problems(query="logo", action="boost", attribute="price", value="x") == [
        ("attribute", "attribute.unknown")
    ]
    assert problems(query="logo", action="bury", attribute="subcategory", value="nope") == [
        ("value", "value.unknown")
    ]
    assert problems(query="logo", action="zoom") == [("action", "action.unknown")]
    assert problems(query="logo", gig_id=1, ends_at=NOW) == [("ends_at", "rule.window")]
