"""notifications are about more than orders: requests, offers, messages, removed reviews

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 09:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_ORDER_KINDS = (
    "order_placed",
    "order_delivered",
    "revision_requested",
    "cancellation_requested",
    "order_cancelled",
    "order_completed",
    "tip_received",
)
_NEW_KINDS = (
    "extension_requested",
    "review_removed",
    "request_approved",
    "request_refused",
    "request_expired",
    "offer_received",
    "message_received",
)


def _kind(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(
        *values, name="notification_kind", native_enum=False, create_constraint=True, length=32
    )


def _replace_kinds(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.alter_column("kind", existing_type=_kind(old), type_=_kind(new))


def upgrade() -> None:
    _replace_kinds(_ORDER_KINDS, _ORDER_KINDS + _NEW_KINDS)


def downgrade() -> None:
    op.execute(
        sa.text("DELETE FROM notifications WHERE kind IN :kinds").bindparams(
            sa.bindparam("kinds", _NEW_KINDS, expanding=True)
        )
    )
    _replace_kinds(_ORDER_KINDS + _NEW_KINDS, _ORDER_KINDS)
