"""``POST /uploads``: a file, sent as the raw request body, stored as it streams in.

The body is read chunk by chunk and written straight to the file storage, so memory stays
flat up to the limit (``QUOTE_ATTACHMENT_MAX_BYTES``, 1 GB: R-QUO-2). A body over the limit
is 413 naming the field, and leaves no file. The answer's ``key`` is then given in a quote
request's ``attachments``; only the uploader can use it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Annotated

import anyio.from_thread
from fastapi import APIRouter, Header, Query, Request, status
from fastapi.responses import StreamingResponse

from marketplace_core.storage import CHUNK_BYTES, FileStorage
from marketplace_core.uploads.models import Upload
from marketplace_core.uploads.service import check_declared_size, storage_key, store_upload
from search_api.deps import CurrentUser, DbSession, RuntimeDep
from search_api.exposure import download_headers, download_type
from search_api.schemas.errors import InvalidInputOut, errors
from search_api.schemas.quotes import UploadOut

PATH = "/uploads"  # the request-size limit lets this path through: it has its own limit

router = APIRouter(tags=["uploads"])


def get_storage(request: Request) -> FileStorage:
    storage: FileStorage = request.app.state.file_storage
    return storage


def download_response(request: Request, upload: Upload) -> StreamingResponse:
    """The stored file, streamed chunk by chunk, as an attachment under its own name
    (never rendered by the browser: see :mod:`search_api.exposure`)."""
    handle = get_storage(request).open(storage_key(upload.key))

    def chunks() -> Iterator[bytes]:
        with handle:
            while chunk := handle.read(CHUNK_BYTES):
                yield chunk

    return StreamingResponse(
        chunks(),
        media_type=download_type(upload.content_type),
        headers={"Content-Length": str(upload.size_bytes)} | download_headers(upload.filename),
    )


def body_chunks(request: Request) -> Iterator[bytes]:
    """The request body as it arrives, for code running in a worker thread (a sync
    endpoint): each chunk is fetched from the event loop, one at a time."""
    stream: AsyncIterator[bytes] = request.stream().__aiter__()

    async def next_chunk() -> bytes | None:
        try:
            return await stream.__anext__()
        except StopAsyncIteration:
            return None

    while (chunk := anyio.from_thread.run(next_chunk)) is not None:
        if chunk:
            yield chunk


@router.post(
    PATH,
    status_code=status.HTTP_201_CREATED,
    summary="Envoyer un fichier",
    description=(
        "The request body is the file itself (any `Content-Type`, kept as sent), at most "
        "`QUOTE_ATTACHMENT_MAX_BYTES` (1 GiB by default); its name goes in `filename`. "
        "Answers the `key` to put in a quote request's `attachments`, with the size and "
        "SHA-256 as stored. Over the limit: 413, nothing kept."
    ),
    responses=errors(401, 422)
    | {
        413: {
            "model": InvalidInputOut,
            "description": "The file is over the limit (the problem names the field `file`).",
        }
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/octet-stream": {"schema": {"type": "string"}}},
        }
    },
)
def upload(
    request: Request,
    principal: CurrentUser,
    session: DbSession,
    runtime: RuntimeDep,
    filename: Annotated[str, Query(description="the file's name, as the user sees it")],
    content_length: Annotated[int | None, Header(include_in_schema=False)] = None,
    content_type: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> UploadOut:
    max_bytes = runtime.settings.quote_attachment_max_bytes
    check_declared_size(content_length, max_bytes)
    owner_id = principal.user.id
    # The file may take minutes: hold no database connection (nor transaction) meanwhile.
    session.commit()
    row = store_upload(
        session,
        get_storage(request),
        owner_id=owner_id,
        filename=filename,
        content_type=content_type,
        chunks=body_chunks(request),
        max_bytes=max_bytes,
        clock=runtime.clock,
    )
    return UploadOut.read(row)
