"""Results pages on the real node over a seeded catalog, checked against the database."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from fastapi.testclient import TestClient
from opensearchpy import OpenSearch
from opensearchpy.exceptions import TransportError
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from facets.common import DELIVERY_BAND_DAYS, MAX_PRICE_CENTS, SELLER_LEVELS
from indexer.client import IndexNames
from indexer.steps import Steps, run
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.catalog.presence import is_online
from marketplace_core.clock import ManualClock
from marketplace_core.config import Settings
from marketplace_core.db import make_engine, make_sessionmaker
from marketplace_core.demo.seed import seed_catalog
from marketplace_core.migrate import upgrade
from microtache.bootstrap import reindex
from microtache.runtime import Runtime
from search_api.app import create_app
from tests.conftest import START

GIGS = 900


@dataclass(frozen=True)
class Row:
    id: int
    title: str
    category: str
    subcategory: str
    attributes: dict[str, list[str]]
    packages: list[tuple[int, int]]
    level: str
    languages: set[str]
    country: str
    online: bool


@dataclass
class Catalog:
    client: TestClient
    runtime: Runtime
    rows: list[Row]

    def get(self, query: str, status: int = 200) -> Any:
        response = self.client.get(f"/search?{query}")
        assert response.status_code == status, response.text
        return response.json()

    def expected(self, predicate: Callable[[Row], bool]) -> set[int]:
        return {r.id for r in self.rows if predicate(r)}

    def all_ids(self, query: str) -> set[int]:
        """Every result of a query, following cursors."""
        ids: list[int] = []
        body = self.get(f"{query}&size=48")
        ids += [g["id"] for g in body["results"]]
        while body["next_cursor"]:
            body = self.get(f"{query}&size=48&cursor={body['next_cursor']}")
            ids += [g["id"] for g in body["results"]]
        assert len(ids) == len(set(ids)), "a cursor repeated a result"
        return set(ids)


@pytest.fixture(scope="module")
def catalog(
    tmp_path_factory: pytest.TempPathFactory, opensearch: OpenSearch, opensearch_url: str
) -> Iterator[Catalog]:
    directory: Path = tmp_path_factory.mktemp("search")
    settings = Settings(MICROTACHE_DATA_DIR=directory, OPENSEARCH_URL=opensearch_url)
    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    clock = ManualClock(START)
    seed_catalog(engine, gigs=GIGS, seed=11, clock=clock, progress=False)
    names = IndexNames(f"test_{uuid.uuid4().hex[:10]}")
    runtime = Runtime(
        settings, engine, make_sessionmaker(engine), opensearch, opensearch_url, names, clock
    )
    reindex(runtime, progress=False)
    window = timedelta(seconds=settings.online_window_seconds)
    with Session(engine) as session:
        gigs = session.scalars(
            select(Gig)
            .where(Gig.status == GigStatus.ACTIVE)
            .options(
                selectinload(Gig.packages), selectinload(Gig.seller).selectinload(Seller.languages)
            )
        ).all()
        rows = [
            Row(
                g.id,
                g.title,
                g.category,
                g.subcategory,
                g.attributes,
                [(p.price_cents, p.delivery_days) for p in g.packages],
                g.seller.level.value,
                {lang.language for lang in g.seller.languages},
                g.seller.country,
                is_online(g.seller.last_seen_at, clock.now(), window),
            )
            for g in gigs
        ]
    with TestClient(create_app(runtime)) as client:
        yield Catalog(client, runtime, rows)
    opensearch.indices.delete(index=f"{names.prefix}_*", expand_wildcards="all")
    engine.dispose()


def package_ok(
    r: Row, low: int | None = None, high: int | None = None, days: int | None = None
) -> bool:
    return any(
        (low is None or price >= low)
        and (high is None or price <= high)
        and (days is None or d <= days)
        for price, d in r.packages
    )


FILTERS: list[tuple[str, Callable[[Row], bool]]] = [
    ("level=top_rated", lambda r: r.level == "top_rated"),
    ("level=new&level=level_2", lambda r: r.level in ("new", "level_2")),
    ("language=es", lambda r: "es" in r.languages),
    ("country=BE&country=CH", lambda r: r.country in ("BE", "CH")),
    ("online=true", lambda r: r.online),
    ("budget_min=2000&budget_max=5000", lambda r: package_ok(r, 2000, 5000)),
    ("budget_max=1500", lambda r: package_ok(r, high=1500)),
    ("delivery=24h", lambda r: package_ok(r, days=1)),
    ("delivery=3d&budget_max=3000", lambda r: package_ok(r, high=3000, days=3)),
    ("category=musique-audio", lambda r: r.category == "musique-audio"),
    (
        "subcategory=conception-logo&style=vintage&style=minimaliste",
        lambda r: (
            r.subcategory == "conception-logo"
            and r.attributes["style"][0] in ("vintage", "minimaliste")
        ),
    ),
    (
        "subcategory=traduction&paire-langues=fr-en",
        lambda r: r.subcategory == "traduction" and "fr-en" in r.attributes["paire-langues"],
    ),
    (
        "category=graphisme-design&level=level_1&language=en&delivery=7d&budget_min=1000",
        lambda r: (
            r.category == "graphisme-design"
            and r.level == "level_1"
            and "en" in r.languages
            and package_ok(r, low=1000, days=7)
        ),
    ),
]


@pytest.mark.parametrize(("query", "predicate"), FILTERS, ids=[q for q, _ in FILTERS])
def test_filters_alone_and_combined_match_the_database(
    catalog: Catalog, query: str, predicate: Callable[[Row], bool]
) -> None:
    expected = catalog.expected(predicate)
    assert expected, "the demo catalog should hold matches for this filter"
    assert catalog.get(query)["total"] == len(expected)
    assert catalog.all_ids(query) == expected


def facet(body: Any, name: str) -> dict[str, int]:
    [found] = [f for f in body["facets"] if f["name"] == name]
    return {b["value"]: b["count"] for b in found["buckets"]}


def test_facet_counts_equal_database_counts_and_ignore_their_own_selection(
    catalog: Catalog,
) -> None:
    query = (
        "subcategory=conception-logo&level=level_1&level=level_2&delivery=7d"
        "&style=minimaliste&style=vintage"
    )
    body = catalog.get(query)
    levels: tuple[str, ...] = ("level_1", "level_2")
    styles: tuple[str, ...] = ("minimaliste", "vintage")

    def count(
        *,
        level: tuple[str, ...] = levels,
        style: tuple[str, ...] = styles,
        days: int | None = 7,
        inclus: str | None = None,
        online: bool = False,
    ) -> int:
        """Gigs of the subcategory matching the selection, with one facet's part replaced."""
        return sum(
            1
            for r in catalog.rows
            if r.subcategory == "conception-logo"
            and r.level in level
            and r.attributes["style"][0] in style
            and package_ok(r, days=days)
            and (inclus is None or inclus in r.attributes["inclus"])
            and (r.online or not online)
        )

    assert body["total"] == count()
    # Each facet counts under every other selection, not its own (disjunctive); with two
    # levels selected both keep their counts.
    assert set(levels) <= set(facet(body, "level"))
    for level, n in facet(body, "level").items():
        assert n == count(level=(level,)), level
    for style, n in facet(body, "style").items():
        assert n == count(style=(style,)), style
    for band, n in facet(body, "delivery").items():
        assert n == count(days=DELIVERY_BAND_DAYS[band]), band
    for key, n in facet(body, "inclus").items():
        assert n == count(inclus=key), key
    assert facet(body, "online")["true"] == count(online=True)


