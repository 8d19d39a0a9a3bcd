"""Autocomplete on the real node: the suggestion index, the query log and ``GET /autocomplete``."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from opensearchpy.exceptions import RequestError
from sqlalchemy.orm import Session

from facets.model import Lang
from facets.taxonomy import TAXONOMY
from indexer.client import IndexNames
from indexer.querylog import QueryLog, popular_queries
from indexer.suggestions import (
    Placement,
    Suggestion,
    SuggestReport,
    place_terms,
    rebuild_suggestions,
    suggest,
)
from marketplace_core.clock import ManualClock
from marketplace_core.config import get_settings
from microtache.bootstrap import reindex
from microtache.runtime import Runtime
from microtache.tasks.search import rebuild_suggestions as rebuild_suggestions_task
from search_api.app import create_app
from tests.factories import create_gig, create_seller

# (subcategory, title, tags)
CATALOG: Sequence[tuple[str, str, tuple[str, ...]]] = (
    (
        "conception-logo",
        "Je vais créer un logo minimaliste pour votre entreprise",
        ("logo", "logo minimaliste"),
    ),
    (
        "conception-logo",
        "Je vais créer un logo minimaliste et moderne",
        ("logo", "logos minimalistes", "logo vintage"),
    ),
    (
        "conception-logo",
        "Je vais dessiner un logo vintage pour votre marque",
        ("logo", "logo vintage"),
    ),
    ("conception-logo", "Je vais concevoir votre logo professionnel", ("logo", "logo pro")),
    (
        "animation-logo",
        "Je vais animer votre logo pour une intro vidéo",
        ("animation de logo", "logo animé"),
    ),
    (
        "traduction",
        "Je vais réaliser une traduction professionnelle de vos textes",
        ("traduction", "traduction anglais"),
    ),
    (
        "traduction",
        "Je vais réaliser une traduction juridique de vos contrats",
        ("traduction", "traduction juridique"),
    ),
    (
        "montage-video",
        "Je vais monter votre vidéo dans un délai de 24 heures",
        ("montage vidéo", "délai court"),
    ),
    (
        "montage-video",
        "Je vais monter vos vidéos YouTube en un délai record",
        ("montage vidéo", "délai court", "youtube"),
    ),
    ("illustration", "Je vais dessiner vos figurines en briques", ("lego", "figurine")),
    ("illustration", "Je vais illustrer vos constructions en briques", ("lego", "briques")),
    (
        "developpement-wordpress",
        "Je vais créer votre site WordPress sur mesure",
        ("wordpress", "site wordpress"),
    ),
)


def build_catalog(runtime: Runtime) -> None:
    with Session(runtime.engine) as session, session.begin():
        for i, (subcategory, title, tags) in enumerate(CATALOG):
            seller = create_seller(session, clock=runtime.clock, username=f"vendeur_{i}")
            create_gig(
                session,
                seller=seller,
                clock=runtime.clock,
                title=title,
                subcategory=subcategory,
                tags=tags,
                attributes={} if subcategory != "conception-logo" else None,
            )
    reindex(runtime, progress=False)


def rebuild(runtime: Runtime) -> SuggestReport:
    return rebuild_suggestions(runtime.search, runtime.names, TAXONOMY)


def log_searches(runtime: Runtime, searches: dict[str, int], *, results: int = 5) -> None:
    querylog = QueryLog(runtime.search, runtime.names, clock=runtime.clock)
    for query, times in searches.items():
        for _ in range(times):
            querylog.record(query, results=results)
    querylog.flush(refresh=True)


def terms(found: list[Suggestion]) -> list[str]:
    return [s.term for s in found]


@pytest.fixture
def catalog(runtime: Runtime) -> Runtime:
    build_catalog(runtime)
    return runtime


def ask(runtime: Runtime, q: str, lang: Lang = "fr") -> list[Suggestion]:
    return suggest(runtime.search, runtime.names, q, lang)


# -- The suggestion index ---------------------------------------------------------------------


def test_logo_suggests_its_terms_in_logo_design(catalog: Runtime) -> None:
    report = rebuild(catalog)
    assert report.index == catalog.names.suggest_version(1)
    found = ask(catalog, "logo")
    assert 0 < len(found) <= 8
    by_term = {s.term: s for s in found}
    design = by_term["conception de logo"]  # the subcategory's own name
    assert (design.category_slug, design.category_label) == (
        "graphisme-design",
        "Graphisme et design",
    )
    assert (design.subcategory_slug, design.subcategory_label) == (
        "conception-logo",
        "Conception de logo",
    )
    assert design.count == 4
    assert by_term["logo"].subcategory_slug == "conception-logo"
    assert by_term["logo"].count == 4
    assert by_term["animation de logo"].subcategory_slug == "animation-logo"
    # "logos minimalistes" and "logo minimaliste" are one entry.
    assert "logos minimalistes" not in by_term
    assert by_term["logo minimaliste"].count == 2


def test_prefix_of_any_word(catalog: Runtime) -> None:
    rebuild(catalog)
    assert terms(ask(catalog, "mini")) == ["logo minimaliste"]
    assert "logo vintage" in terms(ask(catalog, "logo vin"))
    assert terms(ask(catalog, "word")) == ["développement wordpress"]


def test_typos_are_tolerated(catalog: Runtime) -> None:
    rebuild(catalog)
    lgo = ask(catalog, "lgo")
    assert lgo
    assert lgo[0].subcategory_slug == "conception-logo"
    assert "logo" in terms(lgo)
    tradcution = ask(catalog, "tradcution")
    assert tradcution
    assert {s.subcategory_slug for s in tradcution} == {"traduction"}
    assert "traduction" in terms(tradcution)


def test_accents_do_not_matter(catalog: Runtime) -> None:
    rebuild(catalog)
    with_accent, without = ask(catalog, "délai"), ask(catalog, "delai")
    assert with_accent == without
    assert [(s.term, s.subcategory_slug, s.count) for s in without] == [
        ("délai court", "montage-video", 2)
    ]
    developpement = ask(catalog, "developpement")
    assert [s.term for s in developpement] == ["développement wordpress"]
    assert developpement[0].subcategory_slug == "developpement-wordpress"


def test_an_exact_prefix_ranks_above_a_more_popular_typo_match(catalog: Runtime) -> None:
    log_searches(catalog, {"lego": 40, "logo pro": 3})
    rebuild(catalog)
    found = terms(ask(catalog, "logo"))
    # "lego" is one letter away from "logo" and the most searched, yet comes after every
    # term that holds a word starting with "logo"; among those, the searched one leads.
    assert found[0] == "logo pro"
    assert found[-1] == "lego"
    assert all("logo" in term for term in found[:-1])
    assert terms(ask(catalog, "lego"))[0] == "lego"


def test_query_log_popularity_reorders_suggestions(catalog: Runtime) -> None:
    rebuild(catalog)
    before = terms(ask(catalog, "logo"))
    # With no searches yet, the terms with most gigs come first.
    assert before.index("logo") < before.index("logo vintage")

    log_searches(catalog, {"logo vintage": 6, "Logo  Minimaliste": 3})
    log_searches(catalog, {"logo vintage": 50}, results=0)  # searches that found nothing
    report = rebuild(catalog)
    assert report.index == catalog.names.suggest_version(2)
    assert not catalog.search.indices.exists(index=catalog.names.suggest_version(1))
    after = terms(ask(catalog, "logo"))
    assert after[:2] == ["logo vintage", "logo minimaliste"]


def test_terms_matching_no_gig_are_absent(catalog: Runtime) -> None:
    log_searches(catalog, {"logo fluo": 4, "licorne": 4})
    report = rebuild(catalog)
    assert report.dropped > 0
    assert "logo fluo" not in terms(ask(catalog, "logo"))
    assert ask(catalog, "licorne") == []
    # A subcategory with no gig is not suggested either.
    assert ask(catalog, "boutique") == []


def test_a_single_search_is_not_suggested(catalog: Runtime) -> None:
    log_searches(catalog, {"logo minimaliste pour mon association": 1})
    rebuild(catalog)
    assert ask(catalog, "association") == []


def test_english_labels_and_english_subcategory_names(catalog: Runtime) -> None:
    rebuild(catalog)
    french = {s.term: s for s in ask(catalog, "logo", "fr")}
    english = {s.term: s for s in ask(catalog, "logo", "en")}
    assert "logo design" in english
    assert "logo design" not in french
    assert english["logo"].category_label == "Graphics & Design"
    assert english["logo"].subcategory_label == "Logo design"
    assert english["logo"].term == french["logo"].term == "logo"


def test_a_term_goes_to_a_second_subcategory_holding_a_fair_share(catalog: Runtime) -> None:
    client, names = catalog.search, catalog.names
    assert place_terms(client, names, ["logo"]) == [[Placement("conception-logo", 4)]]
    assert place_terms(client, names, ["logo"], second_share=0.15) == [
        [Placement("conception-logo", 4), Placement("animation-logo", 1)]
    ]
    assert place_terms(client, names, ["licorne"]) == [[]]


def test_the_suggestion_mapping_is_strict(catalog: Runtime) -> None:
    rebuild(catalog)
    with pytest.raises(RequestError):
        catalog.search.index(index=catalog.names.suggest, body={"term": "x", "surprise": 1})


def test_no_suggestion_index_yet_means_no_suggestions(runtime: Runtime) -> None:
    assert ask(runtime, "logo") == []


def test_without_gigs_the_index_is_built_empty(runtime: Runtime) -> None:
    report = rebuild(runtime)
    assert (report.terms, report.documents) == (0, 0)
    assert runtime.search.indices.exists_alias(name=runtime.names.suggest)
    assert ask(runtime, "logo") == []


def test_the_task_rebuilds_from_the_environment(
    catalog: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", catalog.settings.sqlalchemy_url)
    monkeypatch.setenv("OPENSEARCH_URL", catalog.opensearch_url)
    monkeypatch.setenv("OPENSEARCH_INDEX_PREFIX", catalog.names.prefix)
    get_settings.cache_clear()
    try:
        result = rebuild_suggestions_task()
    finally:
        get_settings.cache_clear()
    assert result["index"] == catalog.names.suggest_version(1)
    assert isinstance(result["documents"], int)
    assert result["documents"] > 0
    assert "logo" in terms(ask(catalog, "logo"))


# -- The query log ----------------------------------------------------------------------------


def test_flush_writes_buffered_searches_and_counts_those_with_results(runtime: Runtime) -> None:
    querylog = QueryLog(runtime.search, runtime.names, clock=runtime.clock)
    querylog.record("  Logo   Vintage ", category="graphisme-design", results=12)
    querylog.record("logo vintage", results=3)
    querylog.record("logo fluo", results=0)
    querylog.record("   ", results=4)  # nothing typed: not a search
    assert querylog.pending == 3
    assert not runtime.search.indices.exists(index=runtime.names.querylog)  # nothing written yet

    assert querylog.flush(refresh=True) == 3
    assert querylog.pending == 0
    assert querylog.flush() == 0
    assert runtime.search.count(index=runtime.names.querylog)["count"] == 3
    assert popular_queries(runtime.search, runtime.names) == {"logo vintage": 2}
    assert popular_queries(runtime.search, runtime.names, min_results=0) == {
        "logo vintage": 2,
        "logo fluo": 1,
    }
    doc = runtime.search.search(
        index=runtime.names.querylog, body={"query": {"term": {"results": 12}}}
    )["hits"]["hits"][0]["_source"]
    assert doc["query"] == "logo vintage"
    assert doc["category"] == "graphisme-design"
    assert doc["at"].startswith(runtime.clock.now().date().isoformat())
    with pytest.raises(RequestError):
        runtime.search.index(index=runtime.names.querylog, body={"query": "x", "surprise": 1})


def test_popular_queries_since(runtime: Runtime, clock: ManualClock) -> None:
    querylog = QueryLog(runtime.search, runtime.names, clock=clock)
    querylog.record("logo vintage", results=2)
    clock.advance(timedelta(days=10))
    querylog.record("logo pro", results=2)
    querylog.flush(refresh=True)
    since = clock.now() - timedelta(days=1)
    assert popular_queries(runtime.search, runtime.names, since=since) == {"logo pro": 1}


def test_no_query_log_yet(runtime: Runtime) -> None:
    assert popular_queries(runtime.search, runtime.names) == {}


def test_a_full_buffer_is_flushed_in_the_background(runtime: Runtime) -> None:
    querylog = QueryLog(runtime.search, runtime.names, clock=runtime.clock, flush_every=3)
    for query in ("logo", "traduction", "montage vidéo"):
        querylog.record(query, results=1)
    index = runtime.names.querylog

    def written() -> int:
        if not runtime.search.indices.exists(index=index):
            return 0
        runtime.search.indices.refresh(index=index)
        return int(runtime.search.count(index=index)["count"])

    deadline = time.monotonic() + 10
    while written() < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert written() == 3
    assert querylog.pending == 0


# -- The API ----------------------------------------------------------------------------------


@pytest.fixture
def api(catalog: Runtime) -> Iterator[TestClient]:
    rebuild(catalog)
    with TestClient(create_app(catalog)) as client:
        yield client


def test_api_answers_with_categories_and_counts(api: TestClient) -> None:
    response = api.get("/autocomplete", params={"q": "  logo "})
    assert response.status_code == 200
    body = response.json()
    assert body["q"] == "logo"
    assert body["lang"] == "fr"
    assert 0 < len(body["suggestions"]) <= 8
    design = next(s for s in body["suggestions"] if s["term"] == "conception de logo")
    assert design == {
        "term": "conception de logo",
        "category": {"slug": "graphisme-design", "label": "Graphisme et design"},
        "subcategory": {"slug": "conception-logo", "label": "Conception de logo"},
        "count": 4,
    }


def test_api_keeps_answers_a_minute(api: TestClient, catalog: Runtime, clock: ManualClock) -> None:
    """Answers are kept for AUTOCOMPLETE_CACHE_SECONDS (60 s), whatever the case typed."""
    first = api.get("/autocomplete", params={"q": "logo"}).json()["suggestions"]
    assert first
    # Without a suggestion index, a fresh answer would be empty.
    catalog.search.indices.delete(index=f"{catalog.names.suggest}_v*")
    clock.advance(timedelta(seconds=59))
    assert api.get("/autocomplete", params={"q": "logo"}).json()["suggestions"] == first
    same = api.get("/autocomplete", params={"q": "LOGO", "lang": "fr"}).json()
    assert (same["q"], same["suggestions"]) == ("LOGO", first)
    english = api.get("/autocomplete", params={"q": "logo", "lang": "en"}).json()
    assert english["suggestions"] == []  # another language is another answer
    clock.advance(timedelta(seconds=2))
    assert api.get("/autocomplete", params={"q": "logo"}).json()["suggestions"] == []


def test_api_labels_in_english(api: TestClient) -> None:
    body = api.get("/autocomplete", params={"q": "tradcution", "lang": "en"}).json()
    assert body["suggestions"]
    first = body["suggestions"][0]
    assert first["category"] == {"slug": "redaction-traduction", "label": "Writing & Translation"}
    assert first["subcategory"] == {"slug": "traduction", "label": "Translation"}


def log_narrowed(runtime: Runtime, query: str, subcategory: str, times: int) -> None:
    """Buyers who typed ``query`` and narrowed the page to ``subcategory``."""
    querylog = QueryLog(runtime.search, runtime.names, clock=runtime.clock)
    for _ in range(times):
        querylog.record(query, subcategory=subcategory, results=4)
    querylog.flush(refresh=True)


def suggested(api: TestClient, q: str, lang: Lang = "fr") -> dict[str, Any]:
    response = api.get("/autocomplete", params={"q": q, "lang": lang})
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def places(body: dict[str, Any]) -> list[tuple[str, str]]:
    return [(s["term"], s["subcategory"]["slug"]) for s in body["suggestions"]]


@pytest.fixture
def popular_animated_logo(catalog: Runtime) -> Runtime:
    """« logo animé » is the most searched term starting with « log »."""
    log_searches(catalog, {"logo animé": 30})
    return catalog


def test_a_prefix_whose_buyers_narrow_to_a_subcategory_is_understood_and_leans_there(
    popular_animated_logo: Runtime,
) -> None:
    catalog = popular_animated_logo
    rebuild(catalog)
    with TestClient(create_app(catalog)) as api:
        before = suggested(api, "log")
        assert before["understood"] is None  # « logo » names two subcategories alike
        assert places(before)[0] == ("logo animé", "animation-logo")

        # Buyers who typed « logo » went on to logo design; the app's understanding is
        # refreshed as its loop does, within the answers' cache time.
        log_narrowed(catalog, "logo", "conception-logo", 8)
        api.app.state.understanding.refresh()  # type: ignore[attr-defined]
        after = suggested(api, "log")
        english = suggested(api, "log", "en")

    assert after["understood"] is not None
    assert after["understood"]["category"] == {
        "slug": "graphisme-design",
        "label": "Graphisme et design",
    }
    assert after["understood"]["subcategory"] == {
        "slug": "conception-logo",
        "label": "Conception de logo",
    }
    assert after["understood"]["label"] == "dans Conception de logo"
    assert 0.4 <= after["understood"]["confidence"] <= 1
    # The same terms, those of logo design first, each kind of match otherwise as before.
    found = places(after)
    assert sorted(found) == sorted(places(before))
    design = [p for p in places(before) if p[1] == "conception-logo"]
    assert found[: len(design)] == design
    assert found.index(("logo animé", "animation-logo")) == len(design)  # still shown, next
    assert found[-1] == ("lego", "illustration")  # a typo match, below every prefix match

    assert english["understood"]["subcategory"] == {
        "slug": "conception-logo",
        "label": "Logo design",
    }
    assert english["understood"]["category"]["label"] == "Graphics & Design"
    assert english["understood"]["label"] == "in Logo design"
    assert english["suggestions"][0]["subcategory"]["label"] == "Logo design"


def test_the_lean_never_lifts_a_typo_match_above_a_prefix_match_elsewhere(
    catalog: Runtime,
) -> None:
    # Buyers who typed « lego » went to logo design: the logo terms are one letter away.
    log_narrowed(catalog, "lego", "conception-logo", 8)
    rebuild(catalog)
    plain = terms(ask(catalog, "lego"))
    with TestClient(create_app(catalog)) as api:
        body = suggested(api, "lego")
    assert body["understood"]["subcategory"]["slug"] == "conception-logo"
    found = places(body)
    assert found[0] == ("lego", "illustration")  # the only prefix match, first as before
    assert plain[0] == "lego"
    # Among the typo matches, logo design's come first.
    subcategories = [sub for _, sub in found[1:]]
    assert "animation-logo" in subcategories
    first_other = subcategories.index("animation-logo")
    assert set(subcategories[:first_other]) == {"conception-logo"}
    assert "conception-logo" not in subcategories[first_other:]


def test_a_prefix_about_one_category_leans_to_its_subcategories(
    popular_animated_logo: Runtime,
) -> None:
    rebuild(popular_animated_logo)
    # « logo » names logo design and brand identity (design), and logo animation (video).
    with TestClient(create_app(popular_animated_logo)) as api:
        body = suggested(api, "logo")
    assert body["understood"] == {
        "category": {"slug": "graphisme-design", "label": "Graphisme et design"},
        "subcategory": None,
        "confidence": body["understood"]["confidence"],
        "label": "dans Graphisme et design",
    }
    # The most searched term, of logo animation, after the design terms that match as well.
    found = places(body)
    animated = found.index(("logo animé", "animation-logo"))
    assert animated > 0
    assert {s["category"]["slug"] for s in body["suggestions"][:animated]} == {"graphisme-design"}
    assert ask(popular_animated_logo, "logo")[0].term == "logo animé"  # without the lean


def test_an_ambiguous_prefix_is_not_understood_and_suggests_as_before(api: TestClient) -> None:
    runtime: Runtime = api.app.state.runtime  # type: ignore[attr-defined]
    for q in ("lo", "mont", "montage", "délai", "site"):
        body = suggested(api, q)
        assert body["understood"] is None, q
        plain = [(s.term, s.subcategory_slug) for s in ask(runtime, q)]
        assert places(body) == plain, q


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "a" * 201}, "q"),
        ({"q": "logo\x00"}, "q"),
        ({"q": "lo\tgo"}, "q"),
        ({"q": "logo\x1b[31m"}, "q"),
        ({"q": "logo", "lang": "de"}, "lang"),
    ],
)
def test_api_refuses_bad_input(runtime: Runtime, params: dict[str, str], field: str) -> None:
    with TestClient(create_app(runtime)) as client:
        response = client.get("/autocomplete", params=params)
    assert response.status_code == 422
    assert [p["field"] for p in response.json()["detail"]] == [field]


def test_api_takes_200_characters(runtime: Runtime) -> None:
    with TestClient(create_app(runtime)) as client:
        response = client.get("/autocomplete", params={"q": "a" * 200})
    assert response.status_code == 200
    assert response.json()["suggestions"] == []  # and no suggestion index yet: still 200


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "*",
        "logo*",
        "logo:",
        "(logo",
        "\\",
        'logo"*:(\\',
        "a AND (b OR c)",
        "/",
        "[",
        "{}",
        "~",
        "é'",
    ],
)
def test_api_searches_special_characters_as_text(api: TestClient, q: str) -> None:
    response = api.get("/autocomplete", params={"q": q})
    assert response.status_code == 200
    if q.startswith("logo"):
        assert "logo" in [s["term"] for s in response.json()["suggestions"]]


def test_api_documents_the_response(runtime: Runtime) -> None:
    schema = TestClient(create_app(runtime)).get("/openapi.json").json()
    operation = schema["paths"]["/autocomplete"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Autocomplete"
    }
    assert "422" in operation["responses"]
    example = schema["components"]["schemas"]["Autocomplete"]["examples"][0]
    assert example["suggestions"][0]["category"]["label"] == "Graphisme et design"
    assert example["understood"]["label"] == "dans Conception de logo"
    components = schema["components"]["schemas"]
    answer = components["Autocomplete"]["properties"]
    assert answer["suggestions"]["maxItems"] == 8
    assert answer["q"]["maxLength"] == 200
    assert "understood" not in components["Autocomplete"].get("required", [])  # may be absent
    confidence = components["TypedUnderstood"]["properties"]["confidence"]
    assert (confidence["minimum"], confidence["maximum"]) == (0, 1)


def test_index_names_of_the_autocomplete() -> None:
    names = IndexNames("microtache")
    assert (names.suggest, names.suggest_version(3), names.querylog) == (
        "microtache_suggest",
        "microtache_suggest_v3",
        "microtache_querylog",
    )
