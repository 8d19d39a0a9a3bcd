"""What a gig's images must be: how many, how large, in which order. Pure, no I/O."""

from __future__ import annotations

import re
from collections.abc import Sequence

from marketplace_core.errors import InvalidInput, Refused

MAX_IMAGES_PER_GIG = 5
# Stored variants of every image, and the storage key of each.
VARIANTS = ("full", "thumb")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def is_image_key(key: str) -> bool:
    return bool(_KEY.match(key))


def storage_key(key: str, variant: str) -> str:
    if not is_image_key(key) or variant not in VARIANTS:
        raise ValueError(f"not an image key and variant: {key!r}, {variant!r}")
    return f"gig-images/{key}/{variant}"


def image_url(key: str, variant: str = "thumb") -> str:
    """Where the pages and clients fetch a stored variant."""
    storage_key(key, variant)  # checks both
    return f"/images/{key}/{variant}.jpg"


def check_room(count: int) -> None:
    if count >= MAX_IMAGES_PER_GIG:
        raise Refused(
            "gig.images.max",
            f"a gig holds at most {MAX_IMAGES_PER_GIG} images; delete one first",
        )


def check_order(current: Sequence[int], wanted: Sequence[int]) -> list[int]:
    """``wanted`` must name each of the gig's images once: the new order."""
    if sorted(wanted) != sorted(current) or len(set(wanted)) != len(wanted):
        raise InvalidInput.one(
            "order",
            "images.order",
            f"order must list each of the gig's image ids once: {sorted(current)}",
        )
    return list(wanted)
