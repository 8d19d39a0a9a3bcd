"""The local file storage on a real disk (R-QUO-2): a file is published whole or not at all."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from marketplace_core.storage import FileTooLarge, LocalFileStorage


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_a_stream_is_stored_with_its_size_and_digest(tmp_path: Path) -> None:
    storage = LocalFileStorage(tmp_path)
    chunks = [b"bonjour ", b"le ", b"monde"]
    stored = storage.save_stream("uploads/ab/abc", iter(chunks), max_bytes=16)
    data = b"".join(chunks)
    assert (stored.key, stored.size) == ("uploads/ab/abc", len(data))
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    with storage.open("uploads/ab/abc") as handle:
        assert handle.read() == data
    assert files_under(tmp_path) == [tmp_path / "uploads" / "ab" / "abc"]
    storage.delete("uploads/ab/abc")
    storage.delete("uploads/ab/abc")  # already gone: not an error
    assert files_under(tmp_path) == []


def test_r_quo_2_past_the_limit_nothing_is_kept(tmp_path: Path) -> None:
    storage = LocalFileStorage(tmp_path)
    with pytest.raises(FileTooLarge):
        storage.save_stream("uploads/big", iter([b"x" * 10, b"y" * 10]), max_bytes=15)
    assert files_under(tmp_path) == []
    with pytest.raises(FileNotFoundError):
        storage.open("uploads/big")


def test_an_interrupted_stream_leaves_nothing(tmp_path: Path) -> None:
    def broken() -> Iterator[bytes]:
        yield b"le debut"
        raise ConnectionResetError("client gone")

    storage = LocalFileStorage(tmp_path)
    with pytest.raises(ConnectionResetError):
        storage.save_stream("uploads/cut", broken(), max_bytes=1000)
    assert files_under(tmp_path) == []


@pytest.mark.parametrize("key", ["../evil", "uploads/../../evil", "/etc/passwd", "A", ""])
def test_keys_cannot_leave_the_root(tmp_path: Path, key: str) -> None:
    with pytest.raises(ValueError, match="invalid storage key"):
        LocalFileStorage(tmp_path).save_stream(key, iter([b"x"]), max_bytes=10)
