"""Search insight rules: search ids, pseudonymous visitors, event keys, the reports'
arithmetic and tables, the thesaurus request of a zero-result query, the feedback floor."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest

from marketplace_core.errors import InvalidInput
from marketplace_core.insights.feedback import (
    CLICK_WEIGHT,
    MIN_VISITORS,
    ORDER_WEIGHT,
    ClickedSubcategory,
    QueryOutcomes,
    Understood,
    click_shares,
    clicked_places,
    popularity,
    understood_subcategory,
)
from marketplace_core.insights.reports import (
    Outcomes,
    SearchCounts,
    ZeroResultRow,
    report_window,
    row,
    rows,
    synonym_request,
    table,
    to_csv,
    to_text,
    without_clicks,
)
from marketplace_core.insights.rules import (
    SEARCH_ID_CHARS,
    EventType,
    Pseudonyms,
    SearchEvent,
    SearchIds,
    derive_key,
    position_problem,
    retention_cutoff,
)
from marketplace_core.thesaurus.rules import validate_rule

AT = datetime(2026, 3, 2, 9, 30, 15, 250_000, tzinfo=UTC)
IDS = SearchIds(derive_key("a server secret of at least thirty-two chars", "search-id"))
NAMES = Pseudonyms(derive_key("a server secret of at least thirty-two chars", "visitor"))
RETENTION = timedelta(days=90)


# -- search ids ---------------------------------------------------------------------------


def test_a_search_id_tells_when_it_was_minted_and_is_unique() -> None:
    minted = {IDS.mint(AT) for _ in range(1000)}
    assert len(minted) == 1000
    for value in minted:
        assert len(value) == SEARCH_ID_CHARS
        assert IDS.issued_at(value) == AT.replace(microsecond=250_000)


@pytest.mark.parametrize("attempt", range(20))
def test_only_the_engine_mints_search_ids(attempt: int) -> None:
    value = IDS.mint(AT)
    other = SearchIds(derive_key("another secret of at least thirty-two chars!", "search-id"))
    assert other.issued_at(value) is None  # another key
    tampered = value[:10] + ("A" if value[10] != "A" else "B") + value[11:]
    assert IDS.issued_at(tampered) is None
    # The same bytes spelled otherwise (the last character's 4 unused bits) are refused too,
    # or one click could be sent under several keys.
    last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".index(value[-1])
    for spare in range(1, 16):
        respelled = (
            value[:-1]
            + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[last ^ spare]
        )
        assert IDS.issued_at(respelled) is None
    shifted = ("B" if value[0] != "B" else "C") + value[1:]  # another time, same tag
    assert IDS.issued_at(shifted) is None
    for junk in ("", "x" * 29, "x" * 31, "!" * 30, value + "=="):
        assert IDS.issued_at(junk) is None


def test_an_event_may_point_to_a_search_within_the_retention_only() -> None:
    value = IDS.mint(AT)
    assert IDS.problem(value, now=AT + RETENTION, retention=RETENTION, field="f") is None
    late = IDS.problem(
        value, now=AT + RETENTION + timedelta(seconds=1), retention=RETENTION, field="f"
    )
    assert late is not None
    assert (late.field, late.rule) == ("f", "search_id.expired")
    forged = IDS.problem("A" * 30, now=AT, retention=RETENTION, field="events.3.search_id")
    assert forged is not None
    assert (forged.field, forged.rule) == ("events.3.search_id", "search_id.invalid")


# -- visitors and events ------------------------------------------------------------------


def test_visitor_ids_are_stable_pseudonyms() -> None:
    assert NAMES.of_user(42) == NAMES.of_user(42)
    assert NAMES.of_user(42) != NAMES.of_user(43)
    assert NAMES.of_user(42) != NAMES.of_client_id("user:42")  # two namespaces
    other = Pseudonyms(derive_key("another secret of at least thirty-two chars!", "visitor"))
    assert other.of_user(42) != NAMES.of_user(42)
    assert "42" not in NAMES.of_user(42)
    client = NAMES.of_client_id("3f2c9a1e-77b4-4d0e-9a55-c1d2e3f4a5b6")
    assert client is not None
    assert len(client) == 32
    assert "3f2c9a1e" not in client


@pytest.mark.parametrize("raw", [None, "", "short", "a" * 129, "has space inside", "é" * 10])
def test_a_client_id_that_is_not_a_random_id_names_nobody(raw: str | None) -> None:
    assert NAMES.of_client_id(raw) is None


def test_an_event_key_is_its_search_kind_and_gig() -> None:
    click = SearchEvent("s" * 30, EventType.CLICK, 7, 3, "v1", AT)
    again = SearchEvent("s" * 30, EventType.CLICK, 7, 4, "v2", AT + timedelta(minutes=1))
    assert click.key == again.key == f"{'s' * 30}:click:7"
    assert SearchEvent("s" * 30, EventType.ORDER, 7, None, None, AT).key != click.key
    assert SearchEvent("s" * 30, EventType.CLICK, 8, 1, None, AT).key != click.key


def test_a_click_needs_its_position() -> None:
    missing = position_problem(EventType.CLICK, None, "events.0.position")
    assert missing is not None
    assert (missing.field, missing.rule) == ("events.0.position", "event.position.required")
    assert position_problem(EventType.CLICK, 1, "p") is None
    for other in (EventType.FAVORITE, EventType.QUOTE_REQUEST, EventType.ORDER):
        assert position_problem(other, None, "p") is None


def test_retention_cutoff() -> None:
    assert retention_cutoff(AT, 90) == AT - timedelta(days=90)


# -- the reports' arithmetic ----------------------------------------------------------------


def test_rates_are_over_the_searches_that_found_something() -> None:
    counts = SearchCounts(searches=10, zero_results=2, visitors=6)
    outcomes = Outcomes(
        clicks=5, clicked_searches=4, position_sum=11, ordered_searches=1, favorites=2
    )
    r = row("logo", counts, outcomes)
    assert (r.with_results, r.clicked_searches, r.no_click_searches) == (8, 4, 4)
    assert r.click_rate == 0.5
    assert r.mean_click_position == 2.2
    assert r.conversion_rate == 0.125
    assert (r.favorites, r.quote_requests, r.visitors) == (2, 0, 6)


def test_a_query_that_only_found_nothing_has_no_rates() -> None:
    r = row("bruitage", SearchCounts(searches=3, zero_results=3), Outcomes())
    assert (r.with_results, r.click_rate, r.conversion_rate, r.mean_click_position) == (
        0,
        None,
        None,
        None,
    )


def test_events_never_exceed_the_searches_they_follow() -> None:
    """A forged event pointing to a page without results cannot make a rate above 1."""
    r = row("x", SearchCounts(searches=2, zero_results=1), Outcomes(clicks=9, clicked_searches=5))
    assert (r.clicked_searches, r.no_click_searches, r.click_rate) == (1, 0, 1.0)


def test_rows_keep_the_given_order_and_fill_what_is_missing() -> None:
    found = rows({"a": SearchCounts(searches=2)}, {"b": Outcomes(clicks=1)}, ["b", "a"])
    assert [(r.key, r.searches, r.clicks) for r in found] == [("b", 0, 1), ("a", 2, 0)]


def test_no_click_rows_most_unclicked_first() -> None:
    found = rows(
        {
            "a": SearchCounts(searches=10),
            "b": SearchCounts(searches=6),
            "c": SearchCounts(searches=4),
            "d": SearchCounts(searches=5),
        },
        {"a": Outcomes(clicked_searches=8), "c": Outcomes(clicked_searches=4)},
        ["a", "b", "c", "d"],
    )
    assert [(r.key, r.no_click_searches) for r in without_clicks(found, 10)] == [
        ("b", 6),
        ("d", 5),
        ("a", 2),
    ]
    assert [r.key for r in without_clicks(found, 1)] == ["b"]


def test_the_window_is_the_last_thirty_days_by_default() -> None:
    today = date(2026, 3, 2)
    window = report_window(None, None, today=today)
    assert (window.first, window.last) == (date(2026, 2, 1), today)
    assert window.start == datetime(2026, 2, 1, tzinfo=UTC)
    assert window.end == datetime(2026, 3, 3, tzinfo=UTC)
    one = report_window(date(2026, 1, 5), date(2026, 1, 5), today=today)
    assert one.end - one.start == timedelta(days=1)


@pytest.mark.parametrize(
    ("first", "last", "rule"),
    [
        (date(2026, 3, 2), date(2026, 3, 1), "insights.from_after_to"),
        (date(2025, 1, 1), date(2026, 3, 1), "insights.window_too_long"),
    ],
)
def test_a_bad_window_names_from(first: date, last: date, rule: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        report_window(first, last, today=date(2026, 3, 2))
    assert [(p.field, p.rule) for p in caught.value.problems] == [("from", rule)]


# -- the zero-result query's thesaurus request --------------------------------------------


def test_a_zero_result_query_gets_the_thesaurus_request_that_would_fix_it() -> None:
    request = synonym_request("doublage voix", ["voix off", "doublage voix", "", "x" * 61])
    assert request == {
        "method": "POST",
        "path": "/support/thesaurus",
        "body": {
            "lang": "fr",
            "kind": "expansion",
            "terms": ["doublage voix"],
            "targets": ["voix off"],  # the query itself, blanks and too long phrases left out
        },
        "check": "/support/thesaurus/expand?q=doublage+voix",
    }
    body = request["body"]
    validate_rule(body["lang"], body["kind"], body["terms"], body["targets"])  # postable as is


def test_a_query_no_rule_can_hold_gets_no_request() -> None:
    assert synonym_request("un deux trois quatre cinq six") is None  # over 5 words
    assert synonym_request("x" * 61) is None
    empty = synonym_request("bruitage")
    assert empty is not None
    assert empty["body"]["targets"] == []  # support says what it means


# -- tables -------------------------------------------------------------------------------


def test_tables_as_csv_and_text() -> None:
    found = [
        row("logo", SearchCounts(searches=2, visitors=2), Outcomes(clicks=1, clicked_searches=1)),
        row("voix, off", SearchCounts(searches=1, zero_results=1), Outcomes()),
    ]
    headers, cells = table(found, first="query")
    assert headers[:3] == ["query", "searches", "zero_results"]
    parsed = list(csv.reader(io.StringIO(to_csv(headers, cells))))
    assert parsed[0] == headers
    assert parsed[1][:3] == ["logo", "2", "0"]
    assert parsed[2][0] == "voix, off"  # quoted, not split
    assert parsed[2][headers.index("click_rate")] == ""  # no rate: empty, not "None"
    text = to_text(headers, cells)
    assert text.splitlines()[0].startswith("query")
    assert "voix, off" in text
    assert to_text([], []) == "(nothing in this window)\n"


def test_a_zero_result_table_shows_the_targets_to_add() -> None:
    found = [
        ZeroResultRow("bruitage", 3, AT, synonym_request("bruitage", ["voix off"])),
        ZeroResultRow("appli", 1, None, synonym_request("appli")),
    ]
    headers, cells = table(found)
    assert headers == ["query", "searches", "last_searched_at", "add_synonym"]
    assert cells == [
        ["bruitage", "3", AT.isoformat(), "voix off"],
        ["appli", "1", "", "(targets to choose)"],
    ]


# -- feedback -----------------------------------------------------------------------------


def test_clicks_and_orders_weigh_only_from_enough_visitors() -> None:
    searches = {"logo": 10, "voix off": 10, "seo": 4}
    outcomes = {
        "logo": QueryOutcomes(clicked_searches=3, ordered_searches=1, visitors=MIN_VISITORS),
        "voix off": QueryOutcomes(clicked_searches=9, ordered_searches=5, visitors=1),
        "ignored": QueryOutcomes(clicked_searches=3, ordered_searches=3, visitors=9),
    }
    weighted = popularity(searches, outcomes)
    assert weighted == {
        "logo": 10 + 3 * CLICK_WEIGHT + ORDER_WEIGHT,
        "voix off": 10,  # one visitor clicking and ordering over and over pushes nothing
        "seo": 4,
    }
    assert popularity(searches, outcomes, min_visitors=1)["voix off"] > weighted["logo"]


def test_where_a_query_clicks_land() -> None:
    places = [
        ClickedSubcategory("conception-logo", clicks=6, visitors=4),
        ClickedSubcategory("animation-logo", clicks=2, visitors=2),
    ]
    assert click_shares(places) == {"conception-logo": 0.75}  # 2 visitors: below the floor
    assert understood_subcategory(places) == Understood("conception-logo", 0.75, 4)
    assert understood_subcategory(places, min_share=0.8) is None
    split = [ClickedSubcategory("a", 5, 5), ClickedSubcategory("b", 5, 5)]
    assert understood_subcategory(split, min_share=0.6) is None
    few = [ClickedSubcategory("conception-logo", clicks=40, visitors=MIN_VISITORS - 1)]
    assert understood_subcategory(few) is None
    assert understood_subcategory([]) is None


def test_a_term_keeps_the_places_where_its_buyers_click() -> None:
    placed = ["conception-logo", "illustration"]
    clicked = [
        ClickedSubcategory("illustration", clicks=9, visitors=5),
        ClickedSubcategory("conception-logo", clicks=1, visitors=1),
    ]
    assert clicked_places(placed, clicked) == ["illustration"]
    both = [ClickedSubcategory("illustration", 5, 3), ClickedSubcategory("conception-logo", 4, 3)]
    assert clicked_places(placed, both) == ["illustration", "conception-logo"]
    assert clicked_places(placed, []) == placed  # no evidence: as placed
    elsewhere = [ClickedSubcategory("voix-off", 9, 9)]
    assert clicked_places(placed, elsewhere) == placed  # evidence only for other places
