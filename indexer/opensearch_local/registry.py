"""Where a running embedded node says its URL, so workers and commands find it."""

from __future__ import annotations

import os
from pathlib import Path


def url_file(home: Path) -> Path:
    return home / "node.url"


def publish(home: Path, url: str, pid: int) -> None:
    url_file(home).write_text(f"{url}\n{pid}\n")


def withdraw(home: Path) -> None:
    url_file(home).unlink(missing_ok=True)


def running_node_url(home: Path) -> str | None:
    try:
        url, pid = url_file(home).read_text().split()
        os.kill(int(pid), 0)  # raises if that process is gone
    except (OSError, ValueError):
        return None
    return url
