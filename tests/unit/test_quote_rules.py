"""The pure rules of quotes (R-QUO-1…3): who may be asked, what a request holds, the status
table and whose turn each action is."""

from __future__ import annotations

from typing import Any

import pytest

from facets.taxonomy import TAXONOMY
from marketplace_core.errors import Forbidden, InvalidInput, InvalidTransition, Refused
from marketplace_core.quotes.rules import (
    MAX_ATTACHMENTS,
    QUOTE_TRANSITIONS,
    OfferInput,
    QuoteAction,
    QuoteParty,
    QuoteRequestInput,
    QuoteStatus,
    check_seller_can_quote,
    validate_offer,
    validate_quote_request,
    validate_reason,
)

ACTION_PARTY = {action: party for (_, party, action) in QUOTE_TRANSITIONS.cells}
TRANSITIONS = {
    status: {a: t for (s, _, a), t in QUOTE_TRANSITIONS.cells.items() if s == status}
    for status in QuoteStatus
}
allowed_actions = QUOTE_TRANSITIONS.allowed


def next_status(
    request_id: int, status: QuoteStatus, action: QuoteAction, party: QuoteParty
) -> QuoteStatus:
    return QUOTE_TRANSITIONS.next(status, party, action, key=request_id)


FIVE = {
    "genre": ["homme"],
    "langue": ["fr"],
    "tranche-age": ["senior"],
    "objectif": ["livre-audio", "podcast"],
    "accent": ["belge"],
}


def request(**changes: Any) -> QuoteRequestInput:
    given: dict[str, Any] = {
        "description": "  Un livre audio de 3 heures.  ",
        "subcategory": "voix-off",
        "delivery_days": 10,
        "criteria": FIVE,
    }
    return QuoteRequestInput(**(given | changes))


def problems(given: QuoteRequestInput) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInput) as caught:
        validate_quote_request(given, TAXONOMY)
    return {(p.field, p.rule) for p in caught.value.problems}


# -- R-QUO-1 --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("accepts", "active", "themselves", "rule"),
    [
        (True, 1, True, "seller.self"),
        (False, 3, False, "seller.no_quotes"),
        (True, 0, False, "seller.no_active_gig"),
        (False, 0, False, "seller.no_quotes"),  # the first reason is given
    ],
)
def test_r_quo_1_refusal_reasons(accepts: bool, active: int, themselves: bool, rule: str) -> None:
    with pytest.raises(Refused) as caught:
        check_seller_can_quote(
            accepts_quotes=accepts, active_gigs=active, asking_themselves=themselves
        )
    assert caught.value.rule == rule


def test_r_quo_1_a_seller_who_accepts_quotes_with_an_active_gig_can_be_asked() -> None:
    check_seller_can_quote(accepts_quotes=True, active_gigs=1, asking_themselves=False)


def test_r_quo_1_only_subcategories_with_criteria_offer_quotes() -> None:
    assert problems(request(subcategory="mixage-mastering", criteria={})) == {
        ("subcategory", "subcategory.no_quotes")
    }
    assert problems(request(subcategory="nulle-part")) == {("subcategory", "subcategory.unknown")}


# -- R-QUO-2 --------------------------------------------------------------------------------
def test_r_quo_2_the_voice_over_criteria_are_its_five() -> None:
    valid = validate_quote_request(request(budget_cents=500), TAXONOMY)
    assert valid.criteria == FIVE
    assert (valid.category, valid.subcategory) == ("musique-audio", "voix-off")
    assert valid.description == "Un livre audio de 3 heures."
    assert (valid.delivery_days, valid.budget_cents) == (10, 500)
    sub = TAXONOMY.subcategory("voix-off")
    assert sub is not None
    assert [c.slug for c in sub.quote_criteria] == list(FIVE)


def test_r_quo_2_criteria_are_optional_one_by_one() -> None:
    assert validate_quote_request(request(criteria={}), TAXONOMY).criteria == {}


def test_r_quo_2_an_unknown_criterion_is_named_with_the_allowed_ones() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_quote_request(request(criteria={"style": ["vintage"]}), TAXONOMY)
    [problem] = caught.value.problems
    assert (problem.field, problem.rule) == ("criteria.style", "criterion.unknown")
    assert problem.message.endswith(
        "allowed criteria: genre, langue, tranche-age, objectif, accent"
    )


