"""What buyers do after a search feeds search back, on the real node: the autocomplete ranks
terms whose searches led to clicks higher and places a term where its clicks land; query
understanding reads which subcategory a query's clicks land in. Always from enough distinct
visitors: one visitor alone moves nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from facets.taxonomy import TAXONOMY
from indexer.search_feedback import clicked_subcategories, understood
from indexer.suggestions import rebuild_suggestions, suggest
from marketplace_core.catalog.models import Seller
from marketplace_core.insights.feedback import MIN_VISITORS, ClickedSubcategory, Understood
from microtache.bootstrap import reindex
from tests.factories import create_gig
from tests.integration.api.harness import Api, People
from tests.integration.api.insights import flush, search, send

GIGS = (
    # (subcategory, title, tags)
    (
        "conception-logo",
        "Je vais créer un logo minimaliste pour votre cabinet",
        ("logo minimaliste",),
    ),
    ("conception-logo", "Je vais dessiner un logo minimaliste et élégant", ("logo minimaliste",)),
    ("conception-logo", "Je vais dessiner un logo vintage pour votre bar", ("logo vintage",)),
    ("illustration", "Je vais dessiner la mascotte de votre club", ("mascotte",)),
    ("illustration", "Je vais illustrer votre mascotte en couleurs", ("mascotte",)),
    ("conception-logo", "Je vais créer un logo mascotte pour votre équipe", ("mascotte",)),
    ("conception-logo", "Je vais faire de votre mascotte un logo", ("mascotte",)),
)


@pytest.fixture
def catalog(api: Api, people: People) -> None:
    clock = api.runtime.clock
    with api.runtime.sessions.begin() as session:
        seller = session.scalars(select(Seller).where(Seller.username == "claire_design")).one()
        for subcategory, title, tags in GIGS:
            create_gig(
                session,
                seller=seller,
                clock=clock,
                title=title,
                subcategory=subcategory,
                tags=tags,
                attributes=None if subcategory == "conception-logo" else {},
            )
    reindex(api.runtime, progress=False)


def searched_and_clicked(
    api: Api, q: str, visitor: str, *, clicks_in: str | None = None
) -> dict[str, Any]:
    """One buyer's search, and a click on the first result in ``clicks_in``."""
    page = search(api, q, visitor=visitor)
    if clicks_in is not None:
        position, gig = next(
            (i, g)
            for i, g in enumerate(page["results"], 1)
            if g["subcategory"]["slug"] == clicks_in
        )
        event = {
            "search_id": page["search_id"],
            "type": "click",
            "gig_id": gig["id"],
            "position": position,
        }
        assert send(api, event, visitor=visitor).status_code == 202
    return page


def rebuilt(api: Api, q: str) -> list[tuple[str, str]]:
    flush(api)
    rebuild_suggestions(api.runtime.search, api.runtime.names, TAXONOMY)
    found = suggest(api.runtime.search, api.runtime.names, q, "fr", size=30)
    return [(s.term, s.subcategory_slug) for s in found]


def test_searches_that_led_to_clicks_rank_higher_from_enough_visitors(
    api: Api, catalog: None
) -> None:
    for i in range(3):
        searched_and_clicked(api, "logo minimaliste", f"visiteur-minimal-{i}")
        searched_and_clicked(api, "logo vintage", f"visiteur-vintage-{i}")
    terms = [t for t, _ in rebuilt(api, "logo")]
    # As many searches each: the one with more gigs first.
    assert terms.index("logo minimaliste") < terms.index("logo vintage")

    # One buyer clicking vintage logos page after page pushes nothing (others search
    # minimalist logos as often, without clicking).
    for _ in range(3):
        searched_and_clicked(api, "logo vintage", "visiteur-obstine", clicks_in="conception-logo")
        searched_and_clicked(api, "logo minimaliste", "visiteur-curieux")
    terms = [t for t, _ in rebuilt(api, "logo")]
    assert terms.index("logo minimaliste") < terms.index("logo vintage")

    for i in range(MIN_VISITORS - 1):  # now enough distinct visitors clicked
        searched_and_clicked(api, "logo vintage", f"visiteur-clic-{i}", clicks_in="conception-logo")
        searched_and_clicked(api, "logo minimaliste", f"visiteur-sans-clic-{i}")
    terms = [t for t, _ in rebuilt(api, "logo")]
    assert terms.index("logo vintage") < terms.index("logo minimaliste")


def test_a_term_is_placed_where_its_clicks_land(api: Api, catalog: None) -> None:
    for i in range(MIN_VISITORS - 1):
        searched_and_clicked(api, "mascotte", f"visiteur-{i}", clicks_in="illustration")
    # Its gigs are in two subcategories alike: suggested in both while evidence is short.
    assert {s for t, s in rebuilt(api, "mascotte") if t == "mascotte"} == {
        "illustration",
        "conception-logo",
    }
    assert understood(api.runtime.search, api.runtime.names, "mascotte") is None

    searched_and_clicked(api, "Mascotte", "visiteur-dernier", clicks_in="illustration")
    assert {s for t, s in rebuilt(api, "mascotte") if t == "mascotte"} == {"illustration"}
    assert understood(api.runtime.search, api.runtime.names, " MASCOTTE ") == Understood(
        "illustration", 1.0, MIN_VISITORS
    )


def test_where_each_query_clicks_land(api: Api, catalog: None) -> None:
    for i in range(4):
        searched_and_clicked(api, "mascotte", f"v-illustration-{i}", clicks_in="illustration")
    searched_and_clicked(api, "mascotte", "v-logo-0", clicks_in="conception-logo")
    searched_and_clicked(api, "logo vintage", "v-logo-1", clicks_in="conception-logo")
    searched_and_clicked(api, "logo minimaliste", "v-logo-2")  # no click
    flush(api)
    found = clicked_subcategories(api.runtime.search, api.runtime.names)
    assert found == {
        "mascotte": [
            ClickedSubcategory("illustration", clicks=4, visitors=4),
            ClickedSubcategory("conception-logo", clicks=1, visitors=1),
        ],
        "logo vintage": [ClickedSubcategory("conception-logo", clicks=1, visitors=1)],
    }
    assert understood(api.runtime.search, api.runtime.names, "mascotte") == Understood(
        "illustration", 0.8, 4
    )
    assert understood(api.runtime.search, api.runtime.names, "logo vintage") is None  # 1 visitor
    only = clicked_subcategories(api.runtime.search, api.runtime.names, queries=["logo vintage"])
    assert list(only) == ["logo vintage"]
    assert clicked_subcategories(api.runtime.search, api.runtime.names, queries=[]) == {}
