"""What operators do and what the engine keeps: the role command, the signing key."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marketplace_core.accounts.enums import Role
from marketplace_core.accounts.models import User
from marketplace_core.accounts.tokens import SECRET_FILE, SigningKey, TokenSigner, secret_key
from marketplace_core.clock import ManualClock
from marketplace_core.config import Settings, get_settings
from marketplace_core.errors import Unauthorized
from search_api.cli import main
from tests.factories import create_user


def test_the_role_command_sets_and_clears_support(
    engine: Engine,
    clock: ManualClock,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with Session(engine) as session, session.begin():
        user_id = create_user(session, clock=clock, email="aide@exemple.fr").id
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    try:
        assert main(["role", "Aide@Exemple.fr", "support"]) == 0
        with Session(engine) as session:
            assert session.get_one(User, user_id).role == Role.SUPPORT
        assert main(["role", "aide@exemple.fr", "user"]) == 0
        with Session(engine) as session:
            assert session.get_one(User, user_id).role == Role.USER
        assert main(["role", "personne@exemple.fr", "support"]) == 1
        assert "no account" in capsys.readouterr().err
    finally:
        get_settings.cache_clear()


def test_without_a_configured_key_one_is_generated_once_and_kept(tmp_path: Path) -> None:
    settings = Settings(MICROTACHE_DATA_DIR=tmp_path / "data")
    first = secret_key(settings)
    assert len(first) == 64
    assert secret_key(settings) == first  # a restart keeps the sessions valid
    stored = tmp_path / "data" / SECRET_FILE
    assert stored.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in stored.parent.iterdir()] == [SECRET_FILE]


def test_a_configured_key_is_used_and_must_be_long(tmp_path: Path) -> None:
    key = "k" * 40
    assert secret_key(Settings(MICROTACHE_DATA_DIR=tmp_path, MICROTACHE_SECRET_KEY=key)) == key
    assert not (tmp_path / SECRET_FILE).exists()
    with pytest.raises(ValueError, match="at least 32"):
        secret_key(Settings(MICROTACHE_DATA_DIR=tmp_path, MICROTACHE_SECRET_KEY="court"))


def test_a_token_signed_with_another_key_is_refused(clock: ManualClock) -> None:
    mine = TokenSigner([SigningKey("k1", "a" * 64)], timedelta(minutes=15))
    theirs = TokenSigner([SigningKey("k1", "b" * 64)], timedelta(minutes=15))
    token = theirs.access_token(7, 3, clock.now())
    assert theirs.read_access_token(token, clock.now()).session_id == 3
    with pytest.raises(Unauthorized):
        mine.read_access_token(token, clock.now())
