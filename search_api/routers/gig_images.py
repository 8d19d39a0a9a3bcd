"""Gig images: ``/me/gigs/{id}/images`` for their seller, ``/images/{key}/…`` for everyone.

An upload is the raw request body, read up to ``GIG_IMAGE_MAX_BYTES``; its type is read from
its bytes (never from a name or a header), and only the re-encoded JPEG variants are kept
and served.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Request, Response, status

from marketplace_core.errors import NotFound
from marketplace_core.gig_images.rules import is_image_key, storage_key
from marketplace_core.gig_images.service import add_image, delete_image, reorder_images
from marketplace_core.uploads.service import check_declared_size, too_large
from search_api.deps import DbSession, Id, RuntimeDep
from search_api.resources import OwnGig, OwnGigForUpdate
from search_api.routers.uploads import body_chunks, get_storage
from search_api.schemas.errors import InvalidInputOut, errors
from search_api.schemas.gig_images import GigImageOut, ImageOrderIn

# The request-size limit lets uploads through: they have their own limit.
UPLOAD_PATH = re.compile(r"^/me/gigs/\d+/images$")
CACHE_FOREVER = "public, max-age=31536000, immutable"  # a key's files never change

router = APIRouter(tags=["gig images"])


@router.post(
    "/me/gigs/{gig_id}/images",
    status_code=status.HTTP_201_CREATED,
    response_model=GigImageOut,
    summary="Ajouter une image au service",
    description=(
        "The request body is the image itself: JPEG, PNG, WebP or GIF (read from the bytes, "
        "whatever the `Content-Type`), at least 100 px a side, at most `GIG_IMAGE_MAX_BYTES` "
        "(10 MiB by default) and 40 megapixels. It is re-encoded (JPEG, at most 1600 px, no "
        "metadata) with a 480 × 360 thumbnail and put last; the first image is the gig's "
        "thumbnail in search. At most 5 images: a sixth is 409 `gig.images.max`."
    ),
    responses=errors(401, 404, 409, 422)
    | {413: {"model": InvalidInputOut, "description": "Over the size limit (field `file`)."}},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"image/*": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
def upload_image(
    gig: OwnGig,
    request: Request,
    session: DbSession,
    runtime: RuntimeDep,
    content_length: Annotated[int | None, Header(include_in_schema=False)] = None,
) -> GigImageOut:
    max_bytes = runtime.settings.gig_image_max_bytes
    check_declared_size(content_length, max_bytes)
    data = bytearray()
    for chunk in body_chunks(request):
        data += chunk
        if len(data) > max_bytes:
            raise too_large("file", max_bytes)
    image = add_image(session, get_storage(request), gig, data=bytes(data), clock=runtime.clock)
    return GigImageOut.of(image)


@router.get(
    "/me/gigs/{gig_id}/images",
    response_model=list[GigImageOut],
    summary="Images du service",
    description="The gig's images in order; the first is its thumbnail.",
    responses=errors(401, 404, 422),
)
def list_images(gig: OwnGig) -> list[GigImageOut]:
    return [GigImageOut.of(i) for i in gig.images]


@router.put(
    "/me/gigs/{gig_id}/images",
    response_model=list[GigImageOut],
    summary="Réordonner les images",
    description="Send every image id once, in the new order; the first becomes the thumbnail.",
    responses=errors(401, 404, 409, 422),
)
def order_images(
    gig: OwnGigForUpdate, body: ImageOrderIn, session: DbSession, runtime: RuntimeDep
) -> list[GigImageOut]:
    images = reorder_images(session, gig, order=body.order, clock=runtime.clock)
    return [GigImageOut.of(i) for i in images]


@router.delete(
    "/me/gigs/{gig_id}/images/{image_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Supprimer une image",
    description="The images after it move up one place.",
    responses=errors(401, 404, 409, 422),
)
def remove_image(
    gig: OwnGigForUpdate,
    image_id: Id,
    request: Request,
    session: DbSession,
    runtime: RuntimeDep,
) -> Response:
    delete_image(session, get_storage(request), gig, image_id=image_id, clock=runtime.clock)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/images/{key}/{variant}.jpg",
    response_class=Response,
    summary="Image d'un service",
    description="A stored variant (`full` or `thumb`), JPEG, cached for good.",
    responses=errors(404, 422) | {200: {"content": {"image/jpeg": {}}}},
)
def image_file(
    key: Annotated[str, Path(max_length=64)], variant: Literal["full", "thumb"], request: Request
) -> Response:
    if not is_image_key(key):
        raise NotFound("image", key)
    try:
        with get_storage(request).open(storage_key(key, variant)) as handle:
            data = handle.read()
    except FileNotFoundError:
        raise NotFound("image", key) from None
    return Response(
        data,
        media_type="image/jpeg",
        headers={"Cache-Control": CACHE_FOREVER, "X-Content-Type-Options": "nosniff"},
    )
