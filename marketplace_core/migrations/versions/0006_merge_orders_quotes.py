"""merge the orders and quotes branches; an offer's order is a real order

Revision ID: 0006
Revises: 0004, 0005
Create Date: 2026-11-27 08:45:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = ("0004", "0005")
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quote_offers", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_quote_offers_order_id_orders"), "orders", ["order_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("quote_offers", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_quote_offers_order_id_orders"), type_="foreignkey")
