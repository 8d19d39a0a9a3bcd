"""The API as the bench runs it: the engine's app on uvicorn, without the background loops.

    python -m bench.serve --port P   (MICROTACHE_DATA_DIR and OPENSEARCH_URL from the bench)

``microtache up`` would also sweep presence: sellers seeded as online go offline a few
minutes later, and a million-gig catalog would be reindexed under the measures. The bench
drains the outbox itself where it measures sync.
"""

from __future__ import annotations

import argparse

import uvicorn

from marketplace_core.config import Settings
from microtache.runtime import build_runtime
from search_api.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    runtime = build_runtime(Settings())
    config = uvicorn.Config(
        create_app(runtime), host="127.0.0.1", port=args.port, log_level="warning"
    )
    uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
