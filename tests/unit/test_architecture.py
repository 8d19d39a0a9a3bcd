"""The lines between the packages (see the design notes) hold."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("indexer", "search_api", "marketplace_core", "facets")


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", [p for p in PACKAGES if p != "indexer"])
def test_only_the_indexer_talks_to_opensearch(package: str) -> None:
    offenders = [str(p) for p in modules(package) if "opensearchpy" in imports_of(p)]
    assert offenders == []


@pytest.mark.parametrize("package", [p for p in PACKAGES if p != "search_api"])
def test_only_the_api_imports_fastapi(package: str) -> None:
    offenders = [str(p) for p in modules(package) if "fastapi" in imports_of(p)]
    assert offenders == []


def test_facets_holds_no_io() -> None:
    banned = {"sqlalchemy", "fastapi", "opensearchpy", "celery", "indexer", "search_api"}
    offenders = {
        str(p): imports_of(p) & banned for p in modules("facets") if imports_of(p) & banned
    }
    assert offenders == {}


def test_pure_rule_modules_import_no_framework() -> None:
    rules = list((ROOT / "marketplace_core").rglob("rules.py"))
    assert rules, "rule modules are expected under marketplace_core"
    banned = {"sqlalchemy", "fastapi", "opensearchpy", "celery"}
    offenders = {str(p): imports_of(p) & banned for p in rules if imports_of(p) & banned}
    assert offenders == {}


def test_the_core_does_not_depend_on_the_outer_layers() -> None:
    offenders = [
        str(p) for p in modules("marketplace_core") if imports_of(p) & {"indexer", "search_api"}
    ]
    assert offenders == []
