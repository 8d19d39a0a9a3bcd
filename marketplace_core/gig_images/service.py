"""A seller's gig images: add (re-encoded, stored), list, reorder, delete.

Each change touches the gig (a new version), so its search document follows through the
outbox with the new thumbnail, as for any other edit.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from marketplace_core.catalog.lifecycle import LIFECYCLE, GigAction, GigActor
from marketplace_core.catalog.models import Gig
from marketplace_core.clock import Clock
from marketplace_core.errors import NotFound
from marketplace_core.gig_images.encoding import EncodedImage, encode_image
from marketplace_core.gig_images.models import GigImage
from marketplace_core.gig_images.rules import VARIANTS, check_order, check_room, storage_key
from marketplace_core.storage import FileStorage

IN_CHUNK = 500


def _check_editable(gig: Gig) -> None:
    LIFECYCLE.next(gig.status, GigActor.SELLER, GigAction.UPDATE, key=gig.id)  # deleted: 409


def _touch(gig: Gig, clock: Clock) -> None:
    gig.updated_at = clock.now()
    flag_modified(gig, "updated_at")  # an UPDATE even within the same instant: a new version


def store_variants(storage: FileStorage, key: str, encoded: EncodedImage) -> None:
    for variant, data in zip(VARIANTS, (encoded.full, encoded.thumb), strict=True):
        storage.save_stream(storage_key(key, variant), [data], len(data))


def add_image(
    session: Session, storage: FileStorage, gig: Gig, *, data: bytes, clock: Clock
) -> GigImage:
    """Re-encode the upload (refused with 422 unless it is an image), store it, and put it
    last among the seller's gig's images (409 past the limit). ``gig`` is read unlocked: its
    row is locked once the image is encoded (that takes a while)."""
    _check_editable(gig)
    encoded = encode_image(data)
    session.refresh(gig, with_for_update={"of": Gig})  # PostgreSQL: concurrent edits wait
    _check_editable(gig)
    check_room(len(gig.images))
    key = secrets.token_hex(16)
    store_variants(storage, key, encoded)
    row = GigImage(
        key=key,
        position=len(gig.images),
        width=encoded.width,
        height=encoded.height,
        created_at=clock.now(),
    )
    try:
        gig.images.append(row)
        _touch(gig, clock)
        session.flush()
    except BaseException:
        _delete_files(storage, key)
        raise
    return row


def reorder_images(
    session: Session, gig: Gig, *, order: Sequence[int], clock: Clock
) -> list[GigImage]:
    """Put the images of the seller's gig (locked) in this order (ids); the first becomes the
    thumbnail."""
    _check_editable(gig)
    by_id = {image.id: image for image in gig.images}
    wanted = check_order(list(by_id), order)
    if wanted != [image.id for image in gig.images]:
        for position, image_id in enumerate(wanted):
            by_id[image_id].position = position
        _touch(gig, clock)
        session.flush()
        session.refresh(gig, ["images"])
    return list(gig.images)


def delete_image(
    session: Session, storage: FileStorage, gig: Gig, *, image_id: int, clock: Clock
) -> None:
    """Delete an image of the seller's gig (locked); those after it move up one place."""
    _check_editable(gig)
    image = next((i for i in gig.images if i.id == image_id), None)
    if image is None:
        raise NotFound("image", image_id)
    gig.images.remove(image)  # an orphan: deleted at flush
    for position, rest in enumerate(gig.images):
        rest.position = position
    _touch(gig, clock)
    session.flush()
    still_used = session.scalar(
        select(func.count()).select_from(GigImage).where(GigImage.key == image.key)
    )
    if not still_used:
        _delete_files(storage, image.key)


def _delete_files(storage: FileStorage, key: str) -> None:
    for variant in VARIANTS:
        storage.delete(storage_key(key, variant))


def first_image_keys(conn: Connection, gig_ids: Iterable[int]) -> dict[int, str]:
    """Each gig's thumbnail: the key of its first image (gigs without one are absent)."""
    ids = sorted(set(gig_ids))
    found: dict[int, str] = {}
    table = GigImage.__table__
    for start in range(0, len(ids), IN_CHUNK):
        rows = conn.execute(
            select(table.c.gig_id, table.c.key)
            .where(table.c.gig_id.in_(ids[start : start + IN_CHUNK]))
            .order_by(table.c.gig_id, table.c.position.desc(), table.c.id.desc())
        )
        found.update((gig_id, key) for gig_id, key in rows)  # the last one written wins
    return found
