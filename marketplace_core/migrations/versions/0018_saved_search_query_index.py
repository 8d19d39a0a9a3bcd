"""saved searches looked up by their canonical query: buyers saving the same one share a
stored percolator query

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 03:05:00
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("saved_searches") as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_searches_query"), ["query"])


def downgrade() -> None:
    with op.batch_alter_table("saved_searches") as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_searches_query"))
