"""Resolution-center rules over plain values: reasons, the request's statuses. No I/O.

A cancellation request (R-DIS-1) is opened by one party with a reason from a fixed list and
an optional explanation; the other party accepts or refuses within 48 h (R-DIS-2), the
requester may withdraw it (R-DIS-3); with no answer it expires and the order is cancelled.
Only one request is open on an order at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from types import MappingProxyType

from marketplace_core.errors import InvalidInput
from marketplace_core.orders.enums import Actor
from marketplace_core.transitions import TransitionTable

ANSWER_WITHIN = timedelta(hours=48)  # R-DIS-2: 48 h, "automatically after 2 days"
MAX_EXPLANATION_LENGTH = 2000


@dataclass(frozen=True)
class Reason:
    code: str
    fr: str
    en: str
    parties: frozenset[Actor]


_BOTH = frozenset({Actor.BUYER, Actor.SELLER})
REASONS: tuple[Reason, ...] = (
    Reason(
        "mutual_agreement",
        "Nous nous sommes mis d'accord pour annuler",
        "We agreed to cancel the order",
        _BOTH,
    ),
    Reason(
        "ordered_by_mistake",
        "J'ai commandé par erreur",
        "I ordered by mistake",
        frozenset({Actor.BUYER}),
    ),
    Reason(
        "seller_not_responding",
        "Le prestataire ne répond pas",
        "The seller is not responding",
        frozenset({Actor.BUYER}),
    ),
    Reason(
        "late_delivery",
        "Le prestataire n'a pas livré à temps",
        "The seller did not deliver on time",
        frozenset({Actor.BUYER}),
    ),
    Reason(
        "not_as_described",
        "La livraison ne correspond pas à la description du service",
        "The delivery is not as described",
        frozenset({Actor.BUYER}),
    ),
    Reason(
        "requirements_missing",
        "Le client n'a pas fourni les informations nécessaires",
        "The buyer did not provide the requirements",
        frozenset({Actor.SELLER}),
    ),
    Reason(
        "cannot_deliver",
        "Je ne suis pas en mesure de réaliser cette commande",
        "I am unable to do this order",
        frozenset({Actor.SELLER}),
    ),
    Reason(
        "buyer_not_responding",
        "Le client ne répond pas",
        "The buyer is not responding",
        frozenset({Actor.SELLER}),
    ),
    Reason("other", "Autre raison", "Other reason", _BOTH),
)
REASONS_BY_CODE = MappingProxyType({r.code: r for r in REASONS})


def reasons_for(party: Actor) -> list[Reason]:
    return [r for r in REASONS if party in r.parties]


def validate_reason(party: Actor, code: str, explanation: str) -> tuple[str, str]:
    allowed = [r.code for r in reasons_for(party)]
    if code not in allowed:
        raise InvalidInput.one(
            "reason",
            "cancellation.reason_not_allowed",
            f"reason must be one of: {', '.join(allowed)}",
        )
    explanation = explanation.strip()
    if len(explanation) > MAX_EXPLANATION_LENGTH:
        raise InvalidInput.one(
            "explanation",
            "cancellation.explanation_length",
            f"explanation must be at most {MAX_EXPLANATION_LENGTH} characters",
        )
    return code, explanation


class CancellationStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"  # no answer in 48 h: the order was cancelled
    CLOSED = "closed"  # the order ended otherwise (completed, cancelled) while it was open


class CancellationAction(StrEnum):
    ACCEPT = "accept"
    REFUSE = "refuse"
    WITHDRAW = "withdraw"
    EXPIRE = "expire"
    CLOSE = "close"


class CancellationRole(StrEnum):
    REQUESTER = "requester"
    RESPONDENT = "respondent"
    SYSTEM = "system"


_S = CancellationStatus
_R = CancellationRole
_A = CancellationAction
CANCELLATION_TRANSITIONS = TransitionTable(
    "cancellation request",
    {
        (_S.OPEN, _R.RESPONDENT, _A.ACCEPT): _S.ACCEPTED,
        (_S.OPEN, _R.RESPONDENT, _A.REFUSE): _S.REFUSED,
        (_S.OPEN, _R.REQUESTER, _A.WITHDRAW): _S.WITHDRAWN,
        (_S.OPEN, _R.SYSTEM, _A.EXPIRE): _S.EXPIRED,
        (_S.OPEN, _R.SYSTEM, _A.CLOSE): _S.CLOSED,
    },
)


def respond_by(opened_at: datetime) -> datetime:
    return opened_at + ANSWER_WITHIN
