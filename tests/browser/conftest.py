"""A buyer's browser: Debian's Chromium driven by Playwright, against the engine served on a
free port over a seeded demo catalog (with its drawn images), the real OpenSearch node and a
SQLite database. Every journey leaves a screenshot in the run's artifacts directory
(``BROWSER_ARTIFACTS_DIR``, else a directory under pytest's temporary files)."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import uvicorn
from opensearchpy import OpenSearch
from playwright.sync_api import BrowserContext, Dialog, Page, Playwright, sync_playwright
from sqlalchemy import Engine

from indexer.client import IndexNames
from indexer.opensearch_local.launcher import free_port
from indexer.suggestions import rebuild_suggestions
from marketplace_core.catalog.enums import SellerLevel
from marketplace_core.catalog.rules import PackageInput
from marketplace_core.clock import ManualClock
from marketplace_core.config import Settings
from marketplace_core.db import make_engine, make_sessionmaker
from marketplace_core.demo.seed import seed_catalog
from marketplace_core.migrate import upgrade
from marketplace_core.storage import LocalFileStorage
from microtache.bootstrap import reindex
from microtache.runtime import Runtime
from search_api.app import create_app
from tests.conftest import START
from tests.factories import TEST_PASSWORD, create_gig, create_seller, create_user

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
GIGS = 600
SEED = 42
BUYER_EMAIL = "acheteuse@exemple.fr"
# User text that must reach the pages as text.
HOSTILE_TITLE = 'Je vais créer <script>alert("titre")</script> un logo <b>gras</b>'
HOSTILE_NAME = '<img src=x onerror=alert("nom")>'


@dataclass
class Site:
    url: str
    runtime: Runtime
    buyer_email: str
    hostile_gig: int
    password: str = TEST_PASSWORD
    artifacts: Path = field(default_factory=Path)

    @property
    def engine(self) -> Engine:
        return self.runtime.engine


class Served:
    """uvicorn in a thread of the test process, on a free port of the loopback."""

    def __init__(self, runtime: Runtime) -> None:
        self.port = free_port()
        config = uvicorn.Config(
            create_app(runtime), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                pytest.fail("the engine did not start serving")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(30)


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    configured = os.environ.get("BROWSER_ARTIFACTS_DIR")
    directory = Path(configured) if configured else tmp_path_factory.mktemp("browser-artifacts")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture(scope="session")
def site(
    tmp_path_factory: pytest.TempPathFactory,
    opensearch: OpenSearch,
    opensearch_url: str,
    artifacts: Path,
) -> Iterator[Site]:
    directory = tmp_path_factory.mktemp("site")
    settings = Settings(MICROTACHE_DATA_DIR=directory, OPENSEARCH_URL=opensearch_url)
    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    clock = ManualClock(START)
    seed_catalog(
        engine,
        gigs=GIGS,
        seed=SEED,
        clock=clock,
        progress=False,
        images=LocalFileStorage(settings.files_dir),
    )
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        create_user(session, clock=clock, email=BUYER_EMAIL)
        owner = create_user(session, clock=clock, email="vendeuse@exemple.fr")
        seller = create_seller(
            session, clock=clock, username="studio_test", user=owner, level=SellerLevel.LEVEL_2
        )
        seller.display_name = HOSTILE_NAME
        seller.description = "<script>alert('description')</script> Graphiste."
        hostile = create_gig(
            session,
            seller=seller,
            clock=clock,
            title=HOSTILE_TITLE,
            packages=[
                PackageInput("basic", 1500, 3),
                PackageInput("standard", 3000, 2, 2),
                PackageInput("premium", 6000, 1, 5),
            ],
        ).id
    names = IndexNames(f"test_{uuid.uuid4().hex[:10]}")
    runtime = Runtime(settings, engine, sessions, opensearch, opensearch_url, names, clock)
    reindex(runtime, progress=False)
    rebuild_suggestions(opensearch, names)
    with Served(runtime) as url:
        yield Site(url, runtime, BUYER_EMAIL, hostile, artifacts=artifacts)
    opensearch.indices.delete(index=f"{names.prefix}_*", expand_wildcards="all")
    engine.dispose()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


OpenPage = Callable[..., Page]


@pytest.fixture
def open_page(playwright: Playwright, tmp_path: Path, site: Site) -> Iterator[OpenPage]:
    """A new page in a fresh profile: ``open_page(path, javascript=True, width=1280)``."""
    contexts: list[BrowserContext] = []
    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def open_(path: str = "/", *, javascript: bool = True, width: int = 1280) -> Page:
        context = playwright.chromium.launch_persistent_context(
            tmp_path / f"profile-{len(contexts)}",
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            java_script_enabled=javascript,
            viewport={"width": width, "height": 900},
            locale="fr-FR",
        )
        contexts.append(context)
        page = context.pages[0] if context.pages else context.new_page()
        page.set_default_timeout(15_000)
        page.on("dialog", refuse)
        page.goto(site.url + path)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert dialogs == [], "a page ran user text as code"


def screenshot(site: Site, page: Page, name: str) -> Path:
    path = site.artifacts / f"{name}.png"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(path), full_page=False)
    return path
