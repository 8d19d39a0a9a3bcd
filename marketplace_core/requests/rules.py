"""Pure rules of buyer requests ("Demandes de clients", R-REQ-1…6, R-SRCH-7). No I/O.

A request goes: pending (until Microtache approves, R-REQ-2) → active (visible to sellers)
or not_approved; active ⇄ paused (R-REQ-3/4); active or paused → expired after 14 days
without new activity (R-REQ-5); active, paused or expired → ordered when the buyer orders an
offer (the request closes: no more offers, hidden from sellers); any status but deleted →
deleted. Deleting is a status, not a row removal: orders name the offer they came from and
sellers' sent offers keep their history; a deleted request is hidden everywhere.

One table says, for each status, what each action leads to, and another who may do each
action. The wrong party is :class:`Forbidden` whatever the status; an action the status does
not allow is :class:`InvalidTransition` naming the status and what it allows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from facets.model import Label, Taxonomy
from marketplace_core.catalog.rules import validate_criteria
from marketplace_core.errors import FieldProblem, InvalidInput, Refused
from marketplace_core.input_rules import (
    MAX_PRICE_CENTS,
    MIN_PRICE_CENTS,
    check_at_most,
    check_price,
    check_range,
    checked_text,
)
from marketplace_core.transitions import TransitionTable

# R-REQ-5: no new activity (an offer or the boost) for this long, and the request expires.
EXPIRY = timedelta(days=14)
# R-REQ-1: "24 h / 3 days / 7 days", or "other" from 1 to 30 days.
DELIVERY_PRESETS: dict[str, int] = {"24h": 1, "3d": 3, "7d": 7}
DELIVERY_DAYS = (1, 30)
MIN_DESCRIPTION_LENGTH = 15  # shorter cannot say what is wanted
MAX_DESCRIPTION_LENGTH = 5000
MAX_REASON_LENGTH = 1000
MAX_MESSAGE_LENGTH = 5000
# An offer's delivery: the same bounds the buyer chooses from (R-REQ-1).
OFFER_DELIVERY_DAYS = DELIVERY_DAYS


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    PAUSED = "paused"
    NOT_APPROVED = "not_approved"
    EXPIRED = "expired"
    ORDERED = "ordered"  # the buyer ordered one of its offers: closed
    DELETED = "deleted"  # hidden everywhere


class RequestAction(StrEnum):
    APPROVE = "approve"
    REFUSE = "refuse"
    PAUSE = "pause"
    RESUME = "resume"
    BOOST = "boost"
    DELETE = "delete"
    EXPIRE = "expire"
    OFFER = "offer"  # a seller sends an offer
    WITHDRAW_OFFER = "withdraw_offer"  # the buyer hides an offer to see others
    ORDER_OFFER = "order_offer"  # "Commander maintenant"


class RequestParty(StrEnum):
    BUYER = "buyer"
    SELLER = "seller"
    SUPPORT = "support"
    SYSTEM = "system"  # the expiry sweep


class OfferStatus(StrEnum):
    SENT = "sent"
    WITHDRAWN = "withdrawn"  # hidden by the buyer
    ORDERED = "ordered"


_S = RequestStatus
_A = RequestAction

_MOVES: dict[RequestStatus, dict[RequestAction, RequestStatus]] = {
    _S.PENDING: {_A.APPROVE: _S.ACTIVE, _A.REFUSE: _S.NOT_APPROVED, _A.DELETE: _S.DELETED},
    _S.ACTIVE: {
        _A.PAUSE: _S.PAUSED,
        _A.BOOST: _S.ACTIVE,
        _A.DELETE: _S.DELETED,
        _A.EXPIRE: _S.EXPIRED,
        _A.OFFER: _S.ACTIVE,
        _A.WITHDRAW_OFFER: _S.ACTIVE,
        _A.ORDER_OFFER: _S.ORDERED,
    },
    _S.PAUSED: {
        _A.RESUME: _S.ACTIVE,
        _A.DELETE: _S.DELETED,
        # A paused request gets no offers, so its clock runs on (R-REQ-5).
        _A.EXPIRE: _S.EXPIRED,
        _A.WITHDRAW_OFFER: _S.PAUSED,
        _A.ORDER_OFFER: _S.ORDERED,
    },
    _S.NOT_APPROVED: {_A.DELETE: _S.DELETED},
    # Expired: no more offers, but those received stay there to order.
    _S.EXPIRED: {
        _A.DELETE: _S.DELETED,
        _A.WITHDRAW_OFFER: _S.EXPIRED,
        _A.ORDER_OFFER: _S.ORDERED,
    },
    _S.ORDERED: {_A.DELETE: _S.DELETED},
    _S.DELETED: {},
}

_OWNER: dict[RequestAction, RequestParty] = {
    _A.APPROVE: RequestParty.SUPPORT,
    _A.REFUSE: RequestParty.SUPPORT,
    _A.PAUSE: RequestParty.BUYER,
    _A.RESUME: RequestParty.BUYER,
    _A.BOOST: RequestParty.BUYER,
    _A.DELETE: RequestParty.BUYER,
    _A.EXPIRE: RequestParty.SYSTEM,
    _A.OFFER: RequestParty.SELLER,
    _A.WITHDRAW_OFFER: RequestParty.BUYER,
    _A.ORDER_OFFER: RequestParty.BUYER,
}
REQUEST_TRANSITIONS = TransitionTable.by_owner("buyer request", _MOVES, _OWNER)
# A sent offer is withdrawn or ordered once, by the buyer.
OFFER_TRANSITIONS = TransitionTable(
    "offer",
    {
        (OfferStatus.SENT, RequestParty.BUYER, _A.WITHDRAW_OFFER): OfferStatus.WITHDRAWN,
        (OfferStatus.SENT, RequestParty.BUYER, _A.ORDER_OFFER): OfferStatus.ORDERED,
    },
)

# Shown to sellers (R-REQ-3): active only.
VISIBLE_TO_SELLERS = frozenset({_S.ACTIVE})
# Still counting towards expiry (R-REQ-5).
EXPIRING = frozenset({_S.ACTIVE, _S.PAUSED})

STATUS_LABELS: dict[RequestStatus, Label] = {
    _S.PENDING: Label("En attente", "Pending"),
    _S.ACTIVE: Label("Actif", "Active"),
    _S.PAUSED: Label("En pause", "Paused"),
    _S.NOT_APPROVED: Label("Non approuvée", "Not approved"),
    _S.EXPIRED: Label("Expirée", "Expired"),
    _S.ORDERED: Label("Commandée", "Ordered"),
    _S.DELETED: Label("Supprimée", "Deleted"),
}
BOOSTED_LABEL = Label("Boosté", "Boosted")


def allowed_actions(
    status: RequestStatus, party: RequestParty, *, boosted: bool = False
) -> list[RequestAction]:
    """What the status allows ``party``; a boosted request no longer offers the boost (once
    per request, R-REQ-4)."""
    return [
        a for a in REQUEST_TRANSITIONS.allowed(status, party) if not (a == _A.BOOST and boosted)
    ]


def next_request_status(
    status: RequestStatus,
    party: RequestParty,
    action: RequestAction,
    *,
    key: object,
    boosted: bool = False,
) -> RequestStatus:
    """The table's move, less the boost once used: a second boost is :class:`Refused`
    (``request.boost_once``), and a refusal names what this party may do now."""
    after = REQUEST_TRANSITIONS.next(
        status, party, action, key=key, allowed=allowed_actions(status, party, boosted=boosted)
    )
    if action == _A.BOOST and boosted:
        raise Refused("request.boost_once", f"buyer request {key} was already boosted")
    return after


# -- dates (R-REQ-4, R-REQ-5) --------------------------------------------------------------
def expires_at(last_activity_at: datetime) -> datetime:
    """14 days after the last activity: approval, a new offer or the boost."""
    return last_activity_at + EXPIRY


def is_expired(status: RequestStatus, last_activity_at: datetime | None, now: datetime) -> bool:
    return (
        status in EXPIRING and last_activity_at is not None and expires_at(last_activity_at) <= now
    )


def listing_date(created_at: datetime, boosted_at: datetime | None) -> datetime:
    """The request's date as sellers see it: a boosted request's date is its boost date."""
    return boosted_at if boosted_at is not None else created_at


def delivery_label(days: int) -> str | None:
    """24h, 3d or 7d when the delivery is a preset; None for "other"."""
    for label, preset in DELIVERY_PRESETS.items():
        if preset == days:
            return label
    return None


# -- posting (R-REQ-1, R-SRCH-7) ------------------------------------------------------------
@dataclass(frozen=True)
class RequestInput:
    """What the buyer posts: the search's ``request_prefill`` fields, plus ``delivery_days``
    for "other", criteria and an attachment."""

    description: str | None
    subcategory: str | None
    budget_cents: int | None
    category: str | None = None
    delivery: str | None = None
    delivery_days: int | None = None
    criteria: Mapping[str, Sequence[str]] = field(default_factory=dict)
    attachment: str | None = None  # an upload key


@dataclass(frozen=True)
class ValidRequest:
    description: str
    category: str
    subcategory: str
    delivery_days: int
    criteria: dict[str, list[str]]
    budget_cents: int
    attachment: str | None


_EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# A French number (0 then 9 digits) or an international one (+ then 8 to 14 digits), with the
# usual separators: dates and prices do not look like that.
_PHONE = re.compile(r"(?<![\w+])(?:\+\d(?:[\s.\-()]*\d){7,13}|0\d(?:[\s.\-]*\d){8})(?!\d)")
# Bare addresses in lower case only: "logo.Co-fondateur" is a missing space, not a link.
_LINK = re.compile(
    r"(?i:https?://|www\.)|\b[a-z0-9-]+\.(?:com|fr|net|org|io|be|ch|ca|co|info|biz|me|ly)\b"
)


def automatic_checks(description: str) -> list[FieldProblem]:
    """What refuses the obvious before a human looks (R-REQ-2), each named: too short,
    contact details (e-mail addresses, phone numbers), links."""
    problems: list[FieldProblem] = []
    if len(description) < MIN_DESCRIPTION_LENGTH:
        problems.append(
            FieldProblem(
                "description",
                "request.description.too_short",
                f"description must be at least {MIN_DESCRIPTION_LENGTH} characters: say what "
                "you want done",
            )
        )
    if _EMAIL.search(description) or _PHONE.search(description):
        problems.append(
            FieldProblem(
                "description",
                "request.contact_details",
                "description must not hold contact details (e-mail address, phone number): "
                "sellers answer with offers and messages on Microtache",
            )
        )
    if _LINK.search(_EMAIL.sub(" ", description)):  # an address's domain is not a link
        problems.append(
            FieldProblem(
                "description",
                "request.link",
                "description must not hold links (URLs, www., web addresses)",
            )
        )
    return problems


def validate_request(given: RequestInput, taxonomy: Taxonomy) -> ValidRequest:
    """The normalised request, or :class:`InvalidInput` naming every problem."""
    problems: list[FieldProblem] = []
    description = (given.description or "").strip()
    check_at_most(
        problems, "description", description, MAX_DESCRIPTION_LENGTH, rule="description.length"
    )
    problems += automatic_checks(description)
    sub = None
    criteria: dict[str, list[str]] = {}
    if given.category is not None and taxonomy.category(given.category) is None:
        problems.append(
            FieldProblem("category", "category.unknown", f"unknown category {given.category!r}")
        )
    elif given.subcategory is None:
        problems.append(FieldProblem("subcategory", "subcategory.required", "choose a subcategory"))
    else:
        sub = taxonomy.subcategory(given.subcategory)
        if sub is None:
            problems.append(
                FieldProblem(
                    "subcategory",
                    "subcategory.unknown",
                    f"unknown subcategory {given.subcategory!r}",
                )
            )
        elif given.category is not None and sub.category_slug != given.category:
            problems.append(
                FieldProblem(
                    "subcategory",
                    "subcategory.not_in_category",
                    f"subcategory {sub.slug!r} is not in category {given.category!r} but in "
                    f"{sub.category_slug!r}",
                )
            )
            sub = None
        else:
            criteria = validate_criteria(sub, given.criteria, problems)
    delivery_days = _delivery(given.delivery, given.delivery_days, problems)
    budget = given.budget_cents
    if budget is None:
        problems.append(FieldProblem("budget_cents", "budget.required", "give a budget"))
    elif budget < MIN_PRICE_CENTS:
        problems.append(
            FieldProblem(
                "budget_cents",
                "budget.min",
                f"budget_cents must be at least {MIN_PRICE_CENTS} ($5)",
            )
        )
    elif budget > MAX_PRICE_CENTS:
        problems.append(
            FieldProblem(
                "budget_cents", "budget.max", f"budget_cents must be at most {MAX_PRICE_CENTS}"
            )
        )
    if problems:
        raise InvalidInput(problems)
    assert sub is not None
    assert delivery_days is not None
    assert budget is not None
    return ValidRequest(
        description=description,
        category=sub.category_slug,
        subcategory=sub.slug,
        delivery_days=delivery_days,
        criteria=criteria,
        budget_cents=budget,
        attachment=given.attachment,
    )


def _delivery(preset: str | None, days: int | None, problems: list[FieldProblem]) -> int | None:
    """Exactly one of ``delivery`` (24h, 3d, 7d) and ``delivery_days`` (other, 1–30)."""
    if (preset is None) == (days is None):
        problems.append(
            FieldProblem(
                "delivery",
                "delivery.exactly_one",
                "give either delivery (24h, 3d or 7d) or delivery_days (1 to 30), not both",
            )
        )
        return None
    if preset is not None:
        if preset not in DELIVERY_PRESETS:
            problems.append(
                FieldProblem(
                    "delivery",
                    "delivery.choice",
                    f"delivery must be one of {', '.join(DELIVERY_PRESETS)}; for another "
                    "time use delivery_days",
                )
            )
            return None
        return DELIVERY_PRESETS[preset]
    assert days is not None
    low, high = DELIVERY_DAYS
    if not low <= days <= high:
        problems.append(
            FieldProblem(
                "delivery_days",
                "delivery_days.range",
                f"delivery_days must be between {low} and {high}",
            )
        )
        return None
    return days


def validate_reason(reason: str) -> str:
    """Support's reason for not approving: required, sent to the buyer (R-REQ-2)."""
    text = reason.strip()
    if not 1 <= len(text) <= MAX_REASON_LENGTH:
        raise InvalidInput.one(
            "reason", "reason.length", f"reason must be 1 to {MAX_REASON_LENGTH} characters"
        )
    return text


