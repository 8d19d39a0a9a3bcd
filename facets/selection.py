"""A results page's parameters, validated against the taxonomy: what the buyer selected.

Pure: takes the raw multi-valued query parameters, returns a :class:`Selection` or raises
:class:`InvalidSelection` naming the parameter and the rule.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from facets.common import (
    COUNTRIES,
    DELIVERY_BAND_DAYS,
    LANGUAGES,
    MAX_PRICE_CENTS,
    SELLER_LEVELS,
)
from facets.errors import FieldProblem, InvalidSelection
from facets.hours import WORKDAY_HOURS, is_zone
from facets.model import DEFAULT_LANG, LANGS, Choice, Lang, Subcategory, Taxonomy

MAX_QUERY_LENGTH = 200
MAX_PAGE = 50  # deeper than this, use the cursor
DEFAULT_SIZE = 24
MAX_SIZE = 48
SORTS = ("relevance", "best_selling", "newest", "price_asc", "price_desc", "rating")
# Parameters that are not filters; everything else must be a known filter.
PAGING = ("page", "size", "cursor", "sort", "lang", "correct", "tz", "prefer_hours")
COMMON_FILTERS = (
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
    "overlap",
)


@dataclass(frozen=True)
class Selection:
    q: str = ""
    category: str | None = None
    subcategory: str | None = None
    budget_min: int | None = None  # cents
    budget_max: int | None = None  # cents
    delivery_days: int | None = None  # from the delivery band: 1, 3, 7 or None (any)
    delivery: str = "any"
    levels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    online: bool = False
    # The buyer's IANA time zone (the page fills it from the browser), sellers whose working
    # day shares at least ``overlap`` hours with theirs, and whether those sharing more
    # rank a little higher (facets.hours).
    tz: str | None = None
    overlap: int | None = None
    prefer_hours: bool = False
    attributes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    size: int = DEFAULT_SIZE
    cursor: str | None = None
    lang: Lang = DEFAULT_LANG
    # False: the words exactly as typed, a misspelt one never corrected ("search instead").
    correct: bool = True

    @property
    def effective_sort(self) -> str:
        # Without words to match, "relevance" means the best sellers first.
        return "best_selling" if self.sort == "relevance" and not self.q else self.sort


def parse_selection(params: Sequence[tuple[str, str]], taxonomy: Taxonomy) -> Selection:
    """Validate query parameters (as (name, value) pairs, repeated names allowed)."""
    raw: dict[str, list[str]] = {}
    for name, value in params:
        raw.setdefault(name, []).append(value)
    problems: list[FieldProblem] = []
    p = _Parser(raw, problems)

    q = p.text("q")
    category_slug = p.single("category")
    subcategory_slug = p.single("subcategory")
    sub: Subcategory | None = None
    if category_slug is not None and taxonomy.category(category_slug) is None:
        p.fail("category", "category.unknown", f"unknown category {category_slug!r}")
    if subcategory_slug is not None:
        sub = taxonomy.subcategory(subcategory_slug)
        if sub is None:
            p.fail(
                "subcategory", "subcategory.unknown", f"unknown subcategory {subcategory_slug!r}"
            )
        elif category_slug is not None and sub.category_slug != category_slug:
            p.fail(
                "subcategory",
                "subcategory.not_in_category",
                f"subcategory {subcategory_slug!r} is not in category {category_slug!r}",
            )
        else:
            category_slug = sub.category_slug

    budget_min = p.integer("budget_min", minimum=0, maximum=MAX_PRICE_CENTS)
    budget_max = p.integer("budget_max", minimum=0, maximum=MAX_PRICE_CENTS)
    if budget_min is not None and budget_max is not None and budget_min > budget_max:
        p.fail("budget_min", "budget.min_above_max", "budget_min must not exceed budget_max")
    delivery = p.choice("delivery", tuple(DELIVERY_BAND_DAYS)) or "any"
    levels = p.choices("level", SELLER_LEVELS)
    languages = p.choices("language", LANGUAGES)
    countries = p.choices("country", COUNTRIES)
    online = p.boolean("online")
    tz = p.single("tz")
    if tz is not None and not is_zone(tz):
        p.fail("tz", "tz.unknown", f"tz {tz!r} is not an IANA time zone such as Europe/Paris")
        tz = None
    overlap = p.integer("overlap", minimum=1, maximum=WORKDAY_HOURS)
    prefer_hours = bool(p.boolean("prefer_hours"))
    if (overlap is not None or prefer_hours) and tz is None and not p.failed("tz"):
        name = "overlap" if overlap is not None else "prefer_hours"
        p.fail(name, f"{name}.needs_tz", f"{name} needs tz, the buyer's time zone")
    sort = p.choice("sort", SORTS) or "relevance"
    page = p.integer("page", minimum=1, maximum=MAX_PAGE) or 1
    size = p.integer("size", minimum=1, maximum=MAX_SIZE) or DEFAULT_SIZE
    cursor = p.single("cursor")
    lang = p.choice("lang", LANGS) or DEFAULT_LANG
    correct = p.boolean("correct")

    attributes: dict[str, tuple[str, ...]] = {}
    for name in raw:
        if name in COMMON_FILTERS or name in PAGING:
            continue
        attribute = sub.attribute(name) if sub else None
        if attribute is None:
            where = f"subcategory {sub.slug!r}" if sub else "a search without a subcategory"
            allowed = ", ".join(a.slug for a in sub.attributes) if sub else "none"
            p.fail(
                name,
                "parameter.unknown",
                f"unknown parameter {name!r} for {where}; attribute filters: {allowed}",
            )
            continue
        attributes[name] = p.choices(name, attribute.choices)

    if problems:
        raise InvalidSelection(problems)
    return Selection(
        q=q,
        category=category_slug,
        subcategory=sub.slug if sub else None,
        budget_min=budget_min,
        budget_max=budget_max,
        delivery=delivery,
        delivery_days=DELIVERY_BAND_DAYS[delivery],
        levels=levels,
        languages=languages,
        countries=countries,
        online=bool(online),
        tz=tz,
        overlap=overlap,
        prefer_hours=prefer_hours,
        attributes=attributes,
        sort=sort,
        page=page,
        size=size,
        cursor=cursor,
        lang=lang,  # type: ignore[arg-type]
        correct=correct is not False,
    )


class _Parser:
    def __init__(self, raw: dict[str, list[str]], problems: list[FieldProblem]) -> None:
        self.raw = raw
        self.problems = problems

    def fail(self, name: str, rule: str, message: str) -> None:
        self.problems.append(FieldProblem(name, rule, message))

    def failed(self, name: str) -> bool:
        return any(p.field == name for p in self.problems)

    def single(self, name: str) -> str | None:
        values = self.raw.get(name)
        if not values:
            return None
        if len(values) > 1:
            self.fail(name, "parameter.single", f"{name} takes one value")
            return None
        return values[0].strip() or None

    def text(self, name: str) -> str:
        value = self.single(name) or ""
        if len(value) > MAX_QUERY_LENGTH:
            self.fail(name, "q.too_long", f"{name} is limited to {MAX_QUERY_LENGTH} characters")
            return ""
        if any(unicodedata.category(ch) == "Cc" for ch in value):
            self.fail(name, "q.control_characters", f"{name} must not hold control characters")
            return ""
        return " ".join(value.split())

    def integer(self, name: str, *, minimum: int, maximum: int | None = None) -> int | None:
        value = self.single(name)
        if value is None:
            return None
        try:
            number = int(value)
        except ValueError:
            self.fail(name, "parameter.integer", f"{name} must be a whole number")
            return None
        if number < minimum or (maximum is not None and number > maximum):
            bound = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
            self.fail(name, f"{name}.range", f"{name} must be {bound}")
            return None
        return number

    def boolean(self, name: str) -> bool | None:
        value = self.single(name)
        if value is None:
            return None
        if value.lower() in ("true", "1", "yes"):
            return True
        if value.lower() in ("false", "0", "no"):
            return False
        self.fail(name, "parameter.boolean", f"{name} must be true or false")
        return None

    def choice(self, name: str, allowed: Sequence[str]) -> str | None:
        value = self.single(name)
        if value is not None and value not in allowed:
            self.fail(
                name, f"{name}.unknown", f"{name} {value!r} is not one of: {', '.join(allowed)}"
            )
            return None
        return value

    def choices(self, name: str, allowed: Sequence[Choice]) -> tuple[str, ...]:
        slugs = [c.slug for c in allowed]
        values = tuple(dict.fromkeys(v.strip() for v in self.raw.get(name, []) if v.strip()))
        bad = [v for v in values if v not in slugs]
        if bad:
            self.fail(
                name,
                f"{name}.unknown",
                f"{name} {', '.join(map(repr, bad))} not allowed; allowed: {', '.join(slugs)}",
            )
            return ()
        return values
