"""orders: orders, deliveries, revision requests, notifications, the ledger, cancellation
requests, reviews, private feedback, tips

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from marketplace_core.db import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "buyer_balance",
                "seller_earnings",
                "escrow",
                "external",
                name="ledger_account_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("lock_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_ledger_accounts_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_accounts")),
        sa.UniqueConstraint("key", name=op.f("uq_ledger_accounts_key")),
    )
    with op.batch_alter_table("ledger_accounts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ledger_accounts_user_id"), ["user_id"], unique=False)

    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("seller_user_id", sa.Integer(), nullable=False),
        sa.Column(
            "source_kind",
            sa.Enum(
                "package",
                "quote_offer",
                name="order_source_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("price_cents", sa.Integer(), nullable=False),
        sa.Column("delivery_days", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "incomplete",
                "in_progress",
                "late",
                "very_late",
                "delivered",
                "rejected",
                "completed",
                "cancelled",
                name="order_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.Column("requirements", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("original_due_at", UTCDateTime(), nullable=True),
        sa.Column("extension_days", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=True),
        sa.Column("very_late_at", UTCDateTime(), nullable=True),
        sa.Column("delivered_at", UTCDateTime(), nullable=True),
        sa.Column("auto_complete_at", UTCDateTime(), nullable=True),
        sa.Column("completed_at", UTCDateTime(), nullable=True),
        sa.Column("review_closes_at", UTCDateTime(), nullable=True),
        sa.Column("review_closed_at", UTCDateTime(), nullable=True),
        sa.Column("tip_closes_at", UTCDateTime(), nullable=True),
        sa.Column("tip_closed_at", UTCDateTime(), nullable=True),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
        sa.Column(
            "cancelled_by",
            sa.Enum(
                "buyer",
                "seller",
                "support",
                "system",
                name="order_actor",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("cancellation_reason", sa.String(length=64), nullable=True),
        sa.Column("cancellation_note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("buyer_id <> seller_user_id", name=op.f("ck_orders_not_own_order")),
        sa.CheckConstraint("delivery_days >= 1", name=op.f("ck_orders_delivery_at_least_one_day")),
        sa.CheckConstraint("extension_days >= 0", name=op.f("ck_orders_extension_positive")),
        sa.CheckConstraint("price_cents >= 500", name=op.f("ck_orders_price_min_5_dollars")),
        sa.ForeignKeyConstraint(["buyer_id"], ["users.id"], name=op.f("fk_orders_buyer_id_users")),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_orders_seller_id_sellers")
        ),
        sa.ForeignKeyConstraint(
            ["seller_user_id"], ["users.id"], name=op.f("fk_orders_seller_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint("buyer_id", "idempotency_key", name="buyer_idempotency_key"),
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_orders_auto_complete_at"), ["auto_complete_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_orders_buyer_id"), ["buyer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_orders_due_at"), ["due_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_orders_review_closes_at"), ["review_closes_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_orders_seller_id"), ["seller_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_orders_seller_user_id"), ["seller_user_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_orders_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_orders_tip_closes_at"), ["tip_closes_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_orders_very_late_at"), ["very_late_at"], unique=False)

    op.create_table(
        "cancellation_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column(
            "requested_by",
            sa.Enum(
                "buyer",
                "seller",
                "support",
                "system",
                name="cancellation_party",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=64), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "accepted",
                "refused",
                "withdrawn",
                "expired",
                "closed",
                name="cancellation_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("respond_by", UTCDateTime(), nullable=False),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_cancellation_requests_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cancellation_requests")),
    )
    with op.batch_alter_table("cancellation_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cancellation_requests_order_id"), ["order_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cancellation_requests_respond_by"), ["respond_by"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cancellation_requests_status"), ["status"], unique=False
        )

    op.create_table(
        "ledger_transactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "payment_in",
                "order_payment",
                "order_release",
                "order_refund",
                "tip",
                name="ledger_tx_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("external_reference", sa.String(length=200), nullable=True),
        sa.Column("memo", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_ledger_transactions_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_transactions")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_ledger_transactions_idempotency_key")),
    )
    with op.batch_alter_table("ledger_transactions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ledger_transactions_order_id"), ["order_id"], unique=False
        )

    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "order_placed",
                "order_delivered",
                "revision_requested",
                "cancellation_requested",
                "order_cancelled",
                "order_completed",
                "tip_received",
                name="notification_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("link", sa.String(length=300), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("read_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_notifications_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_notifications_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notifications_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_notifications_user_id"), ["user_id"], unique=False)

    op.create_table(
        "order_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column(
            "attachments",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_deliveries_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_deliveries")),
        sa.UniqueConstraint("order_id", "number", name="order_delivery_number"),
    )
    with op.batch_alter_table("order_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_order_deliveries_order_id"), ["order_id"], unique=False
        )

    op.create_table(
        "private_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_user_id"], ["users.id"], name=op.f("fk_private_feedback_author_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_private_feedback_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_private_feedback")),
        sa.UniqueConstraint("order_id", name=op.f("uq_private_feedback_order_id")),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column(
            "author",
            sa.Enum(
                "buyer",
                "seller",
                "support",
                "system",
                name="review_author",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("author_user_id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("communication", sa.Integer(), nullable=True),
        sa.Column("as_described", sa.Integer(), nullable=True),
        sa.Column("would_recommend", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("work_sample_key", sa.String(length=500), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("published_at", UTCDateTime(), nullable=True),
        sa.Column("removed_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "(communication IS NULL OR communication BETWEEN 1 AND 5) AND "
            "(as_described IS NULL OR as_described BETWEEN 1 AND 5) AND "
            "(would_recommend IS NULL OR would_recommend BETWEEN 1 AND 5)",
            name=op.f("ck_reviews_criteria_stars"),
        ),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_reviews_rating_stars")),
        sa.ForeignKeyConstraint(
            ["author_user_id"], ["users.id"], name=op.f("fk_reviews_author_user_id_users")
        ),
        sa.ForeignKeyConstraint(["buyer_id"], ["users.id"], name=op.f("fk_reviews_buyer_id_users")),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_reviews_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_reviews_seller_id_sellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
        sa.UniqueConstraint("order_id", "author", name="order_author"),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviews_buyer_id"), ["buyer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reviews_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reviews_published_at"), ["published_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_reviews_seller_id"), ["seller_id"], unique=False)

    op.create_table(
        "tips",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("seller_user_id", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("amount_cents >= 500", name=op.f("ck_tips_tip_min_5_dollars")),
        sa.ForeignKeyConstraint(["buyer_id"], ["users.id"], name=op.f("fk_tips_buyer_id_users")),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_tips_order_id_orders")),
        sa.ForeignKeyConstraint(
            ["seller_user_id"], ["users.id"], name=op.f("fk_tips_seller_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tips")),
        sa.UniqueConstraint("order_id", name=op.f("uq_tips_order_id")),
    )
    with op.batch_alter_table("tips", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tips_seller_user_id"), ["seller_user_id"], unique=False
        )

    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount_cents <> 0", name=op.f("ck_ledger_entries_amount_not_zero")),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["ledger_accounts.id"],
            name=op.f("fk_ledger_entries_account_id_ledger_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name=op.f("fk_ledger_entries_transaction_id_ledger_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
    )
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ledger_entries_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_ledger_entries_transaction_id"), ["transaction_id"], unique=False
        )

    op.create_table(
        "order_revision_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["order_deliveries.id"],
            name=op.f("fk_order_revision_requests_delivery_id_order_deliveries"),
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_revision_requests_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_revision_requests")),
    )
    with op.batch_alter_table("order_revision_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_order_revision_requests_order_id"), ["order_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("order_revision_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_revision_requests_order_id"))

    op.drop_table("order_revision_requests")
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_entries_transaction_id"))
        batch_op.drop_index(batch_op.f("ix_ledger_entries_account_id"))

    op.drop_table("ledger_entries")
    with op.batch_alter_table("tips", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tips_seller_user_id"))

    op.drop_table("tips")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_seller_id"))
        batch_op.drop_index(batch_op.f("ix_reviews_published_at"))
        batch_op.drop_index(batch_op.f("ix_reviews_order_id"))
        batch_op.drop_index(batch_op.f("ix_reviews_buyer_id"))

    op.drop_table("reviews")
    op.drop_table("private_feedback")
    with op.batch_alter_table("order_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_deliveries_order_id"))

    op.drop_table("order_deliveries")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notifications_user_id"))
        batch_op.drop_index(batch_op.f("ix_notifications_order_id"))

    op.drop_table("notifications")
    with op.batch_alter_table("ledger_transactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_transactions_order_id"))

    op.drop_table("ledger_transactions")
    with op.batch_alter_table("cancellation_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cancellation_requests_status"))
        batch_op.drop_index(batch_op.f("ix_cancellation_requests_respond_by"))
        batch_op.drop_index(batch_op.f("ix_cancellation_requests_order_id"))

    op.drop_table("cancellation_requests")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_orders_very_late_at"))
        batch_op.drop_index(batch_op.f("ix_orders_tip_closes_at"))
        batch_op.drop_index(batch_op.f("ix_orders_status"))
        batch_op.drop_index(batch_op.f("ix_orders_seller_user_id"))
        batch_op.drop_index(batch_op.f("ix_orders_seller_id"))
        batch_op.drop_index(batch_op.f("ix_orders_review_closes_at"))
        batch_op.drop_index(batch_op.f("ix_orders_due_at"))
        batch_op.drop_index(batch_op.f("ix_orders_buyer_id"))
        batch_op.drop_index(batch_op.f("ix_orders_auto_complete_at"))

    op.drop_table("orders")
    with op.batch_alter_table("ledger_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_accounts_user_id"))

    op.drop_table("ledger_accounts")
