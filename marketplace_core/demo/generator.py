"""A seeded generator of a realistic French-speaking demo catalog, streamed seller by seller.

Everything comes from one ``random.Random(seed)``: the same seed gives the same catalog. Values
are plain (no database, no I/O, no clock); ages are counted back from an unspecified "now".
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, TypeVar

from facets.common import COUNTRIES, COUNTRY_TIMEZONES, LANGUAGES, SELLER_LEVELS
from facets.model import Attribute, Subcategory
from facets.taxonomy import TAXONOMY
from marketplace_core.demo import vocabulary as vocab

TIERS = ("basic", "standard", "premium")
MAX_TITLE_CHARS = 80
MAX_DESCRIPTION_CHARS = 1200
MIN_PRICE_CENTS = 500


@dataclass(frozen=True)
class DemoPackage:
    tier: str  # "basic" | "standard" | "premium"
    price_cents: int  # US dollars
    delivery_days: int
    revisions: int
    description: str


@dataclass(frozen=True)
class DemoGig:
    title: str
    description: str
    tags: tuple[str, ...]
    subcategory: str
    attributes: dict[str, list[str]]
    packages: tuple[DemoPackage, ...]
    age_days: int  # created this many days before "now"


@dataclass(frozen=True)
class DemoSeller:
    username: str
    display_name: str
    description: str
    level: str
    country: str
    timezone: str
    languages: tuple[tuple[str, str], ...]  # (language slug, proficiency slug)
    rating_average: float  # 0 when rating_count == 0, else 1.0..5.0
    rating_count: int
    completed_orders: int
    accepts_quotes: bool
    last_seen_minutes_ago: int
    member_days: int
    gigs: tuple[DemoGig, ...]


def generate_catalog(gig_count: int, seed: int = 42) -> Iterator[DemoSeller]:
    """Yield sellers until exactly ``gig_count`` gigs have been produced.

    Only a bounded amount of state is kept between sellers (how often each username stem was
    used), so a catalog of millions of gigs streams in flat memory.
    """
    if gig_count < 0:
        raise ValueError("gig_count must not be negative")
    builder = _SellerBuilder(random.Random(seed))
    remaining = gig_count
    while remaining > 0:
        seller = builder.seller(remaining)
        remaining -= len(seller.gigs)
        yield seller


# --- Tables built once from the taxonomy and the vocabulary --------------------------------

T = TypeVar("T")


class _Weighted(Generic[T]):
    def __init__(self, items: Sequence[tuple[T, float]]) -> None:
        self.values = tuple(value for value, _ in items)
        self.cumulative = tuple(accumulate(weight for _, weight in items))

    def pick(self, rng: random.Random) -> T:
        return self.values[bisect_right(self.cumulative, rng.random() * self.cumulative[-1])]


@dataclass(frozen=True)
class _LevelProfile:
    weight: float
    member_days: tuple[int, int]
    median_ratings: float
    ratings_spread: float  # of the log of the rating count
    unrated_share: float


_LEVEL_PROFILES = {
    "new": _LevelProfile(45, (1, 420), 3, 0.9, 0.45),
    "level_1": _LevelProfile(30, (45, 1300), 18, 0.7, 0.02),
    "level_2": _LevelProfile(17, (180, 2300), 80, 0.7, 0.0),
    "top_rated": _LevelProfile(8, (365, 3000), 350, 0.9, 0.0),
}
_LEVELS = _Weighted(
    [(c.slug, _LEVEL_PROFILES[c.slug].weight) for c in SELLER_LEVELS if c.slug in _LEVEL_PROFILES]
)
_GIGS_PER_SELLER = _Weighted(list(zip(range(1, 9), (40, 26, 15, 7, 5, 3, 2, 2), strict=True)))
_MULTI_VALUE_COUNT = _Weighted([(1, 45), (2, 30), (3, 17), (4, 8)])
_LANGUAGE_SLUGS = frozenset(c.slug for c in LANGUAGES)
_COUNTRIES = _Weighted(
    [
        (c.slug, vocab.COUNTRIES[c.slug].weight)
        for c in COUNTRIES
        if c.slug in vocab.COUNTRIES and COUNTRY_TIMEZONES.get(c.slug)
    ]
)
_EXTRA_LANGUAGES = _Weighted(
    [
        (slug, weight)
        for slug, weight in zip(vocab.EXTRA_LANGUAGES, vocab.EXTRA_LANGUAGE_WEIGHTS, strict=True)
        if slug in _LANGUAGE_SLUGS
    ]
)
_PLACEHOLDER = re.compile(r"\{([a-z0-9-]+)\}")


@dataclass(frozen=True)
class _Text:
    template: str
    needs: frozenset[str]  # attribute slugs the template mentions


@dataclass(frozen=True)
class _AttributePlan:
    attribute: Attribute
    allowed: tuple[str, ...]
    allowed_set: frozenset[str]
    # The first choices of a taxonomy list are its most common ones.
    weights: tuple[float, ...]
    pick: _Weighted[str]


@dataclass(frozen=True)
class _SubcategoryPlan:
    subcategory: Subcategory
    words: vocab.GigVocabulary
    domain: str
    echo_titles: tuple[_Text, ...]
    plain_titles: tuple[str, ...]
    echo_tags: tuple[_Text, ...]
    plain_tags: tuple[str, ...]
    attributes: tuple[_AttributePlan, ...]
    labels: dict[str, dict[str, str]]  # attribute slug -> value slug -> French label
    audiences: tuple[str, ...]  # "pour votre start-up"
    selling_points: tuple[str, ...]  # "fichiers sources inclus"


def _texts(templates: Sequence[str], attributes: frozenset[str]) -> tuple[_Text, ...]:
    texts = (_Text(t, frozenset(_PLACEHOLDER.findall(t))) for t in templates)
    return tuple(t for t in texts if t.needs and t.needs <= attributes)


def _fallback_words(sub: Subcategory) -> vocab.GigVocabulary:
    name = sub.label.fr.lower()
    return vocab.GigVocabulary(
        titles=(
            f"Je vais réaliser votre projet de {name}",
            f"Je vais vous accompagner en {name} avec professionnalisme",
            f"Je vais m'occuper de votre {name} rapidement et avec soin",
        ),
        pitches=(f"Vous cherchez un prestataire fiable en {name} ?",),
        included=("Chaque livraison est vérifiée avec soin avant de vous être envoyée.",),
        tags=(name, f"{name} professionnel", f"service {name}", "freelance", "sur mesure"),
        offers=("Formule essentielle.", "Formule complète.", "Formule premium avec suivi."),
        basic_price=(10, 80),
        max_price=800,
        delivery_days=(2, 7),
    )


def _attribute_plan(attr: Attribute) -> _AttributePlan:
    weights = tuple(1 / (i + 1) ** 0.8 for i in range(len(attr.choices)))
    return _AttributePlan(
        attr,
        attr.allowed,
        frozenset(attr.allowed),
        weights,
        _Weighted(list(zip(attr.allowed, weights, strict=True))),
    )


def _plan(sub: Subcategory) -> _SubcategoryPlan:
    words = vocab.SUBCATEGORIES.get(sub.slug) or _fallback_words(sub)
    category = vocab.CATEGORIES.get(sub.category_slug)
    attributes = frozenset(a.slug for a in sub.attributes)
    return _SubcategoryPlan(
        subcategory=sub,
        words=words,
        domain=category.domain if category else sub.label.fr.lower(),
        echo_titles=_texts(words.titles, attributes),
        plain_titles=tuple(t for t in words.titles if not _PLACEHOLDER.search(t)),
        echo_tags=_texts(words.tags, attributes),
        plain_tags=tuple(t for t in words.tags if not _PLACEHOLDER.search(t)),
        attributes=tuple(_attribute_plan(a) for a in sub.attributes if a.choices),
        labels={a.slug: {c.slug: c.label.fr for c in a.choices} for a in sub.attributes},
        audiences=vocab.AUDIENCES.get(sub.category_slug, vocab.GENERIC_AUDIENCES),
        selling_points=vocab.SELLING_POINTS[""] + vocab.SELLING_POINTS.get(sub.category_slug, ()),
    )


_PLANS = {sub.slug: _plan(sub) for sub in TAXONOMY.subcategories}
_PLANS_BY_CATEGORY = {
    category.slug: tuple(_PLANS[s.slug] for s in category.subcategories)
    for category in TAXONOMY.categories
    if category.subcategories
}
_CATEGORIES = _Weighted(
    [
        (slug, vocab.CATEGORIES[slug].weight if slug in vocab.CATEGORIES else 5.0)
        for slug in _PLANS_BY_CATEGORY
    ]
)


_POINT_JOINS = (", ", " – ", " : ", ", ")
_OPENING_VERB = re.compile(r"^Je vais (\w+)")
_SYNONYMS = {verb: group for group in vocab.VERB_GROUPS for verb in group}


def _fit(longer: str, fallback: str) -> str:
    return longer if len(longer) <= MAX_TITLE_CHARS else fallback


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", folded.lower())


def _nice_dollars(amount: float) -> int:
    """Whole dollars as sellers price: multiples of 5 from $10, of 50 from $1000."""
    if amount < 10:
        return max(5, round(amount))
    if amount < 1000:
        return max(10, 5 * round(amount / 5))
    return 50 * round(amount / 50)


def _compatible(plan: _AttributePlan, chosen: dict[str, list[str]]) -> frozenset[str]:
    """The values of an attribute that go with the values already chosen for the gig."""
    if plan.attribute.slug not in vocab.REQUIRES:
        return plan.allowed_set
    other, needs = vocab.REQUIRES[plan.attribute.slug]
    picked = set(chosen.get(other, ()))
    fitting = frozenset(v for v in plan.allowed if v not in needs or needs[v] & picked)
    return fitting or plan.allowed_set


# --- Generation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    """What the gigs of a seller depend on."""

    feminine: bool | None  # None for an agency
    country: str
    fluent: frozenset[str]  # languages the seller writes and speaks well


class _SellerBuilder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        # Bounded by the vocabulary, not by the catalog size.
        self.stem_uses: dict[str, int] = {}

    def seller(self, max_gigs: int) -> DemoSeller:
        rng = self.rng
        level = _LEVELS.pick(rng)
        profile = _LEVEL_PROFILES[level]
        country = _COUNTRIES.pick(rng)
        place_profile = vocab.COUNTRIES[country]
        names = vocab.NAMES[place_profile.region]
        is_agency = rng.random() < 0.1
        feminine = rng.random() < 0.5
        first_name = rng.choice(names.feminine if feminine else names.masculine)
        surname = rng.choice(names.surnames)
        brand = f"{rng.choice(vocab.BRAND_PREFIXES)} {rng.choice(vocab.BRAND_NOUNS)}"
        category = _CATEGORIES.pick(rng)

        languages = self._languages(country)
        person = _Person(
            feminine=None if is_agency else feminine,
            country=country,
            fluent=frozenset(slug for slug, level_ in languages if level_ in ("fluent", "native")),
        )
        timezone = self._timezone(country)
        rating_count = self._rating_count(profile)
        member_days = rng.randint(*profile.member_days)
        gig_total = min(max_gigs, _GIGS_PER_SELLER.pick(rng))
        gigs = tuple(self._gig(category, person, member_days) for _ in range(gig_total))
        if is_agency:
            display_name = brand
        elif rng.random() < 0.7:
            display_name = f"{first_name} {surname}"
        else:
            display_name = f"{first_name} {surname[:1].upper()}."
        return DemoSeller(
            username=self._username(first_name, surname, brand, category, is_agency),
            display_name=display_name,
            description=self._profile_text(person, timezone, first_name, brand, category),
            level=level,
            country=country,
            timezone=timezone,
            languages=languages,
            rating_average=self._rating_average(rating_count),
            rating_count=rating_count,
            completed_orders=rating_count
            + int(rating_count * rng.uniform(0.05, 0.45))
            + rng.randint(0, 3),
            accepts_quotes=rng.random() < 0.4,
            last_seen_minutes_ago=self._last_seen(),
            member_days=member_days,
            gigs=gigs,
        )

    # --- seller -----------------------------------------------------------------------------

    def _username(
        self, first_name: str, surname: str, brand: str, category: str, is_agency: bool
    ) -> str:
        rng = self.rng
        first, last = _ascii_word(first_name), _ascii_word(surname)
        words = vocab.CATEGORIES[category].username_words if category in vocab.CATEGORIES else ()
        word = rng.choice(words) if words else "pro"
        prefix, noun = (_ascii_word(part) for part in brand.split(" ", 1))
        if is_agency:
            stem = rng.choice((f"{noun}_{prefix}", f"{prefix}{noun}", f"{noun}_{word}"))
        else:
            stem = rng.choice(
                (
                    f"{first}_{word}",
                    f"{first}_{word}",
                    f"{first}{last}",
                    f"{first}_{last}",
                    f"{word}_by_{first}",
                    f"{first}_{last[:1]}",
                )
            )
        stem = stem[:22].strip("_")
        if len(stem) < 3:
            stem = f"{stem}_{word}"
        # A stem never ends with a digit, so stem + use count is unique across the catalog.
        uses = self.stem_uses.get(stem, 0) + 1
        self.stem_uses[stem] = uses
        return stem if uses == 1 else f"{stem}{uses}"

    def _timezone(self, country: str) -> str:
        zones = COUNTRY_TIMEZONES[country]
        main = vocab.COUNTRIES[country].main_timezone
        if main in zones and self.rng.random() < 0.7:
            return main
        return self.rng.choice(zones)

    def _languages(self, country: str) -> tuple[tuple[str, str], ...]:
        rng = self.rng
        place = vocab.COUNTRIES[country]
        spoken: dict[str, str] = {}
        mother = place.mother_tongues[0] if place.mother_tongues else ""
        if not place.francophone:
            if mother:
                spoken[mother] = "native"
            spoken["fr"] = rng.choice(("fluent", "fluent", "conversational", "conversational"))
        elif mother and rng.random() < 0.85:
            spoken[mother] = "native"
            spoken["fr"] = "fluent" if rng.random() < 0.8 else "native"
        elif place.region in ("europe", "quebec"):
            spoken["fr"] = "native" if rng.random() < 0.95 else "fluent"
        else:
            spoken["fr"] = "native" if rng.random() < 0.55 else "fluent"
        for other in place.second_languages:
            if other not in spoken and rng.random() < 0.4:
                spoken[other] = rng.choice(("conversational", "fluent"))
        for _ in range(rng.choice((0, 1, 1, 1, 2, 2))):
            extra = _EXTRA_LANGUAGES.pick(rng)
            if extra not in spoken:
                spoken[extra] = rng.choice(("basic", "conversational", "conversational", "fluent"))
        known = [(slug, level) for slug, level in spoken.items() if slug in _LANGUAGE_SLUGS]
        return tuple(known[:4])

    def _rating_count(self, profile: _LevelProfile) -> int:
        if self.rng.random() < profile.unrated_share:
            return 0
        count = profile.median_ratings * math.exp(self.rng.gauss(0, profile.ratings_spread))
        return max(1, min(25_000, int(count)))

    def _rating_average(self, count: int) -> float:
        if count == 0:
            return 0.0
        # Few reviews leave room for an unlucky average; many reviews settle around 4.7–4.9.
        shortfall = self.rng.expovariate(1 / (0.12 + 0.45 / math.sqrt(count)))
        stars = max(1.0, 5.0 - shortfall)
        # The average of `count` whole-star reviews.
        return round(max(1.0, round(stars * count) / count), 2)

    def _last_seen(self) -> int:
        if self.rng.random() < 0.15:
            return self.rng.randint(0, 4)
        minutes = math.exp(self.rng.gauss(math.log(900), 1.8))
        return max(6, min(60 * 24 * 60, int(minutes)))

    def _profile_text(
        self, person: _Person, timezone: str, first_name: str, brand: str, category: str
    ) -> str:
        rng = self.rng
        place = vocab.COUNTRIES[person.country]
        # A city is named only where the seller's time zone is the country's main one.
        city_fits = len(COUNTRY_TIMEZONES[person.country]) == 1 or timezone == place.main_timezone
        if place.cities and city_fits and rng.random() < 0.6:
            where = f"à {rng.choice(place.cities)}"
        else:
            where = place.place
        cat = vocab.CATEGORIES.get(category)
        domain = cat.domain if cat else "services aux entreprises"
        fields = {
            "first_name": first_name,
            "brand": brand,
            "place": where,
            "domain": domain,
            "team": str(rng.randint(3, 12)),
            "clients": str(rng.choice((50, 100, 150, 200, 300, 500))),
        }
        if person.feminine is None:
            parts = [rng.choice(vocab.AGENCY_INTROS), rng.choice(vocab.AGENCY_DETAILS)]
            closing = rng.choice(vocab.AGENCY_CLOSINGS)
        else:
            form = 0 if person.feminine else 1
            fields.update({key: forms[form] for key, forms in vocab.GENDERED.items()})
            professions = cat.professions if cat else (("prestataire", "prestataire"),)
            profession = rng.choice(professions)[form]
            fields["profession"] = profession
            fields["profession_cap"] = profession[:1].upper() + profession[1:]
            parts = [rng.choice(vocab.PERSON_INTROS)]
            parts += rng.sample(vocab.PERSON_DETAILS, rng.randint(1, 2))
            closing = rng.choice(vocab.PERSON_CLOSINGS)
        if rng.random() < 0.7:
            parts.append(closing)
        return " ".join(part.format(**fields) for part in parts)

    # --- gig --------------------------------------------------------------------------------

    def _gig(self, category: str, person: _Person, member_days: int) -> DemoGig:
        rng = self.rng
        if rng.random() < 0.8 and category in _PLANS_BY_CATEGORY:
            plan = rng.choice(_PLANS_BY_CATEGORY[category])
        else:
            plan = rng.choice(_PLANS_BY_CATEGORY[_CATEGORIES.pick(rng)])
        attributes: dict[str, list[str]] = {}
        for attr in plan.attributes:
            attributes[attr.attribute.slug] = self._values(attr, person, attributes)
        audience = rng.choice(plan.audiences)
        return DemoGig(
            title=self._title(plan, attributes, audience),
            description=self._gig_text(plan, attributes, audience),
            tags=self._tags(plan, attributes),
            subcategory=plan.subcategory.slug,
            attributes=attributes,
            packages=self._packages(plan.words),
            age_days=rng.randint(0, member_days),
        )

    def _values(
        self,
        plan: _AttributePlan,
        person: _Person,
        chosen: dict[str, list[str]],
    ) -> list[str]:
        rng = self.rng
        attr = plan.attribute
        candidates = _compatible(plan, chosen)
        forced = ""
        if attr.slug in vocab.VOICE_GENDER and person.feminine is not None:
            forced = vocab.VOICE_GENDER[attr.slug][0 if person.feminine else 1]
        elif attr.slug in vocab.ACCENT_BY_COUNTRY:
            forced = vocab.ACCENT_BY_COUNTRY[attr.slug].get(person.country, "")
        if forced not in candidates or rng.random() < 0.15:
            forced = ""
        boost_spoken = attr.slug in vocab.LANGUAGE_ATTRIBUTES
        if not attr.multi and not boost_spoken and candidates is plan.allowed_set:
            return [forced or plan.pick.pick(rng)]

        # Weighted sampling without replacement: keep the largest random() ** (1 / weight).
        keyed: list[tuple[float, str]] = []
        spoken = 0
        for value, weight in zip(plan.allowed, plan.weights, strict=True):
            if value not in candidates:
                continue
            if boost_spoken and all(part in person.fluent for part in value.split("-")):
                weight *= 25
                spoken += 1
            keyed.append((rng.random() ** (1 / weight), value))
        keyed.sort(reverse=True)
        count = min(len(keyed), _MULTI_VALUE_COUNT.pick(rng)) if attr.multi else 1
        if spoken and rng.random() < 0.9:
            count = min(count, spoken)
        values = [forced] if forced else []
        values += [value for _, value in keyed if value != forced][: count - len(values)]
        return values

    def _phrase(self, plan: _SubcategoryPlan, attribute: str, value: str) -> str:
        sub = plan.subcategory.slug
        phrase = vocab.VALUE_PHRASES.get(f"{sub}/{attribute}:{value}") or vocab.VALUE_PHRASES.get(
            f"{attribute}:{value}"
        )
        if phrase:
            return phrase
        label = plan.labels[attribute][value]
        return label.lower() if attribute in vocab.LOWERCASE_ATTRIBUTES else label

    def _title(
        self, plan: _SubcategoryPlan, attributes: dict[str, list[str]], audience: str
    ) -> str:
        rng = self.rng
        title = ""
        if plan.echo_titles and rng.random() < 0.7:
            for text in rng.sample(plan.echo_titles, len(plan.echo_titles)):
                title = _PLACEHOLDER.sub(
                    lambda m: self._phrase(plan, m[1], attributes[m[1]][0]), text.template
                )
                if len(title) <= MAX_TITLE_CHARS:
                    break
                title = ""
        title = title or rng.choice(plan.plain_titles)
        verb = _OPENING_VERB.match(title)
        if verb is not None and verb[1] in _SYNONYMS and rng.random() < 0.6:
            title = _fit(f"Je vais {rng.choice(_SYNONYMS[verb[1]])}{title[verb.end() :]}", title)
        # The same offer told by thousands of sellers: each names its client and what it
        # puts forward, so a query's best matches read differently.
        generic = next((g for g in vocab.GENERIC_AUDIENCES if g in title), None)
        if generic is not None:
            if rng.random() < 0.8:
                title = _fit(title.replace(generic, audience, 1), title)
        elif " pour " not in title and rng.random() < 0.5:
            title = _fit(f"{title} {audience}", title)
        if rng.random() < 0.6:
            point = rng.choice(plan.selling_points)
            title = _fit(f"{title}{rng.choice(_POINT_JOINS)}{point}", title)
        return title

    def _tags(self, plan: _SubcategoryPlan, attributes: dict[str, list[str]]) -> tuple[str, ...]:
        rng = self.rng
        tags: list[str] = []
        if plan.echo_tags and rng.random() < 0.6:
            text = rng.choice(plan.echo_tags)
            tag = _PLACEHOLDER.sub(
                lambda m: plan.labels[m[1]][attributes[m[1]][0]], text.template
            ).lower()
            if "/" not in tag and "(" not in tag:
                tags.append(tag)
        wanted = rng.randint(2, 5)
        for tag in rng.sample(plan.plain_tags, len(plan.plain_tags)):
            if len(tags) >= wanted:
                break
            if tag not in tags:
                tags.append(tag)
        return tuple(tags)

    def _gig_text(
        self, plan: _SubcategoryPlan, attributes: dict[str, list[str]], audience: str
    ) -> str:
        rng = self.rng
        words = plan.words
        fields = {
            "years": str(rng.randint(2, 15)),
            "clients": str(rng.choice((30, 50, 80, 100, 150, 200, 300, 500, 1000))),
            "domain": plan.domain,
            "audience": audience,
        }
        body = [
            rng.choice(words.included),
            self._recap(plan, attributes),
            rng.choice(vocab.EXPERIENCE),
            rng.choice(vocab.PROCESS),
            rng.choice(vocab.AUDIENCE_SENTENCES),
        ]
        sentences = [rng.choice(words.pitches), *rng.sample(body, rng.randint(1, 3))]
        if rng.random() < 0.5:
            sentences.append(rng.choice(vocab.CLOSINGS))
        text = " ".join(s.format(**fields) for s in sentences if s)
        while len(text) > MAX_DESCRIPTION_CHARS and len(sentences) > 2:
            sentences.pop()
            text = " ".join(s.format(**fields) for s in sentences if s)
        return text[:MAX_DESCRIPTION_CHARS]

    def _recap(self, plan: _SubcategoryPlan, attributes: dict[str, list[str]]) -> str:
        """A sentence listing one attribute's values, as sellers summarise their offer."""
        if not attributes:
            return ""
        attr = self.rng.choice(plan.subcategory.attributes)
        if attr.slug not in attributes:
            return ""
        labels = plan.labels[attr.slug]
        values = [labels[v] for v in attributes[attr.slug]]
        if attr.slug in vocab.LOWERCASE_ATTRIBUTES:
            values = [v.lower() for v in values]
        # Braces in labels must not be taken for placeholders when the text is formatted.
        listed = ", ".join(values).replace("{", "{{").replace("}", "}}")
        return f"{attr.label.fr} : {listed}."

    def _packages(self, words: vocab.GigVocabulary) -> tuple[DemoPackage, ...]:
        rng = self.rng
        low, high = words.basic_price
        prices = [_nice_dollars(math.exp(rng.uniform(math.log(low), math.log(high))))]
        if rng.random() < 0.7:
            prices.append(max(_nice_dollars(prices[0] * rng.uniform(1.5, 2.8)), prices[0] + 5))
            if rng.random() < 0.5 / 0.7:
                premium = _nice_dollars(prices[1] * rng.uniform(1.4, 2.5))
                premium = max(premium, prices[1] + 5)
                if premium > words.max_price:
                    premium = _nice_dollars(words.max_price)
                if premium > prices[1]:
                    prices.append(premium)
        low_days, high_days = words.delivery_days
        basic_days = rng.randint(low_days, high_days)
        days = [
            basic_days,
            basic_days + rng.choice((-1, 0, 0, 1, 2, 3)),
            1 if rng.random() < 0.15 else basic_days + rng.choice((-3, -2, -1, -1, 0, 0, 0, 1, 2)),
        ]
        basic_revisions = rng.choice((0, 1, 1, 2, 2, 3))
        standard_revisions = basic_revisions + rng.randint(0, 2)
        revisions = [
            basic_revisions,
            standard_revisions,
            min(10, standard_revisions + rng.randint(1, 5)),
        ]
        return tuple(
            DemoPackage(
                tier=tier,
                price_cents=max(MIN_PRICE_CENTS, price * 100),
                delivery_days=max(1, min(30, days[i])),
                revisions=revisions[i],
                description=words.offers[i],
            )
            for i, (tier, price) in enumerate(zip(TIERS, prices, strict=False))
        )
