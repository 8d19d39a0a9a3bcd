"""TOKEN_SIGNING_KEYS is read strictly: a bad list stops the engine with what is wrong,
never with a secret in the message."""

from __future__ import annotations

import pytest

from marketplace_core.accounts.tokens import SigningKey, parse_signing_keys


def test_the_first_key_signs_and_a_key_never_shows_its_secret() -> None:
    keys = parse_signing_keys(f"k2:{'b' * 32}, k1:{'a' * 32}")
    assert [k.kid for k in keys] == ["k2", "k1"]
    assert "b" * 32 not in repr(keys)
    derived = SigningKey.of_secret("s" * 40)
    assert derived.kid.startswith("k")
    assert "s" * 40 not in derived.kid + repr(derived)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("sans-deux-points", "must be kid:secret"),
        ("k1:court", "at least 32"),
        (f"k1:{'a' * 32},k1:{'b' * 32}", "listed twice"),
        (f"k 1:{'a' * 32}", "must be kid:secret"),
        (f"{'k' * 33}:{'a' * 32}", "must be kid:secret"),
    ],
)
def test_bad_signing_keys_are_refused_naming_the_variable(value: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem) as refused:
        parse_signing_keys(value)
    assert "TOKEN_SIGNING_KEYS" in str(refused.value)
    assert "a" * 32 not in str(refused.value)  # the message never holds a secret
