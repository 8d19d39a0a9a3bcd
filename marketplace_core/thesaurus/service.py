"""The stored thesaurus: list, add and remove rules with their audit; install the shipped
defaults; and the compiled copy each API process searches with, kept fresh."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from facets.model import Lang
from marketplace_core.accounts.models import User
from marketplace_core.clock import Clock
from marketplace_core.errors import NotFound, Refused
from marketplace_core.live_copy import LiveCopy
from marketplace_core.thesaurus.models import ChangeAction, ThesaurusChange, ThesaurusRule
from marketplace_core.thesaurus.rules import (
    EMPTY,
    Rule,
    RuleKind,
    Thesaurus,
    check_conflicts,
    default_rules,
    validate_rule,
)

log = logging.getLogger(__name__)


def as_rule(row: ThesaurusRule) -> Rule:
    return Rule(cast(Lang, row.lang), row.kind, tuple(row.terms), tuple(row.targets))


def active_rows(
    session: Session, *, lang: str | None = None, kind: RuleKind | None = None
) -> Sequence[ThesaurusRule]:
    query = select(ThesaurusRule).where(ThesaurusRule.removed_at.is_(None))
    if lang is not None:
        query = query.where(ThesaurusRule.lang == lang)
    if kind is not None:
        query = query.where(ThesaurusRule.kind == kind)
    return session.scalars(query.order_by(ThesaurusRule.id)).all()


def version(session: Session) -> int:
    """Grows with every change: the largest audit id."""
    return session.scalar(select(func.coalesce(func.max(ThesaurusChange.id), 0))) or 0


def add_rule(
    session: Session,
    *,
    lang: str,
    kind: str,
    terms: Sequence[str],
    targets: Sequence[str] = (),
    actor_id: int | None,
    clock: Clock,
) -> ThesaurusRule:
    rule = validate_rule(lang, kind, terms, targets)
    check_conflicts(rule, {row.id: as_rule(row) for row in active_rows(session)})
    return _insert(session, rule, actor_id=actor_id, clock=clock)


def _insert(
    session: Session,
    rule: Rule,
    *,
    actor_id: int | None,
    clock: Clock,
    default_key: str | None = None,
) -> ThesaurusRule:
    now = clock.now()
    row = ThesaurusRule(
        lang=rule.lang,
        kind=rule.kind,
        terms=list(rule.terms),
        targets=list(rule.targets),
        default_key=default_key,
        created_at=now,
        created_by_user_id=actor_id,
    )
    session.add(row)
    session.flush()
    _audit(session, row, ChangeAction.ADDED, actor_id, now)
    return row


def remove_rule(
    session: Session, rule_id: int, *, actor_id: int | None, clock: Clock
) -> ThesaurusRule:
    row = session.get(ThesaurusRule, rule_id, with_for_update=True)
    if row is None or row.removed_at is not None:
        raise NotFound("thesaurus rule", rule_id)
    now = clock.now()
    row.removed_at = now
    row.removed_by_user_id = actor_id
    _audit(session, row, ChangeAction.REMOVED, actor_id, now)
    return row


def _audit(
    session: Session, row: ThesaurusRule, action: ChangeAction, actor_id: int | None, at: datetime
) -> None:
    session.add(
        ThesaurusChange(
            rule_id=row.id,
            action=action,
            actor_user_id=actor_id,
            at=at,
            lang=row.lang,
            kind=row.kind,
            terms=list(row.terms),
            targets=list(row.targets),
        )
    )
    session.flush()


@dataclass(frozen=True)
class Change:
    row: ThesaurusChange
    actor_email: str | None  # None: the engine


def changes(session: Session, *, limit: int = 100, before: int | None = None) -> list[Change]:
    """Newest first; ``before`` pages on by change id."""
    query = select(ThesaurusChange, User.email).outerjoin(
        User, User.id == ThesaurusChange.actor_user_id
    )
    if before is not None:
        query = query.where(ThesaurusChange.id < before)
    rows = session.execute(query.order_by(ThesaurusChange.id.desc()).limit(limit)).all()
    return [Change(change, email) for change, email in rows]


def install_defaults(session: Session, *, clock: Clock) -> int:
    """Add the shipped rules not installed yet (removed ones stay removed); how many were."""
    known = set(session.scalars(select(ThesaurusRule.default_key)).all())
    active = {row.id: as_rule(row) for row in active_rows(session)}
    installed = 0
    for rule in default_rules():
        if rule.signature in known:
            continue
        try:
            check_conflicts(rule, active)
        except Refused as exc:  # support changed the thesaurus around it: theirs wins
            log.info("shipped thesaurus rule %s not installed: %s", rule.terms, exc)
            continue
        row = _insert(session, rule, actor_id=None, clock=clock, default_key=rule.signature)
        active[row.id] = rule
        installed += 1
    return installed


class LiveThesaurus(LiveCopy[Thesaurus]):
    """The compiled thesaurus one process searches with."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        super().__init__(sessions, EMPTY)

    def _version(self, session: Session) -> int:
        return version(session)

    def _load(self, session: Session) -> Thesaurus:
        return Thesaurus(as_rule(row) for row in active_rows(session))
