"""catalog: sellers, languages, gigs, packages

Revision ID: 0001
Revises:
Create Date: 2026-11-27 06:37:58.673455
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from marketplace_core.db import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sellers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=30), nullable=False),
        sa.Column("display_name", sa.String(length=80), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "new",
                "level_1",
                "level_2",
                "top_rated",
                name="seller_level",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("last_seen_at", UTCDateTime(), nullable=True),
        sa.Column("rating_average", sa.Float(), nullable=False),
        sa.Column("rating_count", sa.Integer(), nullable=False),
        sa.Column("completed_orders", sa.Integer(), nullable=False),
        sa.Column("accepts_quotes", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "rating_average >= 0 AND rating_average <= 5", name=op.f("ck_sellers_rating_range")
        ),
        sa.CheckConstraint(
            "rating_count >= 0 AND completed_orders >= 0", name=op.f("ck_sellers_counts_positive")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sellers")),
        sa.UniqueConstraint("username", name=op.f("uq_sellers_username")),
    )
    op.create_table(
        "gigs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "tags",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("subcategory", sa.String(length=64), nullable=False),
        sa.Column(
            "attributes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "active",
                "paused",
                "deleted",
                name="gig_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_gigs_seller_id_sellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gigs")),
    )
    with op.batch_alter_table("gigs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gigs_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_gigs_seller_id"), ["seller_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_gigs_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_gigs_subcategory"), ["subcategory"], unique=False)

    op.create_table(
        "seller_languages",
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("proficiency", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_seller_languages_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("seller_id", "language", name=op.f("pk_seller_languages")),
    )
    op.create_table(
        "gig_packages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gig_id", sa.Integer(), nullable=False),
        sa.Column(
            "tier",
            sa.Enum(
                "basic",
                "standard",
                "premium",
                name="package_tier",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("price_cents", sa.Integer(), nullable=False),
        sa.Column("delivery_days", sa.Integer(), nullable=False),
        sa.Column("revisions", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "delivery_days >= 1", name=op.f("ck_gig_packages_delivery_at_least_one_day")
        ),
        sa.CheckConstraint("price_cents >= 500", name=op.f("ck_gig_packages_price_min_5_dollars")),
        sa.CheckConstraint("revisions >= 0", name=op.f("ck_gig_packages_revisions_positive")),
        sa.ForeignKeyConstraint(
            ["gig_id"], ["gigs.id"], name=op.f("fk_gig_packages_gig_id_gigs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gig_packages")),
        sa.UniqueConstraint("gig_id", "tier", name="gig_tier"),
    )
    with op.batch_alter_table("gig_packages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gig_packages_gig_id"), ["gig_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("gig_packages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gig_packages_gig_id"))

    op.drop_table("gig_packages")
    op.drop_table("seller_languages")
    with op.batch_alter_table("gigs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gigs_subcategory"))
        batch_op.drop_index(batch_op.f("ix_gigs_status"))
        batch_op.drop_index(batch_op.f("ix_gigs_seller_id"))
        batch_op.drop_index(batch_op.f("ix_gigs_category"))

    op.drop_table("gigs")
    op.drop_table("sellers")
