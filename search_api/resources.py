"""What an endpoint acts on, loaded and authorized before it runs: one typed dependency per
kind of object, its row locked (PostgreSQL) when the endpoint changes it.

Someone else's object is 404, as if it did not exist: the answer never tells whether it does.
The endpoint then calls one service function with the object and the caller's side of it; the
service applies the status table and saves with the version check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from marketplace_core.accounts.service import Principal
from marketplace_core.catalog import gigs
from marketplace_core.catalog.models import Gig
from marketplace_core.errors import NotFound
from marketplace_core.orders import service as orders
from marketplace_core.orders.models import Order
from marketplace_core.orders.service import PartyOrder
from marketplace_core.quotes import service as quotes
from marketplace_core.quotes.service import PartyQuote
from marketplace_core.requests import service as requests
from marketplace_core.requests.models import BuyerRequest
from search_api.deps import CurrentUser, DbSession, SupportUser


# -- orders: their buyer and seller -------------------------------------------------------
def _party_order(*, for_update: bool) -> Callable[[int, Principal, Session], PartyOrder]:
    def load(order_id: int, principal: CurrentUser, session: DbSession) -> PartyOrder:
        return orders.order_for(session, principal.user.id, order_id, for_update=for_update)

    return load


def _any_order_for_update(order_id: int, _support: SupportUser, session: DbSession) -> Order:
    order = orders.load(session, order_id, for_update=True)
    if order is None:
        raise NotFound("order", order_id)
    return order


OrderForReading = Annotated[PartyOrder, Depends(_party_order(for_update=False))]
OrderForUpdate = Annotated[PartyOrder, Depends(_party_order(for_update=True))]
# Customer support acts on any order.
SupportOrderForUpdate = Annotated[Order, Depends(_any_order_for_update)]


# -- gigs: their seller -------------------------------------------------------------------
def _own_gig(*, for_update: bool) -> Callable[[int, Principal, Session], Gig]:
    def load(gig_id: int, principal: CurrentUser, session: DbSession) -> Gig:
        return gigs.own_gig(session, principal.user.id, gig_id, for_update=for_update)

    return load


OwnGig = Annotated[Gig, Depends(_own_gig(for_update=False))]
OwnGigForUpdate = Annotated[Gig, Depends(_own_gig(for_update=True))]


# -- quote requests: their buyer and seller -----------------------------------------------
def _party_quote(*, for_update: bool) -> Callable[[int, Principal, Session], PartyQuote]:
    def load(request_id: int, principal: CurrentUser, session: DbSession) -> PartyQuote:
        return quotes.party_request(session, principal.user.id, request_id, for_update=for_update)

    return load


QuoteForReading = Annotated[PartyQuote, Depends(_party_quote(for_update=False))]
QuoteForUpdate = Annotated[PartyQuote, Depends(_party_quote(for_update=True))]


# -- buyer requests: their buyer, or customer support -------------------------------------
def _own_request(*, for_update: bool) -> Callable[[int, Principal, Session], BuyerRequest]:
    def load(request_id: int, principal: CurrentUser, session: DbSession) -> BuyerRequest:
        return requests.own_request(session, principal.user.id, request_id, for_update=for_update)

    return load


def _moderated_request(request_id: int, _support: SupportUser, session: DbSession) -> BuyerRequest:
    return requests.any_request(session, request_id, for_update=True)


OwnRequest = Annotated[BuyerRequest, Depends(_own_request(for_update=False))]
OwnRequestForUpdate = Annotated[BuyerRequest, Depends(_own_request(for_update=True))]
ModeratedRequest = Annotated[BuyerRequest, Depends(_moderated_request)]
