"""The container setup users start with `docker compose up`: services, wiring and health gates."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"

EXPECTED_SERVICES = {"opensearch", "postgres", "redis", "api", "worker", "beat"}
CLUSTER_NODES = ("opensearch-2", "opensearch-3")  # the `cluster` profile
ENGINE_SERVICES = ("api", "worker", "beat")
OPENSEARCH_IMAGE = "opensearchproject/opensearch:2.19.1"


def _mapping(value: object, what: str) -> dict[str, Any]:
    assert isinstance(value, dict), f"{what} must be a mapping, got {type(value).__name__}"
    return value


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return _mapping(yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8")), "compose file")


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    raw = _mapping(compose.get("services"), "services")
    return {name: _mapping(spec, f"service {name}") for name, spec in raw.items()}


def environment(service: dict[str, Any]) -> dict[str, str | None]:
    """A service's environment as a mapping, whether written as a mapping or KEY=VALUE list."""
    raw = service.get("environment", {})
    if isinstance(raw, list):
        env: dict[str, str | None] = {}
        for item in raw:
            assert isinstance(item, str), f"environment entry {item!r} is not a string"
            key, sep, value = item.partition("=")
            env[key] = value if sep else None
        return env
    result: dict[str, str | None] = {}
    for key, value in _mapping(raw, "environment").items():
        # Compose rejects unquoted YAML booleans in environment mappings.
        assert not isinstance(value, bool), f"{key}: quote boolean environment values"
        result[str(key)] = None if value is None else str(value)
    return result


def command(service: dict[str, Any]) -> list[str]:
    raw = service.get("command")
    if isinstance(raw, str):
        return shlex.split(raw)
    assert isinstance(raw, list), f"command must be a string or a list, got {raw!r}"
    return [str(part) for part in raw]


def depends_on(service: dict[str, Any]) -> dict[str, Any]:
    raw = service.get("depends_on", {})
    assert isinstance(raw, dict), (
        "depends_on must be a mapping so each dependency can wait for service_healthy"
    )
    return raw


def healthcheck_test(service: dict[str, Any]) -> list[str]:
    check = _mapping(service.get("healthcheck"), "healthcheck")
    test = check.get("test")
    if isinstance(test, str):
        return ["CMD-SHELL", test]
    assert isinstance(test, list), f"healthcheck test must be a string or a list, got {test!r}"
    return [str(part) for part in test]


def published_ports(service: dict[str, Any]) -> list[tuple[str | None, str, str]]:
    """(host ip, host port, container port) for each published port, short or long syntax."""
    result: list[tuple[str | None, str, str]] = []
    for entry in service.get("ports", []):
        if isinstance(entry, dict):
            host_ip = entry.get("host_ip")
            published = entry.get("published")
            target = str(entry["target"])
            result.append((host_ip, str(published) if published is not None else "", target))
            continue
        spec = str(entry).split("/", 1)[0]
        if spec.startswith("["):
            # An IPv6 host address in brackets holds colons of its own.
            bracketed, _, rest = spec[1:].partition("]:")
            host, container = rest.split(":", 1)
            result.append((bracketed, host, container))
            continue
        parts = spec.split(":")
        if len(parts) == 3:
            result.append((parts[0], parts[1], parts[2]))
        elif len(parts) == 2:
            result.append((None, parts[0], parts[1]))
        else:
            result.append((None, "", parts[0]))
    return result


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        full = (pending + stripped).strip()
        pending = ""
        if full:
            keyword, _, args = full.partition(" ")
            instructions.append((keyword.upper(), args.strip()))
    return instructions


def exec_form(args: str) -> list[str]:
    if args.startswith("["):
        parsed = json.loads(args)
        assert isinstance(parsed, list), f"not an exec form: {args}"
        return [str(part) for part in parsed]
    return shlex.split(args)


def test_expected_services_exist(services: dict[str, dict[str, Any]]) -> None:
    assert services.keys() >= EXPECTED_SERVICES


def test_opensearch_forms_its_cluster_alone_without_security(
    services: dict[str, dict[str, Any]],
) -> None:
    opensearch = services["opensearch"]
    assert opensearch.get("image") == OPENSEARCH_IMAGE
    assert "profiles" not in opensearch  # always started
    env = environment(opensearch)
    # Alone it is the whole cluster; single-node discovery would let no other node join.
    assert "discovery.type" not in env
    assert env.get("cluster.initial_cluster_manager_nodes") == env.get("node.name") == "opensearch"
    assert env.get("discovery.seed_hosts") == "opensearch"
    # The production checks apply (not single-node): no mmap, so no host vm.max_map_count.
    assert env.get("node.store.allow_mmap") == "false"
    assert (env.get("DISABLE_SECURITY_PLUGIN") or "").lower() == "true"
    assert (env.get("DISABLE_INSTALL_DEMO_CONFIG") or "").lower() == "true"


