"""The outbox drained into the real OpenSearch node: updates, deletes, versions, outages,
rebuilds and presence, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from opensearchpy.exceptions import ConflictError, NotFoundError
from prometheus_client import REGISTRY
from sqlalchemy import select
from sqlalchemy.orm import Session

from facets.taxonomy import TAXONOMY
from indexer.client import make_client
from indexer.gig_index import gig_index_body
from indexer.opensearch_local.launcher import free_port
from indexer.rebuild import rebuild_gig_index
from indexer.sync import drain_batch, drain_outbox, presence_sweep, sync_targets, take_rows
from marketplace_core.catalog.enums import GigStatus, SellerLevel
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.catalog.presence import record_heartbeat
from marketplace_core.clock import ManualClock
from marketplace_core.outbox import SearchOutbox
from microtache.bootstrap import reindex
from microtache.runtime import Runtime
from tests.factories import create_gig, create_seller
from tests.rows import clear_outbox


@dataclass(frozen=True)
class Live:
    seller_id: int
    gig_ids: tuple[int, int]


def document(runtime: Runtime, gig_id: int) -> dict[str, Any] | None:
    try:
        found: dict[str, Any] = runtime.search.get(index=runtime.names.gigs, id=str(gig_id))
    except NotFoundError:
        return None
    return found


def outbox(runtime: Runtime) -> list[SearchOutbox]:
    with Session(runtime.engine) as session:
        return list(session.scalars(select(SearchOutbox).order_by(SearchOutbox.id)))


def versions(runtime: Runtime, gig_id: int) -> tuple[int, int]:
    with Session(runtime.engine) as session:
        gig = session.get_one(Gig, gig_id)
        return gig.version, gig.seller.version


def search_ids(runtime: Runtime, query: dict[str, Any]) -> list[int]:
    runtime.search.indices.refresh(index=runtime.names.gigs)
    hits = runtime.search.search(index=runtime.names.gigs, body={"query": query})["hits"]["hits"]
    return sorted(int(h["_id"]) for h in hits)


@pytest.fixture
def live(runtime: Runtime) -> Live:
    """A seller with two active gigs, indexed behind the alias; the outbox drained."""
    with Session(runtime.engine) as session, session.begin():
        seller = create_seller(session, clock=runtime.clock, username="amina_logo")
        first = create_gig(session, seller=seller, clock=runtime.clock)
        second = create_gig(
            session,
            seller=seller,
            clock=runtime.clock,
            title="Je vais dessiner une mascotte pour votre marque",
        )
        result = Live(seller.id, (first.id, second.id))
    reindex(runtime, progress=False)
    # The creation rows: the rebuild already wrote these versions, the drain is told so (409).
    report = drain_outbox(runtime)
    assert (len(report.taken), report.done) == (2, 2)
    assert outbox(runtime) == []
    return result


def test_an_update_is_searchable_after_one_drain(runtime: Runtime, live: Live) -> None:
    gig_id = live.gig_ids[0]
    with Session(runtime.engine) as session, session.begin():
        gig = session.get_one(Gig, gig_id)
        gig.title = "Je vais créer un blason médiéval pour votre club"
        gig.packages[0].price_cents = 3500
    assert search_ids(runtime, {"match": {"title": "blason"}}) == []

    report = drain_outbox(runtime)

    assert (report.done, report.failed) == (1, 0)
    assert search_ids(runtime, {"match": {"title": "blason"}}) == [gig_id]
    found = document(runtime, gig_id)
    assert found is not None
    assert found["_source"]["price_from_cents"] == 3500
    assert found["_version"] == sum(versions(runtime, gig_id))
    assert outbox(runtime) == []


@pytest.mark.parametrize("how", ["pause", "soft delete", "hard delete"])
def test_a_paused_or_deleted_gig_is_gone_after_one_drain(
    runtime: Runtime, live: Live, how: str
) -> None:
    gig_id, other_id = live.gig_ids
    with Session(runtime.engine) as session, session.begin():
        gig = session.get_one(Gig, gig_id)
        if how == "pause":
            gig.status = GigStatus.PAUSED
        elif how == "soft delete":
            gig.status = GigStatus.DELETED
        else:
            session.delete(gig)

    report = drain_outbox(runtime)

    assert (report.done, report.failed) == (1, 0)
    assert document(runtime, gig_id) is None
    assert search_ids(runtime, {"match_all": {}}) == [other_id]
    assert outbox(runtime) == []


def test_a_paused_gig_comes_back_when_reactivated(runtime: Runtime, live: Live) -> None:
    gig_id = live.gig_ids[0]
    for status in (GigStatus.PAUSED, GigStatus.ACTIVE):
        with Session(runtime.engine) as session, session.begin():
            session.get_one(Gig, gig_id).status = status
        drain_outbox(runtime)
    assert search_ids(runtime, {"match_all": {}}) == sorted(live.gig_ids)


def test_a_seller_change_reaches_all_their_gigs_although_no_gig_version_moved(
    runtime: Runtime, live: Live
) -> None:
    before = {gig_id: document(runtime, gig_id) for gig_id in live.gig_ids}
    with Session(runtime.engine) as session, session.begin():
        seller = session.get_one(Seller, live.seller_id)
        seller.level = SellerLevel.TOP_RATED
        seller.display_name = "Amina Studio"

    report = drain_outbox(runtime)

    assert (len(report.taken), report.done, report.writes) == (1, 1, 2)
    assert search_ids(runtime, {"term": {"seller.level": "top_rated"}}) == sorted(live.gig_ids)
    for gig_id in live.gig_ids:
        after = document(runtime, gig_id)
        old = before[gig_id]
        assert after is not None
        assert old is not None
        assert after["_source"]["seller"]["display_name"] == "Amina Studio"
        assert after["_source"]["seller"]["level_rank"] == 3
        assert versions(runtime, gig_id)[0] == 1  # the gig did not change…
        assert after["_version"] == old["_version"] + 1  # …its document did


def test_a_language_change_reaches_the_documents(runtime: Runtime, live: Live) -> None:
    with Session(runtime.engine) as session, session.begin():
        seller = session.get_one(Seller, live.seller_id)
        seller.languages.remove(next(lang for lang in seller.languages if lang.language == "en"))
    drain_outbox(runtime)
    assert search_ids(runtime, {"term": {"seller.languages": "en"}}) == []
    assert search_ids(runtime, {"term": {"seller.languages": "fr"}}) == sorted(live.gig_ids)


def test_an_older_write_never_overwrites_a_newer_one(runtime: Runtime, live: Live) -> None:
    gig_id = live.gig_ids[0]
    stale = document(runtime, gig_id)
    assert stale is not None
    with Session(runtime.engine) as session, session.begin():
        session.get_one(Gig, gig_id).title = "Je vais créer un logo de la version la plus récente"
    drain_outbox(runtime)

    index = sync_targets(runtime.search, runtime.names)[0]
    with pytest.raises(ConflictError):
        runtime.search.index(
            index=index,
            id=str(gig_id),
            body=stale["_source"],
            params={"version": stale["_version"], "version_type": "external"},
        )
    current = document(runtime, gig_id)
    assert current is not None
    assert current["_source"]["title"].endswith("la plus récente")
    assert current["_version"] == stale["_version"] + 1


def drain_errors() -> float:
    return REGISTRY.get_sample_value("microtache_outbox_drain_errors_total") or 0.0


def test_an_outage_keeps_the_rows_and_retries_them_later(
    runtime: Runtime, live: Live, clock: ManualClock
) -> None:
    gig_id = live.gig_ids[0]
    with Session(runtime.engine) as session, session.begin():
        session.get_one(Gig, gig_id).title = "Je vais créer un logo pendant la panne"
    dead = make_client(f"http://127.0.0.1:{free_port()}", runtime.settings, timeout=2)
    down = dataclasses.replace(runtime, search=dead)

    for attempt, wait in ((1, 2), (2, 4)):
        errors_before = drain_errors()
        report = drain_outbox(down)
        assert (report.done, report.failed) == (0, 1)
        assert drain_errors() == errors_before + 1  # what /metrics shows
        [row] = outbox(runtime)
        assert row.attempts == attempt
        assert row.available_at == clock.now() + timedelta(seconds=wait)
        assert "search unreachable" in str(row.last_error)
        # Not taken again before its time, even with search back.
        assert drain_outbox(runtime).taken == ()
        clock.advance(timedelta(seconds=wait))
    dead.close()

    report = drain_outbox(runtime)
    assert (report.done, report.failed) == (1, 0)
    assert outbox(runtime) == []
    assert search_ids(runtime, {"match": {"title": "panne"}}) == [gig_id]


def test_a_refused_item_keeps_its_row_with_the_error(
    runtime: Runtime, live: Live, clock: ManualClock
) -> None:
    gig_id = live.gig_ids[0]
    [index] = sync_targets(runtime.search, runtime.names)
    runtime.search.indices.put_settings(index=index, body={"index.blocks.write": True})
    try:
        with Session(runtime.engine) as session, session.begin():
            session.get_one(Gig, gig_id).title = "Je vais créer un logo refusé puis accepté"
        report = drain_outbox(runtime)
        assert (report.done, report.failed) == (0, 1)
        [row] = outbox(runtime)
        assert row.attempts == 1
        assert "cluster_block_exception" in str(row.last_error)
    finally:
        runtime.search.indices.put_settings(index=index, body={"index.blocks.write": None})
    clock.advance(timedelta(seconds=2))
    assert drain_outbox(runtime).done == 1
    assert search_ids(runtime, {"match": {"title": "refusé"}}) == [gig_id]


def test_a_change_drained_during_a_rebuild_is_in_the_new_index(
    runtime: Runtime, live: Live
) -> None:
    gig_id = live.gig_ids[0]
    old_index = sync_targets(runtime.search, runtime.names)[0]
    seen: list[list[str]] = []

    def change_and_drain(new_index: str) -> None:
        # The rebuild has read the gig and is about to send its (now stale) document.
        with Session(runtime.engine) as session, session.begin():
            session.get_one(Gig, gig_id).title = "Je vais créer un logo pendant la reconstruction"
        seen.append(sync_targets(runtime.search, runtime.names))
        assert drain_outbox(runtime).done == 1

    report = rebuild_gig_index(
        runtime.search,
        runtime.engine,
        runtime.names,
        TAXONOMY,
        progress=False,
        before_send=change_and_drain,
    )

    assert seen == [[old_index, report.index]]  # the drain wrote to both
    assert list(runtime.search.indices.get_alias(name=runtime.names.gigs)) == [report.index]
    assert not runtime.search.indices.exists(index=old_index)
    # The rebuild's older write was refused by version, and did not fail the rebuild.
    assert report.documents == 2
    assert search_ids(runtime, {"match": {"title": "reconstruction"}}) == [gig_id]


def test_targets_are_the_live_index_and_newer_ones_built_by_the_engine(runtime: Runtime) -> None:
    client, names = runtime.search, runtime.names
    assert sync_targets(client, names) == []
    for version in (1, 2, 3):
        body = gig_index_body(TAXONOMY, building=False)
        client.indices.create(index=names.gigs_version(version), body=body)
    client.indices.put_alias(index=names.gigs_version(2), name=names.gigs)
    # What a write racing a rebuild's delete leaves on a cluster that auto-creates indices.
    client.indices.create(index=names.gigs_version(4))
    assert sync_targets(client, names) == [names.gigs_version(2), names.gigs_version(3)]


def test_rows_are_settled_when_no_index_exists_yet(runtime: Runtime) -> None:
    # The rebuild that will create the index reads the database after this drain.
    with Session(runtime.engine) as session, session.begin():
        create_gig(session, seller=create_seller(session, clock=runtime.clock), clock=runtime.clock)
    report = drain_outbox(runtime)
    assert (report.done, report.writes) == (1, 0)
    assert outbox(runtime) == []


def test_presence_reaches_the_online_field_both_ways(
    runtime: Runtime, live: Live, clock: ManualClock
) -> None:
    def online() -> list[int]:
        return search_ids(runtime, {"term": {"seller.online": True}})

    assert online() == []
    with Session(runtime.engine) as session, session.begin():
        record_heartbeat(session, session.get_one(Seller, live.seller_id), clock.now())
    drain_outbox(runtime)
    assert online() == sorted(live.gig_ids)

    # Seen again within the window: nothing to send.
    clock.advance(timedelta(minutes=4))
    with Session(runtime.engine) as session, session.begin():
        record_heartbeat(session, session.get_one(Seller, live.seller_id), clock.now())
    assert outbox(runtime) == []
    clock.advance(timedelta(seconds=runtime.settings.online_window_seconds))
    assert presence_sweep(runtime) == 0  # still within the window of the last heartbeat
    assert outbox(runtime) == []

    clock.advance(timedelta(seconds=1))
    assert presence_sweep(runtime) == 1
    assert [(r.entity.value, r.entity_id) for r in outbox(runtime)] == [("seller", live.seller_id)]
    drain_outbox(runtime)
    assert online() == []
    assert presence_sweep(runtime) == 0


def test_the_sweep_brings_online_a_seller_seen_without_a_heartbeat(
    runtime: Runtime, live: Live, clock: ManualClock
) -> None:
    with Session(runtime.engine) as session, session.begin():
        session.get_one(Seller, live.seller_id).last_seen_at = clock.now()
    assert outbox(runtime) == []
    assert presence_sweep(runtime) == 1
    drain_outbox(runtime)
    assert search_ids(runtime, {"term": {"seller.online": True}}) == sorted(live.gig_ids)


@pytest.fixture
def many_rows(runtime: Runtime, live: Live) -> list[int]:
    with Session(runtime.engine) as session, session.begin():
        seller = session.get_one(Seller, live.seller_id)
        for n in range(40):
            create_gig(
                session, seller=seller, clock=runtime.clock, title=f"Je vais créer le logo {n}"
            )
    return [row.id for row in outbox(runtime)]


def test_two_drains_never_take_the_same_rows(runtime: Runtime, many_rows: list[int]) -> None:
    if runtime.engine.dialect.name != "postgresql":
        pytest.skip("row locks (SKIP LOCKED) are PostgreSQL's; SQLite has one writer")
    now = runtime.clock.now()
    with Session(runtime.engine) as first, first.begin():
        taken_first = [row.id for row in take_rows(first, now, 15)]
        with Session(runtime.engine) as second, second.begin():
            taken_second = [row.id for row in take_rows(second, now, 100)]
    assert taken_first == many_rows[:15]
    assert taken_second == many_rows[15:]


def test_concurrent_drains_send_each_row_once(runtime: Runtime, many_rows: list[int]) -> None:
    if runtime.engine.dialect.name != "postgresql":
        pytest.skip("row locks (SKIP LOCKED) are PostgreSQL's; SQLite has one writer")
    start = threading.Barrier(2)
    taken: list[list[int]] = [[], []]

    def drain(slot: int) -> None:
        start.wait()
        while batch := drain_batch(runtime, batch_size=3).taken:
            taken[slot] += batch

    threads = [threading.Thread(target=drain, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(taken[0] + taken[1]) == many_rows
    assert not set(taken[0]) & set(taken[1])
    assert outbox(runtime) == []
    clear_outbox(runtime.engine)
