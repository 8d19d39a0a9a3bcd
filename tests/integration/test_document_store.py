"""Stored gig documents on the real node and database: what builds a document keeps it, a
rebuild sends only current ones as they are, and anything stale is built again."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from indexer.document_store import BuiltDocument, document_format, store_documents
from indexer.documents import parts_of
from indexer.sync import drain_outbox
from indexer.verify import verify_index
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig, GigSearchDocument
from microtache.bootstrap import reindex
from microtache.runtime import Runtime
from tests.factories import create_gig, create_seller
from tests.rows import clear_outbox


@pytest.fixture
def gig_ids(runtime: Runtime) -> list[int]:
    """Three active gigs and a draft, indexed by a rebuild; the outbox empty."""
    with Session(runtime.engine) as session, session.begin():
        seller = create_seller(session, clock=runtime.clock, username="amina_logo")
        ids = [
            create_gig(session, seller=seller, clock=runtime.clock, title=f"Logo numéro {n}").id
            for n in range(3)
        ]
        create_gig(session, seller=seller, clock=runtime.clock, status=GigStatus.DRAFT)
    reindex(runtime, progress=False)
    clear_outbox(runtime.engine)
    return ids


def stored(runtime: Runtime) -> dict[int, GigSearchDocument]:
    with Session(runtime.engine) as session:
        return {row.gig_id: row for row in session.scalars(select(GigSearchDocument))}


def built(runtime: Runtime, gig_id: int) -> BuiltDocument:
    with Session(runtime.engine) as session:
        return BuiltDocument.of(parts_of(session.get_one(Gig, gig_id)))


def indexed_title(runtime: Runtime, gig_id: int) -> Any:
    return runtime.search.get(index=runtime.names.gigs, id=str(gig_id))["_source"]["title"]


def test_a_rebuild_keeps_each_active_gig_s_document_as_built(
    runtime: Runtime, gig_ids: list[int]
) -> None:
    kept = stored(runtime)
    assert sorted(kept) == gig_ids  # not the draft
    for gig_id in gig_ids:
        expected = built(runtime, gig_id)
        assert kept[gig_id].version == expected.version
        assert kept[gig_id].format == document_format()
        assert json.loads(kept[gig_id].body) == json.loads(expected.body)


def test_a_rebuild_sends_the_current_stored_document_as_it_is(
    runtime: Runtime, gig_ids: list[int]
) -> None:
    """What makes a rebuild cheap: a current document is not built again. The verifier is
    what finds a stored document gone wrong, and its repair mends the store too."""
    with runtime.engine.begin() as conn:
        conn.execute(
            update(GigSearchDocument)
            .where(GigSearchDocument.gig_id == gig_ids[0])
            .values(body=json.dumps(json.loads(built(runtime, gig_ids[0]).body) | {"title": "X"}))
        )
    reindex(runtime, progress=False)
    assert indexed_title(runtime, gig_ids[0]) == "X"

    report = verify_index(
        runtime.search, runtime.engine, runtime.names, repair=True, progress=False
    )
    assert [(d.gig_id, d.kind) for d in report.differences] == [(gig_ids[0], "stale")]
    reindex(runtime, progress=False)
    assert indexed_title(runtime, gig_ids[0]) == "Logo numéro 0"


def test_a_document_of_an_older_version_or_format_is_built_again(
    runtime: Runtime, gig_ids: list[int]
) -> None:
    with Session(runtime.engine) as session, session.begin():
        # Changed and committed, not drained yet: the stored document is a version behind.
        session.get_one(Gig, gig_ids[1]).title = "Logo pour votre restaurant"
    with runtime.engine.begin() as conn:
        conn.execute(
            update(GigSearchDocument)
            .where(GigSearchDocument.gig_id == gig_ids[2])
            .values(format="0.ancien", body='{"title": "Ancien format"}')
        )
    reindex(runtime, progress=False)
    assert indexed_title(runtime, gig_ids[1]) == "Logo pour votre restaurant"
    assert indexed_title(runtime, gig_ids[2]) == "Logo numéro 2"
    kept = stored(runtime)
    assert kept[gig_ids[1]].version == built(runtime, gig_ids[1]).version
    assert kept[gig_ids[2]].format == document_format()


def test_the_sync_keeps_the_document_it_sends(runtime: Runtime, gig_ids: list[int]) -> None:
    with Session(runtime.engine) as session, session.begin():
        session.get_one(Gig, gig_ids[0]).title = "Logo vintage pour brasserie"
    assert drain_outbox(runtime).failed == 0
    kept = stored(runtime)[gig_ids[0]]
    expected = built(runtime, gig_ids[0])
    assert (kept.version, kept.body) == (expected.version, expected.body)
    assert indexed_title(runtime, gig_ids[0]) == "Logo vintage pour brasserie"


def test_an_older_document_never_replaces_a_newer_one(runtime: Runtime, gig_ids: list[int]) -> None:
    """A rebuild and the sync may store the same gig's document at once, in either order."""
    newest = built(runtime, gig_ids[0])
    older = BuiltDocument(newest.gig_id, newest.version - 1, '{"title": "Plus ancien"}')
    with runtime.engine.begin() as conn:
        store_documents(conn, [older])
    assert stored(runtime)[gig_ids[0]].body == newest.body


def test_a_gig_deleted_takes_its_stored_document_with_it(
    runtime: Runtime, gig_ids: list[int]
) -> None:
    with Session(runtime.engine) as session, session.begin():
        session.delete(session.get_one(Gig, gig_ids[0]))
    assert sorted(stored(runtime)) == gig_ids[1:]
