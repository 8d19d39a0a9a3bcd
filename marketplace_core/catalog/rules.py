"""Pure rules of the catalog: what a valid gig is. No I/O.

Every problem names the field, a stable rule id and, for closed sets, the allowed values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from facets.common import MAX_PRICE_CENTS as MAX_PRICE_CENTS
from facets.common import MIN_PRICE_CENTS as MIN_PRICE_CENTS
from facets.model import Attribute, Subcategory, Taxonomy
from marketplace_core.catalog.enums import TIER_ORDER, PackageTier
from marketplace_core.errors import FieldProblem, InvalidInput
from marketplace_core.input_rules import (
    check_price,
    check_range,
)

MAX_TAGS = 5
MAX_TAG_LENGTH = 40
TITLE_LENGTH = (10, 80)
MAX_DESCRIPTION_LENGTH = 5000
MAX_DELIVERY_DAYS = 90
MAX_REVISIONS = 100


@dataclass(frozen=True)
class PackageInput:
    tier: str
    price_cents: int
    delivery_days: int
    revisions: int = 0
    description: str = ""


@dataclass(frozen=True)
class GigInput:
    title: str
    description: str
    subcategory: str
    packages: Sequence[PackageInput]
    tags: Sequence[str] = ()
    attributes: Mapping[str, Sequence[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ValidGig:
    """A gig input that passed every rule, normalised (tags lower-cased, attributes as lists)."""

    title: str
    description: str
    category: str
    subcategory: str
    tags: list[str]
    attributes: dict[str, list[str]]
    packages: list[PackageInput]


def validate_gig(gig: GigInput, taxonomy: Taxonomy) -> ValidGig:
    """Return the normalised gig or raise :class:`InvalidInput` listing every problem."""
    problems: list[FieldProblem] = []
    title = " ".join(gig.title.split())
    if not TITLE_LENGTH[0] <= len(title) <= TITLE_LENGTH[1]:
        problems.append(
            FieldProblem(
                "title",
                "title.length",
                f"title must be {TITLE_LENGTH[0]} to {TITLE_LENGTH[1]} characters",
            )
        )
    description = gig.description.strip()
    if not description or len(description) > MAX_DESCRIPTION_LENGTH:
        problems.append(
            FieldProblem(
                "description",
                "description.length",
                f"description must be 1 to {MAX_DESCRIPTION_LENGTH} characters",
            )
        )
    tags = _normalise_tags(gig.tags, problems)
    sub = taxonomy.subcategory(gig.subcategory)
    attributes: dict[str, list[str]] = {}
    if sub is None:
        problems.append(
            FieldProblem(
                "subcategory",
                "subcategory.unknown",
                f"unknown subcategory {gig.subcategory!r}",
            )
        )
    else:
        attributes = validate_attributes(sub, gig.attributes, problems)
    packages = _validate_packages(gig.packages, problems)
    if problems:
        raise InvalidInput(problems)
    assert sub is not None
    return ValidGig(title, description, sub.category_slug, sub.slug, tags, attributes, packages)


def validate_attributes(
    sub: Subcategory, given: Mapping[str, Sequence[str]], problems: list[FieldProblem]
) -> dict[str, list[str]]:
    """Check attribute names and values against the subcategory's schema."""
    return validate_choices(
        sub.attributes, given, problems, subcategory=sub.slug, field="attributes"
    )


def validate_criteria(
    sub: Subcategory, given: Mapping[str, Sequence[str]], problems: list[FieldProblem]
) -> dict[str, list[str]]:
    """Check the criteria a quote or buyer request gives against the subcategory's quote
    criteria (R-QUO-1, R-REQ-1): each optional, checked like a gig's attributes."""
    return validate_choices(
        sub.quote_criteria,
        given,
        problems,
        subcategory=sub.slug,
        field="criteria",
        noun=("criterion", "criteria"),
    )


