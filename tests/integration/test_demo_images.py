"""The demo catalog's drawn images: a few per subcategory, shared, stored once, the same
every time."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from facets.taxonomy import TAXONOMY
from marketplace_core.catalog.models import Gig
from marketplace_core.clock import ManualClock
from marketplace_core.demo.images import PER_SUBCATEGORY, draw
from marketplace_core.demo.seed import seed_catalog
from marketplace_core.gig_images.models import GigImage
from marketplace_core.gig_images.rules import MAX_IMAGES_PER_GIG, storage_key
from marketplace_core.storage import LocalFileStorage


def test_every_demo_gig_gets_images_of_its_subcategory(
    engine: Engine, clock: ManualClock, tmp_path: Path
) -> None:
    storage = LocalFileStorage(tmp_path / "files")
    report = seed_catalog(engine, gigs=120, seed=3, clock=clock, progress=False, images=storage)
    with Session(engine) as session:
        gigs = session.scalars(select(Gig)).all()
        assert len(gigs) == report.gigs
        for gig in gigs:
            assert 1 <= len(gig.images) <= min(PER_SUBCATEGORY, MAX_IMAGES_PER_GIG)
            assert [i.position for i in gig.images] == list(range(len(gig.images)))
            assert all(i.key.startswith(f"demo-{gig.subcategory}-") for i in gig.images)
        keys = set(session.scalars(select(GigImage.key).distinct()))
        rows = session.scalar(select(func.count()).select_from(GigImage)) or 0
        assert rows > len(keys)  # shared between gigs
    stored = sorted(p for p in (tmp_path / "files" / "gig-images").rglob("*") if p.is_file())
    assert len(stored) == 2 * PER_SUBCATEGORY * len(TAXONOMY.subcategories)  # full and thumb
    for key in keys:
        with storage.open(storage_key(key, "thumb")) as handle:
            assert Image.open(io.BytesIO(handle.read())).size == (480, 360)


def test_the_drawings_are_the_same_every_time_and_differ_between_subcategories() -> None:
    logo, translation = TAXONOMY.subcategory("conception-logo"), TAXONOMY.subcategory("traduction")
    assert logo is not None
    assert translation is not None
    assert draw(logo, 0, 0.1).tobytes() == draw(logo, 0, 0.1).tobytes()
    assert draw(logo, 0, 0.1).tobytes() != draw(logo, 1, 0.1).tobytes()
    assert draw(logo, 0, 0.1).tobytes() != draw(translation, 0, 0.1).tobytes()
