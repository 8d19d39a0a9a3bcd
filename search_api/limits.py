"""Request bodies over a size limit are refused with 413, in the API's error shape.

A declared ``Content-Length`` over the limit is answered before the body is read; a body
sent without one (chunked) is counted as it arrives and cut off once it passes the limit.
Routes that stream their body to storage (uploads) have their own limit and are let through.
"""

from __future__ import annotations

import json
import re

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 64 * 1024


class BodySizeLimit:
    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = MAX_BODY_BYTES,
        own_limit_paths: frozenset[str] = frozenset(),
        own_limit_patterns: tuple[re.Pattern[str], ...] = (),
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.own_limit_paths = own_limit_paths
        self.own_limit_patterns = own_limit_patterns

    @property
    def message(self) -> str:
        return f"request body larger than {self.max_bytes} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._own_limit(scope["path"]):
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await self._refuse(send)
                return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI lets an HTTPException raised while reading the body through to
                    # the app's handler, which answers {"detail": ...}.
                    raise HTTPException(413, self.message)
            return message

        await self.app(scope, counting_receive, send)

    def _own_limit(self, path: str) -> bool:
        return path in self.own_limit_paths or any(p.match(path) for p in self.own_limit_patterns)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"detail": self.message}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
