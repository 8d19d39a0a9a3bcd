"""thesaurus: the search rules customer support manages, and the audit of their changes

Revision ID: 0013
Revises: 0011 (beside the gig images branch; a merge revision joins them)
Create Date: 2026-12-01 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from marketplace_core.db import UTCDateTime

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine[object]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _kind(name: str) -> sa.Enum:
    return sa.Enum(
        "equivalence",
        "expansion",
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
    )


def upgrade() -> None:
    op.create_table(
        "thesaurus_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("kind", _kind("thesaurus_rule_kind"), nullable=False),
        sa.Column("terms", _json(), nullable=False),
        sa.Column("targets", _json(), nullable=False),
        sa.Column("default_key", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("removed_at", UTCDateTime(), nullable=True),
        sa.Column("removed_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_thesaurus_rules_created_by_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["removed_by_user_id"],
            ["users.id"],
            name=op.f("fk_thesaurus_rules_removed_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thesaurus_rules")),
        sa.UniqueConstraint("default_key", name=op.f("uq_thesaurus_rules_default_key")),
    )
    with op.batch_alter_table("thesaurus_rules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_thesaurus_rules_removed_at"), ["removed_at"], unique=False
        )

    op.create_table(
        "thesaurus_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "added",
                "removed",
                name="thesaurus_action",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("kind", _kind("thesaurus_change_kind"), nullable=False),
        sa.Column("terms", _json(), nullable=False),
        sa.Column("targets", _json(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_user_id"], ["users.id"], name=op.f("fk_thesaurus_changes_actor_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["thesaurus_rules.id"],
            name=op.f("fk_thesaurus_changes_rule_id_thesaurus_rules"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thesaurus_changes")),
    )
    with op.batch_alter_table("thesaurus_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_thesaurus_changes_rule_id"), ["rule_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("thesaurus_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_thesaurus_changes_rule_id"))
    op.drop_table("thesaurus_changes")
    with op.batch_alter_table("thesaurus_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_thesaurus_rules_removed_at"))
    op.drop_table("thesaurus_rules")
