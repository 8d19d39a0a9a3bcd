"""Every state of the results pages is a URL: the canonical one for a set of parameters,
and what selecting or removing a value leads to. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlencode

from facets.model import Taxonomy

Params = list[tuple[str, str]]
PAGING = ("page", "cursor")
PLACE = ("category", "subcategory")


def results_url(params: Iterable[tuple[str, str]], taxonomy: Taxonomy) -> str:
    """``/recherche``, ``/categories/<slug>`` or ``/categories/<slug>/<sub>``, with the other
    parameters (empty ones dropped) in the query string."""
    category = subcategory = None
    rest: Params = []
    for name, value in params:
        if not value:
            continue
        if name == "category":
            category = value
        elif name == "subcategory":
            subcategory = value
        else:
            rest.append((name, value))
    if subcategory is not None:
        sub = taxonomy.subcategory(subcategory)
        category = sub.category_slug if sub else category
    if category is None:
        path = "/recherche"
    elif subcategory is None:
        path = f"/categories/{category}"
    else:
        path = f"/categories/{category}/{subcategory}"
    return f"{path}?{urlencode(rest)}" if rest else path


def without_paging(params: Sequence[tuple[str, str]]) -> Params:
    return [(k, v) for k, v in params if k not in PAGING]


def toggled(
    params: Sequence[tuple[str, str]],
    name: str,
    value: str,
    *,
    multi: bool,
    selected: bool,
    sets: Mapping[str, str],
) -> Params:
    """The parameters after clicking a facet value: a selected value is removed; another is
    added beside the others (several values of one filter are OR) or replaces the filter's
    value (single-valued filters). Back to the first page either way."""
    base = without_paging(params)
    if multi:
        if selected:
            return [(k, v) for k, v in base if not (k == name and v == value)]
        return [*base, (name, value)]
    keys = set(sets) | {name}
    if name == "budget":
        keys |= {"budget_min", "budget_max"}
    if name == "category":
        keys |= {"subcategory"}
    kept = [(k, v) for k, v in base if k not in keys]
    return kept if selected else [*kept, *sets.items()]


def with_value(params: Sequence[tuple[str, str]], name: str, value: str | None) -> Params:
    """The parameters with ``name`` set to ``value`` (or removed), back to the first page."""
    kept = [(k, v) for k, v in without_paging(params) if k != name]
    return kept if value is None else [*kept, (name, value)]
