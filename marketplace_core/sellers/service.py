"""Seller profiles of accounts: create, read, edit, heartbeat, and the public profile.

Level, rating and completed orders belong to the platform: nothing here writes them. Changes
to what gig documents show (display name, country, languages) reach search through the
outbox flush hook.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from marketplace_core.catalog.gigs import seller_of
from marketplace_core.catalog.models import Seller, SellerLanguage
from marketplace_core.catalog.presence import record_heartbeat
from marketplace_core.catalog.service import create_seller
from marketplace_core.clock import Clock
from marketplace_core.errors import Conflict, InvalidInput, NotFound
from marketplace_core.sellers.rules import (
    LanguageInput,
    ProfileInput,
    ValidProfile,
    validate_new_profile,
    validate_profile,
)

USERNAME_TAKEN = "username is taken; choose another"


def become_seller(
    session: Session, user_id: int, username: str, profile: ProfileInput, *, clock: Clock
) -> Seller:
    valid = validate_new_profile(username, profile)
    if seller_of(session, user_id) is not None:
        raise Conflict("this account already has a seller profile; edit it instead")
    if session.scalar(select(Seller.id).where(Seller.username == username)) is not None:
        raise InvalidInput.one("username", "username.taken", USERNAME_TAKEN)
    try:
        return create_seller(
            session,
            username=username,
            display_name=valid.display_name,
            description=valid.description,
            country=valid.country,
            timezone=valid.timezone,
            languages=[(lang.code, lang.proficiency) for lang in valid.languages],
            accepts_quotes=valid.accepts_quotes,
            user_id=user_id,
            clock=clock,
        )
    except IntegrityError as exc:  # the same username or account, concurrently
        raise Conflict("the profile changed meanwhile; try again") from exc


def own_profile(session: Session, user_id: int) -> Seller:
    seller = seller_of(session, user_id)
    if seller is None:
        raise NotFound("seller profile", "me")
    return seller


def update_profile(
    session: Session, seller: Seller, changes: ProfileInput, *, clock: Clock
) -> Seller:
    """A partial update, validated as a whole. Nothing changed, nothing written."""
    valid = validate_profile(changes, current_profile(seller))
    changed = False
    for name in ("display_name", "description", "country", "timezone", "accepts_quotes"):
        value = getattr(valid, name)
        if getattr(seller, name) != value:
            setattr(seller, name, value)
            changed = True
    changed |= _replace_languages(seller, valid.languages)
    if changed:
        seller.updated_at = clock.now()
        session.flush()
    return seller


def current_profile(seller: Seller) -> ValidProfile:
    return ValidProfile(
        display_name=seller.display_name,
        description=seller.description,
        languages=[LanguageInput(lang.language, lang.proficiency) for lang in seller.languages],
        country=seller.country,
        timezone=seller.timezone,
        accepts_quotes=seller.accepts_quotes,
    )


def _replace_languages(seller: Seller, languages: list[LanguageInput]) -> bool:
    current = {lang.language: lang for lang in seller.languages}
    wanted = {lang.code: lang.proficiency for lang in languages}
    changed = False
    for code, row in current.items():
        if code not in wanted:
            seller.languages.remove(row)
            changed = True
    for code, proficiency in wanted.items():
        existing = current.get(code)
        if existing is None:
            seller.languages.append(SellerLanguage(language=code, proficiency=proficiency))
            changed = True
        elif existing.proficiency != proficiency:
            existing.proficiency = proficiency
            changed = True
    return changed


def heartbeat(session: Session, user_id: int, *, clock: Clock) -> bool:
    """The account was seen now (web or app). Only sellers' presence is kept: it feeds the
    search's online filter. Returns whether it was recorded."""
    seller = seller_of(session, user_id)
    if seller is None:
        return False
    record_heartbeat(session, seller, clock.now())
    return True


def public_profile(session: Session, username: str) -> Seller:
    seller = session.scalars(
        select(Seller).where(Seller.username == username).options(selectinload(Seller.languages))
    ).one_or_none()
    if seller is None:
        raise NotFound("seller", username)
    return seller