@pytest.mark.parametrize("name", CLUSTER_NODES)
def test_the_cluster_profile_adds_nodes_that_join_and_answer_to_opensearch(
    compose: dict[str, Any], services: dict[str, dict[str, Any]], name: str
) -> None:
    node = services[name]
    assert node.get("profiles") == ["cluster"]
    assert node.get("image") == OPENSEARCH_IMAGE
    env = environment(node)
    assert env.get("node.name") == name
    assert env.get("discovery.seed_hosts") == "opensearch"
    assert "cluster.initial_cluster_manager_nodes" not in env  # they join, never bootstrap
    assert "discovery.type" not in env
    for key in ("DISABLE_SECURITY_PLUGIN", "node.store.allow_mmap", "bootstrap.memory_lock"):
        assert env.get(key) == environment(services["opensearch"]).get(key)
    # The engine's OPENSEARCH_URL and the seed hosts reach every running node by one name.
    assert "opensearch" in node["networks"]["default"]["aliases"]
    assert not node.get("ports"), "one published port, the first node's"
    (volume,) = node["volumes"]
    assert volume.split(":")[0] in (compose.get("volumes") or {})
    assert volume.split(":")[0] != "opensearch-data"


@pytest.mark.parametrize("name", ["opensearch", *CLUSTER_NODES])
def test_opensearch_heap_is_capped(services: dict[str, dict[str, Any]], name: str) -> None:
    java_opts = environment(services[name]).get("OPENSEARCH_JAVA_OPTS") or ""
    assert "-Xmx" in java_opts, "an uncapped heap takes half of the host's memory"


@pytest.mark.parametrize("name", sorted(EXPECTED_SERVICES | set(CLUSTER_NODES)))
def test_every_service_has_a_healthcheck(services: dict[str, dict[str, Any]], name: str) -> None:
    service = services[name]
    assert not _mapping(service.get("healthcheck"), "healthcheck").get("disable", False)
    test = healthcheck_test(service)
    assert test, f"{name}: empty healthcheck test"
    assert test[0] in {"CMD", "CMD-SHELL"}, f"{name}: healthcheck test {test!r}"
    assert test[1:], f"{name}: healthcheck runs nothing"
    assert all(part.strip() for part in test[1:]), f"{name}: empty healthcheck argument"


