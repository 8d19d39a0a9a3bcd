"""schemathesis over every operation of the OpenAPI document, as an anonymous caller, the
demo buyer and the demo seller, with its four phases (the documented examples, the
boundaries of every documented bound, random data, and the stateful phase following the
document's links to the resources earlier answers created or named): no server error, every
status documented, every response matching its schema and content type. Bounded by examples
per operation and by stateful scenarios; `python -m bench.fuzz` runs it for longer."""

from __future__ import annotations

from pathlib import Path

import pytest

from microtache.runtime import Runtime
from tests.fuzz.harness import IDENTITIES, fuzz, served

MAX_EXAMPLES = 5


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_operation_fuzzed_finds_no_failure(runtime: Runtime, tmp_path: Path) -> None:
    with served(runtime) as url:
        runs = [fuzz(url, identity, tmp_path, max_examples=MAX_EXAMPLES) for identity in IDENTITIES]
    print()
    for run in runs:
        print(run.summary())
        for problem in run.problems():
            print(f"    {problem}")
    problems = [f"{run.identity}: {p}" for run in runs for p in run.problems()]
    assert problems == [], "\n".join(problems)
    assert all(run.cases > 0 and run.stop_reason == "completed" for run in runs), runs
    # A logged-in identity's stateful scenarios reach the resources its answers name through
    # the links (an anonymous caller's few answers with ids are mostly empty result pages).
    assert all(run.scenarios > 0 for run in runs), runs
    assert all(run.links_covered > 0 for run in runs if run.identity != "anonymous"), runs
