"""What browsers may do with the API: which other sites may call it (CORS), and how files
that users uploaded are sent back (never as a page of the API's origin).

- CORS: only the front-end's origins, ``PUBLIC_BASE_URL``'s and those of ``CORS_ORIGINS``;
  no credentials mode (the API takes bearer tokens, the pages' cookie stays same-site).
- Downloads: ``Content-Disposition: attachment`` under the file's own name, ``nosniff``, a
  sandboxing policy in case a browser renders it anyway, and a type that a browser would
  run (HTML, SVG, XML, scripts) sent as ``application/octet-stream``.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from marketplace_core.config import Settings

CORS_HEADERS = ["Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Request-ID"]
CORS_EXPOSED = ["ETag", "Location", "Retry-After", "X-Request-ID"]
# Types a browser renders or runs as part of the page's origin.
ACTIVE_TYPES = (
    "text/html",
    "application/xhtml",
    "image/svg",
    "text/xml",
    "application/xml",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/ecmascript",
    "application/x-shockwave-flash",
    "application/pdf",
    "multipart/",
)
DOWNLOAD_POLICY = "sandbox; default-src 'none'"


def origin_of(url: str) -> str | None:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


def front_end_origins(settings: Settings) -> list[str]:
    found: list[str] = []
    for url in [settings.public_base_url, *settings.cors_origins.split(",")]:
        if not url.strip():
            continue
        origin = origin_of(url)
        if origin is None:
            raise ValueError(f"CORS_ORIGINS: {url!r} is not an http(s) origin")
        if origin not in found:
            found.append(origin)
    return found


def install_cors(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(
        CORSMiddleware,
        allow_origins=front_end_origins(settings),
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=CORS_HEADERS,
        expose_headers=CORS_EXPOSED,
        max_age=600,
    )


def download_type(content_type: str) -> str:
    """The type to send a stored file as: its own, unless a browser would run it."""
    lowered = content_type.strip().lower()
    if not lowered or lowered.startswith(ACTIVE_TYPES) or "html" in lowered:
        return "application/octet-stream"
    return content_type


def download_headers(filename: str) -> dict[str, str]:
    return {
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": DOWNLOAD_POLICY,
    }
