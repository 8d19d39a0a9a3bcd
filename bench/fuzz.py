"""The fuzz test's long mode: schemathesis over every operation, as an anonymous caller, the
demo buyer and the demo seller, each for ``--minutes`` (fuzzing and stateful testing repeat
until the time is spent; the stateful phase follows the document's links, ``--scenarios`` a
pass, each of up to ``--steps`` calls), with the checks of the suite and optionally those
that compare the schema's bounds with what the API accepts (``--bounds``: valid data
accepted, invalid data refused).

    python -m bench.fuzz                    # 10 minutes per identity
    python -m bench.fuzz --minutes 2 --bounds

It prints, per identity, the cases run, the stateful scenarios and how many of the
document's links they followed, and the failures, beside the suite's bounded run
(``--max-examples`` cases per operation, no time budget) of the same identities as the
baseline. A fresh SQLite database and its own OpenSearch node (``OPENSEARCH_URL``: that
cluster) under a temporary directory.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from indexer.opensearch_local import LocalOpenSearch
from marketplace_core.config import Settings
from microtache.runtime import build_runtime
from tests.fuzz.harness import CHECKS, IDENTITIES, FuzzRun, fuzz, served

BOUNDS = ("positive_data_acceptance", "negative_data_rejection")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="per identity")
    parser.add_argument("--max-examples", type=int, default=10, help="the suite's bound")
    parser.add_argument("--bounds", action="store_true", help="also the bounds' checks")
    parser.add_argument("--scenarios", type=int, default=200, help="stateful, per pass")
    parser.add_argument("--steps", type=int, default=40, help="calls per stateful scenario")
    args = parser.parse_args(argv)
    checks = (*CHECKS, *BOUNDS) if args.bounds else CHECKS
    with tempfile.TemporaryDirectory(prefix="microtache-fuzz-") as work, ExitStack() as stack:
        root = Path(work)
        (root / "data").mkdir()  # the SQLite file's directory
        url = os.environ.get("OPENSEARCH_URL")
        if not url:
            url = stack.enter_context(LocalOpenSearch(root / "opensearch", heap="768m")).url
        settings = Settings(
            MICROTACHE_DATA_DIR=root / "data",
            OPENSEARCH_URL=url,
            ACCESS_TOKEN_SECONDS=int(args.minutes * 60 * 4 + 3600),
            CELERY_BROKER_URL=None,
        )
        runtime = build_runtime(settings)
        stack.callback(runtime.close)
        served_url = stack.enter_context(served(runtime))
        runs: list[tuple[FuzzRun, FuzzRun]] = []
        for identity in IDENTITIES:
            bounded = fuzz(
                served_url,
                identity,
                root,
                max_examples=args.max_examples,
                checks=checks,
            )
            long = fuzz(
                served_url,
                identity,
                root,
                label=f"{identity}-long",
                max_examples=args.max_examples,
                max_time=int(args.minutes * 60),
                checks=checks,
                scenarios=args.scenarios,
                steps=args.steps,
            )
            runs.append((bounded, long))
            print(f"{long.summary()}  |  suite's bound: {bounded.summary()}", flush=True)
            for problem in long.problems():
                print(f"    {problem}")
    failed = any(run.problems() for pair in runs for run in pair)
    print("FAIL" if failed else "OK: no failure", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
