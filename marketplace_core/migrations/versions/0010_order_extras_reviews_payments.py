"""extension offers with priced extras, review removal by support, payment attempts

Revision ID: 0010
Revises: 0007
Create Date: 2026-11-27 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from marketplace_core.db import UTCDateTime

revision = "0010"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "order_extension_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column(
            "extras",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("extras_cents", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "accepted",
                "declined",
                "lapsed",
                name="extension_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("idempotency_key", sa.String(length=100), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "days >= 0", name=op.f("ck_order_extension_offers_extension_offer_days")
        ),
        sa.CheckConstraint(
            "extras_cents > 0", name=op.f("ck_order_extension_offers_extension_offer_priced")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_extension_offers_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_extension_offers")),
    )
    with op.batch_alter_table("order_extension_offers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_order_extension_offers_order_id"), ["order_id"], unique=False
        )

    op.create_table(
        "payment_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("charge_key", sa.String(length=220), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "captured",
                "refunded",
                "failed",
                name="payment_attempt_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("charged_cents", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("provider_reference", sa.String(length=200), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("settled_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "amount_cents > 0", name=op.f("ck_payment_attempts_payment_attempt_amount")
        ),
        sa.CheckConstraint(
            "charged_cents >= 0", name=op.f("ck_payment_attempts_payment_attempt_charged")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_attempts")),
        sa.UniqueConstraint("charge_key", name=op.f("uq_payment_attempts_charge_key")),
    )
    with op.batch_alter_table("payment_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_attempts_buyer_id"), ["buyer_id"])
        batch_op.create_index(batch_op.f("ix_payment_attempts_created_at"), ["created_at"])
        batch_op.create_index(
            batch_op.f("ix_payment_attempts_idempotency_key"), ["idempotency_key"]
        )
        batch_op.create_index(batch_op.f("ix_payment_attempts_status"), ["status"])

    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("removal_reason", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("removal_explanation", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("removed_by_user_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_reviews_removed_by_user_id_users"),
            "users",
            ["removed_by_user_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_reviews_removed_by_user_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("removed_by_user_id")
        batch_op.drop_column("removal_explanation")
        batch_op.drop_column("removal_reason")

    with op.batch_alter_table("payment_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_attempts_status"))
        batch_op.drop_index(batch_op.f("ix_payment_attempts_idempotency_key"))
        batch_op.drop_index(batch_op.f("ix_payment_attempts_created_at"))
        batch_op.drop_index(batch_op.f("ix_payment_attempts_buyer_id"))
    op.drop_table("payment_attempts")

    with op.batch_alter_table("order_extension_offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_extension_offers_order_id"))
    op.drop_table("order_extension_offers")
