"""What the buyer request service tests share: a buyer, support, sellers with gigs in some
subcategories, and short ways to act as each."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from facets.taxonomy import TAXONOMY
from marketplace_core.accounts.enums import Role
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.clock import ManualClock
from marketplace_core.db import make_sessionmaker
from marketplace_core.notifications.emails import MemoryEmailSender
from marketplace_core.notifications.enums import NotificationKind
from marketplace_core.notifications.models import Notification
from marketplace_core.requests import service
from marketplace_core.requests.models import BuyerRequest
from marketplace_core.requests.rules import OfferInput, RequestAction, RequestInput, RequestStatus
from tests.factories import create_gig, create_seller, create_user
from tests.rows import committed

LOGO: dict[str, Any] = {
    "description": "Un logo minimaliste pour ma boulangerie de quartier.",
    "subcategory": "conception-logo",
    "budget_cents": 5000,
    "delivery": "3d",
}


@dataclass
class Board:
    sessions: sessionmaker[Session]
    clock: ManualClock
    emails: MemoryEmailSender
    buyer: int
    support: int
    logo_seller: int  # user: an active logo gig
    voice_seller: int  # user: an active voice-over gig, a paused logo gig
    gigs: dict[str, int]  # "logo", "voice", "paused_logo" → gig id

    def tx(self) -> AbstractContextManager[Session]:
        return committed(self.sessions, self.emails)

    def post(self, buyer: int | None = None, **changes: Any) -> int:
        with self.tx() as session:
            row = service.post_request(
                session,
                buyer or self.buyer,
                RequestInput(**(LOGO | changes)),
                taxonomy=TAXONOMY,
                max_attachment_bytes=30 << 20,
                clock=self.clock,
            )
            return row.id

    def approve(self, request_id: int) -> None:
        with self.tx() as session:
            service.approve(session, service.any_request(session, request_id), clock=self.clock)

    def posted(self, **changes: Any) -> int:
        request_id = self.post(**changes)
        self.approve(request_id)
        return request_id

    def act(self, request_id: int, action: RequestAction, buyer: int | None = None) -> None:
        with self.tx() as session:
            row = service.own_request(session, buyer or self.buyer, request_id, for_update=True)
            service.buyer_action(session, row, action, clock=self.clock)

    def offer(self, request_id: int, seller: int | None = None, price: int = 4500) -> int:
        with self.tx() as session:
            offer = service.send_offer(
                session,
                seller or self.logo_seller,
                request_id,
                OfferInput(self.gigs["logo"], price, 3, "Trois pistes, deux retouches."),
                clock=self.clock,
            )
            return offer.id

    def status(self, request_id: int) -> RequestStatus:
        with self.sessions() as session:
            return session.get_one(BuyerRequest, request_id).status

    def get(self, request_id: int) -> BuyerRequest:
        with self.sessions() as session:
            return session.get_one(BuyerRequest, request_id)

    def listed(self, seller: int | None = None, **filters: Any) -> list[int]:
        with self.sessions() as session:
            page = service.matching_requests(
                session,
                seller or self.logo_seller,
                taxonomy=TAXONOMY,
                clock=self.clock,
                **filters,
            )
            return [r.id for r in page.requests]

    def notified(self, kind: NotificationKind) -> list[str]:
        with self.sessions() as session:
            return list(
                session.scalars(
                    select(Notification.link)
                    .where(Notification.kind == kind)
                    .order_by(Notification.id)
                )
            )


def open_board(engine: Engine, clock: ManualClock) -> Board:
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        buyer = create_user(session, clock=clock, email="paul@exemple.fr")
        support = create_user(session, clock=clock, email="aide@exemple.fr", role=Role.SUPPORT)
        claire = create_user(session, clock=clock, email="claire@exemple.fr")
        marc = create_user(session, clock=clock, email="marc@exemple.fr")
        logo_seller = create_seller(session, clock=clock, username="claire_design", user=claire)
        voice_seller = create_seller(session, clock=clock, username="marc_voix", user=marc)
        gigs = {
            "logo": create_gig(session, seller=logo_seller, clock=clock).id,
            "voice": create_gig(
                session,
                seller=voice_seller,
                clock=clock,
                subcategory="voix-off",
                attributes={"genre": ["femme"]},
                title="Je vais enregistrer votre voix off en français",
            ).id,
            "paused_logo": create_gig(
                session,
                seller=voice_seller,
                clock=clock,
                status=GigStatus.PAUSED,
                title="Je vais créer un logo en pause pour votre marque",
            ).id,
        }
        ids = (buyer.id, support.id, claire.id, marc.id)
    return Board(sessions, clock, MemoryEmailSender(), *ids, gigs)
