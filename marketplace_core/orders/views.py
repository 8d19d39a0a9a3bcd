"""What one of an order's two parties sees of it, read here in a fixed number of queries
whatever the order holds (the answer reads no more): the order, its deliveries, revision
requests and extension offers, the seller's username, the cancellation requests, the reviews
this party may see, and the tip."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace_core.catalog.models import Seller
from marketplace_core.disputes.models import CancellationRequest
from marketplace_core.disputes.service import requests_on
from marketplace_core.orders import service
from marketplace_core.orders.enums import Actor
from marketplace_core.orders.models import ExtensionOffer, Order, OrderDelivery, RevisionRequest
from marketplace_core.reviews.models import Review
from marketplace_core.reviews.service import visible_on_order
from marketplace_core.tips.models import Tip
from marketplace_core.tips.service import tip_of


@dataclass(frozen=True)
class OrderView:
    order: Order
    actor: Actor
    deliveries: list[OrderDelivery]
    revision_requests: list[RevisionRequest]
    extension_offers: list[ExtensionOffer]
    allowed_actions: list[str]
    seller_username: str
    cancellation_requests: list[CancellationRequest]
    reviews: list[Review]  # those this party may see (double blind)
    tip: Tip | None


def order_view(session: Session, order: Order, actor: Actor) -> OrderView:
    return OrderView(
        order=order,
        actor=actor,
        deliveries=list(order.deliveries),
        revision_requests=list(order.revision_requests),
        extension_offers=list(order.extension_offers),
        allowed_actions=service.actions_for(order, actor),
        seller_username=session.scalars(
            select(Seller.username).where(Seller.id == order.seller_id)
        ).one(),
        cancellation_requests=requests_on(session, order.id),
        reviews=visible_on_order(session, order.id, actor),
        tip=tip_of(session, order.id),
    )
