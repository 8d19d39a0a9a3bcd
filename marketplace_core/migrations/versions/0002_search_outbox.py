"""search outbox, seller version and online flag

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 06:51:05.055068
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from marketplace_core.db import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "entity",
            sa.Enum(
                "gig",
                "seller",
                name="outbox_entity",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("available_at", UTCDateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            UTCDateTime(),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_outbox")),
    )
    # Existing sellers start at version 1 and offline for search; the first presence sweep
    # sets the flag of those seen recently.
    with op.batch_alter_table("sellers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("search_online", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("sellers", schema=None) as batch_op:
        batch_op.drop_column("version")
        batch_op.drop_column("search_online")

    op.drop_table("search_outbox")
