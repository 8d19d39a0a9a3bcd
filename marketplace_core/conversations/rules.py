"""Pure rules of conversations (R-REQ-6 "contacts the seller", R-ORD-7 "may still talk in the
inbox"). No I/O.

A conversation is between exactly two users, at most one per pair and subject: the pair is
kept in a canonical order (lower user id first), and "no subject" is stored as a kind and an
id like any other subject so the unique constraint sees it (NULLs never collide).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from marketplace_core.errors import FieldProblem, InvalidInput, Refused

MESSAGE_LENGTH = (1, 5000)
PREVIEW_LENGTH = 140
CLIENT_LABEL = "Client"  # the public name of someone without a seller profile; never an e-mail
ALLOWED_CONTROLS = frozenset("\n\t")


class SubjectKind(StrEnum):
    NONE = "none"  # stored for "no subject" (contacting a seller from their profile)
    REQUEST_OFFER = "request_offer"  # a seller's offer on a buyer request (R-REQ-6)
    BUYER_REQUEST = "buyer_request"
    ORDER = "order"  # R-ORD-7


NO_SUBJECT_ID = 0


@dataclass(frozen=True)
class Subject:
    kind: SubjectKind
    id: int

    def __post_init__(self) -> None:
        # Programming errors, not user input: the subject comes from the caller's own checks.
        if self.kind == SubjectKind.NONE:
            raise ValueError("no subject is None, not SubjectKind.NONE")
        if self.id < 1:
            raise ValueError(f"a subject id is positive, not {self.id}")


def stored_subject(subject: Subject | None) -> tuple[SubjectKind, int]:
    """The (kind, id) columns: "no subject" is ("none", 0), so it still collides."""
    if subject is None:
        return SubjectKind.NONE, NO_SUBJECT_ID
    return subject.kind, subject.id


def subject_of(kind: SubjectKind, id_: int) -> Subject | None:
    return None if kind == SubjectKind.NONE else Subject(kind, id_)


def pair(a: int, b: int) -> tuple[int, int]:
    """The two participants in canonical order: the same pair whoever starts."""
    return (a, b) if a < b else (b, a)


def check_not_self(starter_id: int, other_id: int) -> None:
    """Nobody opens a conversation with themselves (e.g. "contact" on one's own profile)."""
    if starter_id == other_id:
        raise Refused("conversation.self", "you cannot open a conversation with yourself")


def validate_message(text: str) -> str:
    """The message as stored (stripped, line ends as ``\\n``), or :class:`InvalidInput`
    naming ``message`` and the rule: 1 to 5000 characters, no control characters but
    newlines and tabs."""
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    problems: list[FieldProblem] = []
    low, high = MESSAGE_LENGTH
    if not low <= len(body) <= high:
        problems.append(
            FieldProblem("message", "message.length", f"message must be {low} to {high} characters")
        )
    if any(unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS for c in body):
        problems.append(
            FieldProblem(
                "message",
                "message.control_characters",
                "message must not hold control characters other than newlines and tabs",
            )
        )
    if problems:
        raise InvalidInput(problems)
    return body


def preview(body: str) -> str:
    """The start of a message for the inbox and notifications, on one line."""
    line = " ".join(body.split())
    if len(line) <= PREVIEW_LENGTH:
        return line
    return line[: PREVIEW_LENGTH - 1].rstrip() + "…"


def public_name(seller_username: str | None) -> str:
    """How a participant is shown to the other: the seller username, else « Client »."""
    return seller_username if seller_username else CLIENT_LABEL
