"""gig images: up to five stored images per gig, the first its thumbnail

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from marketplace_core.db import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gig_images",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gig_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("position >= 0", name=op.f("ck_gig_images_position_positive")),
        sa.CheckConstraint("width > 0 AND height > 0", name=op.f("ck_gig_images_size_positive")),
        sa.ForeignKeyConstraint(
            ["gig_id"], ["gigs.id"], name=op.f("fk_gig_images_gig_id_gigs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gig_images")),
    )
    with op.batch_alter_table("gig_images", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gig_images_gig_id"), ["gig_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_gig_images_key"), ["key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("gig_images", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gig_images_key"))
        batch_op.drop_index(batch_op.f("ix_gig_images_gig_id"))
    op.drop_table("gig_images")