def test_budget_bands_count_gigs_with_a_package_in_the_band_under_the_delivery_filter(
    catalog: Catalog,
) -> None:
    body = catalog.get("category=programmation-tech&delivery=3d")
    [budget] = [f for f in body["facets"] if f["name"] == "budget"]
    assert len(budget["buckets"]) >= 3
    for bucket in budget["buckets"]:
        low = int(bucket["params"].get("budget_min", 0))
        high = int(bucket["params"]["budget_max"]) if "budget_max" in bucket["params"] else None
        in_band = [
            r
            for r in catalog.rows
            if r.category == "programmation-tech" and package_ok(r, low, high, 3)
        ]
        assert bucket["count"] == len(in_band)
        # Selecting the bucket gives exactly its count.
        chosen = "&".join(f"{k}={v}" for k, v in bucket["params"].items())
        assert (
            catalog.get(f"category=programmation-tech&delivery=3d&{chosen}")["total"]
            == (bucket["count"])
        )


def test_category_tree_before_a_subcategory_then_its_attributes(catalog: Catalog) -> None:
    body = catalog.get("q=logo")
    names = [f["name"] for f in body["facets"]]
    assert "category" in names
    assert "style" not in names
    [tree] = [f for f in body["facets"] if f["name"] == "category"]
    design = tree["children"]["graphisme-design"]
    assert "conception-logo" in [b["value"] for b in design]
    body = catalog.get("subcategory=conception-logo")
    names = [f["name"] for f in body["facets"]]
    assert "category" not in names
    assert {"style", "format-fichier", "inclus"} <= set(names)


