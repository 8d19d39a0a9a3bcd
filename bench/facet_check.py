"""Facet counts of a sample of pages at full size, against counts from the database.

Each facet bucket of each page is counted again from the rows (the gig, its packages, its
seller and languages) under the same selections, the facet's own selection left out, budget
and delivery on the same package. Browse pages: words are matched by the search engine alone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from urllib.parse import parse_qsl

from sqlalchemy import select

from facets.common import DELIVERY_BAND_DAYS
from facets.selection import Selection, parse_selection
from facets.taxonomy import TAXONOMY
from indexer.documents import GigParts
from indexer.gig_source import load_parts
from indexer.search import BudgetBands, search_page
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig
from microtache.runtime import Runtime

SAMPLE = [
    "subcategory=conception-logo&level=level_1&level=level_2&delivery=7d"
    "&style=minimaliste&style=vintage",
    "subcategory=traduction&paire-langues=fr-en&budget_max=3000&delivery=3d",
    "subcategory=voix-off&online=true&language=en",
    "subcategory=site-web-sur-mesure&budget_min=10000&budget_max=50000&country=FR",
    "category=programmation-tech&delivery=3d&budget_min=5000",
    "category=musique-audio&country=FR&country=BE&level=top_rated",
]

Predicate = Callable[[GigParts], bool]


def _package(low: int | None, high: int | None, days: int | None) -> Predicate:
    return lambda p: any(
        (low is None or k.price_cents >= low)
        and (high is None or k.price_cents <= high)
        and (days is None or k.delivery_days <= days)
        for k in p.packages
    )


def _values(parts: GigParts, name: str) -> set[str]:
    if name == "level":
        return {parts.seller.level.value}
    if name == "language":
        return set(parts.languages)
    if name == "country":
        return {parts.seller.country}
    return set(parts.gig.attributes.get(name, ()))


def _has_any(parts: GigParts, *, name: str, chosen: frozenset[str]) -> bool:
    return bool(_values(parts, name) & chosen)


def _selections(selection: Selection) -> dict[str, Predicate]:
    """Each selection's predicate, by the name of what it leaves out (a facet, or packages)."""
    found: dict[str, Predicate] = {}
    common = {"level": selection.levels, "language": selection.languages}
    common["country"] = selection.countries
    for name, values in (*common.items(), *selection.attributes.items()):
        if values:
            found[name] = partial(_has_any, name=name, chosen=frozenset(values))
    if selection.online:
        found["online"] = lambda p: bool(p.seller.search_online)
    low, high, days = selection.budget_min, selection.budget_max, selection.delivery_days
    if low is not None or high is not None or days is not None:
        found["packages"] = _package(low, high, days)
    return found


def _rows(runtime: Runtime, selection: Selection) -> list[GigParts]:
    scope = (
        Gig.subcategory == selection.subcategory
        if selection.subcategory
        else Gig.category == selection.category
    )
    with runtime.engine.connect() as conn:
        ids = (
            conn.execute(select(Gig.id).where(Gig.status == GigStatus.ACTIVE, scope))
            .scalars()
            .all()
        )
        return list(load_parts(conn, ids).values())


def check_facets(runtime: Runtime) -> None:
    bands = BudgetBands()
    buckets = mismatches = 0
    for query in SAMPLE:
        selection = parse_selection(parse_qsl(query), TAXONOMY)
        result = search_page(runtime.search, runtime.names, selection, TAXONOMY, bands)
        rows = _rows(runtime, selection)
        chosen = _selections(selection)

        def count(
            leave_out: str,
            extra: Predicate,
            rows: list[GigParts] = rows,
            chosen: dict[str, Predicate] = chosen,
        ) -> int:
            tests = [t for name, t in chosen.items() if name != leave_out] + [extra]
            return sum(1 for r in rows if all(t(r) for t in tests))

        expected_total = count("", lambda _: True)
        wrong = (
            [f"total {result.total} != {expected_total}"] if result.total != expected_total else []
        )
        for facet in result.facets:
            for bucket in facet.buckets:
                if facet.kind == "budget":
                    low = (
                        int(bucket.params["budget_min"]) if "budget_min" in bucket.params else None
                    )
                    high = (
                        int(bucket.params["budget_max"]) if "budget_max" in bucket.params else None
                    )
                    want = count("packages", _package(low, high, selection.delivery_days))
                elif facet.kind == "delivery":
                    days = DELIVERY_BAND_DAYS[bucket.value]
                    want = count(
                        "packages", _package(selection.budget_min, selection.budget_max, days)
                    )
                elif facet.kind == "online":
                    want = count("online", lambda p: bool(p.seller.search_online))
                elif facet.kind == "category":
                    continue  # browse pages of a category: the tree is the scope itself
                else:
                    want = count(
                        facet.name,
                        partial(_has_any, name=facet.name, chosen=frozenset({bucket.value})),
                    )
                buckets += 1
                if bucket.count != want:
                    wrong.append(f"{facet.name}={bucket.value}: {bucket.count} != {want}")
        mismatches += len(wrong)
        state = "ok" if not wrong else "; ".join(wrong[:5])
        print(f"  facets of {query[:70]:<70} ({len(rows)} gigs in scope): {state}")
    print(
        f"facet counts against the database: {buckets} buckets on {len(SAMPLE)} pages, "
        f"{mismatches} differ"
    )