def validate_choices(
    schema: Sequence[Attribute],
    given: Mapping[str, Sequence[str]],
    problems: list[FieldProblem],
    *,
    subcategory: str,
    field: str,
    noun: tuple[str, str] = ("attribute", "attributes"),
) -> dict[str, list[str]]:
    """Check names and values against a closed schema (a subcategory's attributes, or its
    quote criteria); ``noun`` is how problems name one entry and several."""
    one, many = noun
    known = ", ".join(a.slug for a in schema)
    by_slug = {a.slug: a for a in schema}
    result: dict[str, list[str]] = {}
    for name, raw in given.items():
        path = f"{field}.{name}"
        attribute = by_slug.get(name)
        if attribute is None:
            problems.append(
                FieldProblem(
                    path,
                    f"{one}.unknown",
                    f"{one} {name!r} does not exist in subcategory {subcategory!r}; "
                    f"allowed {many}: {known}",
                )
            )
            continue
        values = [raw] if isinstance(raw, str) else list(raw)
        allowed = ", ".join(attribute.allowed)
        bad = [v for v in values if v not in attribute.allowed]
        if bad:
            problems.append(
                FieldProblem(
                    path,
                    f"{one}.value_not_allowed",
                    f"value(s) {', '.join(map(repr, bad))} not allowed for {one} {name!r}; "
                    f"allowed values: {allowed}",
                )
            )
            continue
        if len(set(values)) != len(values):
            problems.append(
                FieldProblem(path, f"{one}.duplicate_value", f"{one} {name!r} repeats a value")
            )
            continue
        if not values or (not attribute.multi and len(values) != 1):
            expected = "at least one value" if attribute.multi else "exactly one value"
            problems.append(
                FieldProblem(path, f"{one}.cardinality", f"{one} {name!r} takes {expected}")
            )
            continue
        result[name] = values
    return result


def _normalise_tags(raw: Sequence[str], problems: list[FieldProblem]) -> list[str]:
    tags: list[str] = []
    for tag in raw:
        norm = " ".join(tag.lower().split())
        if not norm or len(norm) > MAX_TAG_LENGTH:
            problems.append(
                FieldProblem(
                    "tags", "tag.length", f"each tag must be 1 to {MAX_TAG_LENGTH} characters"
                )
            )
            return []
        if norm not in tags:
            tags.append(norm)
    if len(tags) > MAX_TAGS:
        problems.append(FieldProblem("tags", "tags.max", f"at most {MAX_TAGS} tags"))
    return tags


def _validate_packages(
    packages: Sequence[PackageInput], problems: list[FieldProblem]
) -> list[PackageInput]:
    tiers = [p.tier for p in packages]
    allowed_tiers = [t.value for t in TIER_ORDER]
    for i, pkg in enumerate(packages):
        path = f"packages.{i}"
        if pkg.tier not in allowed_tiers:
            problems.append(
                FieldProblem(
                    f"{path}.tier",
                    "package.tier",
                    f"tier must be one of {', '.join(allowed_tiers)}",
                )
            )
        check_price(problems, f"{path}.price_cents", pkg.price_cents, rule="package.price_min")
        check_range(
            problems,
            f"{path}.delivery_days",
            pkg.delivery_days,
            1,
            MAX_DELIVERY_DAYS,
            rule="package.delivery_days",
        )
        if not 0 <= pkg.revisions <= MAX_REVISIONS:
            problems.append(
                FieldProblem(
                    f"{path}.revisions",
                    "package.revisions",
                    f"revisions must be between 0 and {MAX_REVISIONS}",
                )
            )
    if len(set(tiers)) != len(tiers):
        problems.append(FieldProblem("packages", "package.tier_unique", "each tier at most once"))
    if PackageTier.BASIC.value not in tiers:
        problems.append(
            FieldProblem("packages", "package.basic_required", "a basic package is required")
        )
    elif PackageTier.PREMIUM.value in tiers and PackageTier.STANDARD.value not in tiers:
        problems.append(
            FieldProblem(
                "packages", "package.premium_needs_standard", "premium requires a standard package"
            )
        )
    order = {t: i for i, t in enumerate(allowed_tiers)}
    return sorted(packages, key=lambda p: order.get(p.tier, len(order)))
