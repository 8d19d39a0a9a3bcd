"""The API's server: uvicorn, which says where to go and how to log in once it listens."""

from __future__ import annotations

import socket
import sys
from types import FrameType

import uvicorn

from marketplace_core.demo.seed import demo_accounts
from microtache.runtime import Runtime


class WelcomingServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, message: str) -> None:
        super().__init__(config)
        self.message = message
        self.stopped_by: int | None = None  # the signal that stopped the server

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        # uvicorn re-raises the signal after its graceful shutdown, but under asyncio.run
        # a re-raised Ctrl-C may only cancel a task that is already finishing: the engine
        # would exit 0. The signal is kept here, so the exit code never depends on that race.
        self.stopped_by = sig
        super().handle_exit(sig, frame)

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            print(self.message, file=sys.stderr, flush=True)


def welcome(runtime: Runtime, host: str, port: int) -> str:
    """The address to open and the demo accounts this database holds."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://{shown}:{port}"
    lines = [
        "",
        f"Microtache is ready: {base}  (API documentation: {base}/docs)",
        f"  health {base}/health · metrics {base}/metrics · stop with Ctrl-C",
    ]
    accounts = demo_accounts(runtime.engine)
    if accounts:
        lines.append("Demo accounts (POST /auth/login with the e-mail and password):")
        width = max(len(a.email) for a, _ in accounts)
        for account, username in accounts:
            owns = f"  seller « {username} » and its gigs" if username else ""
            lines.append(f"  {account.kind:<8} {account.email:<{width}}  {account.password}{owns}")
    return "\n".join(lines) + "\n"
