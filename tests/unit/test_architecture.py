"""The lines between the packages (see the design notes) hold.

The packages are layers, bottom first: the taxonomy (``facets``), the system of record and its
rules (``marketplace_core``), the search side (``indexer``), the composition that runs them
(``microtache``: runtime, jobs, worker tasks) and the HTTP API (``search_api``). A module
imports its own layer and the layers below, never one above, and the imports form no cycle.
Pure modules (the taxonomy, every rule, status table and enum module) import only the standard
library and other pure modules.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("facets", "marketplace_core", "indexer", "microtache", "search_api")
# Modules that hold no I/O: plain values in, plain values or an error out.
PURE_PATTERNS = (
    "facets/*",
    "*rules.py",
    "*/state_machine.py",
    "*/lifecycle.py",
    "*/transitions.py",
    "*/enums.py",
    "*/messages.py",
    "marketplace_core/errors.py",
    "marketplace_core/clock.py",
)
# Imports only one layer may make.
OWNED = {"opensearchpy": "indexer", "fastapi": "search_api", "celery": "microtache"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    found = {}
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            if "migrations" not in path.parts:
                found[module_name(path)] = path
    return found


MODULES = project_modules()


def imported(path: Path) -> Iterator[str]:
    return imported_by(path.read_text(), str(path))


def imported_by(source: str, filename: str) -> Iterator[str]:
    """Every absolute import of the source, at any depth (functions too): ``from a.b import c``
    names the module ``a.b.c`` when there is one, else ``a.b``."""
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                yield child if child in MODULES else node.module


def layer_of(module: str) -> int | None:
    top = module.split(".")[0]
    return LAYERS.index(top) if top in LAYERS else None


def is_pure(path: Path) -> bool:
    relative = path.relative_to(ROOT).as_posix()
    return any(fnmatch(relative, pattern) for pattern in PURE_PATTERNS)


def upward_imports(module: str, source: str) -> list[str]:
    own = layer_of(module)
    assert own is not None
    found = imported_by(source, module)
    return sorted({m for m in found if (layer := layer_of(m)) is not None and layer > own})


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_no_layer_above_its_own(module: str) -> None:
    assert upward_imports(module, MODULES[module].read_text()) == []


@pytest.mark.parametrize(
    ("module", "source", "caught"),
    [
        (
            "facets.selection",
            "from marketplace_core.errors import InvalidInput",
            "marketplace_core.errors",
        ),
        ("marketplace_core.outbox", "def f():\n    import indexer.sync", "indexer.sync"),
        ("indexer.sync", "from microtache.runtime import Runtime", "microtache.runtime"),
        ("microtache.jobs", "from search_api import errors", "search_api.errors"),
        ("search_api.app", "from marketplace_core import errors", None),
    ],
)
def test_an_upward_import_is_caught_and_a_downward_one_is_not(
    module: str, source: str, caught: str | None
) -> None:
    assert upward_imports(module, source) == ([caught] if caught else [])


@pytest.mark.parametrize(("library", "owner"), sorted(OWNED.items()))
def test_only_one_layer_imports_each_framework(library: str, owner: str) -> None:
    offenders = [
        module
        for module, path in MODULES.items()
        if not module.startswith(owner) and any(m.split(".")[0] == library for m in imported(path))
    ]
    assert offenders == []


PURE = sorted(module for module, path in MODULES.items() if is_pure(path))


def test_the_pure_modules_are_those_of_every_rule_and_status_table() -> None:
    expected = {
        "facets.selection",
        "marketplace_core.catalog.lifecycle",
        "marketplace_core.orders.state_machine",
        "marketplace_core.orders.rules",
        "marketplace_core.requests.rules",
        "marketplace_core.disputes.rules",
        "marketplace_core.quotes.rules",
    }
    assert expected <= set(PURE)


@pytest.mark.parametrize("module", PURE)
def test_a_pure_module_imports_only_the_standard_library_and_pure_modules(module: str) -> None:
    offenders = sorted(
        {
            name
            for name in imported(MODULES[module])
            if name.split(".")[0] not in sys.stdlib_module_names
            and not (name in MODULES and is_pure(MODULES[name]))
        }
    )
    assert offenders == []


def test_no_import_cycle() -> None:
    graph = {
        module: {m for m in imported(path) if m in MODULES} for module, path in MODULES.items()
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_every_enum_has_a_name_of_its_own() -> None:
    """A reader never meets two different ``RequestStatus``: each domain names its own."""
    where: dict[str, list[str]] = {}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name) and base.id == "StrEnum" for base in node.bases
            ):
                where.setdefault(node.name, []).append(module)
    assert {name: found for name, found in where.items() if len(found) > 1} == {}
