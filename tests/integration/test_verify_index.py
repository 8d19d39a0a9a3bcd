"""`verify-index` against the real node: the index compared with the database, each kind of
difference found, what the outbox holds left to the drain, and the repair."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import Session

from indexer.documents import parts_of
from indexer.verify import NoIndex, comparable, verify_index
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig
from marketplace_core.catalog.presence import record_heartbeat
from marketplace_core.outbox import SearchOutbox
from microtache.bootstrap import reindex
from microtache.runtime import Runtime
from search_api.cli import main
from tests.factories import create_gig, create_seller

GIGS = 12


@pytest.fixture
def gig_ids(runtime: Runtime) -> list[int]:
    """Active gigs of two sellers, indexed; the outbox empty."""
    with Session(runtime.engine) as session, session.begin():
        sellers = [
            create_seller(session, clock=runtime.clock, username=name)
            for name in ("amina_logo", "jules_voix")
        ]
        ids = [
            create_gig(
                session,
                seller=sellers[n % 2],
                clock=runtime.clock,
                title=f"Je vais créer le logo numéro {n} de votre marque",
            ).id
            for n in range(GIGS)
        ]
    reindex(runtime, progress=False)
    clear_outbox(runtime)
    return ids


def clear_outbox(runtime: Runtime) -> None:
    with runtime.engine.begin() as conn:
        conn.execute(delete(SearchOutbox))


def forget(runtime: Runtime, gig_id: int) -> None:
    """The document deleted as by a write lost on the way: under its own version, so the
    repair's versioned write is not refused as older than the delete."""
    version = runtime.search.get(index=runtime.names.gigs, id=str(gig_id))["_version"]
    runtime.search.delete(
        index=runtime.names.gigs,
        id=str(gig_id),
        version=version,
        version_type="external_gte",
        refresh=True,
    )


def verify(runtime: Runtime, *, repair: bool = False, batch: int = 5) -> dict[int, str]:
    # A batch smaller than the catalog: every pass pages.
    report = verify_index(
        runtime.search, runtime.engine, runtime.names, repair=repair, progress=False, batch=batch
    )
    return {d.gig_id: d.kind for d in report.differences}


def indexed_source(runtime: Runtime, gig_id: int) -> dict[str, Any]:
    found: dict[str, Any] = runtime.search.get(index=runtime.names.gigs, id=str(gig_id))
    return dict(found["_source"])


def test_an_index_built_from_the_database_equals_it(runtime: Runtime, gig_ids: list[int]) -> None:
    report = verify_index(runtime.search, runtime.engine, runtime.names, progress=False, batch=5)
    assert (report.active_gigs, report.documents) == (GIGS, GIGS)
    assert report.differences == []
    assert report.pending == 0
    assert report.in_sync


def test_every_kind_of_difference_is_found_and_repaired(
    runtime: Runtime, gig_ids: list[int]
) -> None:
    missing, stale, extra, ahead, *_ = gig_ids
    alias = runtime.names.gigs
    forget(runtime, missing)
    with Session(runtime.engine) as session, session.begin():
        # Written behind the outbox's back: changes no drain will ever send.
        session.get_one(Gig, stale).title = "Je vais créer un logo que la recherche ignore"
        session.get_one(Gig, extra).status = GigStatus.PAUSED
        gig = session.get_one(Gig, ahead)
        parts = parts_of(gig)
        document = parts.document() | {"title": "Un titre venu d'une version future"}
        runtime.search.index(
            index=alias,
            id=str(ahead),
            body=document,
            version=parts.version + 5,
            version_type="external",
            refresh=True,
        )
    clear_outbox(runtime)

    assert verify(runtime) == {missing: "missing", stale: "stale", extra: "extra", ahead: "ahead"}
    report = verify_index(
        runtime.search, runtime.engine, runtime.names, repair=True, progress=False
    )
    assert report.repaired == 3, report.repair_errors  # all but the document ahead
    assert len(report.repair_errors) == 1
    assert "409" in report.repair_errors[0]
    assert not report.in_sync
    assert "microtache reindex" in report.summary()
    assert verify(runtime) == {ahead: "ahead"}
    with Session(runtime.engine) as session:
        expected = parts_of(session.get_one(Gig, stale)).document()
    assert comparable(indexed_source(runtime, stale)) == comparable(expected)

    reindex(runtime, progress=False)  # what the summary advises
    assert verify(runtime) == {}


def test_a_change_the_outbox_holds_is_pending_not_a_difference(
    runtime: Runtime, gig_ids: list[int]
) -> None:
    with Session(runtime.engine) as session, session.begin():
        session.get_one(Gig, gig_ids[0]).title = "Je vais créer un logo pas encore envoyé"
        session.get_one(Gig, gig_ids[1]).seller.display_name = "Amina, nouveau nom"
    report = verify_index(runtime.search, runtime.engine, runtime.names, progress=False)
    assert report.differences == []
    # The retitled gig, and every gig of the renamed seller.
    assert report.pending == 1 + GIGS // 2


def test_heartbeats_are_no_difference(runtime: Runtime, gig_ids: list[int]) -> None:
    with Session(runtime.engine) as session, session.begin():
        seller = session.get_one(Gig, gig_ids[0]).seller
        record_heartbeat(session, seller, runtime.clock.now())
        seller.search_online = False  # the sweep's business; here only last_seen_at moves
    clear_outbox(runtime)
    assert verify(runtime) == {}


def test_a_repair_of_a_document_uses_the_versioned_write(
    runtime: Runtime, gig_ids: list[int]
) -> None:
    """Rewriting under ``external_gte``: the same version with other content is replaced."""
    with Session(runtime.engine) as session:
        parts = parts_of(session.get_one(Gig, gig_ids[2]))
    runtime.search.index(
        index=runtime.names.gigs,
        id=str(parts.gig.id),
        body=parts.document() | {"title": "Même version, autre contenu"},
        version=parts.version,
        version_type="external_gte",
        refresh=True,
    )
    assert verify(runtime, repair=True) == {gig_ids[2]: "stale"}
    assert verify(runtime) == {}


def test_without_an_index_there_is_nothing_to_compare(runtime: Runtime) -> None:
    with pytest.raises(NoIndex, match="microtache reindex"):
        verify_index(runtime.search, runtime.engine, runtime.names, progress=False)


def test_the_command_says_what_differs_and_exits_non_zero_until_repaired(
    runtime: Runtime,
    gig_ids: list[int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from marketplace_core.config import get_settings

    monkeypatch.setenv("DATABASE_URL", runtime.settings.sqlalchemy_url)
    monkeypatch.setenv("OPENSEARCH_URL", runtime.opensearch_url)
    monkeypatch.setenv("OPENSEARCH_INDEX_PREFIX", runtime.names.prefix)
    monkeypatch.setenv("MICROTACHE_DATA_DIR", str(runtime.settings.data_dir))
    get_settings.cache_clear()
    try:
        forget(runtime, gig_ids[3])
        assert main(["verify-index"]) == 1
        said = capsys.readouterr()
        assert f"gig {gig_ids[3]}: missing" in said.out
        assert "1 missing, 0 stale, 0 extra, 0 ahead" in said.out
        assert "database → index" in said.err  # the progress bars
        assert main(["verify-index", "--repair"]) == 0
        assert "repaired 1 of 1" in capsys.readouterr().out
        assert main(["verify-index"]) == 0
    finally:
        get_settings.cache_clear()
