"""Drawn images for the demo catalog, so its pages look like a marketplace's.

A few images per subcategory (``PER_SUBCATEGORY``), drawn once with Pillow and shared by the
gigs of that subcategory: seeding stays quick whatever the catalog's size. The drawing
depends only on the subcategory (its category's colours, a layout of shapes, its name), so
the same catalog always gets the same pictures; files already stored are not drawn again.
"""

from __future__ import annotations

import colorsys
import random
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from tqdm import tqdm

from facets.model import Subcategory
from facets.taxonomy import TAXONOMY
from marketplace_core.gig_images.encoding import variants_of
from marketplace_core.gig_images.rules import storage_key
from marketplace_core.gig_images.service import store_variants
from marketplace_core.storage import FileStorage

PER_SUBCATEGORY = 3
SIZE = (800, 600)
FONT_SIZE = 40


@dataclass(frozen=True)
class DemoImage:
    key: str
    width: int
    height: int


def demo_key(subcategory: str, n: int) -> str:
    return f"demo-{subcategory}-{n}"


def draw_demo_images(storage: FileStorage, *, progress: bool = True) -> dict[str, list[DemoImage]]:
    """Every subcategory's images, drawn into ``storage`` unless already there."""
    found: dict[str, list[DemoImage]] = {}
    places = [
        (index / len(TAXONOMY.categories), sub)
        for index, category in enumerate(TAXONOMY.categories)
        for sub in category.subcategories
    ]
    with tqdm(total=len(places), unit="subcategory", desc="images", disable=not progress) as bar:
        for hue, sub in places:
            images = []
            for n in range(PER_SUBCATEGORY):
                key = demo_key(sub.slug, n)
                if not _stored(storage, key):
                    store_variants(storage, key, variants_of(draw(sub, n, hue)))
                images.append(DemoImage(key, *SIZE))
            found[sub.slug] = images
            bar.update()
    return found


def _stored(storage: FileStorage, key: str) -> bool:
    try:
        storage.open(storage_key(key, "thumb")).close()
    except FileNotFoundError:
        return False
    return True


def draw(sub: Subcategory, n: int, hue: float) -> Image.Image:
    """A gradient in the category's hue, shapes laid out by the subcategory and ``n``, and the
    subcategory's name."""
    rng = random.Random(zlib.crc32(f"{sub.slug}/{n}".encode()))
    width, height = SIZE
    hue = (hue + rng.uniform(-0.04, 0.04)) % 1.0
    top = _rgb(hue, 0.55, 0.92)
    bottom = _rgb((hue + 0.08) % 1.0, 0.75, 0.55)
    gradient = Image.linear_gradient("L").resize(SIZE)
    image = Image.composite(Image.new("RGB", SIZE, bottom), Image.new("RGB", SIZE, top), gradient)
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(rng.randint(5, 9)):
        x, y = rng.randint(-100, width), rng.randint(-100, height)
        size = rng.randint(60, 260)
        shade = (*_rgb((hue + rng.uniform(-0.15, 0.15)) % 1.0, 0.5, 0.98), rng.randint(40, 110))
        box = (x, y, x + size, y + size)
        shape = rng.choice(("circle", "square", "ring"))
        if shape == "circle":
            draw.ellipse(box, fill=shade)
        elif shape == "square":
            draw.rounded_rectangle(box, radius=size // 6, fill=shade)
        else:
            draw.ellipse(box, outline=shade, width=max(6, size // 12))
    font, label = _font_and_label(sub.label.fr)
    left, upper, right, lower = (round(v) for v in draw.textbbox((0, 0), label, font=font))
    text_width, text_height = right - left, lower - upper
    x, y = (width - text_width) // 2, int(height * 0.72)
    pad = 22
    draw.rounded_rectangle(
        (x - pad, y - pad, x + text_width + pad, y + text_height + pad * 1.4),
        radius=18,
        fill=(20, 24, 38, 150),
    )
    draw.text((x - left, y - upper), label, font=font, fill=(255, 255, 255, 255))
    return image


def _font_and_label(label: str) -> tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, str]:
    """DejaVu where the system has it (most do); else Pillow's own font, which has no
    accented letters: the label then goes without its accents."""
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", FONT_SIZE), label
    except OSError:
        folded = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
        return ImageFont.load_default(size=FONT_SIZE), folded


def _rgb(hue: float, saturation: float, value: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(hue, saturation, value)
    return round(r * 255), round(g * 255), round(b * 255)


def image_rows(
    pictures: dict[str, list[DemoImage]],
    gigs: list[tuple[int, str]],
    now: datetime,
) -> list[dict[str, Any]]:
    """Rows giving each gig (id, subcategory) one to three of its subcategory's images, the
    first picked by its id so neighbours differ."""
    rows: list[dict[str, Any]] = []
    for gig_id, subcategory in gigs:
        images = pictures[subcategory]
        count = 1 + gig_id % len(images)
        for position in range(count):
            image = images[(gig_id + position) % len(images)]
            rows.append(
                {
                    "gig_id": gig_id,
                    "position": position,
                    "key": image.key,
                    "width": image.width,
                    "height": image.height,
                    "created_at": now,
                }
            )
    return rows
