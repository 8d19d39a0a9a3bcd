"""Search events over plain values: ids, pseudonymous visitors, validation. No I/O.

Each results page gets a **search id**, signed by the engine: what the buyer then does with a
gig of that page (a click, a favorite, a quote request, an order) is an event pointing to it.
An event's natural key is its search, its kind and its gig, so sending it twice records it
once. The only person-related value kept is a **pseudonymous visitor id**: an HMAC, under a
key derived from the server secret, of the user id (logged in) or of a random id the client
chose (``X-Visitor-Id``). Neither an e-mail nor a raw user id reaches the analytics.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from marketplace_core.errors import FieldProblem

# An event may arrive before another API process has written the search it points to
# (each writes its buffer every few seconds); past this age, a search not found never will be.
RESOLVE_WITHIN = timedelta(minutes=10)
MAX_POSITION = 10_000
MAX_EVENTS_PER_REQUEST = 100

_STAMP_BYTES = 6  # milliseconds since the epoch: enough until the year 10889
_RANDOM_BYTES = 8
_TAG_BYTES = 8
_ID_BYTES = _STAMP_BYTES + _RANDOM_BYTES + _TAG_BYTES
SEARCH_ID_CHARS = 30  # base64url of 22 bytes, unpadded
_SEARCH_ID = re.compile(r"^[A-Za-z0-9_-]{30}$")
# A client's own visitor id: what a random cookie or a UUID looks like.
_VISITOR = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")


class EventType(StrEnum):
    CLICK = "click"  # the buyer opened a gig of the page (position required)
    FAVORITE = "favorite"
    QUOTE_REQUEST = "quote_request"
    ORDER = "order"  # also recorded by the orders core from the order's search id


@dataclass(frozen=True)
class SearchEvent:
    search_id: str
    type: EventType
    gig_id: int
    position: int | None  # 1-based rank of the gig in the results, across pages
    visitor: str | None  # pseudonymous; None: anonymous without an id
    at: datetime

    @property
    def key(self) -> str:
        """The natural key: the same action on the same gig of the same search is one event."""
        return f"{self.search_id}:{self.type.value}:{self.gig_id}"


def derive_key(secret: str, purpose: str) -> bytes:
    """A key of its own per use of the server secret."""
    return hmac.new(secret.encode(), f"microtache:{purpose}".encode(), hashlib.sha256).digest()


class SearchIds:
    """Mints search ids (the time, random bytes, a tag) and tells which ones are the engine's."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def mint(self, at: datetime) -> str:
        body = int(at.timestamp() * 1000).to_bytes(_STAMP_BYTES, "big")
        body += secrets.token_bytes(_RANDOM_BYTES)
        return base64.urlsafe_b64encode(body + self._tag(body)).decode().rstrip("=")

    def issued_at(self, value: str) -> datetime | None:
        """When the id was minted, or None if the engine did not mint it."""
        if not _SEARCH_ID.match(value):
            return None
        try:
            raw = base64.urlsafe_b64decode(value + "==")
        except (binascii.Error, ValueError):
            return None
        body, tag = raw[: _STAMP_BYTES + _RANDOM_BYTES], raw[_STAMP_BYTES + _RANDOM_BYTES :]
        if len(raw) != _ID_BYTES or not hmac.compare_digest(tag, self._tag(body)):
            return None
        # The last character holds 4 unused bits: one id, one spelling (events' keys hold it).
        if base64.urlsafe_b64encode(raw).decode().rstrip("=") != value:
            return None
        return datetime.fromtimestamp(int.from_bytes(body[:_STAMP_BYTES], "big") / 1000, UTC)

    def problem(
        self, value: str, *, now: datetime, retention: timedelta, field: str
    ) -> FieldProblem | None:
        """None if an event may point to this search id, else what is wrong with it."""
        issued = self.issued_at(value)
        if issued is None:
            return FieldProblem(
                field, "search_id.invalid", f"{field} must be the search_id of a results page"
            )
        if now - issued > retention:
            return FieldProblem(
                field,
                "search_id.expired",
                f"{field} is older than the {retention.days}-day retention of search events",
            )
        return None

    def _tag(self, body: bytes) -> bytes:
        return hmac.new(self._key, body, hashlib.sha256).digest()[:_TAG_BYTES]


class Pseudonyms:
    """Visitor ids: the same person gets the same id, which cannot be turned back into them
    without the key."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def of_user(self, user_id: int) -> str:
        return self._hash(f"user:{user_id}")

    def of_client_id(self, raw: str | None) -> str | None:
        """A client's random id (``X-Visitor-Id``), or None when absent or not one."""
        if raw is None or not _VISITOR.match(raw):
            return None
        return self._hash(f"client:{raw}")

    def _hash(self, text: str) -> str:
        return hmac.new(self._key, text.encode(), hashlib.sha256).hexdigest()[:32]


def position_problem(
    event_type: EventType, position: int | None, field: str
) -> FieldProblem | None:
    """A click says where the gig was; other events may."""
    if event_type is EventType.CLICK and position is None:
        return FieldProblem(
            field, "event.position.required", f"{field} is required for a click (1 for the first)"
        )
    return None


def retention_cutoff(now: datetime, days: int) -> datetime:
    """Searches and events older than this are deleted."""
    return now - timedelta(days=days)
