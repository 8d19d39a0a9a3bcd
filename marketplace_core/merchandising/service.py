"""Store, list and remove merchandising rules; the rules one API process applies."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from facets.model import Taxonomy
from marketplace_core.catalog.models import Gig
from marketplace_core.clock import Clock
from marketplace_core.errors import Conflict, InvalidInput, NotFound
from marketplace_core.live_copy import LiveCopy
from marketplace_core.merchandising.models import MerchandisingRule
from marketplace_core.merchandising.rules import Rule, RuleInput, check_rule

STATES = ("current", "in_force", "scheduled", "ended", "removed", "all")


def add_rule(
    session: Session, given: RuleInput, *, author_id: int, taxonomy: Taxonomy, clock: Clock
) -> MerchandisingRule:
    """A new rule, checked (422 naming the field and the rule); its gig must exist."""
    now = clock.now()
    problems, rule = check_rule(given, taxonomy, now)
    if rule is None:
        raise InvalidInput(problems)
    if rule.gig_id is not None and session.get(Gig, rule.gig_id) is None:
        raise InvalidInput.one("gig_id", "gig_id.unknown", f"no gig {rule.gig_id}")
    row = MerchandisingRule(
        trigger=rule.trigger,
        target=rule.target,
        action=rule.action,
        gig_id=rule.gig_id,
        position=rule.position,
        placement=rule.placement,
        attribute=rule.attribute,
        value=rule.value,
        starts_at=rule.starts_at,
        ends_at=rule.ends_at,
        created_at=now,
        created_by_user_id=author_id,
    )
    session.add(row)
    session.flush()
    return row


def remove_rule(session: Session, rule_id: int, *, actor_id: int, clock: Clock) -> None:
    row = session.get(MerchandisingRule, rule_id, with_for_update=True)
    if row is None:
        raise NotFound("merchandising rule", rule_id)
    if row.removed_at is not None:
        raise Conflict(f"merchandising rule {rule_id} was already removed")
    row.removed_at = clock.now()
    row.removed_by_user_id = actor_id


def get_rule(session: Session, rule_id: int) -> MerchandisingRule:
    row = session.get(MerchandisingRule, rule_id)
    if row is None:
        raise NotFound("merchandising rule", rule_id)
    return row


def list_rules(session: Session, state: str, now: datetime) -> list[MerchandisingRule]:
    """``current``: in force or scheduled (the default); ``in_force``, ``scheduled``,
    ``ended``, ``removed`` or ``all``; newest first."""
    query = select(MerchandisingRule)
    live = MerchandisingRule.removed_at.is_(None)
    if state == "current":
        query = query.where(live, MerchandisingRule.ends_at > now)
    elif state == "in_force":
        query = query.where(
            live, MerchandisingRule.starts_at <= now, MerchandisingRule.ends_at > now
        )
    elif state == "scheduled":
        query = query.where(live, MerchandisingRule.starts_at > now)
    elif state == "ended":
        query = query.where(live, MerchandisingRule.ends_at <= now)
    elif state == "removed":
        query = query.where(MerchandisingRule.removed_at.is_not(None))
    return list(session.scalars(query.order_by(MerchandisingRule.id.desc())))


def as_rule(row: MerchandisingRule) -> Rule:
    return Rule(
        id=row.id,
        trigger=row.trigger,
        target=row.target,
        action=row.action,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        gig_id=row.gig_id,
        position=row.position,
        placement=row.placement,
        attribute=row.attribute,
        value=row.value,
    )


def version(session: Session) -> int:
    """Grows with every rule added and every rule removed (rules never change otherwise)."""
    newest, removed = session.execute(
        select(
            func.coalesce(func.max(MerchandisingRule.id), 0),
            func.count(MerchandisingRule.removed_at),
        )
    ).one()
    return int(newest) + int(removed)


class LiveRules(LiveCopy[tuple[Rule, ...]]):
    """The rules one API process applies: those not removed nor ended."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        super().__init__(sessions, ())
        self.clock = clock

    def _version(self, session: Session) -> int:
        return version(session)

    def _load(self, session: Session) -> tuple[Rule, ...]:
        rows = session.scalars(
            select(MerchandisingRule).where(
                MerchandisingRule.removed_at.is_(None),
                MerchandisingRule.ends_at > self.clock.now(),
            )
        )
        return tuple(as_rule(r) for r in rows)
