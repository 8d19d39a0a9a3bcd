"""Compare the gig index with the database, and repair what differs.

The database is the truth: every active gig must be searchable with the document its rows
make now, and no other gig may be. Two passes, a batch at a time (so the whole catalog is
never in memory): database → index (each active gig's document, fetched by id, must equal
the one built from its rows) and index → database (each indexed id must be an active gig).
A gig found different is looked at again before it counts, since a change may have been
committed or drained between the two reads; one the outbox still holds is only *pending*:
the drain will send it.

Repair rewrites each difference from the database, into every index a sync writes to, with
the document's external version (``external_gte``: a document of the same version but other
content is overwritten, an older write never wins), and keeps it as the stored document the
next rebuild sends. A document whose version is ahead of the database's cannot be rewritten
under versioning; only a rebuild fixes it.

Documents carry the seller's ``last_seen_at`` as last sent: heartbeats move it in the
database without a re-send (search follows presence through ``online`` only), so it is left
out of the comparison; that is also why a document's version may lag the database's while
its content is the same.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from opensearchpy import OpenSearch
from sqlalchemy import Engine, or_, select
from tqdm import tqdm

from indexer.bulk import send_bulk
from indexer.client import IndexNames
from indexer.document_store import BuiltDocument, build_active, index_action, store_documents
from indexer.documents import GigParts
from indexer.gig_source import iter_active_parts, load_parts
from indexer.rebuild import count_active_gigs
from indexer.sync import sync_targets
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig
from marketplace_core.outbox import OutboxEntity, SearchOutbox

log = logging.getLogger(__name__)

BATCH = 500
_IN_CHUNK = 500
# Copied into documents but moved by heartbeats without a re-send (see the module's notes).
UNSENT_FIELDS = (("seller", "last_seen_at"),)

Kind = Literal["missing", "stale", "extra", "ahead"]


class NoIndex(RuntimeError):
    pass


@dataclass(frozen=True)
class Difference:
    gig_id: int
    kind: Kind  # missing: active, not indexed; stale: indexed, other content; extra: indexed,
    # not active; ahead: other content under a newer version than the database's
    detail: str = ""


@dataclass
class VerifyReport:
    index: str
    active_gigs: int = 0  # in the database
    documents: int = 0  # in the index
    differences: list[Difference] = field(default_factory=list)
    pending: int = 0  # found different, but the outbox holds their change: the drain sends it
    repaired: int = 0
    repair_errors: list[str] = field(default_factory=list)

    def count(self, kind: Kind) -> int:
        return sum(1 for d in self.differences if d.kind == kind)

    @property
    def in_sync(self) -> bool:
        """Nothing differs, or every difference was repaired."""
        return self.repaired == len(self.differences)

    def summary(self) -> str:
        found = ", ".join(f"{self.count(k)} {k}" for k in ("missing", "stale", "extra", "ahead"))
        text = (
            f"{self.active_gigs} active gigs, {self.documents} documents in {self.index}: "
            f"{found}; {self.pending} pending in the outbox"
        )
        if self.repaired or self.repair_errors:
            text += f"; repaired {self.repaired} of {len(self.differences)}"
        if self.count("ahead") and not self.in_sync:
            text += " (documents ahead of the database: run `microtache reindex`)"
        return text


def verify_index(
    client: OpenSearch,
    engine: Engine,
    names: IndexNames,
    *,
    repair: bool = False,
    progress: bool = True,
    batch: int = BATCH,
) -> VerifyReport:
    """Compare the index searches read with the database; with ``repair``, rewrite what
    differs. Progress goes to stderr (a bar per pass)."""
    index = searched_index(client, names)
    report = VerifyReport(index)
    suspects: set[int] = set()  # gig ids that looked different on the first read

    report.active_gigs = count_active_gigs(engine)
    with tqdm(
        total=report.active_gigs, unit="gig", desc="database → index", disable=not progress
    ) as bar:
        for parts_batch in iter_active_parts(engine, batch):
            found = _fetch(client, index, [p.gig.id for p in parts_batch])
            suspects.update(
                p.gig.id for p in parts_batch if _compare(p, found.get(p.gig.id)) is not None
            )
            bar.update(len(parts_batch))

    client.indices.refresh(index=index)
    report.documents = int(client.count(index=index)["count"])
    with tqdm(
        total=report.documents, unit="doc", desc="index → database", disable=not progress
    ) as bar:
        for ids in _indexed_ids(client, index, batch):
            active = _active_among(engine, ids)
            suspects.update(gig_id for gig_id in ids if gig_id not in active)
            bar.update(len(ids))

    # A second look at each suspect, and at the outbox: what changed meanwhile is no
    # difference, and what the outbox holds is the drain's to send.
    waiting = _pending_in_outbox(engine, suspects)
    report.pending = len(waiting)
    settled = sorted(suspects - waiting)
    parts_now = _load(engine, settled)
    found_now = _fetch(client, index, settled)
    for gig_id in settled:
        now, hit = parts_now.get(gig_id), found_now.get(gig_id)
        kind: Kind | None = "extra" if hit else None
        if now is not None and now.gig.status == GigStatus.ACTIVE:
            kind = _compare(now, hit)
        if kind is not None:
            report.differences.append(Difference(gig_id, kind, _detail(now, hit)))

    if repair and report.differences:
        _repair(client, engine, names, report)
    return report


def verify_and_repair(client: OpenSearch, engine: Engine, names: IndexNames) -> VerifyReport:
    """The periodic run: compare, repair, and log what was found (a warning if anything)."""
    report = verify_index(client, engine, names, repair=True, progress=False)
    if report.differences:
        first = report.differences[0]
        log.warning(
            "verify-index: %s; first: gig %d %s (%s)",
            report.summary(),
            first.gig_id,
            first.kind,
            first.detail,
        )
    else:
        log.info("verify-index: %s", report.summary())
    return report


def searched_index(client: OpenSearch, names: IndexNames) -> str:
    """The index behind the gig alias (what searches read)."""
    if not client.indices.exists_alias(name=names.gigs):
        raise NoIndex(f"no index behind {names.gigs}: run `microtache reindex`")
    (index,) = client.indices.get_alias(name=names.gigs)
    return str(index)


def _is_active(parts: GigParts | None) -> bool:
    return parts is not None and parts.gig.status == GigStatus.ACTIVE


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """The document as JSON gives it back, less the fields the sync does not send."""
    copy: dict[str, Any] = json.loads(json.dumps(document))
    for path in UNSENT_FIELDS:
        *parents, leaf = path
        node = copy
        for key in parents:
            node = node.get(key) or {}
        node.pop(leaf, None)
    return copy


def _compare(parts: GigParts, hit: dict[str, Any] | None) -> Kind | None:
    """What is wrong with the document of an active gig, None if nothing."""
    if hit is None:
        return "missing"
    if comparable(hit["_source"]) == comparable(parts.document()):
        return None
    return "ahead" if int(hit["_version"]) > parts.version else "stale"


def _detail(parts: GigParts | None, hit: dict[str, Any] | None) -> str:
    status = parts.gig.status.value if parts else "gone"
    if hit is None:
        assert parts is not None
        return f"{status} gig, version {parts.version}, not indexed"
    if not _is_active(parts):
        return f"{status} gig indexed (document version {hit['_version']})"
    assert parts is not None
    indexed, expected = comparable(hit["_source"]), comparable(parts.document())
    fields = sorted(
        k for k in indexed.keys() | expected.keys() if indexed.get(k) != expected.get(k)
    )
    return (
        f"document version {hit['_version']}, database version {parts.version}; "
        f"differs in {', '.join(fields)}"
    )


def _fetch(client: OpenSearch, index: str, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The indexed documents of these gigs (with ``_version``), by id."""
    found: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(sorted(ids)):
        answer = client.mget(index=index, body={"ids": [str(i) for i in chunk]}, realtime=True)
        found.update((int(d["_id"]), d) for d in answer["docs"] if d.get("found"))
    return found


