"""Gig documents kept as built, beside the rows they come from, and the bulk action sending one.

Building a document (its rows read, its labels, its seller's record) costs the interpreter
more than the node spends indexing it: a rebuild that built a million would leave the node
waiting. So what builds a document stores it (the sync, with the drain's commit; a rebuild,
for those it had to build), and a rebuild sends the current ones as stored, JSON straight
from the database into ``_bulk``.

A stored document is current when its version is the gig's (gig + seller versions, which
every change to what a document copies or counts bumps: see ``marketplace_core.outbox``) and
its format is this code's (:data:`indexer.documents.DOCUMENT_FORMAT` and the taxonomy it
labels with). Anything else is built again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, select

from facets.taxonomy import TAXONOMY
from indexer.documents import DOCUMENT_FORMAT, GigParts
from indexer.gig_source import BATCH, load_parts
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig, GigSearchDocument, Seller
from marketplace_core.persistence import dialect_insert

_GIGS = Gig.__table__
_SELLERS = Seller.__table__
_STORED = GigSearchDocument.__table__


@dataclass(frozen=True, slots=True)
class BuiltDocument:
    gig_id: int
    version: int  # the document's external version
    body: str  # its JSON

    @classmethod
    def of(cls, parts: GigParts) -> BuiltDocument:
        return cls(parts.gig.id, parts.version, orjson.dumps(parts.document()).decode())


def build_active(parts: Iterable[GigParts]) -> dict[int, BuiltDocument]:
    """The documents of those gigs that are active (the others have none), by gig id."""
    return {p.gig.id: BuiltDocument.of(p) for p in parts if p.gig.status == GigStatus.ACTIVE}


def index_action(index: str, document: BuiltDocument) -> dict[str, Any]:
    """The bulk action writing ``document`` unless the index holds a newer version."""
    return {
        "_index": index,
        "_id": str(document.gig_id),
        "_version": document.version,
        "_version_type": "external",
        "_source": document.body,  # JSON text: the serializer sends it as it is
    }


@cache
def document_format() -> str:
    """What built a document: the builder's number and a digest of the taxonomy whose labels
    it copies (a renamed subcategory changes every document of it)."""
    digest = hashlib.blake2b(repr(TAXONOMY).encode(), digest_size=6).hexdigest()
    return f"{DOCUMENT_FORMAT}.{digest}"


def store_documents(conn: Connection, documents: Sequence[BuiltDocument]) -> None:
    """Keep these documents, each unless a newer version is kept already (a rebuild and the
    sync may store the same gig's at once)."""
    if not documents:
        return
    built_by = document_format()
    insert = dialect_insert(conn)(_STORED)
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=[_STORED.c.gig_id],
            set_={
                "version": insert.excluded.version,
                "format": insert.excluded.format,
                "body": insert.excluded.body,
            },
            where=_STORED.c.version <= insert.excluded.version,
        ),
        [
            {"gig_id": d.gig_id, "version": d.version, "format": built_by, "body": d.body}
            for d in documents
        ],
    )


def iter_active_documents(engine: Engine, batch: int = BATCH) -> Iterator[list[BuiltDocument]]:
    """Every active gig's document in id order, a batch at a time: the stored one where it is
    current, else built from the rows and stored (committed batch by batch, so the next
    rebuild finds it even if this one stops)."""
    wanted = document_format()
    last_id = 0
    with engine.connect() as conn:
        while True:
            rows = conn.execute(
                select(
                    _GIGS.c.id,
                    (_GIGS.c.version + _SELLERS.c.version).label("version"),
                    _STORED.c.version.label("stored_version"),
                    _STORED.c.format,
                    _STORED.c.body,
                )
                .join(_SELLERS, _SELLERS.c.id == _GIGS.c.seller_id)
                .outerjoin(_STORED, _STORED.c.gig_id == _GIGS.c.id)
                .where(_GIGS.c.status == GigStatus.ACTIVE, _GIGS.c.id > last_id)
                .order_by(_GIGS.c.id)
                .limit(batch)
            ).all()
            if not rows:
                return
            current = {
                r.id: BuiltDocument(r.id, r.version, r.body)
                for r in rows
                if r.stored_version == r.version and r.format == wanted
            }
            if len(current) < len(rows):
                stale = [r.id for r in rows if r.id not in current]
                built = build_active(load_parts(conn, stale).values())
                store_documents(conn, list(built.values()))
                conn.commit()
                current.update(built)
            yield [current[r.id] for r in rows if r.id in current]
            last_id = rows[-1].id
