"""A newcomer's ``microtache up`` (what ``make up`` runs), then the home page in Chromium:
the search bar, the demo catalog's categories with counts, and cards with their images."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from playwright.sync_api import Playwright, expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.test_engine_up import SEED_GIGS, Engine


def test_make_up_serves_the_home_page_with_the_demo_catalog(
    tmp_path: Path, playwright: Playwright, artifacts: Path
) -> None:
    engine = Engine(tmp_path / "engine")
    engine.start()
    assert engine.process is not None
    try:
        with tempfile.TemporaryDirectory() as profile:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            page = context.pages[0] if context.pages else context.new_page()
            page.goto(f"http://127.0.0.1:{engine.port}/")
            expect(page.get_by_role("combobox", name="Rechercher un service")).to_be_visible()
            expect(page.get_by_role("heading", name="Parcourir les catégories")).to_be_visible()
            counts = page.locator(".category h3 .count").all_inner_texts()
            assert sum(int(c) for c in counts) == SEED_GIGS
            first = page.locator(".cards .thumb img").first
            demo_thumbnail = re.compile(r"^/images/demo-[a-z0-9-]+/thumb\.jpg$")
            expect(first).to_have_attribute("src", demo_thumbnail)
            page.wait_for_function(  # the image itself, loaded
                "() => { const i = document.querySelector('.cards .thumb img');"
                " return i && i.complete && i.naturalWidth > 0; }"
            )
            assert first.evaluate("i => i.naturalWidth") == 480
            page.screenshot(path=str(artifacts / "make-up-home.png"))
            context.close()
    finally:
        engine.process.terminate()  # SIGTERM: the engine stops its node too
        engine.process.wait(60)