def _indexed_ids(client: OpenSearch, index: str, batch: int) -> Iterator[list[int]]:
    """Every id in the index, in order, a batch at a time (``search_after`` on ``gig_id``)."""
    after: list[Any] | None = None
    while True:
        body: dict[str, Any] = {
            "size": batch,
            "_source": False,
            "sort": [{"gig_id": "asc"}],
            "query": {"match_all": {}},
            "track_total_hits": False,
        }
        if after is not None:
            body["search_after"] = after
        hits = client.search(index=index, body=body)["hits"]["hits"]
        if not hits:
            return
        yield [int(h["_id"]) for h in hits]
        after = hits[-1]["sort"]


def _active_among(engine: Engine, ids: Sequence[int]) -> set[int]:
    active: set[int] = set()
    with engine.connect() as conn:
        for chunk in _chunks(list(ids)):
            active.update(
                conn.scalars(
                    select(Gig.id).where(Gig.id.in_(chunk), Gig.status == GigStatus.ACTIVE)
                )
            )
    return active


def _load(engine: Engine, ids: Iterable[int]) -> dict[int, GigParts]:
    with engine.connect() as conn:
        return load_parts(conn, ids)


def _pending_in_outbox(engine: Engine, gig_ids: Iterable[int]) -> set[int]:
    """Those of these gigs whose change (of the gig or of its seller) the outbox holds."""
    wanted = sorted(gig_ids)
    pending: set[int] = set()
    rows = SearchOutbox.__table__
    with engine.connect() as conn:
        for chunk in _chunks(wanted):
            sellers_of = select(Gig.seller_id).where(Gig.id.in_(chunk)).scalar_subquery()
            query = select(rows.c.entity, rows.c.entity_id).where(
                or_(
                    (rows.c.entity == OutboxEntity.GIG) & rows.c.entity_id.in_(chunk),
                    (rows.c.entity == OutboxEntity.SELLER) & rows.c.entity_id.in_(sellers_of),
                )
            )
            held = conn.execute(query).all()
            gigs = {entity_id for entity, entity_id in held if entity == OutboxEntity.GIG}
            sellers = {entity_id for entity, entity_id in held if entity == OutboxEntity.SELLER}
            pending |= gigs & set(chunk)
            if sellers:
                pending.update(
                    conn.scalars(
                        select(Gig.id).where(Gig.id.in_(chunk), Gig.seller_id.in_(sellers))
                    )
                )
    return pending


