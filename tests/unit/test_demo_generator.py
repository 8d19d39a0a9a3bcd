"""The demo catalog generator: exact sizes, determinism, validity against the taxonomy, realism."""

from __future__ import annotations

import inspect
import re
import statistics
import weakref
from collections import Counter

import pytest

from facets.common import COUNTRIES, COUNTRY_TIMEZONES, LANGUAGES, PROFICIENCIES, SELLER_LEVELS
from facets.taxonomy import TAXONOMY
from marketplace_core.demo.generator import DemoGig, DemoSeller, generate_catalog

USERNAME = re.compile(r"^[a-z0-9_]{3,30}$")
ACCENTED = re.compile(r"[éèêàâçôîûùëïœ]")
SENTENCE_END = re.compile(r"(?<=[.?!]) ")


def gigs_of(sellers: list[DemoSeller]) -> list[DemoGig]:
    return [gig for seller in sellers for gig in seller.gigs]


@pytest.fixture(scope="module")
def small() -> list[DemoSeller]:
    return list(generate_catalog(2_000))


@pytest.fixture(scope="module")
def large() -> list[DemoSeller]:
    return list(generate_catalog(20_000, seed=7))


# --- size and streaming ----------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 7, 2_000])
def test_produces_exactly_the_requested_number_of_gigs(size: int) -> None:
    sellers = list(generate_catalog(size))
    assert sum(len(s.gigs) for s in sellers) == size
    assert all(1 <= len(s.gigs) <= 8 for s in sellers)


def test_most_sellers_have_one_to_three_gigs(large: list[DemoSeller]) -> None:
    assert sum(len(s.gigs) <= 3 for s in large) / len(large) > 0.7
    assert max(len(s.gigs) for s in large) > 3


def test_negative_size_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        next(generate_catalog(-1))


def test_streams_sellers_one_at_a_time() -> None:
    catalog = generate_catalog(1_000_000)
    assert inspect.isgenerator(catalog)
    assert isinstance(next(catalog), DemoSeller)  # made alone, not after the million


def test_a_large_catalog_streams_without_keeping_what_it_gave() -> None:
    catalog = generate_catalog(20_000, seed=3)
    first = next(catalog)
    produced = len(first.gigs)
    given = weakref.ref(first)
    del first
    for seller in catalog:
        produced += len(seller.gigs)
    assert produced == 20_000
    assert given() is None  # nothing kept a seller once handed out: flat memory


# --- determinism -----------------------------------------------------------------------------


def test_same_seed_gives_the_same_catalog() -> None:
    assert list(generate_catalog(500, seed=11)) == list(generate_catalog(500, seed=11))


def test_default_seed_is_stable() -> None:
    assert list(generate_catalog(50)) == list(generate_catalog(50, seed=42))


def test_another_seed_gives_another_catalog() -> None:
    one = list(generate_catalog(500, seed=11))
    other = list(generate_catalog(500, seed=12))
    assert one != other
    assert [s.username for s in one] != [s.username for s in other]
    assert [g.title for g in gigs_of(one)] != [g.title for g in gigs_of(other)]


def test_a_prefix_does_not_depend_on_the_total() -> None:
    """Sellers before the last one are the same whatever the requested size."""
    short = list(generate_catalog(100, seed=5))
    long = list(generate_catalog(10_000, seed=5))
    assert short[:-1] == long[: len(short) - 1]


# --- sellers ---------------------------------------------------------------------------------


def test_usernames_are_unique_and_valid(large: list[DemoSeller]) -> None:
    names = [s.username for s in large]
    assert len(set(names)) == len(names)
    for name in names:
        assert USERNAME.match(name), name
    # Readable stems come back with a number when already taken.
    assert any(not name[-1].isdigit() for name in names)
    assert any(name[-1].isdigit() for name in names)


def test_seller_fields_are_valid(large: list[DemoSeller]) -> None:
    levels = {c.slug for c in SELLER_LEVELS}
    countries = {c.slug for c in COUNTRIES}
    languages = {c.slug for c in LANGUAGES}
    proficiencies = {c.slug for c in PROFICIENCIES}
    for s in large:
        assert s.display_name.strip()
        assert s.description.strip()
        assert s.level in levels
        assert s.country in countries
        assert s.timezone in COUNTRY_TIMEZONES[s.country]
        assert 1 <= len(s.languages) <= 4
        slugs = [slug for slug, _ in s.languages]
        assert len(set(slugs)) == len(slugs)
        assert set(slugs) <= languages
        assert {level for _, level in s.languages} <= proficiencies
        if s.rating_count == 0:
            assert s.rating_average == 0
        else:
            assert 1.0 <= s.rating_average <= 5.0
            assert s.rating_average == round(s.rating_average, 2)
        assert s.completed_orders >= s.rating_count >= 0
        assert s.last_seen_minutes_ago >= 0
        assert 1 <= s.member_days <= 3000
        assert all(0 <= g.age_days <= s.member_days for g in s.gigs)


def test_seller_distributions_look_like_a_french_speaking_market(
    large: list[DemoSeller],
) -> None:
    countries = Counter(s.country for s in large)
    assert countries.most_common(1)[0][0] == "FR"
    assert 0.35 < countries["FR"] / len(large) < 0.55
    assert len(countries) >= 15

    levels = Counter(s.level for s in large)
    assert levels["top_rated"] < levels["level_2"] < levels["level_1"] < levels["new"]

    online = sum(s.last_seen_minutes_ago < 5 for s in large) / len(large)
    assert 0.08 < online < 0.25
    assert max(s.last_seen_minutes_ago for s in large) > 7 * 24 * 60

    quoting = sum(s.accepts_quotes for s in large) / len(large)
    assert 0.3 < quoting < 0.5

    french = sum(dict(s.languages).get("fr") in ("native", "fluent") for s in large) / len(large)
    assert french > 0.85


