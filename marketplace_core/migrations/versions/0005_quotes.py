"""quotes: uploads, quote requests, their attachments and offers (R-QUO-1…3)

Revision ID: 0005
Revises: 0003 (beside the orders branch; a merge revision joins them)
Create Date: 2026-11-27 07:59:00.740580
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from marketplace_core.db import UTCDateTime

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "uploads",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=127), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("size_bytes >= 0", name=op.f("ck_uploads_size_positive")),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_uploads_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_uploads")),
    )
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_uploads_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "quote_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("subcategory", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "criteria",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("delivery_days", sa.Integer(), nullable=False),
        sa.Column("budget_cents", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "requested",
                "offered",
                "declined_by_seller",
                "declined_by_buyer",
                "accepted",
                name="quote_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("decline_reason", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "budget_cents IS NULL OR budget_cents >= 500", name=op.f("ck_quote_requests_budget_min")
        ),
        sa.CheckConstraint(
            "delivery_days >= 1", name=op.f("ck_quote_requests_delivery_at_least_one_day")
        ),
        sa.ForeignKeyConstraint(
            ["buyer_id"], ["users.id"], name=op.f("fk_quote_requests_buyer_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_quote_requests_seller_id_sellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote_requests")),
    )
    with op.batch_alter_table("quote_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quote_requests_buyer_id"), ["buyer_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_quote_requests_seller_id"), ["seller_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_quote_requests_status"), ["status"], unique=False)

    op.create_table(
        "quote_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quote_request_id", sa.Integer(), nullable=False),
        sa.Column("price_cents", sa.Integer(), nullable=False),
        sa.Column("delivery_days", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "delivery_days >= 1", name=op.f("ck_quote_offers_delivery_at_least_one_day")
        ),
        sa.CheckConstraint("price_cents >= 500", name=op.f("ck_quote_offers_price_min_5_dollars")),
        sa.ForeignKeyConstraint(
            ["quote_request_id"],
            ["quote_requests.id"],
            name=op.f("fk_quote_offers_quote_request_id_quote_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote_offers")),
        sa.UniqueConstraint("quote_request_id", name=op.f("uq_quote_offers_quote_request_id")),
    )
    op.create_table(
        "quote_request_attachments",
        sa.Column("quote_request_id", sa.Integer(), nullable=False),
        sa.Column("upload_key", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["quote_request_id"],
            ["quote_requests.id"],
            name=op.f("fk_quote_request_attachments_quote_request_id_quote_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["upload_key"],
            ["uploads.key"],
            name=op.f("fk_quote_request_attachments_upload_key_uploads"),
        ),
        sa.PrimaryKeyConstraint(
            "quote_request_id", "upload_key", name=op.f("pk_quote_request_attachments")
        ),
    )
    with op.batch_alter_table("quote_request_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quote_request_attachments_upload_key"), ["upload_key"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("quote_request_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quote_request_attachments_upload_key"))

    op.drop_table("quote_request_attachments")
    op.drop_table("quote_offers")
    with op.batch_alter_table("quote_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quote_requests_status"))
        batch_op.drop_index(batch_op.f("ix_quote_requests_seller_id"))
        batch_op.drop_index(batch_op.f("ix_quote_requests_buyer_id"))

    op.drop_table("quote_requests")
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_uploads_owner_id"))

    op.drop_table("uploads")
