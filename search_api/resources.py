"""What an endpoint acts on, loaded and authorized before it runs: one typed dependency per
kind of object, its row locked (PostgreSQL) when the endpoint changes it.

Someone else's object is 404, as if it did not exist: the answer never tells whether it does.
The endpoint then calls one service function with the object and the caller's side of it; the
service applies the status table and saves with the version check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Protocol, TypeVar

from fastapi import Depends, Path
from sqlalchemy.orm import Session

from marketplace_core.accounts.service import Principal
from marketplace_core.alerts import service as alerts
from marketplace_core.alerts.models import SavedSearch
from marketplace_core.catalog import gigs
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.conversations import service as conversations
from marketplace_core.conversations.models import Conversation
from marketplace_core.errors import NotFound
from marketplace_core.orders import service as orders
from marketplace_core.orders.models import Order
from marketplace_core.orders.service import PartyOrder
from marketplace_core.quotes import service as quotes
from marketplace_core.quotes.service import PartyQuote
from marketplace_core.requests import service as requests
from marketplace_core.requests.models import BuyerRequest
from search_api.deps import MAX_ID, CurrentUser, DbSession, Id, RuntimeDep, SupportUser

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
Load = Callable[[Session, int, int], T]  # (session, the caller's user id, the object's id)


class Lockable(Protocol[T_co]):
    def __call__(
        self, session: Session, user_id: int, object_id: int, /, *, for_update: bool = ...
    ) -> T_co: ...


def _of_caller(load: Load[T], key: str) -> Callable[[int, Principal, Session], T]:
    """The dependency that loads, from the path parameter ``key``, what the caller may act on."""

    def dependency(object_id: int, principal: CurrentUser, session: DbSession) -> T:
        return load(session, principal.user.id, object_id)

    # Read from the path under its own name; set as an object, as no string can name ``key``.
    dependency.__annotations__["object_id"] = Annotated[int, Path(alias=key, ge=1, le=MAX_ID)]
    return dependency


def _for_update(load: Lockable[T]) -> Load[T]:
    return lambda session, user_id, object_id: load(session, user_id, object_id, for_update=True)


# -- orders: their buyer and seller; customer support ---------------------------------------
OrderForReading = Annotated[PartyOrder, Depends(_of_caller(orders.order_for, "order_id"))]
OrderForUpdate = Annotated[
    PartyOrder, Depends(_of_caller(_for_update(orders.order_for), "order_id"))
]


def _any_order_for_update(order_id: int, _support: SupportUser, session: DbSession) -> Order:
    order = orders.load(session, order_id, for_update=True)
    if order is None:
        raise NotFound("order", order_id)
    return order


SupportOrderForUpdate = Annotated[Order, Depends(_any_order_for_update)]

# -- gigs: their seller ---------------------------------------------------------------------
OwnGig = Annotated[Gig, Depends(_of_caller(gigs.own_gig, "gig_id"))]
OwnGigForUpdate = Annotated[Gig, Depends(_of_caller(_for_update(gigs.own_gig), "gig_id"))]

# -- quote requests: their buyer and seller -------------------------------------------------
QuoteForReading = Annotated[PartyQuote, Depends(_of_caller(quotes.party_request, "request_id"))]
QuoteForUpdate = Annotated[
    PartyQuote, Depends(_of_caller(_for_update(quotes.party_request), "request_id"))
]


# -- conversations: their two participants ------------------------------------------------
OwnConversation = Annotated[
    Conversation, Depends(_of_caller(conversations.conversation_for, "conversation_id"))
]
OwnConversationForUpdate = Annotated[
    Conversation,
    Depends(_of_caller(_for_update(conversations.conversation_for), "conversation_id")),
]


# -- saved searches: their buyer ------------------------------------------------------------
OwnSavedSearch = Annotated[
    SavedSearch, Depends(_of_caller(alerts.own_saved_search, "saved_search_id"))
]


# -- buyer requests: their buyer; customer support ------------------------------------------
def _moderated_request(request_id: int, _support: SupportUser, session: DbSession) -> BuyerRequest:
    return requests.any_request(session, request_id, for_update=True)


OwnRequest = Annotated[BuyerRequest, Depends(_of_caller(requests.own_request, "request_id"))]
OwnRequestForUpdate = Annotated[
    BuyerRequest, Depends(_of_caller(_for_update(requests.own_request), "request_id"))
]
ModeratedRequest = Annotated[BuyerRequest, Depends(_moderated_request)]


# -- buyer requests as a seller sees them: active, in the subcategory of one of their gigs ---
def _visible_request(
    request_id: Id, principal: CurrentUser, session: DbSession, runtime: RuntimeDep
) -> tuple[BuyerRequest, Seller]:
    return requests.visible_request(session, principal.user.id, request_id, clock=runtime.clock)


VisibleRequest = Annotated[tuple[BuyerRequest, Seller], Depends(_visible_request)]
