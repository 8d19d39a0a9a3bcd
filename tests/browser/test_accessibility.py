"""axe-core, run in the browser on the home, results and gig pages: no critical violation.

axe-core comes inside a Python package (axe-playwright-python ships axe.min.js), so no Node.js
is needed. Every violation found, whatever its impact, is written to ``axe.json`` beside the
screenshots.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import OpenPage, Site

PAGES = {
    "home": "/",
    "results": "/recherche?q=logo&level=level_1",
    "subcategory": "/categories/graphisme-design/conception-logo?style=minimaliste",
    "nothing-found": "/recherche?q=lgoi+vintaeg",
}


def violations(page: Any) -> list[dict[str, Any]]:
    response = Axe().run(page).response
    assert len(response["passes"]) >= 10, "axe-core did not run its rules on the page"
    found: list[dict[str, Any]] = response["violations"]
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": len(v["nodes"])}
        for v in found
    ]


def record(site: Site, name: str, found: list[dict[str, Any]]) -> None:
    path = site.artifacts / "axe.json"
    report = json.loads(path.read_text()) if path.exists() else {}
    report[name] = found
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False))


@pytest.mark.parametrize("name", list(PAGES))
def test_no_critical_accessibility_violation(open_page: OpenPage, site: Site, name: str) -> None:
    page = open_page(PAGES[name])
    found = violations(page)
    record(site, name, found)
    assert [v for v in found if v["impact"] == "critical"] == []


def test_no_critical_accessibility_violation_on_a_gig_page(open_page: OpenPage, site: Site) -> None:
    page = open_page(f"/services/{site.hostile_gig}")
    found = violations(page)
    record(site, "gig", found)
    assert [v for v in found if v["impact"] == "critical"] == []
