"""Full rebuild of the gig index behind its alias, while searches keep answering.

A new ``<alias>_v<N>`` is created without replicas or refresh, filled from the database in
keyset-paginated batches through size-capped ``_bulk`` requests (the stored documents that are
current as they are, the others built and stored: ``indexer.document_store``), given its live
settings, and swapped in with one atomic alias request; older versions are then deleted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from opensearchpy import OpenSearch
from sqlalchemy import Engine, func, select
from tqdm import tqdm

from facets.model import Taxonomy
from indexer.bulk import build_behind_alias, bulk_all
from indexer.client import IndexNames
from indexer.document_store import index_action, iter_active_documents
from indexer.gig_index import LIVE_SETTINGS, gig_index_body
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig

REBUILD_THREADS = 2  # requests in flight: the node indexes one while the next is built


@dataclass(frozen=True)
class RebuildReport:
    index: str
    documents: int
    seconds: float

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


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
    progress: bool = True,
    before_send: Callable[[str], None] | None = None,
) -> RebuildReport:
    """``before_send(index)`` runs after each batch is read and before it is sent: the moment
    a concurrent sync must not be lost (tests interleave one there)."""
    started = time.perf_counter()

    def fill(index: str) -> None:
        total = count_active_gigs(engine)

        def actions() -> Iterator[dict[str, object]]:
            for batch in iter_active_documents(engine):
                built = [index_action(index, document) for document in batch]
                if before_send is not None:
                    before_send(index)
                yield from built

        with tqdm(total=total, unit="doc", desc=f"reindex {index}", disable=not progress) as bar:
            # Two requests in flight: the next batch is read and built while one is indexed.
            bulk_all(client, actions(), threads=REBUILD_THREADS, on_done=bar.update)

    body = gig_index_body(taxonomy, building=True)
    index, _ = build_behind_alias(client, names.gigs, names.gigs_version, body, LIVE_SETTINGS, fill)
    documents = int(client.count(index=index)["count"])
    return RebuildReport(index, documents, time.perf_counter() - started)