def test_active_filters_carry_labels_and_the_parameters_that_remove_them(
    catalog: Catalog,
) -> None:
    body = catalog.get(
        "q=logo&subcategory=conception-logo&style=vintage&level=top_rated&page=2&size=10"
    )
    chips = {(c["param"], c["value"]): c for c in body["active_filters"]}
    assert chips[("style", "vintage")]["label"] == "Style : Vintage"
    assert chips[("level", "top_rated")]["label"] == "Niveau du vendeur : Top Rated"
    removed = parse_qsl(chips[("style", "vintage")]["remove"])
    assert ("style", "vintage") not in removed
    assert ("level", "top_rated") in removed
    assert ("page", "2") not in removed  # back to page 1
    sub_removed = dict(parse_qsl(chips[("subcategory", "conception-logo")]["remove"]))
    assert "style" not in sub_removed  # the attribute belonged to the subcategory
    english = catalog.get("subcategory=conception-logo&level=top_rated&lang=en")
    labels = {c["label"] for c in english["active_filters"]}
    assert "Seller level: Top Rated" in labels
    assert "Subcategory: Logo design" in labels


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [("price_asc", "price_from_cents", False), ("price_desc", "price_from_cents", True)],
)
def test_price_sorts(catalog: Catalog, sort: str, key: str, reverse: bool) -> None:
    results = catalog.get(f"category=business&sort={sort}&size=48")["results"]
    prices = [g[key] for g in results]
    assert prices == sorted(prices, reverse=reverse)


def test_rating_sort(catalog: Catalog) -> None:
    results = catalog.get("sort=rating&size=48")["results"]
    ratings = [g["seller"]["rating"] for g in results]
    assert ratings == sorted(ratings, reverse=True)


def test_pages_then_cursor(catalog: Catalog) -> None:
    first = catalog.get("sort=newest&size=10&page=1")
    second = catalog.get("sort=newest&size=10&page=2")
    assert not {g["id"] for g in first["results"]} & {g["id"] for g in second["results"]}
    follow = catalog.get(f"sort=newest&size=10&cursor={first['next_cursor']}")
    assert [g["id"] for g in follow["results"]] == [g["id"] for g in second["results"]]
    assert catalog.all_ids("sort=newest") == {r.id for r in catalog.rows}


def test_relevance_exact_and_typos(catalog: Catalog) -> None:
    body = catalog.get("q=logo+minimaliste")
    top = body["results"][0]
    assert "logo minimaliste" in top["title"].lower()
    assert "<mark>" in top["title_highlighted"]
    typo = catalog.get("q=lgo")
    assert typo["total"] > 0
    assert "logo" in typo["results"][0]["title"].lower()
    assert catalog.all_ids("q=d%C3%A9lai") == catalog.all_ids("q=delai")
    assert catalog.all_ids("q=logos") == catalog.all_ids("q=logo")


def test_all_words_rank_above_some_words(catalog: Catalog) -> None:
    results = catalog.get("q=voix+off+publicit%C3%A9&size=10")["results"]
    assert results
    assert all(g["subcategory"]["slug"] == "voix-off" for g in results[:5])


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("level=bogus", "level"),
        ("language=xx", "language"),
        ("country=ZZ", "country"),
        ("subcategory=conception-logo&accent=quebecois", "accent"),
        ("style=vintage", "style"),
        ("budget_min=5000&budget_max=100", "budget_min"),
        ("budget_min=-1", "budget_min"),
        ("page=51", "page"),
        ("q=" + "a" * 201, "q"),
        ("q=logo%00", "q"),
        ("sort=cheapest", "sort"),
        ("delivery=2d", "delivery"),
        ("category=graphisme-design&subcategory=voix-off", "subcategory"),
        ("cursor=not-a-cursor", "cursor"),
        ("online=maybe", "online"),
        ("budget_min=abc", "budget_min"),
        ("page=two", "page"),
        ("size=0", "size"),
    ],
)
def test_bad_parameters_are_named(catalog: Catalog, query: str, field: str) -> None:
    body = catalog.get(query, status=422)
    assert field in {d["field"] for d in body["detail"]}


def test_the_parameters_are_documented(runtime: Runtime) -> None:
    schema = TestClient(create_app(runtime)).get("/openapi.json").json()
    documented = {p["name"]: p for p in schema["paths"]["/search"]["get"]["parameters"]}
    assert set(documented) >= {
        "q",
        "category",
        "subcategory",
        "budget_min",
        "budget_max",
        "delivery",
        "level",
        "language",
        "country",
        "online",
        "sort",
        "page",
        "size",
        "cursor",
        "lang",
        "<attribute>",
    }
    # The bounds a generated client needs, from the rules' own constants.
    levels = [level.slug for level in SELLER_LEVELS]
    assert documented["level"]["schema"] == {
        "type": "array",
        "items": {"type": "string", "enum": levels},
    }
    assert documented["budget_max"]["schema"] == {
        "type": "integer",
        "minimum": 0,
        "maximum": MAX_PRICE_CENTS,
    }


