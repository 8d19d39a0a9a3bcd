"""Keyword-only helpers that make valid catalog objects for tests."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy.orm import Session

from facets.taxonomy import TAXONOMY
from marketplace_core.accounts.enums import Role
from marketplace_core.accounts.models import User
from marketplace_core.accounts.passwords import hash_password
from marketplace_core.catalog import service as catalog
from marketplace_core.catalog.enums import GigStatus, SellerLevel
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.catalog.rules import GigInput, PackageInput
from marketplace_core.clock import Clock


def create_seller(
    session: Session,
    *,
    clock: Clock,
    username: str = "claire_design",
    level: SellerLevel = SellerLevel.LEVEL_1,
    country: str = "FR",
    timezone: str = "Europe/Paris",
    languages: Sequence[tuple[str, str]] = (("fr", "native"), ("en", "fluent")),
    user: User | None = None,
    accepts_quotes: bool = False,
) -> Seller:
    return catalog.create_seller(
        session,
        username=username,
        display_name=username.replace("_", " ").title(),
        country=country,
        timezone=timezone,
        languages=languages,
        clock=clock,
        level=level,
        user_id=user.id if user else None,
        accepts_quotes=accepts_quotes,
    )


def create_gig(
    session: Session,
    *,
    seller: Seller,
    clock: Clock,
    title: str = "Je vais créer un logo minimaliste pour votre entreprise",
    subcategory: str = "conception-logo",
    attributes: dict[str, list[str]] | None = None,
    packages: Sequence[PackageInput] = (PackageInput("basic", 2000, 3),),
    tags: Sequence[str] = ("logo", "logo minimaliste"),
    status: GigStatus = GigStatus.ACTIVE,
) -> Gig:
    return catalog.create_gig(
        session,
        seller,
        GigInput(
            title=title,
            description="Un logo clair et moderne, livré en vectoriel avec fichiers sources.",
            subcategory=subcategory,
            packages=packages,
            tags=tags,
            attributes={"style": ["minimaliste"]} if attributes is None else attributes,
        ),
        taxonomy=TAXONOMY,
        clock=clock,
        status=status,
    )


TEST_PASSWORD = "un mot de passe de test"


@lru_cache(maxsize=8)
def _password_hash(password: str) -> str:
    return hash_password(password)  # hashed once per run: Argon2 is slow on purpose


def create_user(
    session: Session,
    *,
    clock: Clock,
    email: str = "claire@exemple.fr",
    role: Role = Role.USER,
    password: str = TEST_PASSWORD,
) -> User:
    """An account; the role is set here or by the command line, never through the API."""
    now = clock.now()
    user = User(
        email=email,
        password_hash=_password_hash(password),
        role=role,
        created_at=now,
        updated_at=now,
    )
    session.add(user)
    session.flush()
    return user
