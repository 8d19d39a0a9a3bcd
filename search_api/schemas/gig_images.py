"""Bodies of the gig image endpoints."""

from __future__ import annotations

from pydantic import BaseModel, Field

from marketplace_core.gig_images.models import GigImage
from marketplace_core.gig_images.rules import image_url
from search_api.schemas.base import RequestBody


class GigImageOut(BaseModel):
    id: int
    position: int = Field(description="0 is the gig's thumbnail")
    key: str = Field(description="the image's key, as search results' `thumbnail` gives it")
    width: int
    height: int
    url: str = Field(description="the re-encoded image (JPEG, at most 1600 px)")
    thumbnail_url: str = Field(description="480 × 360 JPEG, as on result cards")

    @classmethod
    def of(cls, image: GigImage) -> GigImageOut:
        return cls(
            id=image.id,
            position=image.position,
            key=image.key,
            width=image.width,
            height=image.height,
            url=image_url(image.key, "full"),
            thumbnail_url=image_url(image.key, "thumb"),
        )


class ImageOrderIn(RequestBody):
    order: list[int] = Field(
        description="every image id of the gig, once each; the first becomes the thumbnail",
        examples=[[12, 10, 11]],
    )
