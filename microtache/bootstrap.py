"""Bring a database and a cluster to a usable state: schema, demo catalog, gig index."""

from __future__ import annotations

from facets.taxonomy import TAXONOMY
from indexer.rebuild import RebuildReport, rebuild_gig_index
from indexer.suggestions import rebuild_suggestions
from marketplace_core.demo.seed import catalog_is_empty, seed_catalog
from marketplace_core.migrate import upgrade
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
    """Migrate; seed the demo catalog into an empty database; build what index is missing."""
    upgrade(runtime.engine)
    seeded = False
    if seed_gigs and catalog_is_empty(runtime.engine):
        seed_catalog(
            runtime.engine,
            gigs=seed_gigs,
            seed=runtime.settings.seed,
            clock=runtime.clock,
            progress=progress,
        )
        seeded = True
    if seeded or not runtime.search.indices.exists_alias(name=runtime.names.gigs):
        reindex(runtime, progress=progress)
    if seeded or not runtime.search.indices.exists_alias(name=runtime.names.suggest):
        rebuild_suggestions(runtime.search, runtime.names)
