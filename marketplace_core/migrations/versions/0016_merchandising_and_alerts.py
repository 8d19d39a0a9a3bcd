"""merchandising rules (support's pins, hides, boosts and buries with their windows); alerts:
saved searches and their matches, sellers' request alerts and the requests matched; the two
notification kinds they send

Revision ID: 0016
Revises: 0011 (beside the other branches; `microtache` upgrades every head)
Create Date: 2026-12-02 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from marketplace_core.db import UTCDateTime

revision = "0016"
down_revision = "0011"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


_KINDS = (
    "order_placed",
    "order_delivered",
    "revision_requested",
    "cancellation_requested",
    "order_cancelled",
    "order_completed",
    "tip_received",
    "extension_requested",
    "review_removed",
    "request_approved",
    "request_refused",
    "request_expired",
    "offer_received",
    "message_received",
)
_NEW_KINDS = ("saved_search_matches", "request_matched")


def _kind(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(
        *values, name="notification_kind", native_enum=False, create_constraint=True, length=32
    )


def _replace_kinds(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.alter_column("kind", existing_type=_kind(old), type_=_kind(new))


def upgrade() -> None:
    op.create_table(
        "merchandising_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "trigger",
            _enum("merchandising_trigger", "query_exact", "query_contains", "category"),
            nullable=False,
        ),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column(
            "action", _enum("merchandising_action", "pin", "hide", "boost", "bury"), nullable=False
        ),
        sa.Column("gig_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=True),
        sa.Column(
            "placement", _enum("merchandising_placement", "sponsored", "featured"), nullable=True
        ),
        sa.Column(
            "attribute",
            _enum("merchandising_attribute", "seller_level", "subcategory"),
            nullable=True,
        ),
        sa.Column("value", sa.String(length=100), nullable=True),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=False),
        sa.Column("removed_at", UTCDateTime(), nullable=True),
        sa.Column("removed_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["gig_id"],
            ["gigs.id"],
            name=op.f("fk_merchandising_rules_gig_id_gigs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_merchandising_rules_created_by_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["removed_by_user_id"],
            ["users.id"],
            name=op.f("fk_merchandising_rules_removed_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merchandising_rules")),
    )
    with op.batch_alter_table("merchandising_rules") as batch_op:
        batch_op.create_index(batch_op.f("ix_merchandising_rules_ends_at"), ["ends_at"])

    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("query", sa.String(length=2000), nullable=False),
        sa.Column("words", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_digest_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_saved_searches_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_searches")),
    )
    with op.batch_alter_table("saved_searches") as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_searches_user_id"), ["user_id"])
    op.create_table(
        "saved_search_matches",
        sa.Column("saved_search_id", sa.Integer(), nullable=False),
        sa.Column("gig_id", sa.Integer(), nullable=False),
        sa.Column("matched_at", UTCDateTime(), nullable=False),
        sa.Column("notified_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["saved_search_id"],
            ["saved_searches.id"],
            name=op.f("fk_saved_search_matches_saved_search_id_saved_searches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["gig_id"],
            ["gigs.id"],
            name=op.f("fk_saved_search_matches_gig_id_gigs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("saved_search_id", "gig_id", name=op.f("pk_saved_search_matches")),
    )
    with op.batch_alter_table("saved_search_matches") as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_search_matches_notified_at"), ["notified_at"])
    op.create_table(
        "seller_request_alerts",
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("budget_min_cents", sa.Integer(), nullable=True),
        sa.Column("min_delivery_days", sa.Integer(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_seller_request_alerts_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("seller_id", name=op.f("pk_seller_request_alerts")),
    )
    op.create_table(
        "request_alert_scans",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("scanned_at", UTCDateTime(), nullable=False),
        sa.Column("sellers_notified", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["buyer_requests.id"],
            name=op.f("fk_request_alert_scans_request_id_buyer_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("request_id", name=op.f("pk_request_alert_scans")),
    )
    _replace_kinds(_KINDS, _KINDS + _NEW_KINDS)


def downgrade() -> None:
    op.execute(
        sa.text("DELETE FROM notifications WHERE kind IN :kinds").bindparams(
            sa.bindparam("kinds", _NEW_KINDS, expanding=True)
        )
    )
    _replace_kinds(_KINDS + _NEW_KINDS, _KINDS)
    op.drop_table("request_alert_scans")
    op.drop_table("seller_request_alerts")
    with op.batch_alter_table("saved_search_matches") as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_search_matches_notified_at"))
    op.drop_table("saved_search_matches")
    with op.batch_alter_table("saved_searches") as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_searches_user_id"))
    op.drop_table("saved_searches")
    with op.batch_alter_table("merchandising_rules") as batch_op:
        batch_op.drop_index(batch_op.f("ix_merchandising_rules_ends_at"))
    op.drop_table("merchandising_rules")
