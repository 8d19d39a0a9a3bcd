"""The gig index on the real OpenSearch node: analyzers, mapping, rebuild behind the alias."""

from __future__ import annotations

from typing import Any

import pytest
from opensearchpy import OpenSearch
from opensearchpy.exceptions import RequestError
from sqlalchemy.orm import Session

from facets.taxonomy import TAXONOMY
from indexer.client import IndexNames
from indexer.facet_kinds import package_clause
from indexer.gig_index import gig_index_body
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.rules import PackageInput
from microtache.bootstrap import reindex
from microtache.runtime import Runtime
from tests.factories import create_gig, create_seller


def tokens(client: OpenSearch, index: str, analyzer: str, text: str) -> list[str]:
    result = client.indices.analyze(index=index, body={"analyzer": analyzer, "text": text})
    return [t["token"] for t in result["tokens"]]


@pytest.fixture
def empty_index(opensearch: OpenSearch, index_names: IndexNames) -> str:
    index = index_names.gigs_version(1)
    opensearch.indices.create(index=index, body=gig_index_body(TAXONOMY, building=False))
    return index


def test_node_is_a_real_opensearch_2_19(opensearch: OpenSearch) -> None:
    assert opensearch.info()["version"]["number"] == "2.19.1"
    assert opensearch.cluster.health()["status"] in ("green", "yellow")


def test_french_analysis_folds_accents_elides_and_stems(
    opensearch: OpenSearch, empty_index: str
) -> None:
    assert tokens(opensearch, empty_index, "fr_text", "délai") == tokens(
        opensearch, empty_index, "fr_text", "delai"
    )
    assert tokens(opensearch, empty_index, "fr_text", "logos") == tokens(
        opensearch, empty_index, "fr_text", "logo"
    )
    assert tokens(opensearch, empty_index, "fr_text", "l'identité") == tokens(
        opensearch, empty_index, "fr_text", "identite"
    )
    # Stop words carry no weight.
    assert tokens(opensearch, empty_index, "fr_text", "le logo de la marque") == tokens(
        opensearch, empty_index, "fr_text", "logo marque"
    )


def test_exact_subfield_keeps_the_word_as_written(opensearch: OpenSearch, empty_index: str) -> None:
    assert tokens(opensearch, empty_index, "folded_text", "Logos Élégants") == ["logos", "elegants"]


def test_mapping_is_strict(opensearch: OpenSearch, empty_index: str) -> None:
    with pytest.raises(RequestError):
        opensearch.index(index=empty_index, body={"title": "x", "surprise": 1})


def search(client: OpenSearch, index: str, query: dict[str, Any]) -> list[int]:
    hits = client.search(index=index, body={"query": query, "size": 100})["hits"]["hits"]
    return sorted(int(h["_id"]) for h in hits)


def test_rebuild_indexes_active_gigs_with_their_seller(runtime: Runtime) -> None:
    with Session(runtime.engine) as session, session.begin():
        seller = create_seller(session, clock=runtime.clock, username="amina_logo")
        active = create_gig(session, seller=seller, clock=runtime.clock)
        create_gig(
            session,
            seller=seller,
            clock=runtime.clock,
            status=GigStatus.DRAFT,
            title="Je vais créer un brouillon de logo",
        )
        create_gig(
            session,
            seller=seller,
            clock=runtime.clock,
            status=GigStatus.PAUSED,
            title="Je vais créer un logo en pause",
        )
        active_id = active.id

    report = reindex(runtime, progress=False)

    assert report.documents == 1
    alias = runtime.names.gigs
    doc = runtime.search.get(index=alias, id=str(active_id))
    source = doc["_source"]
    assert doc["_version"] == 2  # gig version 1 + seller version 1
    assert source["seller"]["username"] == "amina_logo"
    assert source["seller"]["languages"] == ["en", "fr"]
    assert source["subcategory"] == "conception-logo"
    assert source["attributes"] == {"style": ["minimaliste"]}
    assert search(runtime.search, alias, {"match": {"title": "délais logos minimalistes"}}) == [
        active_id
    ]


def test_budget_and_delivery_must_hold_for_the_same_package(runtime: Runtime) -> None:
    with Session(runtime.engine) as session, session.begin():
        seller = create_seller(session, clock=runtime.clock)
        gig = create_gig(
            session,
            seller=seller,
            clock=runtime.clock,
            packages=[PackageInput("basic", 1500, 10), PackageInput("standard", 9000, 1)],
        )
        gig_id = gig.id
    reindex(runtime, progress=False)

    def packages(price_max: int, band: str) -> dict[str, Any]:
        # What the results page sends (indexer.facet_kinds.package_clause).
        clause = package_clause((None, price_max), band)
        assert clause is not None
        return clause

    # $15 takes 10 days, 24 h costs $90: no single package is both.
    assert search(runtime.search, runtime.names.gigs, packages(2000, "24h")) == []
    assert search(runtime.search, runtime.names.gigs, packages(2000, "7d")) == []
    assert search(runtime.search, runtime.names.gigs, packages(2000, "any")) == [gig_id]
    assert search(runtime.search, runtime.names.gigs, packages(9000, "24h")) == [gig_id]
    assert search(runtime.search, runtime.names.gigs, packages(8999, "3d")) == []


def test_rebuild_swaps_the_alias_and_removes_the_old_index(runtime: Runtime) -> None:
    with Session(runtime.engine) as session, session.begin():
        create_gig(session, seller=create_seller(session, clock=runtime.clock), clock=runtime.clock)
    first = reindex(runtime, progress=False)
    second = reindex(runtime, progress=False)
    assert (first.index, second.index) == (
        runtime.names.gigs_version(1),
        runtime.names.gigs_version(2),
    )
    aliases = runtime.search.indices.get_alias(name=runtime.names.gigs)
    assert list(aliases) == [second.index]
    assert not runtime.search.indices.exists(index=first.index)
    assert runtime.search.count(index=runtime.names.gigs)["count"] == 1
