"""orders keep the search they came from (its search id), for the search reports

Revision ID: 0015
Revises: 0011 (beside the other branches; `microtache` upgrades every head)
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0011"
branch_labels = None
depends_on = None

FROM_SEARCH = sa.text("search_id IS NOT NULL")


def upgrade() -> None:
    op.add_column("orders", sa.Column("search_id", sa.String(length=64), nullable=True))
    # The reports read the orders placed from a search lately: few rows, found by time.
    op.create_index(
        "ix_orders_from_search",
        "orders",
        ["created_at"],
        postgresql_where=FROM_SEARCH,
        sqlite_where=FROM_SEARCH,
    )


def downgrade() -> None:
    op.drop_index("ix_orders_from_search", table_name="orders")
    with op.batch_alter_table("orders") as batch_op:
        batch_op.drop_column("search_id")