def test_r_quo_2_a_value_not_allowed_is_named_with_the_allowed_values() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_quote_request(request(criteria={"genre": ["robot"]}), TAXONOMY)
    [problem] = caught.value.problems
    assert problem.rule == "criterion.value_not_allowed"
    assert problem.message.endswith("allowed values: homme, femme, neutre")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"criteria": {"genre": ["homme", "femme"]}}, ("criteria.genre", "criterion.cardinality")),
        ({"criteria": {"accent": []}}, ("criteria.accent", "criterion.cardinality")),
        ({"criteria": {"langue": ["fr", "fr"]}}, ("criteria.langue", "criterion.duplicate_value")),
        ({"budget_cents": 499}, ("budget_cents", "budget.range")),
        ({"delivery_days": 0}, ("delivery_days", "delivery_days.range")),
        ({"delivery_days": 91}, ("delivery_days", "delivery_days.range")),
        ({"description": "   "}, ("description", "description.length")),
        ({"attachments": ["a", "a"]}, ("attachments", "attachments.duplicate")),
        (
            {"attachments": [f"k{i}" for i in range(MAX_ATTACHMENTS + 1)]},
            ("attachments", "attachments.max"),
        ),
    ],
)
def test_r_quo_2_each_problem_is_named(changes: dict[str, Any], expected: tuple[str, str]) -> None:
    assert problems(request(**changes)) == {expected}


# -- R-QUO-3 --------------------------------------------------------------------------------
def test_r_quo_3_the_status_table() -> None:
    assert next_status(1, QuoteStatus.REQUESTED, QuoteAction.OFFER, QuoteParty.SELLER) == "offered"
    assert (
        next_status(1, QuoteStatus.REQUESTED, QuoteAction.DECLINE, QuoteParty.SELLER)
        == "declined_by_seller"
    )
    assert next_status(1, QuoteStatus.OFFERED, QuoteAction.ORDER, QuoteParty.BUYER) == "accepted"
    assert (
        next_status(1, QuoteStatus.OFFERED, QuoteAction.DECLINE_OFFER, QuoteParty.BUYER)
        == "declined_by_buyer"
    )
    finals = QUOTE_TRANSITIONS.final(QuoteStatus)
    assert finals == {"accepted", "declined_by_seller", "declined_by_buyer"}
    assert set(ACTION_PARTY) == set(QuoteAction)  # every action is one party's


@pytest.mark.parametrize("status", list(QuoteStatus))
@pytest.mark.parametrize("action", list(QuoteAction))
def test_r_quo_3_anything_else_names_the_status_and_what_it_allows(
    status: QuoteStatus, action: QuoteAction
) -> None:
    party = ACTION_PARTY[action]
    if action in TRANSITIONS[status]:
        next_status(7, status, action, party)
        return
    with pytest.raises(InvalidTransition) as caught:
        next_status(7, status, action, party)
    assert caught.value.status == status.value
    assert caught.value.allowed == [a.value for a in TRANSITIONS[status]]
    assert f"cannot {action.value} quote request 7: it is {status.value}" in str(caught.value)


@pytest.mark.parametrize("action", list(QuoteAction))
def test_r_quo_3_the_wrong_party_is_forbidden_whatever_the_status(action: QuoteAction) -> None:
    wrong = QuoteParty.BUYER if ACTION_PARTY[action] == QuoteParty.SELLER else QuoteParty.SELLER
    for status in QuoteStatus:
        with pytest.raises(Forbidden):
            next_status(7, status, action, wrong)


def test_r_quo_3_each_party_sees_only_its_own_actions() -> None:
    assert allowed_actions(QuoteStatus.REQUESTED, QuoteParty.SELLER) == ["offer", "decline"]
    assert allowed_actions(QuoteStatus.REQUESTED, QuoteParty.BUYER) == []
    assert allowed_actions(QuoteStatus.OFFERED, QuoteParty.BUYER) == ["order", "decline_offer"]
    assert allowed_actions(QuoteStatus.OFFERED, QuoteParty.SELLER) == []


def test_r_quo_3_an_offer_is_at_least_five_dollars_and_ninety_days_at_most() -> None:
    assert validate_offer(OfferInput(500, 90, " Deux prises. ")) == OfferInput(
        500, 90, "Deux prises."
    )
    with pytest.raises(InvalidInput) as caught:
        validate_offer(OfferInput(499, 0, ""))
    assert {p.rule for p in caught.value.problems} == {
        "offer.price_range",
        "delivery_days.range",
        "description.length",
    }


def test_a_decline_reason_is_optional_and_bounded() -> None:
    assert validate_reason(None) is None
    assert validate_reason("   ") is None
    assert validate_reason(" Trop cher ") == "Trop cher"
    with pytest.raises(InvalidInput):
        validate_reason("x" * 1001)
