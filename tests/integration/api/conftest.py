"""The API over a real database (SQLite, and PostgreSQL when configured) and the real
OpenSearch node: accounts, sellers, their gigs, favorites."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from marketplace_core.accounts.enums import Role
from marketplace_core.catalog.enums import GigStatus
from microtache.runtime import Runtime
from search_api.app import create_app
from tests.factories import make_gig, make_seller, make_user
from tests.integration.api.harness import Api, People


@pytest.fixture
def api(runtime: Runtime) -> Iterator[Api]:
    app = create_app(runtime)
    with TestClient(app) as client:
        yield Api(app, client, runtime)


@pytest.fixture
def people(api: Api) -> People:
    clock = api.runtime.clock
    with api.runtime.sessions.begin() as session:
        owner = make_user(session, clock=clock, email="claire@exemple.fr")
        other = make_user(session, clock=clock, email="marc@exemple.fr")
        buyer = make_user(session, clock=clock, email="paul@exemple.fr")
        support = make_user(session, clock=clock, email="aide@exemple.fr", role=Role.SUPPORT)
        seller = make_seller(session, clock=clock, username="claire_design", user=owner)
        make_seller(session, clock=clock, username="marc_voix", user=other)
        gigs = {
            status: make_gig(
                session,
                seller=seller,
                clock=clock,
                status=status,
                title=f"Je vais créer un logo ({status.value}) pour votre marque",
            ).id
            for status in GigStatus
        }
        people = People(owner.id, other.id, buyer.id, support.id, gigs)
    api.clear_outbox()
    return people
