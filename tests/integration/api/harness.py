"""What the API tests share: a client that can act as any account, and who is who."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from marketplace_core.accounts.models import User
from marketplace_core.accounts.service import open_session
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.notifications.emails import MemoryEmailSender
from microtache.runtime import Runtime
from search_api.app import create_app
from tests.rows import clear_outbox, outbox


def serve(runtime: Runtime, **settings: Any) -> Iterator[Api]:
    """The app over ``runtime`` (with these settings changed), its e-mails kept in a list."""
    if settings:
        runtime = dataclasses.replace(
            runtime, settings=runtime.settings.model_copy(update=settings)
        )
    app = create_app(runtime)
    app.state.email_sender = MemoryEmailSender()
    with TestClient(app) as client:
        yield Api(app, client, runtime)


@dataclass
class Api:
    app: FastAPI
    client: TestClient
    runtime: Runtime

    def token(self, user_id: int) -> str:
        """A fresh session's access token, opened as a login would (without the slow
        password check, which the login tests exercise)."""
        with self.runtime.sessions.begin() as session:
            user = session.get_one(User, user_id)
            issued = open_session(
                session,
                self.app.state.token_signer,
                self.app.state.account_policy,
                user,
                self.runtime.clock.now(),
            )
        return issued.access_token

    def auth(self, user_id: int) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(user_id)}"}

    def call(
        self,
        method: str,
        path: str,
        *,
        user: int | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        sent = dict(headers or {})
        if user is not None:
            sent |= self.auth(user)
        return self.client.request(method, path, json=json, headers=sent)

    def outbox(self) -> list[tuple[str, int]]:
        return outbox(self.runtime.engine)

    def clear_outbox(self) -> None:
        clear_outbox(self.runtime.engine)

    def gig(self, gig_id: int) -> Gig:
        with Session(self.runtime.engine) as session:
            return session.scalars(
                select(Gig).where(Gig.id == gig_id).options(selectinload(Gig.packages))
            ).one()

    def seller(self, username: str) -> Seller:
        with Session(self.runtime.engine) as session:
            return session.scalars(
                select(Seller)
                .where(Seller.username == username)
                .options(selectinload(Seller.languages))
            ).one()

    def count(self, model: type[Any]) -> int:
        with self.runtime.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


@dataclass(frozen=True)
class People:
    owner: int  # a seller (claire_design)
    other_seller: int  # another seller (marc_voix)
    buyer: int  # no seller profile
    support: int  # customer support, no seller profile
    gigs: dict[GigStatus, int]  # the owner's gigs, one per status