# -- offers (R-REQ-6) -------------------------------------------------------------------------
@dataclass(frozen=True)
class OfferInput:
    gig_id: int
    price_cents: int
    delivery_days: int
    message: str


def validate_offer(given: OfferInput) -> OfferInput:
    problems: list[FieldProblem] = []
    check_price(problems, "price_cents", given.price_cents, rule="offer.price_range")
    low, high = OFFER_DELIVERY_DAYS
    check_range(
        problems, "delivery_days", given.delivery_days, low, high, rule="delivery_days.range"
    )
    message = checked_text(
        problems, "message", given.message, 1, MAX_MESSAGE_LENGTH, rule="message.length"
    )
    if problems:
        raise InvalidInput(problems)
    return OfferInput(given.gig_id, given.price_cents, given.delivery_days, message)


def check_offer_gig(*, gig_found: bool, gig_subcategory: str | None, subcategory: str) -> None:
    """The offer goes with one of the seller's active gigs, in the request's subcategory."""
    if not gig_found:
        raise InvalidInput.one(
            "gig_id", "offer.gig_not_active", "gig_id must be one of your active gigs"
        )
    if gig_subcategory != subcategory:
        raise InvalidInput.one(
            "gig_id",
            "offer.gig_subcategory",
            f"the gig must be in the request's subcategory {subcategory!r}",
        )


class OfferSort(StrEnum):
    DATE = "date"  # newest first
    PRICE = "price"  # cheapest first
    DELIVERY = "delivery"  # fastest first
    RATING = "rating"  # best rated first
    REVIEWS = "reviews"  # most reviewed first
