"""Read an uploaded image and re-encode it: the stored files are always ours, never the
upload as sent. Pure (bytes in, bytes out); Pillow reads the type from the bytes.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from marketplace_core.errors import InvalidInput

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
MAX_PIXELS = 40_000_000  # a small file can unpack into a huge image: refuse before decoding
MIN_SIDE = 100
FULL_MAX_SIDE = 1600
THUMB_SIZE = (480, 360)  # cards show images at 4:3
QUALITY = 85


@dataclass(frozen=True)
class EncodedImage:
    full: bytes  # JPEG, at most FULL_MAX_SIDE on its longer side
    thumb: bytes  # JPEG, THUMB_SIZE, cropped to fill
    width: int  # of the full variant
    height: int


def _problem(rule: str, message: str) -> InvalidInput:
    return InvalidInput.one("file", rule, message)


def encode_image(data: bytes) -> EncodedImage:
    """The stored variants of an upload, or :class:`InvalidInput` naming ``file``."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            if image.width * image.height > MAX_PIXELS:
                raise _problem("image.too_many_pixels", f"file must be at most {MAX_PIXELS} pixels")
            image.load()
    except InvalidInput:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _problem(
            "image.type", f"file must be an image: {', '.join(ACCEPTED_FORMATS)}"
        ) from None
    except (OSError, ValueError, SyntaxError):  # truncated or corrupt data
        raise _problem("image.unreadable", "file is not a readable image") from None
    if min(image.size) < MIN_SIDE:
        raise _problem("image.too_small", f"file must be at least {MIN_SIDE} pixels on each side")
    return variants_of(ImageOps.exif_transpose(image))  # as the camera held it; no EXIF kept


def variants_of(image: Image.Image) -> EncodedImage:
    """The stored variants of a decoded image (an upload, or one the demo catalog drew)."""
    flat = _rgb(image)
    full = flat.copy()
    full.thumbnail((FULL_MAX_SIDE, FULL_MAX_SIDE), Image.Resampling.LANCZOS)
    thumb = ImageOps.fit(flat, THUMB_SIZE, Image.Resampling.LANCZOS)
    return EncodedImage(_jpeg(full), _jpeg(thumb), full.width, full.height)


def _rgb(image: Image.Image) -> Image.Image:
    """Transparent parts on white; every mode as plain RGB (the first frame of a GIF)."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return out.getvalue()
