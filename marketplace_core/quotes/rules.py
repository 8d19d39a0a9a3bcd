"""Pure rules of quotes ("Obtenir un devis", R-QUO-1…3). No I/O.

A quote request goes: requested → offered (the seller answers with a quote) or
declined_by_seller; offered → accepted (the buyer orders from it) or declined_by_buyer.
Each action belongs to one party: the other party is :class:`Forbidden` whatever the status.
Anything else is an :class:`InvalidTransition` naming the status and what it allows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from facets.model import Taxonomy
from marketplace_core.catalog.rules import validate_criteria
from marketplace_core.errors import FieldProblem, InvalidInput, Refused
from marketplace_core.input_rules import check_price, check_range, checked_text
from marketplace_core.transitions import TransitionTable

DESCRIPTION_LENGTH = (1, 5000)
MAX_REASON_LENGTH = 1000
MAX_DELIVERY_DAYS = 90
MAX_ATTACHMENTS = 10


class QuoteStatus(StrEnum):
    REQUESTED = "requested"
    OFFERED = "offered"
    DECLINED_BY_SELLER = "declined_by_seller"
    DECLINED_BY_BUYER = "declined_by_buyer"
    ACCEPTED = "accepted"  # the buyer ordered from the offer


class QuoteAction(StrEnum):
    OFFER = "offer"
    DECLINE = "decline"  # the seller declines the request
    DECLINE_OFFER = "decline_offer"  # the buyer declines the offer
    ORDER = "order"  # the buyer orders from the offer


class QuoteParty(StrEnum):
    BUYER = "buyer"
    SELLER = "seller"


_S = QuoteStatus
_A = QuoteAction
QUOTE_TRANSITIONS = TransitionTable.by_owner(
    "quote request",
    {
        _S.REQUESTED: {_A.OFFER: _S.OFFERED, _A.DECLINE: _S.DECLINED_BY_SELLER},
        _S.OFFERED: {_A.ORDER: _S.ACCEPTED, _A.DECLINE_OFFER: _S.DECLINED_BY_BUYER},
        _S.DECLINED_BY_SELLER: {},
        _S.DECLINED_BY_BUYER: {},
        _S.ACCEPTED: {},
    },
    # Each action is one party's.
    {
        _A.OFFER: QuoteParty.SELLER,
        _A.DECLINE: QuoteParty.SELLER,
        _A.DECLINE_OFFER: QuoteParty.BUYER,
        _A.ORDER: QuoteParty.BUYER,
    },
    # An action the status does not allow names what it allows, whoever may take it.
    errors_name_every_party=True,
)


# -- Who may be asked (R-QUO-1) -----------------------------------------------------------
def check_seller_can_quote(
    *, accepts_quotes: bool, active_gigs: int, asking_themselves: bool
) -> None:
    """Refuse with the reason: nobody asks themselves; the seller must accept quotes
    (optional for sellers) and have an active gig."""
    if asking_themselves:
        raise Refused("seller.self", "you cannot ask yourself for a quote")
    if not accepts_quotes:
        raise Refused("seller.no_quotes", "this seller does not accept quote requests")
    if active_gigs < 1:
        raise Refused(
            "seller.no_active_gig", "this seller has no active gig and cannot send quotes"
        )


# -- The request (R-QUO-2) ----------------------------------------------------------------
@dataclass(frozen=True)
class QuoteRequestInput:
    description: str
    subcategory: str
    delivery_days: int
    criteria: Mapping[str, Sequence[str]] = field(default_factory=dict)
    budget_cents: int | None = None
    attachments: Sequence[str] = ()  # upload keys


@dataclass(frozen=True)
class ValidQuoteRequest:
    description: str
    category: str
    subcategory: str
    delivery_days: int
    criteria: dict[str, list[str]]
    budget_cents: int | None
    attachments: list[str]


def validate_quote_request(given: QuoteRequestInput, taxonomy: Taxonomy) -> ValidQuoteRequest:
    """The normalised request, or :class:`InvalidInput` naming every problem. Criteria are
    those of the subcategory (e.g. voice over: genre, langue, tranche-age, objectif,
    accent); each is optional, and checked like a gig's attributes."""
    problems: list[FieldProblem] = []
    description = _description(problems, given.description)
    sub = taxonomy.subcategory(given.subcategory)
    criteria: dict[str, list[str]] = {}
    if sub is None:
        problems.append(
            FieldProblem(
                "subcategory", "subcategory.unknown", f"unknown subcategory {given.subcategory!r}"
            )
        )
    elif not sub.offers_quotes:
        offering = ", ".join(s.slug for s in taxonomy.subcategories if s.offers_quotes)
        problems.append(
            FieldProblem(
                "subcategory",
                "subcategory.no_quotes",
                f"subcategory {sub.slug!r} does not offer quotes; subcategories that do: "
                f"{offering}",
            )
        )
    else:
        criteria = validate_criteria(sub, given.criteria, problems)
    _check_delivery(problems, given.delivery_days)
    if given.budget_cents is not None:
        check_price(problems, "budget_cents", given.budget_cents, rule="budget.range")
    attachments = list(given.attachments)
    if len(attachments) > MAX_ATTACHMENTS:
        problems.append(
            FieldProblem("attachments", "attachments.max", f"at most {MAX_ATTACHMENTS} attachments")
        )
    if len(set(attachments)) != len(attachments):
        problems.append(
            FieldProblem("attachments", "attachments.duplicate", "each attachment at most once")
        )
    if problems:
        raise InvalidInput(problems)
    assert sub is not None
    return ValidQuoteRequest(
        description=description,
        category=sub.category_slug,
        subcategory=sub.slug,
        delivery_days=given.delivery_days,
        criteria=criteria,
        budget_cents=given.budget_cents,
        attachments=attachments,
    )


# -- The answer (R-QUO-3) -----------------------------------------------------------------
@dataclass(frozen=True)
class OfferInput:
    price_cents: int
    delivery_days: int
    description: str


def validate_offer(given: OfferInput) -> OfferInput:
    problems: list[FieldProblem] = []
    check_price(problems, "price_cents", given.price_cents, rule="offer.price_range")
    _check_delivery(problems, given.delivery_days)
    description = _description(problems, given.description)
    if problems:
        raise InvalidInput(problems)
    return OfferInput(given.price_cents, given.delivery_days, description)


def validate_reason(reason: str | None) -> str | None:
    """An optional reason for declining; blank means none."""
    if reason is None or not reason.strip():
        return None
    reason = reason.strip()
    if len(reason) > MAX_REASON_LENGTH:
        raise InvalidInput.one(
            "reason", "reason.length", f"reason must be at most {MAX_REASON_LENGTH} characters"
        )
    return reason


def _check_delivery(problems: list[FieldProblem], days: int) -> None:
    check_range(problems, "delivery_days", days, 1, MAX_DELIVERY_DAYS, rule="delivery_days.range")


def _description(problems: list[FieldProblem], text: str) -> str:
    low, high = DESCRIPTION_LENGTH
    return checked_text(problems, "description", text, low, high, rule="description.length")
