"""gig search documents kept as built, so a rebuild sends the current ones as they are

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 14:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gig_search_documents",
        sa.Column("gig_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["gig_id"],
            ["gigs.id"],
            name=op.f("fk_gig_search_documents_gig_id_gigs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("gig_id", name=op.f("pk_gig_search_documents")),
    )


def downgrade() -> None:
    op.drop_table("gig_search_documents")
