"""« Dans mes horaires »: working days shared across time zones, at a given instant."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from facets.errors import InvalidSelection
from facets.hours import SELLER_ZONES, is_zone, overlap_hours, seller_overlaps, zones_within
from facets.selection import parse_selection
from facets.taxonomy import TAXONOMY

WINTER = datetime(2026, 1, 15, 12, tzinfo=UTC)
SUMMER = datetime(2026, 7, 15, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("buyer", "seller", "shared"),
    [(1, 1, 9), (1, 0, 8), (1, -5, 3), (1, -8, 0), (-10, 12, 7), (5.5, 1, 4.5)],
)
def test_two_working_days_share_nine_hours_less_their_distance(
    buyer: float, seller: float, shared: float
) -> None:
    assert overlap_hours(buyer, seller) == shared  # around the clock: -10 and +12 are 2 apart


def test_summer_time_is_taken_at_the_instant_on_both_sides() -> None:
    assert seller_overlaps("Europe/Paris", WINTER)["America/Toronto"] == 3  # UTC+1, UTC-5
    assert seller_overlaps("Europe/Paris", SUMMER)["America/Toronto"] == 3  # UTC+2, UTC-4
    assert seller_overlaps("Europe/Paris", SUMMER)["Africa/Dakar"] == 7  # Dakar stays at UTC
    assert seller_overlaps("Europe/Paris", WINTER)["Africa/Dakar"] == 8


def test_zones_within_a_threshold() -> None:
    near = zones_within("Europe/Paris", 8, WINTER)
    assert {"Europe/Paris", "Europe/Brussels", "Africa/Dakar"} <= set(near)
    assert "America/Toronto" not in near
    assert set(zones_within("Europe/Paris", 1, WINTER)) < set(SELLER_ZONES)


def test_only_iana_zones() -> None:
    assert is_zone("America/Montreal") or is_zone("America/Toronto")
    assert not is_zone("Mars/Olympus")
    assert not is_zone("../../etc/passwd")


@pytest.mark.parametrize(
    ("params", "field", "rule"),
    [
        ([("tz", "Mars/Olympus")], "tz", "tz.unknown"),
        ([("overlap", "4")], "overlap", "overlap.needs_tz"),
        ([("prefer_hours", "true")], "prefer_hours", "prefer_hours.needs_tz"),
        ([("tz", "Europe/Paris"), ("overlap", "10")], "overlap", None),
        ([("tz", "Europe/Paris"), ("overlap", "0")], "overlap", None),
    ],
)
def test_bad_working_hours_name_the_field_and_the_rule(
    params: list[tuple[str, str]], field: str, rule: str | None
) -> None:
    with pytest.raises(InvalidSelection) as raised:
        parse_selection(params, TAXONOMY)
    problems = {p.field: p.rule for p in raised.value.problems}
    assert field in problems
    if rule is not None:
        assert problems[field] == rule


def test_a_buyer_zone_and_a_threshold() -> None:
    chosen = parse_selection(
        [("tz", "Europe/Paris"), ("overlap", "6"), ("prefer_hours", "true")], TAXONOMY
    )
    assert (chosen.tz, chosen.overlap, chosen.prefer_hours) == ("Europe/Paris", 6, True)
