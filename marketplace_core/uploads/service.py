"""Store an upload as it streams in, and find the uploads a user may refer to.

The file goes to the storage first (it may take minutes and holds no database connection),
then its row is written; a row that cannot be written takes its file with it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath, PureWindowsPath

from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace_core.clock import Clock
from marketplace_core.errors import FieldProblem, InvalidInput, TooLarge
from marketplace_core.storage import FileStorage, FileTooLarge
from marketplace_core.uploads.models import Upload

MAX_FILENAME_LENGTH = 255
MAX_CONTENT_TYPE_LENGTH = 127
DEFAULT_CONTENT_TYPE = "application/octet-stream"


def storage_key(key: str) -> str:
    # Spread over 256 directories so none grows huge.
    return f"uploads/{key[:2]}/{key}"


def too_large(field: str, max_bytes: int) -> TooLarge:
    return TooLarge(
        [FieldProblem(field, "file.too_large", f"{field} must be at most {max_bytes} bytes")]
    )


def clean_filename(filename: str) -> str:
    """The last path component, as browsers send it from either kind of system."""
    name = PureWindowsPath(PurePosixPath(filename.strip()).name).name.strip()
    if not 1 <= len(name) <= MAX_FILENAME_LENGTH:
        raise InvalidInput.one(
            "filename",
            "filename.length",
            f"filename must be 1 to {MAX_FILENAME_LENGTH} characters",
        )
    if name in {".", ".."} or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise InvalidInput.one(
            "filename",
            "filename.invalid",
            "filename must be a file's name: not . or .., no control characters",
        )
    return name


def check_declared_size(declared: int | None, max_bytes: int, field: str = "file") -> None:
    """Refuse a declared size over the limit before reading anything."""
    if declared is not None and declared > max_bytes:
        raise too_large(field, max_bytes)


def store_upload(
    session: Session,
    storage: FileStorage,
    *,
    owner_id: int,
    filename: str,
    content_type: str | None,
    chunks: Iterable[bytes],
    max_bytes: int,
    clock: Clock,
    field: str = "file",
) -> Upload:
    name = clean_filename(filename)
    kind = (content_type or DEFAULT_CONTENT_TYPE).strip()[:MAX_CONTENT_TYPE_LENGTH]
    key = secrets.token_hex(16)
    try:
        stored = storage.save_stream(storage_key(key), chunks, max_bytes)
    except FileTooLarge:
        raise too_large(field, max_bytes) from None
    row = Upload(
        key=key,
        owner_id=owner_id,
        filename=name,
        content_type=kind or DEFAULT_CONTENT_TYPE,
        size_bytes=stored.size,
        sha256=stored.sha256,
        created_at=clock.now(),
    )
    try:
        session.add(row)
        session.flush()
    except BaseException:
        storage.delete(stored.key)
        raise
    return row


def own_uploads(
    session: Session, owner_id: int, keys: Sequence[str], *, max_bytes: int, field: str
) -> list[Upload]:
    """The owner's uploads for these keys, in order, or :class:`InvalidInput` naming each
    key that is not theirs (or not there) or is over ``max_bytes``."""
    found = {
        u.key: u
        for u in session.scalars(
            select(Upload).where(Upload.key.in_(list(keys)), Upload.owner_id == owner_id)
        )
    }
    problems: list[FieldProblem] = []
    for i, key in enumerate(keys):
        upload = found.get(key)
        path = f"{field}.{i}"
        if upload is None:
            problems.append(FieldProblem(path, "attachment.unknown", f"no upload {key!r} of yours"))
        elif upload.size_bytes > max_bytes:
            problems.append(
                FieldProblem(
                    path,
                    "attachment.too_large",
                    f"each attachment must be at most {max_bytes} bytes",
                )
            )
    if problems:
        raise InvalidInput(problems)
    return [found[k] for k in keys]
