"""Bring a database and a cluster to a usable state: schema, demo catalog, gig index."""

from __future__ import annotations

import sys

from facets.taxonomy import TAXONOMY
from indexer.alerts import register_saved_searches
from indexer.rebuild import RebuildReport, rebuild_gig_index
from indexer.suggestions import rebuild_suggestions
from marketplace_core.db import transaction
from marketplace_core.demo.seed import catalog_is_empty, seed_catalog
from marketplace_core.migrate import upgrade
from marketplace_core.storage import LocalFileStorage
from marketplace_core.thesaurus.rules import Thesaurus
from marketplace_core.thesaurus.service import active_rows, as_rule, install_defaults
from microtache.runtime import Runtime


def reindex(runtime: Runtime, *, progress: bool = True) -> RebuildReport:
    return rebuild_gig_index(
        runtime.search,
        runtime.engine,
        runtime.names,
        TAXONOMY,
        progress=progress,
    )


def prepare(runtime: Runtime, *, seed_gigs: int, progress: bool = True) -> None:
    """Migrate; install the shipped thesaurus rules not installed yet; seed the demo catalog
    into an empty database; build what index is missing. With ``progress``, each step says
    what it does on stderr."""

    def say(message: str) -> None:
        if progress:
            print(message, file=sys.stderr, flush=True)

    say(f"Migrating the {runtime.engine.dialect.name} database…")
    upgrade(runtime.engine)
    with transaction(runtime.sessions) as session:
        install_defaults(session, clock=runtime.clock)
    seeded = False
    if seed_gigs and catalog_is_empty(runtime.engine):
        say(f"Seeding the demo catalog ({seed_gigs} gigs, first start only)…")
        seed_catalog(
            runtime.engine,
            gigs=seed_gigs,
            seed=runtime.settings.seed,
            clock=runtime.clock,
            progress=progress,
            images=LocalFileStorage(runtime.settings.files_dir),
        )
        seeded = True
    if seeded or not runtime.search.indices.exists_alias(name=runtime.names.gigs):
        say("Indexing the gigs…")
        reindex(runtime, progress=progress)
    if seeded or not runtime.search.indices.exists_alias(name=runtime.names.suggest):
        say("Building the autocomplete suggestions…")
        rebuild_suggestions(runtime.search, runtime.names)
    if not runtime.search.indices.exists(index=runtime.names.saved_searches):
        say("Storing the saved searches…")
        with transaction(runtime.sessions) as session:
            thesaurus = Thesaurus(as_rule(row) for row in active_rows(session))
            register_saved_searches(session, runtime.search, runtime.names, TAXONOMY, thesaurus)