def _repair(client: OpenSearch, engine: Engine, names: IndexNames, report: VerifyReport) -> None:
    ids = [d.gig_id for d in report.differences]
    parts = _load(engine, ids)
    built = build_active(parts.values())
    with engine.begin() as conn:
        store_documents(conn, list(built.values()))
    targets = sync_targets(client, names)
    failed: dict[int, str] = {}
    actions = (_repair_action(i, g, parts.get(g), built.get(g)) for g in ids for i in targets)
    for ok, item in send_bulk(client, actions):
        ((op_type, result),) = item.items()
        status = int(result.get("status", 500))
        if ok or (op_type == "delete" and status == 404):  # nothing left to delete
            continue
        gig_id = int(result["_id"])
        failed.setdefault(
            gig_id, f"{op_type} {result.get('_index')}/{gig_id}: {status} {result.get('error')}"
        )
    report.repaired = len(ids) - len(failed)
    report.repair_errors = list(failed.values())


def _repair_action(
    index: str, gig_id: int, parts: GigParts | None, document: BuiltDocument | None
) -> dict[str, Any]:
    if document is not None:
        return index_action(index, document) | {"_version_type": "external_gte"}
    action: dict[str, Any] = {"_op_type": "delete", "_index": index, "_id": str(gig_id)}
    if parts is not None:  # a gig removed from the database has no version left
        action |= {"_version": parts.version, "_version_type": "external_gte"}
    return action


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _IN_CHUNK):
        yield ids[start : start + _IN_CHUNK]
