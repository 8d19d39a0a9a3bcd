"""Where uploaded files live: a small interface and a local-disk implementation.

Files are written as they arrive, chunk by chunk, so memory stays flat whatever their size
(quote attachments go up to 1 GB, R-QUO-2). A file is written under a temporary name and
renamed only once complete and within its limit: a reader never sees a partial file, and a
refused or interrupted upload leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK_BYTES = 1024 * 1024  # how much is read or written at a time

_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$")


@dataclass(frozen=True)
class StoredFile:
    key: str
    size: int
    sha256: str


class FileTooLarge(Exception):
    """The stream passed ``max_bytes``; nothing was kept."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(f"file larger than {max_bytes} bytes")
        self.max_bytes = max_bytes


class FileStorage(Protocol):
    def save_stream(self, key: str, chunks: Iterable[bytes], max_bytes: int) -> StoredFile:
        """Store the chunks under ``key``; raise :class:`FileTooLarge` past ``max_bytes``
        (and keep nothing, as for any other failure)."""
        ...

    def open(self, key: str) -> BinaryIO:
        """The stored file, for reading; ``FileNotFoundError`` when there is none."""
        ...

    def delete(self, key: str) -> None:
        """Remove the file; removing a missing file is not an error."""
        ...


class LocalFileStorage:
    """Files under one directory; keys are relative paths of lower-case words."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # Temporary files sit on the same file system as their final place, so the rename
        # that publishes them is atomic.
        self._partial = root / ".partial"

    def path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"invalid storage key {key!r}")
        return self.root / key

    def save_stream(self, key: str, chunks: Iterable[bytes], max_bytes: int) -> StoredFile:
        final = self.path(key)
        self._partial.mkdir(parents=True, exist_ok=True)
        temp = self._partial / uuid.uuid4().hex
        digest = hashlib.sha256()
        size = 0
        try:
            with temp.open("xb") as out:
                for chunk in chunks:
                    size += len(chunk)
                    if size > max_bytes:
                        raise FileTooLarge(max_bytes)
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())  # on disk before a database row says it exists
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temp, final)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return StoredFile(key, size, digest.hexdigest())

    def open(self, key: str) -> BinaryIO:
        return self.path(key).open("rb")

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)
