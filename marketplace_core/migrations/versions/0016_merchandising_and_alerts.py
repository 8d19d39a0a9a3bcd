"""merchandising rules (support's pins, hides, boosts and buries with their windows)

Revision ID: 0016
Revises: 0011 (beside the other branches; `microtache` upgrades every head)
Create Date: 2026-12-02 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from marketplace_core.db import UTCDateTime

revision = "0016"
down_revision = "0011"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


def upgrade() -> None:
    op.create_table(
        "merchandising_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "trigger",
            _enum("merchandising_trigger", "query_exact", "query_contains", "category"),
            nullable=False,
        ),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column(
            "action", _enum("merchandising_action", "pin", "hide", "boost", "bury"), nullable=False
        ),
        sa.Column("gig_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=True),
        sa.Column(
            "placement", _enum("merchandising_placement", "sponsored", "featured"), nullable=True
        ),
        sa.Column(
            "attribute",
            _enum("merchandising_attribute", "seller_level", "subcategory"),
            nullable=True,
        ),
        sa.Column("value", sa.String(length=100), nullable=True),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=False),
        sa.Column("removed_at", UTCDateTime(), nullable=True),
        sa.Column("removed_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["gig_id"],
            ["gigs.id"],
            name=op.f("fk_merchandising_rules_gig_id_gigs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_merchandising_rules_created_by_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["removed_by_user_id"],
            ["users.id"],
            name=op.f("fk_merchandising_rules_removed_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchandising_rules")),
    )
    with op.batch_alter_table("merchandising_rules") as batch_op:
        batch_op.create_index(batch_op.f("ix_merchandising_rules_ends_at"), ["ends_at"])


def downgrade() -> None:
    with op.batch_alter_table("merchandising_rules") as batch_op:
        batch_op.drop_index(batch_op.f("ix_merchandising_rules_ends_at"))
    op.drop_table("merchandising_rules")
