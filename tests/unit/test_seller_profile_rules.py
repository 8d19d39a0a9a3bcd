"""Pure seller profile rules: languages, country and time zone, partial updates."""

from __future__ import annotations

import pytest

from marketplace_core.errors import InvalidInput
from marketplace_core.sellers.rules import (
    LanguageInput,
    ProfileInput,
    ValidProfile,
    validate_new_profile,
    validate_profile,
)

FRENCH = [LanguageInput("fr", "native")]
CURRENT = ValidProfile("Claire", "", FRENCH, "CA", "America/Toronto", False)


def rules(exc: pytest.ExceptionInfo[InvalidInput]) -> set[tuple[str, str]]:
    return {(p.field, p.rule) for p in exc.value.problems}


def test_a_new_profile_takes_the_only_zone_of_its_country() -> None:
    valid = validate_new_profile(
        "claire", ProfileInput(display_name="  Claire   Design ", languages=FRENCH, country="SN")
    )
    assert (valid.display_name, valid.timezone, valid.accepts_quotes) == (
        "Claire Design",
        "Africa/Dakar",
        False,
    )


def test_a_new_profile_names_every_missing_and_invalid_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_new_profile("Claire!", ProfileInput(country="CA", description="x" * 1201))
    assert rules(caught) == {
        ("username", "username.format"),
        ("display_name", "display_name.required"),
        ("languages", "languages.required"),
        ("description", "description.length"),
        ("timezone", "timezone.not_in_country"),
    }


def test_a_country_with_several_zones_needs_one_of_them() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_new_profile(
            "claire", ProfileInput(display_name="Claire", languages=FRENCH, country="US")
        )
    [problem] = caught.value.problems
    assert problem.rule == "timezone.not_in_country"
    assert "America/New_York" in problem.message


def test_an_update_keeps_what_is_not_given() -> None:
    assert validate_profile(ProfileInput(), CURRENT) == CURRENT
    changed = validate_profile(ProfileInput(accepts_quotes=True), CURRENT)
    assert changed == ValidProfile("Claire", "", FRENCH, "CA", "America/Toronto", True)


def test_moving_country_keeps_a_zone_only_if_it_belongs_there() -> None:
    moved = validate_profile(ProfileInput(country="MA"), CURRENT)
    assert moved.timezone == "Africa/Casablanca"
    with pytest.raises(InvalidInput) as caught:
        validate_profile(ProfileInput(country="US"), CURRENT)
    assert rules(caught) == {("timezone", "timezone.not_in_country")}
    kept = validate_profile(ProfileInput(timezone="America/Vancouver"), CURRENT)
    assert kept.timezone == "America/Vancouver"


def test_languages_are_sorted_and_checked() -> None:
    valid = validate_profile(
        ProfileInput(languages=[LanguageInput("wo", "fluent"), LanguageInput("fr", "native")]),
        CURRENT,
    )
    assert [lang.code for lang in valid.languages] == ["fr", "wo"]
    with pytest.raises(InvalidInput) as caught:
        validate_profile(ProfileInput(languages=[LanguageInput("fr", "native")] * 11), CURRENT)
    assert ("languages", "languages.count") in rules(caught)
