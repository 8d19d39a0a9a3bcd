"""The API over a real database (SQLite, and PostgreSQL when configured) and the real
OpenSearch node: accounts, sellers, their gigs, favorites."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from marketplace_core.accounts.enums import Role
from marketplace_core.catalog.enums import GigStatus
from microtache.runtime import Runtime
from tests.factories import create_gig, create_seller, create_user
from tests.integration.api.harness import Api, People, serve


@pytest.fixture
def api(runtime: Runtime) -> Iterator[Api]:
    yield from serve(runtime)


@pytest.fixture
def people(api: Api) -> People:
    clock = api.runtime.clock
    with api.runtime.sessions.begin() as session:
        owner = create_user(session, clock=clock, email="claire@exemple.fr")
        other = create_user(session, clock=clock, email="marc@exemple.fr")
        buyer = create_user(session, clock=clock, email="paul@exemple.fr")
        support = create_user(session, clock=clock, email="aide@exemple.fr", role=Role.SUPPORT)
        seller = create_seller(session, clock=clock, username="claire_design", user=owner)
        create_seller(session, clock=clock, username="marc_voix", user=other)
        gigs = {
            status: create_gig(
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