@pytest.mark.parametrize("name", sorted(EXPECTED_SERVICES))
def test_healthchecks_leave_variables_to_the_container(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    # Compose substitutes a lone `$` from the host's environment when it loads the file.
    for part in healthcheck_test(services[name]):
        assert "$" not in part.replace("$$", ""), f"{name}: unescaped $ in {part!r}"


@pytest.mark.parametrize("name", sorted(EXPECTED_SERVICES | set(CLUSTER_NODES)))
def test_every_service_restarts_unless_stopped(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    assert services[name].get("restart") == "unless-stopped"


def test_every_dependency_waits_for_a_healthy_defined_service(
    services: dict[str, dict[str, Any]],
) -> None:
    for name, service in services.items():
        for dependency, spec in depends_on(service).items():
            assert dependency in services, f"{name} depends on undefined service {dependency}"
            assert dependency != name, f"{name} depends on itself"
            condition = _mapping(spec, f"{name} -> {dependency}").get("condition")
            assert condition == "service_healthy", f"{name} -> {dependency}: {condition}"


def test_dependencies_have_no_cycle(services: dict[str, dict[str, Any]]) -> None:
    graph = {name: sorted(depends_on(service)) for name, service in services.items()}
    done: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, "dependency cycle: " + " -> ".join((*path, node))
        if node in done:
            return
        for dependency in graph.get(node, []):
            visit(dependency, (*path, node))
        done.add(node)

    for name in graph:
        visit(name, ())


@pytest.mark.parametrize(
    ("name", "needs"),
    [
        ("api", {"opensearch", "postgres", "redis"}),
        ("worker", {"api", "opensearch", "postgres", "redis"}),
        ("beat", {"api", "redis"}),
    ],
)
def test_engine_waits_for_what_it_uses(
    services: dict[str, dict[str, Any]], name: str, needs: set[str]
) -> None:
    assert needs <= depends_on(services[name]).keys()


@pytest.mark.parametrize("name", ENGINE_SERVICES)
def test_engine_reaches_postgres_with_psycopg(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    url = urlsplit(environment(services[name]).get("DATABASE_URL") or "")
    postgres = environment(services["postgres"])
    assert url.scheme == "postgresql+psycopg"
    assert url.hostname == "postgres"
    assert url.port in {None, 5432}
    assert url.username == postgres.get("POSTGRES_USER")
    assert url.password == postgres.get("POSTGRES_PASSWORD")
    assert url.path.lstrip("/") == postgres.get("POSTGRES_DB")


@pytest.mark.parametrize("name", ENGINE_SERVICES)
def test_engine_reaches_opensearch_and_redis(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    env = environment(services[name])
    opensearch = urlsplit(env.get("OPENSEARCH_URL") or "")
    assert opensearch.scheme == "http", "the security plugin is off, so the cluster serves HTTP"
    assert (opensearch.hostname, opensearch.port) == ("opensearch", 9200)
    broker = urlsplit(env.get("CELERY_BROKER_URL") or "")
    assert broker.scheme == "redis"
    assert broker.hostname == "redis"
    assert broker.port in {None, 6379}


@pytest.mark.parametrize("name", ENGINE_SERVICES)
def test_engine_data_dir_is_a_named_volume(
    compose: dict[str, Any], services: dict[str, dict[str, Any]], name: str
) -> None:
    data_dir = environment(services[name]).get("MICROTACHE_DATA_DIR")
    assert data_dir, f"{name}: MICROTACHE_DATA_DIR unset"
    declared = _mapping(compose.get("volumes") or {}, "volumes").keys()
    mounts = [str(volume).split(":") for volume in services[name].get("volumes", [])]
    sources = [parts[0] for parts in mounts if len(parts) > 1 and parts[1] == data_dir]
    assert sources, f"{name}: nothing mounted on {data_dir}"
    assert sources[0] in declared


def test_named_volumes_are_declared(
    compose: dict[str, Any], services: dict[str, dict[str, Any]]
) -> None:
    declared = _mapping(compose.get("volumes") or {}, "volumes").keys()
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.get("source") if isinstance(volume, dict) else volume.split(":")[0]
            if source and not source.startswith((".", "/", "~")):
                assert source in declared, f"{name}: volume {source} is not declared"


def test_api_publishes_8000_on_loopback_only(services: dict[str, dict[str, Any]]) -> None:
    ports = published_ports(services["api"])
    assert ("127.0.0.1", "8000", "8000") in ports


@pytest.mark.parametrize("name", sorted(EXPECTED_SERVICES))
def test_published_ports_stay_on_loopback(services: dict[str, dict[str, Any]], name: str) -> None:
    # Nothing here has authentication enabled, so nothing may listen on public interfaces.
    for host_ip, host_port, container_port in published_ports(services[name]):
        assert host_ip == "127.0.0.1", f"{name}: {host_port}->{container_port} on {host_ip}"


def test_api_serves_on_the_published_port(services: dict[str, dict[str, Any]]) -> None:
    argv = command(services["api"])
    assert argv[:2] == ["microtache", "up"]
    assert argv[argv.index("--port") + 1] == "8000"
    assert argv[argv.index("--host") + 1] == "0.0.0.0"


@pytest.mark.parametrize("name", ["worker", "beat"])
def test_background_commands(services: dict[str, dict[str, Any]], name: str) -> None:
    assert command(services[name]) == ["microtache", name]


def test_engine_services_share_one_build(services: dict[str, dict[str, Any]]) -> None:
    builds = {json.dumps(services[name].get("build"), sort_keys=True) for name in ENGINE_SERVICES}
    images = {services[name].get("image") for name in ENGINE_SERVICES}
    assert len(builds) == 1
    assert "null" not in builds
    assert len(images) == 1


def test_dockerfile_runs_the_engine_as_non_root() -> None:
    instructions = dockerfile_instructions()
    froms = [args for keyword, args in instructions if keyword == "FROM"]
    assert froms, "no FROM"
    assert froms[-1].split()[0].startswith("python:3.11-slim")
    users = [args for keyword, args in instructions if keyword == "USER"]
    assert users, "the image runs as root"
    assert users[-1].split(":")[0] not in {"root", "0"}
    exposed = [
        port.split("/")[0]
        for keyword, args in instructions
        if keyword == "EXPOSE"
        for port in args.split()
    ]
    assert "8000" in exposed


def test_dockerfile_cmd_starts_the_engine() -> None:
    cmds = [args for keyword, args in dockerfile_instructions() if keyword == "CMD"]
    assert cmds, "no CMD"
    argv = exec_form(cmds[-1])
    assert argv[:2] == ["microtache", "up"]
    assert argv[argv.index("--host") + 1] == "0.0.0.0"
    assert argv[argv.index("--port") + 1] == "8000"