def test_ratings_are_long_tailed_and_skewed_high(large: list[DemoSeller]) -> None:
    counts = [s.rating_count for s in large]
    assert sum(c <= 20 for c in counts) / len(counts) > 0.5
    assert max(counts) >= 1_000
    rated = [s.rating_average for s in large if s.rating_count]
    assert sum(r >= 4.3 for r in rated) / len(rated) > 0.75
    assert any(r < 4.0 for r in rated)


def test_local_languages_follow_the_country(large: list[DemoSeller]) -> None:
    maghreb = [s for s in large if s.country in ("MA", "DZ", "TN")]
    assert maghreb
    assert sum(dict(s.languages).get("ar") == "native" for s in maghreb) / len(maghreb) > 0.6


# --- gigs ------------------------------------------------------------------------------------


def test_every_subcategory_appears(small: list[DemoSeller]) -> None:
    seen = {g.subcategory for g in gigs_of(small)}
    assert seen == {s.slug for s in TAXONOMY.subcategories}
    assert len(seen) == 28


def test_attributes_are_complete_and_allowed(large: list[DemoSeller]) -> None:
    for gig in gigs_of(large):
        sub = TAXONOMY.subcategory(gig.subcategory)
        assert sub is not None, gig.subcategory
        assert set(gig.attributes) == {a.slug for a in sub.attributes}
        for attr in sub.attributes:
            values = gig.attributes[attr.slug]
            assert set(values) <= set(attr.allowed), (attr.slug, values)
            assert len(set(values)) == len(values)
            if attr.multi:
                assert 1 <= len(values) <= 4
            else:
                assert len(values) == 1


def test_packages_are_priced_in_whole_increasing_dollars(large: list[DemoSeller]) -> None:
    tiers: Counter[str] = Counter()
    for gig in gigs_of(large):
        names = [p.tier for p in gig.packages]
        assert names in (["basic"], ["basic", "standard"], ["basic", "standard", "premium"])
        tiers.update(names)
        prices = [p.price_cents for p in gig.packages]
        for price in prices:
            assert isinstance(price, int)
            assert price >= 500
            assert price % 100 == 0
        assert prices == sorted(set(prices))
        for package in gig.packages:
            assert 1 <= package.delivery_days <= 30
            assert 0 <= package.revisions <= 10
            assert package.description.strip()
    total = tiers["basic"]
    assert 0.6 < tiers["standard"] / total < 0.8
    assert 0.4 < tiers["premium"] / total < 0.6


def test_prices_depend_on_the_subcategory(large: list[DemoSeller]) -> None:
    def median_basic(slug: str) -> float:
        return statistics.median(
            g.packages[0].price_cents for g in gigs_of(large) if g.subcategory == slug
        )

    assert median_basic("application-mobile") > 5 * median_basic("conception-logo")
    assert median_basic("saisie-de-donnees") < median_basic("business-plan")


def test_fast_expensive_and_slow_cheap_offers_both_exist(large: list[DemoSeller]) -> None:
    packages = [p for g in gigs_of(large) for p in g.packages]
    assert any(p.delivery_days <= 2 and p.price_cents >= 50_000 for p in packages)
    assert any(p.delivery_days >= 7 and p.price_cents <= 2_000 for p in packages)


def test_tags_are_few_distinct_lowercase_terms(large: list[DemoSeller]) -> None:
    for gig in gigs_of(large):
        assert 2 <= len(gig.tags) <= 5
        assert len(set(gig.tags)) == len(gig.tags)
        assert all(tag == tag.lower() and tag.strip() == tag and tag for tag in gig.tags)


def test_texts_are_french_and_within_limits(large: list[DemoSeller]) -> None:
    gigs = gigs_of(large)
    for gig in gigs:
        assert 0 < len(gig.title) <= 80
        assert 0 < len(gig.description) <= 1200
        assert 2 <= len(SENTENCE_END.split(gig.description)) <= 5, gig.description
    assert sum(g.title.startswith("Je vais ") for g in gigs) / len(gigs) > 0.8
    assert any(ACCENTED.search(g.title) for g in gigs)
    assert any(ACCENTED.search(g.description) for g in gigs)
    assert any(ACCENTED.search(s.description) for s in large)
    # Several templates per subcategory.
    for sub in TAXONOMY.subcategories:
        titles = {g.title for g in gigs if g.subcategory == sub.slug}
        assert len(titles) >= 3, sub.slug


def test_titles_echo_the_chosen_attribute_values(large: list[DemoSeller]) -> None:
    gigs = gigs_of(large)
    logos = [g for g in gigs if "logo minimaliste et moderne" in g.title]
    assert logos
    assert all(g.attributes["style"] == ["minimaliste"] for g in logos)

    to_english = [g for g in gigs if "du français vers l'anglais" in g.title]
    assert to_english
    assert all(g.attributes["paire-langues"][0] == "fr-en" for g in to_english)

    male_voices = [g for g in gigs if "voix off masculine" in g.title]
    assert male_voices
    assert all(g.attributes["genre"] == ["homme"] for g in male_voices)


def test_languages_of_a_gig_are_spoken_by_its_seller(large: list[DemoSeller]) -> None:
    matches = total = 0
    for seller in large:
        spoken = {slug for slug, _ in seller.languages}
        for gig in seller.gigs:
            if "langue" in gig.attributes:
                total += 1
                matches += gig.attributes["langue"][0] in spoken
    assert total > 0
    assert matches / total > 0.8
