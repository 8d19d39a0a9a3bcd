"""Thesaurus tables: the rules search applies, and the audit of every change to them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace_core.db import Base, JSONDocument, UTCDateTime, string_enum
from marketplace_core.thesaurus.rules import RuleKind


class ChangeAction(StrEnum):
    ADDED = "added"
    REMOVED = "removed"


class ThesaurusRule(Base):
    """A rule stays once removed (``removed_at``): the audit points at it, and a removed
    shipped default is never installed again."""

    __tablename__ = "thesaurus_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    lang: Mapped[str] = mapped_column(String(2))
    kind: Mapped[RuleKind] = mapped_column(string_enum(RuleKind, "thesaurus_rule_kind", 16))
    terms: Mapped[list[str]] = mapped_column(JSONDocument)
    targets: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    # Set on the rules shipped with the engine: the signature of the default it installed.
    default_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    removed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ThesaurusChange(Base):
    """Who changed what, when: one row per added or removed rule, with the rule as it was.
    Its largest id is the thesaurus version every API process watches."""

    __tablename__ = "thesaurus_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("thesaurus_rules.id"), index=True)
    action: Mapped[ChangeAction] = mapped_column(string_enum(ChangeAction, "thesaurus_action", 16))
    # None: the engine itself (installing the shipped defaults).
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    lang: Mapped[str] = mapped_column(String(2))
    kind: Mapped[RuleKind] = mapped_column(string_enum(RuleKind, "thesaurus_change_kind", 16))
    terms: Mapped[list[str]] = mapped_column(JSONDocument)
    targets: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