@pytest.mark.parametrize(
    ("q", "words"),
    [
        ("logo:", "logo"),
        ("(logo", "logo"),
        ("logo*", "logo"),
        ('"logo" ~2', "logo 2"),
        ("logo AND (", "logo AND"),
        ("logo/vectoriel\\", "logo vectoriel"),
        ("voix^2 off", "voix 2 off"),
    ],
)
def test_query_syntax_characters_are_plain_text(catalog: Catalog, q: str, words: str) -> None:
    """What a buyer types is text, never query syntax: with its punctuation, a search finds
    what the same words find without it."""
    from urllib.parse import quote

    found = catalog.all_ids(f"q={quote(q)}")
    assert found, f"{words!r} finds gigs in the catalog"
    assert found == catalog.all_ids(f"q={quote(words)}")


@pytest.mark.parametrize("q", ['"', "*", "\\", "?"])
def test_punctuation_alone_finds_nothing_rather_than_everything(catalog: Catalog, q: str) -> None:
    """``*`` or ``?`` is no wildcard: a search of punctuation alone is a page without results
    that offers to post a request (R-SRCH-7)."""
    from urllib.parse import quote

    body = catalog.get(f"q={quote(q)}")
    assert body["total"] == 0
    assert body["request_prefill"] is not None


def test_zero_results_suggest_a_correction_and_prefill_a_request(catalog: Catalog) -> None:
    body = catalog.get(
        "q=logo+minimaliste&budget_max=500&delivery=24h&online=true&level=top_rated&country=CH"
    )
    if body["total"]:
        pytest.fail("the filters above were chosen to match nothing")
    prefill = body["request_prefill"]
    assert prefill["description"] == "logo minimaliste"
    assert prefill["subcategory"] == "conception-logo"
    assert prefill["category"] == "graphisme-design"
    assert prefill["budget_cents"] == 500
    assert prefill["delivery"] == "24h"
    # Misspelt, and asked for as typed: the request goes where the correction's gigs are,
    # not where a short word within an edit of a typo happens to be (« lgoi » and « loi »).
    for typo, meant in [("lgoi+vintaeg", "logo vintage"), ("lgoi", "logo")]:
        typed = catalog.get(f"q={typo}&correct=false&budget_max=100")
        assert (typed["total"], typed["did_you_mean"][:1]) == (0, [meant])
        assert typed["request_prefill"]["subcategory"] == "conception-logo", typo
    misspelt = catalog.get("q=trduction+jurdique")
    if misspelt["total"] == 0:
        assert misspelt["did_you_mean"]
        for suggestion in misspelt["did_you_mean"]:
            assert catalog.get(f"q={suggestion}")["total"] > 0


def test_did_you_mean_only_offers_queries_with_results(catalog: Catalog) -> None:
    body = catalog.get("q=minimaliste+logoo+vinyage+zzzz")
    for suggestion in body["did_you_mean"]:
        assert catalog.get(f"q={suggestion}")["total"] > 0


def test_categories_with_counts(catalog: Catalog) -> None:
    response = catalog.client.get("/categories")
    assert response.status_code == 200
    tree = response.json()
    assert len(tree) >= 6
    by_sub = {s["slug"]: s["count"] for c in tree for s in c["subcategories"]}
    for slug, n in by_sub.items():
        assert n == sum(1 for r in catalog.rows if r.subcategory == slug), slug
    assert catalog.client.get("/categories?lang=de").status_code == 422


def test_a_rebuild_under_concurrent_searches_fails_no_search(catalog: Catalog) -> None:
    failures: list[str] = []
    totals: set[int] = set()
    stop = threading.Event()

    def searching() -> None:
        while not stop.is_set():
            response = catalog.client.get("/search?q=logo&level=level_1")
            if response.status_code != 200:
                failures.append(response.text)
            else:
                totals.add(response.json()["total"])

    threads = [threading.Thread(target=searching) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        reindex(catalog.runtime, progress=False)
        reindex(catalog.runtime, progress=False)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert failures == []
    assert len(totals) == 1  # same data before, during and after


def test_a_search_failing_in_a_batch_is_raised_inside_the_steps(catalog: Catalog) -> None:
    """A batch goes as one _msearch; an item's error reaches the steps as a single search's
    would, so they can handle it."""
    index = catalog.runtime.names.gigs
    bad = {"query": {"range": {"price_from_cents": {"gte": "pas un nombre"}}}}

    def steps() -> Steps[tuple[int, object]]:
        [fine] = yield [(index, {"size": 0, "query": {"match_all": {}}})]
        try:
            yield [(index, {"size": 0, "query": {"match_all": {}}}), (index, bad)]
        except TransportError as exc:
            return fine["hits"]["total"]["value"], exc.status_code
        return 0, None

    assert run(catalog.runtime.search, steps()) == (len(catalog.rows), 400)
