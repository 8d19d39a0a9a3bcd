"""Pure rules of a seller profile. No I/O.

The time zone must be one of the seller's country (``facets.common.COUNTRY_TIMEZONES``): the
country filter is how buyers find someone in their time zone, so the two must agree. When the
country has a single zone it may be left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from facets.common import COUNTRIES, COUNTRY_TIMEZONES, LANGUAGES, PROFICIENCIES
from marketplace_core.accounts.rules import username_problems
from marketplace_core.errors import FieldProblem, InvalidInput
from marketplace_core.input_rules import check_at_most

DISPLAY_NAME_LENGTH = (2, 80)
MAX_DESCRIPTION_LENGTH = 1200
MAX_LANGUAGES = 10

_LANGUAGE_CODES = tuple(c.slug for c in LANGUAGES)
_PROFICIENCY_CODES = tuple(c.slug for c in PROFICIENCIES)
_COUNTRY_CODES = tuple(c.slug for c in COUNTRIES)


@dataclass(frozen=True)
class LanguageInput:
    code: str
    proficiency: str


@dataclass(frozen=True)
class ProfileInput:
    """What a seller gives; ``None`` keeps the current value (or the default, on creation)."""

    display_name: str | None = None
    description: str | None = None
    languages: Sequence[LanguageInput] | None = None
    country: str | None = None
    timezone: str | None = None
    accepts_quotes: bool | None = None


@dataclass(frozen=True)
class ValidProfile:
    display_name: str
    description: str
    languages: list[LanguageInput]
    country: str
    timezone: str
    accepts_quotes: bool


_EMPTY = ValidProfile("", "", [], "", "", False)


def validate_new_profile(username: str, given: ProfileInput) -> ValidProfile:
    problems = username_problems(username)
    for name in ("display_name", "languages", "country"):
        if getattr(given, name) is None:
            problems.append(FieldProblem(name, f"{name}.required", f"{name} is required"))
    if problems:
        # The other fields are checked too, so one answer names every problem.
        try:
            validate_profile(given, None)
        except InvalidInput as exc:
            problems += [p for p in exc.problems if p.field not in {q.field for q in problems}]
        raise InvalidInput(problems)
    return validate_profile(given, None)


def validate_profile(given: ProfileInput, current: ValidProfile | None) -> ValidProfile:
    """The merged, normalised profile, or :class:`InvalidInput` naming every problem."""
    problems: list[FieldProblem] = []
    base = current or _EMPTY

    display_name = base.display_name if given.display_name is None else given.display_name
    display_name = " ".join(display_name.split())
    low, high = DISPLAY_NAME_LENGTH
    if given.display_name is not None and not low <= len(display_name) <= high:
        problems.append(
            FieldProblem(
                "display_name",
                "display_name.length",
                f"display_name must be {low} to {high} characters",
            )
        )

    description = (base.description if given.description is None else given.description).strip()
    check_at_most(
        problems, "description", description, MAX_DESCRIPTION_LENGTH, rule="description.length"
    )

    languages = list(base.languages if given.languages is None else given.languages)
    if given.languages is not None:
        problems += _language_problems(languages)

    country = base.country if given.country is None else given.country
    if given.country is not None and country not in _COUNTRY_CODES:
        problems.append(
            FieldProblem(
                "country",
                "country.unknown",
                f"country must be one of {', '.join(_COUNTRY_CODES)}",
            )
        )

    zones = COUNTRY_TIMEZONES.get(country, ())
    timezone = given.timezone
    if timezone is None:
        if base.timezone in zones:
            timezone = base.timezone
        elif len(zones) == 1:
            timezone = zones[0]
    if country in _COUNTRY_CODES and timezone not in zones:
        problems.append(
            FieldProblem(
                "timezone",
                "timezone.not_in_country",
                f"timezone must be one of {', '.join(zones)} for country {country}",
            )
        )

    accepts_quotes = base.accepts_quotes if given.accepts_quotes is None else given.accepts_quotes
    if problems:
        raise InvalidInput(problems)
    return ValidProfile(
        display_name=display_name,
        description=description,
        languages=sorted(languages, key=lambda lang: lang.code),
        country=country,
        timezone=str(timezone),
        accepts_quotes=accepts_quotes,
    )


def _language_problems(languages: list[LanguageInput]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not 1 <= len(languages) <= MAX_LANGUAGES:
        problems.append(
            FieldProblem(
                "languages",
                "languages.count",
                f"list 1 to {MAX_LANGUAGES} languages",
            )
        )
    seen: set[str] = set()
    for i, lang in enumerate(languages):
        if lang.code not in _LANGUAGE_CODES:
            problems.append(
                FieldProblem(
                    f"languages.{i}.code",
                    "language.unknown",
                    f"language must be one of {', '.join(_LANGUAGE_CODES)}",
                )
            )
        if lang.proficiency not in _PROFICIENCY_CODES:
            problems.append(
                FieldProblem(
                    f"languages.{i}.proficiency",
                    "language.proficiency",
                    f"proficiency must be one of {', '.join(_PROFICIENCY_CODES)}",
                )
            )
        if lang.code in seen:
            problems.append(
                FieldProblem(
                    f"languages.{i}.code",
                    "language.duplicate",
                    f"language {lang.code!r} is repeated",
                )
            )
        seen.add(lang.code)
    return problems
