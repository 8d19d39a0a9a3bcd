"""Migration 0008 on a database that already holds orders: orders may come from request
offers afterwards, and the orders with deliveries (rows that refer to them) survive."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from marketplace_core.db import make_engine
from marketplace_core.migrate import alembic_config

T = "'2026-03-02 09:00:00'"


def _order(order_id: int, kind: str) -> str:
    return (
        "INSERT INTO orders (id, buyer_id, seller_id, seller_user_id, source_kind, source_id, "
        "title, price_cents, delivery_days, status, idempotency_key, created_at, updated_at, "
        f"extension_days, version) VALUES ({order_id}, 1, 1, 2, '{kind}', 1, 'Un logo', 500, "
        f"1, 'incomplete', 'k{order_id}', {T}, {T}, 0, 1)"
    )


def test_0008_lets_orders_come_from_request_offers_and_keeps_existing_orders(
    empty_db_url: str,
) -> None:
    engine = make_engine(empty_db_url)
    config = alembic_config(empty_db_url)
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0007")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO users (id, email, password_hash, role, created_at, updated_at) "
                    f"VALUES (1, 'paul@exemple.fr', 'x', 'user', {T}, {T}), "
                    f"(2, 'claire@exemple.fr', 'x', 'user', {T}, {T})"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO sellers (id, username, display_name, description, level, "
                    "country, timezone, rating_average, rating_count, completed_orders, "
                    "accepts_quotes, created_at, updated_at, search_online, version, user_id) "
                    "VALUES (1, 'claire_design', 'Claire', '', 'new', 'FR', 'Europe/Paris', 0, "
                    f"0, 0, false, {T}, {T}, false, 1, 2)"
                )
            )
            conn.execute(text(_order(1, "package")))
            conn.execute(
                text(
                    "INSERT INTO order_deliveries (id, order_id, number, message, attachments, "
                    f"created_at) VALUES (1, 1, 1, 'Voici le logo', '[]', {T})"
                )
            )
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "heads")
        with engine.begin() as conn:
            conn.execute(text(_order(2, "request_offer")))
            assert conn.execute(text("SELECT count(*) FROM order_deliveries")).scalar_one() == 1
            kinds = conn.execute(text("SELECT source_kind FROM orders ORDER BY id")).scalars()
            assert list(kinds) == ["package", "request_offer"]
        with engine.begin() as conn, pytest.raises(IntegrityError):
            conn.execute(text(_order(3, "bogus")))
    finally:
        engine.dispose()
