"""The pure rules of buyer requests (R-REQ-1…6): the status table cell by cell and whose
action each is, the automatic checks, the delivery bounds, the expiry and boost dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from facets.taxonomy import TAXONOMY
from marketplace_core.errors import Forbidden, InvalidInput, InvalidTransition, Refused
from marketplace_core.requests.rules import (
    OFFER_TRANSITIONS,
    REQUEST_TRANSITIONS,
    OfferInput,
    OfferStatus,
    RequestAction,
    RequestInput,
    RequestParty,
    RequestStatus,
    allowed_actions,
    automatic_checks,
    check_offer_gig,
    delivery_label,
    expires_at,
    is_expired,
    listing_date,
    next_request_status,
    validate_offer,
    validate_reason,
    validate_request,
)

S = RequestStatus
A = RequestAction
TRANSITIONS = {
    status: {a: t for (s, _, a), t in REQUEST_TRANSITIONS.cells.items() if s == status}
    for status in S
}
ACTION_PARTY = {action: party for (_, party, action) in REQUEST_TRANSITIONS.cells}


def next_status(
    request_id: int,
    status: RequestStatus,
    action: RequestAction,
    party: RequestParty,
    *,
    boosted: bool = False,
) -> RequestStatus:
    return next_request_status(status, party, action, key=request_id, boosted=boosted)


def next_offer_status(offer_id: int, status: OfferStatus, action: RequestAction) -> OfferStatus:
    return OFFER_TRANSITIONS.next(status, RequestParty.BUYER, action, key=offer_id)


T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

# Every cell of the table, written out: (status, action) → the status after, or None.
EXPECTED: dict[tuple[RequestStatus, RequestAction], RequestStatus | None] = {
    (status, action): None for status in S for action in A
} | {
    (S.PENDING, A.APPROVE): S.ACTIVE,
    (S.PENDING, A.REFUSE): S.NOT_APPROVED,
    (S.PENDING, A.DELETE): S.DELETED,
    (S.ACTIVE, A.PAUSE): S.PAUSED,
    (S.ACTIVE, A.BOOST): S.ACTIVE,
    (S.ACTIVE, A.DELETE): S.DELETED,
    (S.ACTIVE, A.EXPIRE): S.EXPIRED,
    (S.ACTIVE, A.OFFER): S.ACTIVE,
    (S.ACTIVE, A.WITHDRAW_OFFER): S.ACTIVE,
    (S.ACTIVE, A.ORDER_OFFER): S.ORDERED,
    (S.PAUSED, A.RESUME): S.ACTIVE,
    (S.PAUSED, A.DELETE): S.DELETED,
    (S.PAUSED, A.EXPIRE): S.EXPIRED,
    (S.PAUSED, A.WITHDRAW_OFFER): S.PAUSED,
    (S.PAUSED, A.ORDER_OFFER): S.ORDERED,
    (S.NOT_APPROVED, A.DELETE): S.DELETED,
    (S.EXPIRED, A.DELETE): S.DELETED,
    (S.EXPIRED, A.WITHDRAW_OFFER): S.EXPIRED,
    (S.EXPIRED, A.ORDER_OFFER): S.ORDERED,
    (S.ORDERED, A.DELETE): S.DELETED,
}
PARTIES = {
    A.APPROVE: RequestParty.SUPPORT,
    A.REFUSE: RequestParty.SUPPORT,
    A.PAUSE: RequestParty.BUYER,
    A.RESUME: RequestParty.BUYER,
    A.BOOST: RequestParty.BUYER,
    A.DELETE: RequestParty.BUYER,
    A.EXPIRE: RequestParty.SYSTEM,
    A.OFFER: RequestParty.SELLER,
    A.WITHDRAW_OFFER: RequestParty.BUYER,
    A.ORDER_OFFER: RequestParty.BUYER,
}


def test_the_table_covers_every_status_and_the_written_out_cells() -> None:
    assert set(TRANSITIONS) == set(S)
    table = {(s, a): TRANSITIONS[s].get(a) for s in S for a in A}
    assert table == EXPECTED
    assert ACTION_PARTY == PARTIES


@pytest.mark.parametrize(("status", "action"), sorted(EXPECTED))
def test_r_req_3_4_each_cell_of_the_status_table(
    status: RequestStatus, action: RequestAction
) -> None:
    expected = EXPECTED[(status, action)]
    party = PARTIES[action]
    if expected is None:
        with pytest.raises(InvalidTransition) as caught:
            next_status(7, status, action, party)
        assert caught.value.status == status.value
        assert caught.value.allowed == [a.value for a in TRANSITIONS[status] if PARTIES[a] == party]
    else:
        assert next_status(7, status, action, party) == expected


@pytest.mark.parametrize("action", list(A))
def test_the_wrong_party_is_forbidden_whatever_the_status(action: RequestAction) -> None:
    for party in RequestParty:
        if party == PARTIES[action]:
            continue
        for status in S:
            with pytest.raises(Forbidden):
                next_status(7, status, action, party)


def test_r_req_4_boost_once() -> None:
    assert next_status(7, S.ACTIVE, A.BOOST, RequestParty.BUYER) == S.ACTIVE
    with pytest.raises(Refused) as caught:
        next_status(7, S.ACTIVE, A.BOOST, RequestParty.BUYER, boosted=True)
    assert caught.value.rule == "request.boost_once"
    assert A.BOOST in allowed_actions(S.ACTIVE, RequestParty.BUYER)
    assert allowed_actions(S.ACTIVE, RequestParty.BUYER, boosted=True) == [
        A.PAUSE,
        A.DELETE,
        A.WITHDRAW_OFFER,
        A.ORDER_OFFER,
    ]
    # A paused request is not boosted: it is hidden from sellers.
    with pytest.raises(InvalidTransition):
        next_status(7, S.PAUSED, A.BOOST, RequestParty.BUYER)


def test_r_req_4_the_boost_date_becomes_the_requests_date() -> None:
    boosted = T0 + timedelta(days=3)
    assert listing_date(T0, None) == T0
    assert listing_date(T0, boosted) == boosted


def test_r_req_5_expiry_is_14_days_after_the_last_activity() -> None:
    assert expires_at(T0) == T0 + timedelta(days=14)
    just_before = T0 + timedelta(days=14) - timedelta(seconds=1)
    assert not is_expired(S.ACTIVE, T0, just_before)
    assert is_expired(S.ACTIVE, T0, T0 + timedelta(days=14))
    assert is_expired(S.PAUSED, T0, T0 + timedelta(days=20))
    # Neither pending (never approved), nor already ended.
    for status in (S.PENDING, S.NOT_APPROVED, S.EXPIRED, S.ORDERED, S.DELETED):
        assert not is_expired(status, T0, T0 + timedelta(days=30))
    assert not is_expired(S.ACTIVE, None, T0 + timedelta(days=30))


# -- R-REQ-1: posting ---------------------------------------------------------------------------
def given(**changes: Any) -> RequestInput:
    base: dict[str, Any] = {
        "description": "  Un logo minimaliste pour ma boulangerie de quartier.  ",
        "category": "graphisme-design",
        "subcategory": "conception-logo",
        "budget_cents": 5000,
        "delivery": "3d",
        "criteria": {"style": ["minimaliste"]},
    }
    return RequestInput(**(base | changes))


def problems(request: RequestInput) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInput) as caught:
        validate_request(request, TAXONOMY)
    return {(p.field, p.rule) for p in caught.value.problems}


def test_r_req_1_a_valid_request_is_normalised() -> None:
    valid = validate_request(given(), TAXONOMY)
    assert valid.description == "Un logo minimaliste pour ma boulangerie de quartier."
    assert (valid.category, valid.subcategory) == ("graphisme-design", "conception-logo")
    assert (valid.delivery_days, valid.budget_cents) == (3, 5000)
    assert valid.criteria == {"style": ["minimaliste"]}
    # The category may be left out: the subcategory says which it is.
    assert validate_request(given(category=None), TAXONOMY).category == "graphisme-design"


@pytest.mark.parametrize(
    ("delivery", "days", "expected"),
    [("24h", None, 1), ("3d", None, 3), ("7d", None, 7), (None, 1, 1), (None, 30, 30)],
)
def test_r_req_1_delivery_24h_3d_7d_or_other_1_to_30_days(
    delivery: str | None, days: int | None, expected: int
) -> None:
    valid = validate_request(given(delivery=delivery, delivery_days=days), TAXONOMY)
    assert valid.delivery_days == expected


@pytest.mark.parametrize(
    ("delivery", "days", "problem"),
    [
        (None, 0, ("delivery_days", "delivery_days.range")),
        (None, 31, ("delivery_days", "delivery_days.range")),
        ("2d", None, ("delivery", "delivery.choice")),
        ("3d", 3, ("delivery", "delivery.exactly_one")),
        (None, None, ("delivery", "delivery.exactly_one")),
    ],
)
def test_r_req_1_delivery_outside_the_bounds_is_named(
    delivery: str | None, days: int | None, problem: tuple[str, str]
) -> None:
    assert problems(given(delivery=delivery, delivery_days=days)) == {problem}


def test_delivery_labels() -> None:
    assert [delivery_label(d) for d in (1, 2, 3, 7, 30)] == ["24h", None, "3d", "7d", None]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"subcategory": "voix-off"}, ("subcategory", "subcategory.not_in_category")),
        ({"subcategory": "nope"}, ("subcategory", "subcategory.unknown")),
        ({"subcategory": None}, ("subcategory", "subcategory.required")),
        ({"category": "nope"}, ("category", "category.unknown")),
        ({"criteria": {"couleur": ["rouge"]}}, ("criteria.couleur", "criterion.unknown")),
        ({"criteria": {"style": ["baroque"]}}, ("criteria.style", "criterion.value_not_allowed")),
        ({"budget_cents": None}, ("budget_cents", "budget.required")),
        ({"budget_cents": 499}, ("budget_cents", "budget.min")),
        ({"budget_cents": 10_000_001}, ("budget_cents", "budget.max")),
        ({"description": "x" * 5001}, ("description", "description.length")),
    ],
)
def test_r_req_1_each_bad_field_is_named_with_its_rule(
    changes: dict[str, Any], problem: tuple[str, str]
) -> None:
    assert problems(given(**changes)) == {problem}


def test_r_req_1_a_subcategory_without_criteria_takes_none() -> None:
    assert problems(given(subcategory="illustration", criteria={"style": ["minimaliste"]})) == {
        ("criteria.style", "criterion.unknown")
    }
    assert validate_request(given(subcategory="illustration", criteria={}), TAXONOMY)


# -- R-REQ-2: the automatic checks -------------------------------------------------------------
@pytest.mark.parametrize(
    ("description", "rule"),
    [
        ("", "request.description.too_short"),
        ("   ", "request.description.too_short"),
        ("Un logo.", "request.description.too_short"),
        ("Écrivez-moi à paul.martin@exemple.fr pour un logo", "request.contact_details"),
        ("Écrivez-moi : paul (at) exemple.fr pour le logo", "request.contact_details"),
        ("Appelez le 06 12 34 56 78 pour le logo de la boulangerie", "request.contact_details"),
        ("Appelez le +33 6 12 34 56 78 pour le logo", "request.contact_details"),
        ("Appelez le 0612345678 pour le logo de la boulangerie", "request.contact_details"),
        ("Voyez https://exemple.org/brief pour le logo", "request.link"),
        ("Voyez www.boulangerie-paul pour le logo", "request.link"),
        ("Mon site boulangerie-paul.fr a besoin d'un logo", "request.link"),
    ],
)
def test_r_req_2_automatic_checks_refuse_the_obvious_and_say_which(
    description: str, rule: str
) -> None:
    assert {p.rule for p in automatic_checks(description.strip())} == {rule}
    assert ("description", rule) in problems(given(description=description))


@pytest.mark.parametrize(
    "description",
    [
        "logo minimaliste pour boulangerie",  # a search's words, posted as is (R-SRCH-7)
        "Livraison avant le 2026-03-02, budget 1500 dollars, 3 propositions",
        "Un logo.Co-fondateurs de la boulangerie, nous voulons un logo",
        "Traduire 12 pages, fichiers .docx et .pdf fournis",
    ],
)
def test_r_req_2_ordinary_descriptions_pass_the_checks(description: str) -> None:
    assert automatic_checks(description) == []


def test_r_req_2_the_refusal_reason_is_required() -> None:
    assert validate_reason("  Contenu interdit.  ") == "Contenu interdit."
    for bad in ("", "   ", "x" * 1001):
        with pytest.raises(InvalidInput) as caught:
            validate_reason(bad)
        assert caught.value.problems[0].rule == "reason.length"


# -- R-REQ-6: offers ----------------------------------------------------------------------------
def test_r_req_6_an_offer_is_checked() -> None:
    valid = validate_offer(OfferInput(4, 500, 30, "  Trois pistes.  "))
    assert (valid.price_cents, valid.delivery_days, valid.message) == (500, 30, "Trois pistes.")
    with pytest.raises(InvalidInput) as caught:
        validate_offer(OfferInput(4, 499, 31, " "))
    assert {(p.field, p.rule) for p in caught.value.problems} == {
        ("price_cents", "offer.price_range"),
        ("delivery_days", "delivery_days.range"),
        ("message", "message.length"),
    }
    with pytest.raises(InvalidInput):
        validate_offer(OfferInput(4, 500, 0, "ok"))


def test_r_req_6_the_offer_goes_with_an_active_gig_of_the_subcategory() -> None:
    check_offer_gig(gig_found=True, gig_subcategory="voix-off", subcategory="voix-off")
    with pytest.raises(InvalidInput) as caught:
        check_offer_gig(gig_found=False, gig_subcategory=None, subcategory="voix-off")
    assert caught.value.problems[0].rule == "offer.gig_not_active"
    with pytest.raises(InvalidInput) as caught:
        check_offer_gig(gig_found=True, gig_subcategory="illustration", subcategory="voix-off")
    assert caught.value.problems[0].rule == "offer.gig_subcategory"


def test_r_req_6_a_sent_offer_is_withdrawn_or_ordered_once() -> None:
    assert next_offer_status(1, OfferStatus.SENT, A.WITHDRAW_OFFER) == OfferStatus.WITHDRAWN
    assert next_offer_status(1, OfferStatus.SENT, A.ORDER_OFFER) == OfferStatus.ORDERED
    for done in (OfferStatus.WITHDRAWN, OfferStatus.ORDERED):
        for action in (A.WITHDRAW_OFFER, A.ORDER_OFFER):
            with pytest.raises(InvalidTransition) as caught:
                next_offer_status(1, done, action)
            assert caught.value.status == done.value
