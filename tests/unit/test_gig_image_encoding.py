"""Uploaded images are read from their bytes and re-encoded; nothing else gets through."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from marketplace_core.errors import InvalidInput, Refused
from marketplace_core.gig_images.encoding import MAX_PIXELS, THUMB_SIZE, encode_image
from marketplace_core.gig_images.rules import (
    MAX_IMAGES_PER_GIG,
    check_order,
    check_room,
    image_url,
    storage_key,
)


def picture(
    fmt: str, size: tuple[int, int] = (640, 400), mode: str = "RGB", **save: object
) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "orange" if mode != "1" else 1).save(out, fmt, **save)
    return out.getvalue()


def rule_of(data: bytes) -> str:
    with pytest.raises(InvalidInput) as caught:
        encode_image(data)
    [problem] = caught.value.problems
    assert problem.field == "file"
    return problem.rule


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_each_accepted_type_becomes_our_own_jpeg_and_thumbnail(fmt: str) -> None:
    data = picture(fmt)
    encoded = encode_image(data)
    for variant in (encoded.full, encoded.thumb):
        assert variant[:3] == b"\xff\xd8\xff"  # JPEG, whatever came in
        assert variant != data
    assert (encoded.width, encoded.height) == (640, 400)
    assert Image.open(io.BytesIO(encoded.thumb)).size == THUMB_SIZE


def test_large_images_are_scaled_down_and_transparency_lands_on_white() -> None:
    encoded = encode_image(picture("PNG", (3200, 1800), "RGBA"))
    assert (encoded.width, encoded.height) == (1600, 900)
    full = Image.open(io.BytesIO(encoded.full))
    assert full.mode == "RGB"


def test_metadata_is_not_kept() -> None:
    exif = Image.Exif()
    exif[0x010F] = "Appareil du vendeur"  # Make
    encoded = encode_image(picture("JPEG", exif=exif.tobytes()))
    assert b"Appareil du vendeur" not in encoded.full
    assert not Image.open(io.BytesIO(encoded.full)).getexif()


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "image.type"),
        (b"<html><script>alert(1)</script></html>", "image.type"),
        (b"%PDF-1.4 not an image", "image.type"),
        (picture("BMP"), "image.type"),  # an image, but not one of the accepted types
        (picture("PNG")[:60], "image.unreadable"),  # cut short
        (picture("PNG", (80, 400)), "image.too_small"),
    ],
)
def test_anything_else_is_refused_naming_the_file(data: bytes, rule: str) -> None:
    assert rule_of(data) == rule


def test_a_small_file_that_unpacks_into_a_huge_image_is_refused() -> None:
    data = picture("PNG", (8000, 8000), "1")
    assert len(data) < 100_000
    assert MAX_PIXELS < 8000 * 8000
    assert rule_of(data) == "image.too_many_pixels"


def test_a_gig_holds_at_most_five_images() -> None:
    check_room(MAX_IMAGES_PER_GIG - 1)
    with pytest.raises(Refused) as caught:
        check_room(MAX_IMAGES_PER_GIG)
    assert caught.value.rule == "gig.images.max"


def test_a_new_order_names_every_image_once() -> None:
    assert check_order([1, 2, 3], [3, 1, 2]) == [3, 1, 2]
    for wrong in ([1, 2], [1, 2, 3, 3], [1, 2, 4]):
        with pytest.raises(InvalidInput):
            check_order([1, 2, 3], wrong)


def test_keys_never_reach_outside_the_images() -> None:
    assert storage_key("3f9c2a", "thumb") == "gig-images/3f9c2a/thumb"
    assert image_url("3f9c2a", "full") == "/images/3f9c2a/full.jpg"
    for key, variant in (("../uploads", "thumb"), ("a/b", "full"), ("abc", "original")):
        with pytest.raises(ValueError, match="not an image key"):
            storage_key(key, variant)
