"""Full rebuild of the gig index behind its alias, while searches keep answering.

A new ``<alias>_v<N>`` is created without replicas or refresh, filled from the database in
keyset-paginated batches through size-capped ``_bulk`` requests, given its live settings, and
swapped in with one atomic alias request; older versions are then deleted.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.helpers import streaming_bulk
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, selectinload
from tqdm import tqdm

from facets.model import Taxonomy
from indexer.client import IndexNames
from indexer.documents import gig_document
from indexer.gig_index import LIVE_SETTINGS, gig_index_body
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.clock import Clock

BULK_MAX_BYTES = 5 * 1024 * 1024
DB_BATCH = 1000


class BulkError(RuntimeError):
    pass


@dataclass(frozen=True)
class RebuildReport:
    index: str
    documents: int
    seconds: float

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def existing_versions(client: OpenSearch, names: IndexNames) -> list[int]:
    pattern = re.compile(rf"^{re.escape(names.gigs)}_v(\d+)$")
    indices = client.indices.get(
        index=f"{names.gigs}_v*", allow_no_indices=True, ignore_unavailable=True
    )
    return sorted(int(m.group(1)) for name in indices if (m := pattern.match(name)))


def iter_active_gigs(engine: Engine, batch: int = DB_BATCH) -> Iterator[list[Gig]]:
    """Active gigs with their seller and packages, in id order, one batch at a time."""
    last_id = 0
    with Session(engine) as session:
        while True:
            gigs = session.scalars(
                select(Gig)
                .where(Gig.status == GigStatus.ACTIVE, Gig.id > last_id)
                .order_by(Gig.id)
                .limit(batch)
                .options(
                    selectinload(Gig.packages),
                    selectinload(Gig.seller).selectinload(Seller.languages),
                )
            ).all()
            if not gigs:
                return
            yield list(gigs)
            last_id = gigs[-1].id
            session.expunge_all()  # flat memory: nothing from earlier batches stays


def count_active_gigs(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(Gig).where(Gig.status == GigStatus.ACTIVE)
        ).scalar_one()


def rebuild_gig_index(
    client: OpenSearch,
    engine: Engine,
    names: IndexNames,
    taxonomy: Taxonomy,
    *,
    clock: Clock,
    online_window: timedelta,
    progress: bool = True,
) -> RebuildReport:
    started = time.perf_counter()
    versions = existing_versions(client, names)
    index = names.gigs_version((versions[-1] if versions else 0) + 1)
    client.indices.create(index=index, body=gig_index_body(taxonomy, building=True))
    try:
        total = count_active_gigs(engine)
        with tqdm(total=total, unit="doc", desc=f"reindex {index}", disable=not progress) as bar:
            for batch in iter_active_gigs(engine):
                now = clock.now()
                actions = (
                    {
                        "_index": index,
                        "_id": str(gig.id),
                        "_version": gig.version,
                        "_version_type": "external",
                        "_source": gig_document(gig, now=now, online_window=online_window),
                    }
                    for gig in batch
                )
                bar.update(_bulk(client, actions))
        client.indices.put_settings(index=index, body=LIVE_SETTINGS)
        client.indices.refresh(index=index)
        _swap_alias(client, names.gigs, index)
    except BaseException:
        client.indices.delete(index=index, ignore_unavailable=True)
        raise
    for old in versions:
        client.indices.delete(index=names.gigs_version(old), ignore_unavailable=True)
    documents = int(client.count(index=index)["count"])
    return RebuildReport(index, documents, time.perf_counter() - started)


def _bulk(client: OpenSearch, actions: Any) -> int:
    """Send actions through size-capped ``_bulk`` requests; fail on any item error."""
    done = 0
    errors: list[Any] = []
    for ok, item in streaming_bulk(
        client,
        actions,
        max_chunk_bytes=BULK_MAX_BYTES,
        chunk_size=2000,
        raise_on_error=False,
        raise_on_exception=True,
    ):
        if ok:
            done += 1
        else:
            errors.append(item)
    if errors:
        raise BulkError(f"{len(errors)} documents were refused, first: {errors[0]}")
    return done


def _swap_alias(client: OpenSearch, alias: str, index: str) -> None:
    actions: list[dict[str, Any]] = [{"add": {"index": index, "alias": alias}}]
    if client.indices.exists_alias(name=alias):
        current = client.indices.get_alias(name=alias)
        actions = [{"remove": {"index": old, "alias": alias}} for old in current] + actions
    client.indices.update_aliases(body={"actions": actions})
