"""one head again: gig images, the thesaurus, notification templates, order search ids, and
merchandising and alerts were written side by side on 0011

Revision ID: 0017
Revises: 0012, 0013, 0014, 0015, 0016
Create Date: 2026-12-02 00:40:00
"""

from __future__ import annotations

revision = "0017"
down_revision = ("0012", "0013", "0014", "0015", "0016")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
