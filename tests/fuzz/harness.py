"""What the fuzz test and its bench mode share: the engine served by uvicorn over a seeded
demo catalog, the identities (anonymous, the demo buyer, the demo seller), and a schemathesis
run (its command line, as a user would run it) against the OpenAPI document, read back from
its JSON report and its console."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from indexer.opensearch_local.launcher import free_port
from microtache.bootstrap import prepare
from microtache.runtime import Runtime
from search_api.app import create_app

GIGS = 120
# The demo accounts the demo seed writes (README: Demo accounts).
IDENTITIES: dict[str, tuple[str, str] | None] = {
    "anonymous": None,
    "buyer": ("acheteur@demo.microtache.fr", "demo-acheteur"),
    "seller": ("vendeur@demo.microtache.fr", "demo-vendeur"),
}
# What the issue asks of every answer: never a server error, a documented status, a body
# matching its schema, the documented content type.
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "response_schema_conformance",
    "content_type_conformance",
)
PHASES = ("examples", "coverage", "fuzzing", "stateful")
# The stateful phase follows the document's own links only (search_api/openapi_links.py),
# not those schemathesis would guess from the schemas' names.
CONFIG = """[auth]
auto-signup = false
{login}
[phases.stateful]
max-steps = {steps}
[phases.stateful.inference]
algorithms = []
[phases.stateful.generation]
max-examples = {scenarios}
"""
# An identity logs in through the login operation, and again whenever an answer is 401: a
# fuzzed `POST /auth/logout` ends its session (a fixed token would leave the rest of the run
# anonymous).
LOGIN = """[auth.dynamic.openapi.HTTPBearer]
path = "/auth/login"
method = "post"
payload = {{ email = "{email}", password = "{password}" }}
extract_selector = "/access_token"
"""
# What the console prints of the stateful phase: its scenarios and the links it followed.
SCENARIOS = re.compile(r"Scenarios:\s+(\d+)")
LINKS = re.compile(r"API Links:\s+(\d+) covered / \d+ selected / (\d+) total")


@dataclass(frozen=True)
class FuzzRun:
    identity: str
    cases: int
    failures: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    operations_tested: int
    stop_reason: str
    scenarios: int
    links_covered: int
    links_total: int

    def summary(self) -> str:
        return (
            f"{self.identity}: {self.cases} cases over {self.operations_tested} operations, "
            f"stateful: {self.scenarios} scenarios following {self.links_covered} of "
            f"{self.links_total} links, "
            f"{sum(int(f['count']) for f in self.failures)} failures, "
            f"{len(self.errors)} errors ({self.stop_reason})"
        )

    def problems(self) -> list[str]:
        found = [
            f"{f['title']} ({f['count']}×): {', '.join(f['operations'][:6])}" for f in self.failures
        ]
        return found + [f"error: {e['title']} ({e['count']}×)" for e in self.errors]


@contextmanager
def served(runtime: Runtime) -> Iterator[str]:
    """The engine over a seeded demo catalog, served by uvicorn on a free port."""
    prepare(runtime, seed_gigs=GIGS, progress=False)
    # One address stands for every fuzzing client: no per-client search limits here, and no
    # limits of failed logins (per address, per account), which the fuzzed logins reach and
    # then refuse the identities' own (tests/integration/api/test_rate_limits.py and
    # test_login_throttle.py test them).
    settings = runtime.settings.model_copy(
        update={
            "search_rate_limit": "",
            "autocomplete_rate_limit": "",
            "login_failures_per_address": 10**9,
            "login_failures_per_account": 10**9,
        }
    )
    app = create_app(dataclasses.replace(runtime, settings=settings))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive(), "the server stopped while starting"
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


def fuzz(
    url: str,
    identity: str,
    report_dir: Path,
    *,
    label: str | None = None,
    max_examples: int,
    max_time: int | None = None,
    checks: Sequence[str] = CHECKS,
    seed: int = 14,
    scenarios: int = 40,
    steps: int = 25,
) -> FuzzRun:
    """``scenarios`` of the stateful phase (``max_examples`` is per operation), each of up
    to ``steps`` calls, a call following a link from an earlier answer where one applies.
    ``label`` names the run's files and figures (the identity's name by default)."""
    label = label or identity
    report = report_dir / f"{label}.json"
    credentials = IDENTITIES[identity]
    login = (
        "" if credentials is None else LOGIN.format(email=credentials[0], password=credentials[1])
    )
    # Only the identity given: schemathesis would otherwise sign up an account of its own.
    config = report_dir / "schemathesis.toml"
    config.write_text(CONFIG.format(login=login, steps=steps, scenarios=scenarios))
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "run",
        f"{url}/openapi.json",
        "--phases",
        ",".join(PHASES),
        "--checks",
        ",".join(checks),
        "--max-examples",
        str(max_examples),
        "--seed",
        str(seed),
        "--workers",
        "1",
        "--no-shrink",
        "--report",
        "json",
        "--report-json-path",
        str(report),
        "--suppress-health-check",
        "all",
        "--warnings",
        "off",
    ]
    if max_time is not None:
        command += ["--max-time", str(max_time)]
    finished = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=(max_time or 900) + 300,
        check=False,
        cwd=report_dir,  # its cache directory goes there too
    )
    output = finished.stdout + finished.stderr
    (report_dir / f"{label}.out").write_text(output)
    data = json.loads(report.read_text())
    # The last pass's figures: a time-budgeted run repeats the phase, its links accumulate.
    scenario_counts = SCENARIOS.findall(output)
    links = LINKS.findall(output)
    return FuzzRun(
        identity=label,
        cases=int(data["test_cases"]["generated"]),
        failures=list(data["failures"]),
        errors=list(data["errors"]),
        operations_tested=int(data["operations"]["tested"]),
        stop_reason=str(data["stop_reason"]),
        scenarios=int(scenario_counts[-1]) if scenario_counts else 0,
        links_covered=int(links[-1][0]) if links else 0,
        links_total=int(links[-1][1]) if links else 0,
    )
