"""Read what gig documents are made of, straight from the tables, a batch at a time.

Five queries per batch (gigs, their packages, their sellers, the sellers' languages, the
gigs' first images) and no ORM objects: the rebuild streams the whole catalog through here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Row, select

from indexer.documents import GigParts
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig, GigPackage, Seller, SellerLanguage
from marketplace_core.gig_images.service import first_image_keys
from marketplace_core.sellers.quality import records

BATCH = 1000
IN_CHUNK = 500  # ids per IN (...) list

_GIGS = Gig.__table__
_PACKAGES = GigPackage.__table__
_SELLERS = Seller.__table__
_LANGUAGES = SellerLanguage.__table__


def iter_active_parts(engine: Engine, batch: int = BATCH) -> Iterator[list[GigParts]]:
    """Every active gig's parts, in id order, one batch at a time (keyset pagination, so
    each batch is one short query however far along)."""
    last_id = 0
    with engine.connect() as conn:
        while True:
            gigs = conn.execute(
                select(_GIGS)
                .where(_GIGS.c.status == GigStatus.ACTIVE, _GIGS.c.id > last_id)
                .order_by(_GIGS.c.id)
                .limit(batch)
            ).all()
            if not gigs:
                return
            yield _assemble(conn, gigs)
            last_id = gigs[-1].id


def load_parts(conn: Connection, ids: Iterable[int]) -> dict[int, GigParts]:
    """The parts of these gigs, whatever their status; a gig that is gone is absent."""
    gigs: list[Row[Any]] = []
    for chunk in _chunks(sorted(set(ids))):
        gigs.extend(conn.execute(select(_GIGS).where(_GIGS.c.id.in_(chunk))))
    return {parts.gig.id: parts for parts in _assemble(conn, gigs)}


def _assemble(conn: Connection, gigs: Sequence[Row[Any]]) -> list[GigParts]:
    packages: dict[int, list[Row[Any]]] = defaultdict(list)
    for chunk in _chunks([g.id for g in gigs]):
        for package in conn.execute(select(_PACKAGES).where(_PACKAGES.c.gig_id.in_(chunk))):
            packages[package.gig_id].append(package)
    seller_ids = sorted({g.seller_id for g in gigs})
    sellers: dict[int, Row[Any]] = {}
    languages: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(seller_ids):
        sellers.update(
            (s.id, s) for s in conn.execute(select(_SELLERS).where(_SELLERS.c.id.in_(chunk)))
        )
        for seller_id, language in conn.execute(
            select(_LANGUAGES.c.seller_id, _LANGUAGES.c.language)
            .where(_LANGUAGES.c.seller_id.in_(chunk))
            .order_by(_LANGUAGES.c.seller_id, _LANGUAGES.c.language)
        ):
            languages[seller_id].append(language)
    thumbnails = first_image_keys(conn, [g.id for g in gigs])
    counted = records(conn, seller_ids)
    return [
        GigParts(
            g,
            sellers[g.seller_id],
            packages[g.id],
            languages[g.seller_id],
            thumbnails.get(g.id),
            counted[g.seller_id],
        )
        for g in gigs
    ]


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), IN_CHUNK):
        yield ids[start : start + IN_CHUNK]
