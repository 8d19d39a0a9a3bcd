"""buyer requests and the offers sellers send them; an order may come from such an offer

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from marketplace_core.db import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_SOURCE_KINDS = ("package", "quote_offer")
_NEW_SOURCE_KINDS = ("request_offer",)


def _source_kind(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(
        *values, name="order_source_kind", native_enum=False, create_constraint=True, length=32
    )


def _check(values: tuple[str, ...]) -> str:
    listed = ", ".join(f"'{v}'" for v in values)
    return f"CONSTRAINT ck_orders_order_source_kind CHECK (source_kind IN ({listed}))"


def _replace_source_kinds(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        with op.batch_alter_table("orders", schema=None) as batch_op:
            batch_op.alter_column(
                "source_kind", existing_type=_source_kind(old), type_=_source_kind(new)
            )
        return
    # SQLite cannot alter a CHECK constraint, and rebuilding ``orders`` (what batch mode
    # does) drops a table other tables refer to: with foreign keys on, that fails as soon as
    # an order has a delivery, a review or a notification. The constraint is only text in
    # the schema, and the stored rows do not change, so the text is rewritten in place, the
    # way SQLite documents for such changes (ALTER TABLE, "making other kinds of changes").
    table_sql = bind.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'orders'")
    ).scalar_one()
    if _check(old) not in table_sql:
        raise RuntimeError(f"orders: expected {_check(old)!r} in its schema")
    version = int(bind.execute(sa.text("PRAGMA schema_version")).scalar_one())
    bind.execute(sa.text("PRAGMA writable_schema = ON"))
    bind.execute(
        sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = 'orders'"),
        {"sql": table_sql.replace(_check(old), _check(new))},
    )
    bind.execute(sa.text(f"PRAGMA schema_version = {version + 1}"))  # connections reload it
    bind.execute(sa.text("PRAGMA writable_schema = OFF"))


def upgrade() -> None:
    op.create_table(
        "buyer_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("subcategory", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "criteria",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("delivery_days", sa.Integer(), nullable=False),
        sa.Column("budget_cents", sa.Integer(), nullable=False),
        sa.Column("attachment_key", sa.String(length=64), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "active",
                "paused",
                "not_approved",
                "expired",
                "ordered",
                "deleted",
                name="buyer_request_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("refusal_reason", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("approved_at", UTCDateTime(), nullable=True),
        sa.Column("boosted_at", UTCDateTime(), nullable=True),
        sa.Column("last_activity_at", UTCDateTime(), nullable=True),
        sa.Column("expired_at", UTCDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("budget_cents >= 500", name=op.f("ck_buyer_requests_budget_min")),
        sa.CheckConstraint(
            "delivery_days >= 1 AND delivery_days <= 30",
            name=op.f("ck_buyer_requests_delivery_range"),
        ),
        sa.ForeignKeyConstraint(
            ["attachment_key"],
            ["uploads.key"],
            name=op.f("fk_buyer_requests_attachment_key_uploads"),
        ),
        sa.ForeignKeyConstraint(
            ["buyer_id"], ["users.id"], name=op.f("fk_buyer_requests_buyer_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buyer_requests")),
    )
    with op.batch_alter_table("buyer_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_buyer_requests_buyer_id"), ["buyer_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_buyer_requests_last_activity_at"), ["last_activity_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_buyer_requests_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_buyer_requests_subcategory"), ["subcategory"], unique=False
        )

    op.create_table(
        "buyer_request_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("gig_id", sa.Integer(), nullable=False),
        sa.Column("price_cents", sa.Integer(), nullable=False),
        sa.Column("delivery_days", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "sent",
                "withdrawn",
                "ordered",
                name="request_offer_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("withdrawn_at", UTCDateTime(), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "delivery_days >= 1 AND delivery_days <= 30",
            name=op.f("ck_buyer_request_offers_delivery_range"),
        ),
        sa.CheckConstraint(
            "price_cents >= 500", name=op.f("ck_buyer_request_offers_price_min_5_dollars")
        ),
        sa.ForeignKeyConstraint(
            ["gig_id"], ["gigs.id"], name=op.f("fk_buyer_request_offers_gig_id_gigs")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_buyer_request_offers_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["buyer_requests.id"],
            name=op.f("fk_buyer_request_offers_request_id_buyer_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_buyer_request_offers_seller_id_sellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buyer_request_offers")),
        sa.UniqueConstraint("request_id", "seller_id", name="one_offer_per_seller"),
    )
    with op.batch_alter_table("buyer_request_offers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_buyer_request_offers_request_id"), ["request_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_buyer_request_offers_seller_id"), ["seller_id"], unique=False
        )

    _replace_source_kinds(_SOURCE_KINDS, _SOURCE_KINDS + _NEW_SOURCE_KINDS)


def downgrade() -> None:
    # Orders are never deleted by a migration: with orders placed from request offers the
    # downgrade stops rather than losing them.
    placed = op.get_bind().execute(
        sa.text("SELECT count(*) FROM orders WHERE source_kind = 'request_offer'")
    )
    if placed.scalar_one():
        raise RuntimeError("orders were placed from request offers: cannot downgrade")
    _replace_source_kinds(_SOURCE_KINDS + _NEW_SOURCE_KINDS, _SOURCE_KINDS)
    with op.batch_alter_table("buyer_request_offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buyer_request_offers_seller_id"))
        batch_op.drop_index(batch_op.f("ix_buyer_request_offers_request_id"))

    op.drop_table("buyer_request_offers")
    with op.batch_alter_table("buyer_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buyer_requests_subcategory"))
        batch_op.drop_index(batch_op.f("ix_buyer_requests_status"))
        batch_op.drop_index(batch_op.f("ix_buyer_requests_last_activity_at"))
        batch_op.drop_index(batch_op.f("ix_buyer_requests_buyer_id"))

    op.drop_table("buyer_requests")
